"""Reading a small table (a roster, attendance marks) from a CSV or XLSX file, as numbered rows.

One job: turn a file into (line number, {header: text}) rows under its header
row, blank rows dropped, headers mapped to canonical names through an alias
table (so a Chinese header reads like its English one). Checking the values is
the caller's. Every problem is :class:`TableError` with one line per problem.
openpyxl is imported only when an .xlsx file is read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from companion.core.files import NotAFileError, TooLargeError, read_regular_file
from companion.i18n import _

Row = dict[str, str]
MAX_TABLE_BYTES = 5 * 1024 * 1024  # a roster of a few hundred people is some kilobytes


class TableError(Exception):
    """A file that cannot be taken in: ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_table(path: Path, aliases: Mapping[str, str], required: Iterable[str]) -> list[tuple[int, Row]]:
    """The rows of ``path`` (.csv, or .xlsx's first sheet), keyed by canonical column name.

    ``aliases`` maps each accepted header (case and spaces ignored) to its
    canonical name; a column whose header is not known is ignored. A missing
    required column is one problem for the whole file.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raw = list(_xlsx_rows(path))
    else:
        raw = list(_csv_rows(path))
    if not raw:
        raise TableError([_("The file is empty: it needs a header row and one row per line.")])
    header_number, header = raw[0]
    known = {_key(name): canonical for name, canonical in aliases.items()}
    columns = [known.get(_key(name)) for name in header]
    missing = [name for name in required if name not in columns]
    if missing:
        raise TableError(
            [
                _("line {line}: the header lacks the column {names}").format(
                    line=header_number, names=", ".join(missing)
                )
            ]
        )
    rows: list[tuple[int, Row]] = []
    for number, values in raw[1:]:
        row = {column: value for column, value in zip(columns, values, strict=False) if column}
        if any(row.values()):
            rows.append((number, row))
    return rows


def _key(header: str) -> str:
    return "".join(header.split()).casefold()


def _file_bytes(path: Path) -> bytes:
    """The bytes of a regular file of a sensible size; a pipe or a device never blocks us."""
    try:
        return read_regular_file(path, MAX_TABLE_BYTES)
    except FileNotFoundError:
        raise TableError([_("No such file: {name}").format(name=path.name)]) from None
    except NotAFileError:
        raise TableError([_("{name} is not a file.").format(name=path.name)]) from None
    except TooLargeError:
        raise TableError([_("The file is too large for a roster or attendance list.")]) from None
    except OSError as exc:
        raise TableError([f"{exc.strerror or exc}: {path.name}"]) from None


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    data = _file_bytes(path)
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark before UTF-8 CSV
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # a CSV saved by a Chinese-language Excel
        except UnicodeDecodeError:
            raise TableError([_("The file is neither UTF-8 nor GB18030 text.")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for values in reader:
            yield reader.line_num, [value.strip() for value in values]
    except csv.Error as exc:
        raise TableError([_("line {line}: {reason}").format(line=reader.line_num, reason=exc)]) from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # heavy: loaded only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    data = _file_bytes(path)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise TableError([_("This is not an .xlsx workbook ({reason}).").format(reason=exc)]) from None
    try:
        sheet = book.worksheets[0]
        rows = [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    yield from ((number, row) for number, row in enumerate(rows, 1))


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return "" if cell is None else str(cell).strip()

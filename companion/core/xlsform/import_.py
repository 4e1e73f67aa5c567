"""Reading an XLSForm back into a screening tool (layout in ``layout``).

Indicators come from the survey's ``select_one`` questions (ID from the name, grade from the
``grade`` column, guidance from the hint), dimensions from its groups; the rules and the texts
a phone does not show come from the hidden ``companion`` sheet. Notes, calculations and the
age and act questions are what the export computes from the rules, so they are skipped, not
read. Every row that cannot be used is one problem naming its sheet and row, and the result is
validated by the same model as a pack's tool, so an import gives a tool or a list of problems.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from companion.core.content import cross_check
from companion.core.model import INDICATOR_ID, ScreeningTool
from companion.core.xlsform import layout as lay

Cells = dict[str, str]
_DIMENSION_ID = re.compile(r"^[A-Z][A-Z0-9-]{0,15}$")
_GRADES = ("strong", "medium", "weak")
_SKIPPED = {"note", "calculate"}
_REQUIRED = (lay.SURVEY, lay.CHOICES, lay.SETTINGS, lay.META)
_META_TEXT_KEYS = {"title", "purpose", "source", "caveat", "to_verify", "child_policy", "age_note"}
_META_KEYS = _META_TEXT_KEYS | {
    "format",
    "style",
    "reference",
    "indicator_note",
    "rule_dimension",
    "rule_group",
    "rule_overall",
    "rule_child",
    "label",
}


class XlsformError(ValueError):
    """A form that does not give a tool; ``problems`` holds one line for each thing wrong."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def read_xlsform(path: Path) -> ScreeningTool:
    """The tool ``path`` describes, or :class:`XlsformError` listing every unusable row."""
    sheets = _read_sheets(path)
    problems = [f"sheet {name!r} is missing" for name in _REQUIRED if name not in sheets]
    if problems:
        raise XlsformError(problems)
    data: dict[str, Any] = {}
    data.update(_settings(sheets[lay.SETTINGS], problems))
    data.update(_meta(sheets[lay.META], problems))
    notes = data.pop("_notes", {})
    data["dimensions"] = _dimensions(sheets[lay.SURVEY], notes, problems)
    problems += [f"sheet {lay.META!r}: indicator_note for {i!r}, which no question has" for i in notes]
    if problems:
        raise XlsformError(problems)
    try:
        tool = ScreeningTool.model_validate(data)
    except ValidationError as exc:
        raise XlsformError([_validation_line(error) for error in exc.errors()]) from None
    rule_problems = cross_check([tool])
    if rule_problems:
        raise XlsformError([f"sheet {lay.META!r}: {p.field}: {p.message}" for p in rule_problems])
    return tool


def _read_sheets(path: Path) -> dict[str, list[tuple[int, Cells]]]:
    """Every sheet as (row number, {column: text}) rows under its header row; blank rows dropped."""
    from openpyxl import load_workbook  # heavy: loaded only when a form is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise XlsformError(["no such file"]) from None
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise XlsformError([f"not an .xlsx workbook ({exc})"]) from None
    try:
        return {sheet.title: list(_rows(sheet.iter_rows(values_only=True))) for sheet in book.worksheets}
    finally:
        book.close()


def _rows(values: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, Cells]]:
    header = [_text(cell) for cell in next(values, ())]
    for number, row in enumerate(values, 2):
        cells = {column: _text(cell) for column, cell in zip(header, row, strict=False) if column}
        if any(cells.values()):
            yield number, cells


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)  # a spreadsheet may turn a typed version "2000" into 2000.0
    return "" if cell is None else str(cell).strip()


def _bilingual(cells: Cells, columns: tuple[str, ...]) -> dict[str, str] | None:
    text = {code: cells.get(column, "") for (code, _), column in zip(lay.LANGUAGES, columns, strict=True)}
    text = {code: value for code, value in text.items() if value}
    return text or None


def _settings(rows: list[tuple[int, Cells]], problems: list[str]) -> dict[str, Any]:
    if not rows:
        problems.append(f"sheet {lay.SETTINGS!r}: no row under the header (form_id and version are needed)")
        return {}
    number, cells = rows[0]
    found = {"id": cells.get("form_id", ""), "version": cells.get("version", "")}
    for field, column in (("id", "form_id"), ("version", "version")):
        if not found[field]:
            problems.append(f"sheet {lay.SETTINGS!r}, row {number}: {column} is empty")
    return found


def _meta(rows: list[tuple[int, Cells]], problems: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"sources": [], "caveats": [], "to_verify": [], "_notes": {}}
    scoring: dict[str, Any] = {"groups": {}, "labels": []}
    for number, cells in rows:
        key, name, value = cells.get("key", ""), cells.get("name", ""), cells.get("value", "")
        text = _bilingual(cells, lay.META_TEXTS)
        where = f"sheet {lay.META!r}, row {number}"
        if key not in _META_KEYS:
            problems.append(f"{where}: unknown key {key!r}")
        elif key in _META_TEXT_KEYS and text is None:
            problems.append(f"{where}: {key} has no text in either language")
        elif key == "format" and value != lay.META_FORMAT:
            problems.append(f"{where}: format {value!r} is not {lay.META_FORMAT!r}")
        elif key in ("style",):
            data["style"] = value
        elif key in ("title", "purpose", "source"):
            data[key] = text
        elif key in ("caveat", "to_verify"):
            data["caveats" if key == "caveat" else key].append(text)
        elif key == "reference":
            data["sources"].append({"citation": value, **({"note": text} if text else {})})
        elif key == "indicator_note":
            data["_notes"][name] = text
        elif key == "rule_group":
            scoring["groups"][name] = value
        elif key == "label" and name not in ("", lay.AGE_NOTE):
            problems.append(f"{where}: label name {name!r} is neither empty nor {lay.AGE_NOTE!r}")
        elif key == "label":
            scoring["labels"].append({"when": value, "text": text, **({"age_note": True} if name else {})})
        elif key in ("child_policy", "age_note"):
            scoring[key] = text
        elif key.startswith("rule_"):
            scoring[key.removeprefix("rule_")] = value
    if "dimension" in scoring or "overall" in scoring:
        data["scoring"] = scoring
    return data


def _dimensions(rows: list[tuple[int, Cells]], notes: dict[str, Any], problems: list[str]) -> list[Any]:
    dimensions: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, cells in rows:
        where = f"sheet {lay.SURVEY!r}, row {number}"
        kind, name = cells.get("type", "").lower().split(), cells.get("name", "")
        # XLSForm writes groups as "begin_group" or "begin group"; the first word says the rest.
        head = "_".join(kind[:2]) if kind[:1] in (["begin"], ["end"]) else (kind or [""])[0]
        if head in _SKIPPED or (head == "integer" and name == lay.AGE):
            if head == "note" and current is not None and name == f"about_{current['id']}":
                current["description"] = _bilingual(cells, lay.LABELS)
        elif head == "select_one" and kind[1:] == [lay.YES_NO_LIST] and name == lay.ACT:
            pass
        elif head == "begin_group":
            if current is not None:
                inside = current["id"]
                problems.append(f"{where}: group {name!r} inside group {inside!r} (groups do not nest)")
            elif not _DIMENSION_ID.match(name):
                problems.append(f"{where}: bad dimension ID {name!r} (a capital, then capitals, digits, '-')")
            current = {"id": name, "title": _bilingual(cells, lay.LABELS), "indicators": []}
            dimensions.append(current)
        elif head == "end_group":
            current = None
        elif head == "select_one" and len(kind) == 2 and kind[1] in lay.INDICATOR_LISTS:
            indicator = _indicator(cells, where, problems)
            if current is None:
                problems.append(f"{where}: question {name!r} is outside any group (a group is a dimension)")
            elif indicator is not None:
                if name in notes:
                    indicator["note"] = notes.pop(name)
                current["indicators"].append(indicator)
        else:
            problems.append(
                f"{where}: unknown question type {cells.get('type', '')!r} for {name!r} "
                f"(expected select_one {lay.ANSWER_LIST}, begin_group, end_group, note or calculate)"
            )
    return dimensions


def _indicator(cells: Cells, where: str, problems: list[str]) -> dict[str, Any] | None:
    name, grade = cells.get("name", ""), cells.get("grade", "").lower()
    if not re.match(INDICATOR_ID, name):
        problems.append(f"{where}: bad indicator ID {name!r} (1 to 4 capitals and 2 digits, e.g. DR01)")
        return None
    if grade and grade not in _GRADES:
        shown = cells.get("grade")
        problems.append(f"{where}: bad grade {shown!r} for {name} (strong, medium, weak or empty)")
        return None
    indicator: dict[str, Any] = {"id": name, "text": _bilingual(cells, lay.LABELS)}
    if grade:
        indicator["grade"] = grade
    guidance = _bilingual(cells, lay.HINTS)
    if guidance is not None:
        indicator["guidance"] = guidance
    return indicator


def _validation_line(error: Any) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "tool"
    return f"the tool does not validate: {field}: {error['msg']}"

"""Merged results as a table (CSV or XLSX) for a report: participant codes only, never names.

One row per participant, form and attempt: where it came from, the number correct and scored,
then the choice given to every question (blank when left blank or not on that form).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from companion.core.assess.results import StoredResult
from companion.core.assess.scores import Key, participant_scores
from companion.core.files import write_atomically

FORMATS = ("csv", "xlsx")


def table(results: Sequence[StoredResult], key: Key, questions: Sequence[str]) -> list[list[str | int]]:
    """The header and one row per result; ``questions`` gives the question columns, in order."""
    header: list[str | int] = ["participant", "form", "attempt", "source", "received_at", "correct", "scored"]
    rows: list[list[str | int]] = [header + list(questions)]
    for stored in results:
        result = stored.result
        (score,) = participant_scores([result], key)
        mark = score.pre if result.attempt == "pre" else score.post
        row: list[str | int] = [result.participant, result.form, result.attempt, stored.origin]
        row += [stored.received_at, mark.correct if mark else 0, mark.total if mark else 0]
        row += [result.answers.get(q) or "" for q in questions]
        rows.append(row)
    return rows


def write_table(rows: list[list[str | int]], out: Path, fmt: str) -> Path:
    """Write ``rows`` to ``out`` atomically as CSV (UTF-8 with BOM, for spreadsheets) or XLSX."""
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        return write_atomically(out, ("\ufeff" + text.getvalue()).encode("utf-8"))
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt!r}: use csv or xlsx")
    from openpyxl import Workbook  # heavy: loaded only when a workbook is written

    book = Workbook(write_only=True)
    sheet = book.create_sheet("results")
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return write_atomically(out, data.getvalue())

"""Paper answer sheets for both surfaces: printing them, reading scans, merging what was read.

Thin over :mod:`companion.core.assess.sheets` and :mod:`companion.core.assess.scan`:
it supplies the current workshop's forms and roster and turns each page read
into a result (source "scan") for the merge in :mod:`companion.app.assess`, or, for an
anonymous evaluation sheet, into an evaluation response (origin "scan", its sheet ID as the
response id) for :mod:`companion.app.evaluations`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from companion.app.assess import MergeReport, Result, ResultError, form, forms
from companion.core.assess import sheet_layout as layout
from companion.core.assess.results import now_iso, roster_codes
from companion.core.assess.scan import ScanError, ScannedPage, read_files
from companion.core.assess.sheets import SheetForm, write_sheets

if TYPE_CHECKING:
    from companion.app.workshop import Workshop

__all__ = ["ScanError", "ScannedPage", "merge_pages", "print_sheets", "read_scans"]


def _workshop_id(workshop: Workshop) -> str:
    chosen = workshop.current_pack_id()
    if chosen is None:
        raise ResultError("no workshop is installed")
    return chosen


def participant_codes(workshop: Workshop, wanted: str) -> list[str]:
    """``all`` (the roster's codes, which needs a roster) or codes given as ``P001,P002``."""
    if wanted.strip().lower() == "all":
        roster = roster_codes(workshop.store)
        if not roster:
            raise ResultError(
                "--participants all needs a roster: import one first, or give codes (P001,P002)"
            )
        return sorted(roster)
    codes = [code.strip() for code in wanted.split(",") if code.strip()]
    if not codes:
        raise ResultError("no participant codes given")
    return codes


def print_sheets(
    workshop: Workshop,
    form_id: str,
    out_dir: Path,
    participants: Sequence[str],
    specimen: Mapping[str, Mapping[str, str | None]] | None = None,
) -> list[Path]:
    """One answer sheet per participant for ``form_id`` in ``out_dir``."""
    found = form(workshop, form_id)
    for code, marks in (specimen or {}).items():
        for question, letters in marks.items():
            choices = next((q.choices for q in found.questions if q.id == question), None)
            if choices is None:
                raise ResultError(f"specimen: {code}: {question} is not a question of {form_id}")
            if letters is not None and any(letter not in {c.id for c in choices} for letter in letters):
                raise ResultError(f"specimen: {code}: {question}: {letters!r} is not one of its choices")
    sheet = SheetForm(
        found.form.id,
        found.form.title.en or "",
        found.form.title.zh_hans or "",
        tuple((q.id, len(q.choices)) for q in found.questions),
    )
    try:
        return write_sheets(out_dir, _workshop_id(workshop), sheet, participants, specimen)
    except ValueError as exc:
        raise ResultError(str(exc)) from None
    except OSError as exc:
        raise ResultError(f"{out_dir}: cannot write the sheets ({exc.strerror or exc})") from None


def print_evaluation_sheets(
    workshop: Workshop,
    form_id: str,
    out_dir: Path,
    count: int,
    specimen: Sequence[Mapping[str, str | None]] = (),
) -> list[Path]:
    """``count`` anonymous evaluation sheets for ``form_id``, each with a new sheet ID.

    ``specimen[i]`` marks sheet i: ``{ROW_ID: "1".."5"}``.
    """
    from companion.app.evaluations import evaluation_form
    from companion.core.assess.evaluations import rating_rows, row_labels
    from companion.core.assess.sheets import write_evaluation_sheets
    from companion.core.model import AgendaItem

    found = evaluation_form(workshop, form_id)
    rows = rating_rows(found)
    for n, marks in enumerate(specimen, start=1):
        for row, value in marks.items():
            if row not in rows:
                raise ResultError(f"specimen: sheet {n}: {row} is not a rating row of {form_id}")
            if value is not None and value not in layout.SCALE:
                raise ResultError(f"specimen: sheet {n}: {row}: {value!r} is not a rating 1-5")
    titles = {
        item.id: (item.title.en or "", item.title.zh_hans or "")
        for item in workshop.items("agenda-item")
        if isinstance(item, AgendaItem)
    }
    sheet = SheetForm(
        found.id,
        found.title.en or "",
        found.title.zh_hans or "",
        tuple((row, len(layout.SCALE)) for row in rows),
        tuple(row_labels(found, titles)),
    )
    try:
        return write_evaluation_sheets(out_dir, sheet, count, specimen)
    except ValueError as exc:
        raise ResultError(str(exc)) from None
    except OSError as exc:
        raise ResultError(f"{out_dir}: cannot write the sheets ({exc.strerror or exc})") from None


def is_evaluation_form(workshop: Workshop, form_id: str) -> bool:
    from companion.app.evaluations import evaluation_forms

    return any(f.id == form_id for f in evaluation_forms(workshop))


def read_scans(workshop: Workshop, paths: Sequence[Path]) -> list[ScannedPage]:
    """Every page of the scans, read against the current workshop's forms (evaluation forms too)."""
    from companion.app.evaluations import evaluation_forms
    from companion.core.assess.evaluations import rating_rows

    choices = {f.form.id: [(q.id, len(q.choices)) for q in f.questions] for f in forms(workshop)}
    for evaluation in evaluation_forms(workshop):
        choices[evaluation.id] = [(row, len(layout.SCALE)) for row in rating_rows(evaluation)]
    return read_files(paths, choices)


def merge_pages(workshop: Workshop, pages: Sequence[ScannedPage], attempt: str) -> MergeReport:
    """The readable pages as results with source "scan", merged into the store.

    A flagged question is stored as blank until the facilitator decides it; pages with a problem
    are left out (the caller reports them).
    """
    from companion.app.assess import checked as checked_results
    from companion.app.evaluations import Response
    from companion.app.evaluations import checked as checked_responses
    from companion.core.assess.evaluations import merge_all

    workshop_id = _workshop_id(workshop)
    results = [
        Result(workshop_id, page.participant, page.form, attempt, dict(page.answers), "scan", _taken_at(page))
        for page in pages
        if page.problem is None and page.participant and page.form
    ]
    # An evaluation sheet names nobody: its sheet ID is the response id; its answers are ratings.
    responses = [
        Response(
            workshop_id,
            page.form,
            page.sheet,
            {row: None if value is None else int(value) for row, value in page.answers.items()},
            {},
            _taken_at(page),
            "scan",
        )
        for page in pages
        if page.problem is None and page.participant is None and page.form and page.sheet
    ]
    # Answer sheets and evaluation sheets of one pile of scans: merged together, or not at all.
    report, evaluations = merge_all(
        workshop.store, checked_results(workshop, results), checked_responses(workshop, responses)
    )
    return MergeReport(
        report.added + evaluations.added,
        report.unchanged + evaluations.unchanged,
        report.conflicts + evaluations.conflicts,
    )


def _taken_at(page: ScannedPage) -> str:
    """The scan file's time: reading the same file again gives the same result (nothing merged twice)."""
    from datetime import datetime

    try:
        return datetime.fromtimestamp(Path(page.file).stat().st_mtime, UTC).isoformat(timespec="seconds")
    except OSError:
        return now_iso()

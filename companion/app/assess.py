"""Knowledge checks for both surfaces: the forms, result files, the merge, the export and the scores.

Thin over :mod:`companion.core.assess` (the formats and rules live there): each function takes
the open :class:`~companion.app.workshop.Workshop` and works on its current workshop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from companion.core.assess.checked_json import read_json
from companion.core.assess.results import (
    Expected,
    MergeReport,
    Result,
    ResultError,
    StoredResult,
    check,
    file_name,
    merge,
    now_iso,
    read_result,
    roster_codes,
    stored_results,
    write_result,
)
from companion.core.assess.results import conflicts as stored_conflicts

if TYPE_CHECKING:
    from companion.app.workshop import Workshop
    from companion.core.assess.results import Conflict as Conflict
    from companion.core.assess.scores import Key
    from companion.core.assess.scores import PrePost as PrePost
    from companion.core.assess.scores import QuestionStats as QuestionStats
    from companion.core.assess.scores import Score as Score
    from companion.core.model import AssessmentForm, Question

RESULTS_FOLDER_SETTING = "results_folder"

__all__ = ["MergeReport", "Result", "ResultError", "StoredResult"]


class Form(NamedTuple):
    """A knowledge check and its questions, in order (the facilitator edition: keys included)."""

    form: AssessmentForm
    questions: list[Question]


def forms(workshop: Workshop) -> list[Form]:
    """The current workshop's knowledge checks, each with its questions in the order asked."""
    from companion.core.model import AssessmentForm, Question

    questions = {q.id: q for q in workshop.items("question") if isinstance(q, Question)}
    return [
        Form(form, [questions[q] for q in form.questions if q in questions])
        for form in workshop.items("assessment-form")
        if isinstance(form, AssessmentForm)
    ]


def form(workshop: Workshop, form_id: str) -> Form:
    for found in forms(workshop):
        if found.form.id == form_id:
            return found
    known = ", ".join(f.form.id for f in forms(workshop)) or "none"
    raise ResultError(f"no knowledge check with id {form_id!r} (this workshop has: {known})")


def objective(question: Question) -> str:
    """A learning objective's name: its agenda session and its number there, ``ag-05/2``."""
    return f"{question.session}/{question.objective}"


def forms_json(workshop: Workshop) -> list[dict[str, Any]]:
    """``assess forms --json``: id, title, the objectives checked, the questions and their choices."""
    listed = []
    for found in forms(workshop):
        objectives = sorted({objective(q) for q in found.questions})
        listed.append(
            {
                "id": found.form.id,
                "title": {"en": found.form.title.en, "zh-Hans": found.form.title.zh_hans},
                "objectives": objectives,
                "questions": [
                    {"id": q.id, "objective": objective(q), "choices": [c.id for c in q.choices]}
                    for q in found.questions
                ],
            }
        )
    return listed


def _workshop_id(workshop: Workshop) -> str:
    chosen = workshop.current_pack_id()
    if chosen is None:
        raise ResultError("no workshop is installed")
    return chosen


def expected(workshop: Workshop) -> Expected:
    """What a result must fit: the current workshop, its forms' questions and choices, the roster."""
    shapes = {f.form.id: {q.id: [c.id for c in q.choices] for q in f.questions} for f in forms(workshop)}
    return Expected(_workshop_id(workshop), shapes, roster_codes(workshop.store))


def answer(
    workshop: Workshop,
    form_id: str,
    participant: str,
    answers: Mapping[str, str | None],
    out: Path,
    attempt: str = "pre",
    source: str = "keyboard",
) -> Result:
    """Check ``answers`` against the form and write them as a result file to ``out``.

    A question of the form left out of ``answers`` is left blank (null).
    """
    found = form(workshop, form_id)
    full: dict[str, str | None] = {q.id: None for q in found.questions}
    full |= dict(answers)
    result = Result(_workshop_id(workshop), participant, form_id, attempt, full, source, now_iso())
    check(result, expected(workshop))
    write_result(out, result)
    return result


def read_answers(path: Path) -> dict[str, str | None]:
    """An answers file ``{QUESTION_ID: "B" or null}`` (for ``assess answer``), or one line."""
    data = read_json(path, ResultError, f"{path.name}: not a JSON object of answers")
    if not isinstance(data, dict) or not all(v is None or isinstance(v, str) for v in data.values()):
        raise ResultError(f'{path.name}: not a JSON object of answers like {{"q-01": "B"}}')
    return {str(k): v for k, v in data.items()}


def read_specimen(path: Path) -> dict[str, dict[str, str | None]]:
    """A specimen file ``{"P001": {QUESTION_ID: "B", ...}, ...}`` (for ``assess sheets``), or one line."""
    data = read_json(path, ResultError, f"{path.name}: not JSON")
    ok = isinstance(data, dict) and all(
        isinstance(marks, dict) and all(v is None or isinstance(v, str) for v in marks.values())
        for marks in data.values()
    )
    if not ok:
        raise ResultError(f'{path.name}: not a specimen ({{"P001": {{"q-01": "B", ...}}, ...}})')
    return cast("dict[str, dict[str, str | None]]", data)


def participant_problem(workshop: Workshop, code: str) -> str | None:
    """Why ``code`` cannot take a form here (not a code like P001, not on the roster), or None."""
    import re

    from companion.i18n import _

    if not re.fullmatch(r"P\d{3,4}", code):
        return _("A participant code looks like P001.")
    roster = roster_codes(workshop.store)
    if roster is not None and code not in roster:
        return _("{code} is not on the roster.").format(code=code)
    return None


def new_result(
    workshop: Workshop, form_id: str, participant: str, attempt: str, answers: Mapping[str, str | None]
) -> Result:
    """A result taken on this laptop now."""
    return Result(_workshop_id(workshop), participant, form_id, attempt, dict(answers), "laptop", now_iso())


def results_folder(workshop: Workshop) -> Path:
    """Where a laptop saves result files: the facilitator's chosen folder, else the data folder's results/."""
    chosen = workshop.setting(RESULTS_FOLDER_SETTING)
    return Path(chosen) if chosen else workshop.data_dir / "results"


def save_taken(workshop: Workshop, result: Result) -> Path:
    """Save a form taken on this laptop as a result file in :func:`results_folder`; its path."""
    check(result, expected(workshop))
    folder = results_folder(workshop)
    folder.mkdir(parents=True, exist_ok=True)
    return write_result(folder / file_name(result), result)


def import_files(workshop: Workshop, paths: Iterable[Path]) -> MergeReport:
    """Read, check and merge result files: all or nothing (one bad file: its line, nothing merged)."""
    results, origin = read_result_files(workshop, paths)
    return merge(workshop.store, results, origin)


def read_result_files(workshop: Workshop, paths: Iterable[Path]) -> tuple[list[Result], dict[str, str]]:
    """Every result file read and checked against this workshop (a bad one: its line), and where
    each result came from (``SOURCE (FILE NAME)``, by digest), before anything is merged."""
    wanted = expected(workshop)
    results: list[Result] = []
    origin: dict[str, str] = {}
    for path in paths:
        result = read_result(path)
        try:
            check(result, wanted)
        except ResultError as exc:
            raise ResultError(f"{path.name}: {exc}") from None
        results.append(result)
        origin[result.digest] = f"{result.source} ({path.name})"
    return results, origin


def checked(workshop: Workshop, results: Sequence[Result]) -> Sequence[Result]:
    """Results made on this computer (a scan, the keyboard), each checked against this workshop."""
    wanted = expected(workshop)
    for result in results:
        check(result, wanted)
    return results


def merge_results(workshop: Workshop, results: Sequence[Result]) -> MergeReport:
    """Merge results made on this computer (a scan, the keyboard) after checking each."""
    return merge(workshop.store, checked(workshop, results))


def results(workshop: Workshop) -> list[StoredResult]:
    return stored_results(workshop.store, _workshop_id(workshop))


def conflicts(workshop: Workshop) -> list[Conflict]:
    return stored_conflicts(workshop.store, _workshop_id(workshop))


def key(workshop: Workshop) -> Key:
    """The forms' keys: every question with an answer, in the order of the forms."""
    from companion.core.assess.scores import KeyEntry

    entries: dict[str, KeyEntry] = {}
    for found in forms(workshop):
        for q in found.questions:
            if q.answer is not None:
                entries[q.id] = KeyEntry(q.answer, q.session, q.objective)
    return entries


def export(workshop: Workshop, fmt: str, out: Path) -> int:
    """Write the merged results as CSV or XLSX (codes only); how many results."""
    from companion.core.assess.results_export import table, write_table

    stored = results(workshop)
    questions = list(dict.fromkeys(q.id for f in forms(workshop) for q in f.questions))
    write_table(table(stored, key(workshop), questions), out, fmt)
    return len(stored)


class Scores(NamedTuple):
    participants: list[PrePost]
    objectives: list[PrePost]
    questions: list[QuestionStats]


def scores(workshop: Workshop) -> Scores:
    """Per participant and per objective (pre, post, normalised gain); per question statistics."""
    from companion.core.assess.scores import objective_scores, participant_scores, question_stats

    taken = [s.result for s in results(workshop)]
    keyed = key(workshop)
    return Scores(
        participant_scores(taken, keyed), objective_scores(taken, keyed), question_stats(taken, keyed)
    )


def resolve_conflict(workshop: Workshop, conflict: Conflict, keep_incoming: bool) -> None:
    """Settle ``conflict``: keep the stored answers or make the incoming ones the stored result."""
    from companion.core.assess.resolve import resolve_conflict as resolve

    resolve(workshop.store, _workshop_id(workshop), conflict, "incoming" if keep_incoming else "stored")


def stored_sources(workshop: Workshop) -> dict[tuple[str, str, str], str]:
    """Where each stored result came from, by (participant, form, attempt): shown beside a conflict."""
    return {(s.result.participant, s.result.form, s.result.attempt): s.origin for s in results(workshop)}


def objective_texts(workshop: Workshop, lang: str) -> dict[str, tuple[str, str]]:
    """Each objective (``ag-05/2``) as (session title, objective text) in ``lang``, for labels."""
    from companion.core.model import AgendaItem

    found: dict[str, tuple[str, str]] = {}
    for item in workshop.items("agenda-item"):
        if isinstance(item, AgendaItem):
            title = item.title.resolve(lang)[0]
            for number, text in enumerate(item.objectives, start=1):
                found[f"{item.id}/{number}"] = (title, text.resolve(lang)[0])
    return found


def question_texts(workshop: Workshop, lang: str) -> dict[str, str]:
    """Each question's text in ``lang`` (the facilitator reads it beside its statistics)."""
    return {q.id: q.text.resolve(lang)[0] for f in forms(workshop) for q in f.questions}

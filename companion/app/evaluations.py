"""Evaluation forms for both surfaces: anonymous responses saved, imported, merged and summarised.

Thin over :mod:`companion.core.assess.evaluations` (the format and the rules live there): each
function takes the open :class:`~companion.app.workshop.Workshop` and works on its current
workshop. Responses are anonymous: nothing here asks for or stores a participant code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from companion.app.assess import results_folder
from companion.core.assess.checked_json import read_json
from companion.core.assess.evaluations import (
    EvaluationError,
    EvaluationSummary,
    Response,
    check,
    comment_ids,
    file_name,
    merge_responses,
    rating_rows,
    read_response,
    stored_conflicts,
    stored_responses,
    summarise,
    write_response,
)
from companion.core.assess.evaluations import new_response as new_core_response
from companion.core.assess.results import MergeReport, now_iso

if TYPE_CHECKING:
    from companion.app.workshop import Workshop
    from companion.core.assess.results import Conflict
    from companion.core.model import EvaluationForm

__all__ = [
    "EvaluationError",
    "EvaluationSummary",
    "MergeReport",
    "Response",
    "comment_ids",
    "rating_rows",
]


def evaluation_forms(workshop: Workshop) -> list[EvaluationForm]:
    """The current workshop's evaluation forms."""
    from companion.core.model import EvaluationForm

    return [item for item in workshop.items("evaluation-form") if isinstance(item, EvaluationForm)]


def evaluation_form(workshop: Workshop, form_id: str) -> EvaluationForm:
    """The evaluation form ``form_id``, or one line naming the forms there are."""
    found = evaluation_forms(workshop)
    for form in found:
        if form.id == form_id:
            return form
    known = ", ".join(f.id for f in found) or "none"
    raise EvaluationError(f"no evaluation form with id {form_id!r} (this workshop has: {known})")


def _workshop_id(workshop: Workshop) -> str:
    chosen = workshop.current_pack_id()
    if chosen is None:
        raise EvaluationError("no workshop is installed")
    return chosen


def new_response(workshop: Workshop, form_id: str) -> Response:
    """An empty anonymous response to ``form_id`` on this laptop, with a fresh random id."""
    return new_core_response(_workshop_id(workshop), evaluation_form(workshop, form_id).id)


def _check(workshop: Workshop, response: Response) -> None:
    check(response, evaluation_form(workshop, response.form), _workshop_id(workshop))


def save_taken(workshop: Workshop, response: Response) -> Path:
    """Save a response taken on this laptop in the results folder (where result files go); its path."""
    _check(workshop, response)
    folder = results_folder(workshop)
    folder.mkdir(parents=True, exist_ok=True)
    return write_response(folder / file_name(response), response)


def answer(
    workshop: Workshop,
    form_id: str,
    ratings: Mapping[str, int | None],
    comments: Mapping[str, str],
    out: Path,
    origin: str = "keyboard",
) -> Response:
    """Check the answers against the form and write them as a response file (a new random id)."""
    empty = new_response(workshop, form_id)
    response = Response(
        empty.workshop, empty.form, empty.response, dict(ratings), dict(comments), now_iso(), origin
    )
    _check(workshop, response)
    write_response(out, response)
    return response


def read_answers(path: Path) -> tuple[dict[str, int | None], dict[str, str]]:
    """An answers file ``{"ratings": {ROW: 1..5 or null}, "comments": {ID: TEXT}}``, or one line."""
    example = '{"ratings": {"ag-01/clarity": 4}, "comments": {}}'
    shape = f"{path.name}: not a JSON answers file like {example}"
    data = read_json(path, EvaluationError, shape)
    if not isinstance(data, dict) or set(data) - {"ratings", "comments"}:
        raise EvaluationError(shape)
    ratings, comments = data.get("ratings", {}), data.get("comments", {})
    ok = (
        isinstance(ratings, dict)
        and isinstance(comments, dict)
        and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in ratings.values())
        and all(isinstance(v, str) for v in comments.values())
    )
    if not ok:
        raise EvaluationError(shape)
    return {str(k): v for k, v in ratings.items()}, {str(k): v for k, v in comments.items()}


def read_specimen(path: Path) -> list[dict[str, str | None]]:
    """An evaluation specimen file: one ``{ROW_ID: "1".."5" or null}`` per sheet, in a JSON list."""
    shape = f'{path.name}: not an evaluation specimen ([{{"ag-01/clarity": "4"}}, ...])'
    data = read_json(path, EvaluationError, shape)
    if not isinstance(data, list):
        raise EvaluationError(shape)
    sheets: list[dict[str, str | None]] = []
    for marks in data:
        if not isinstance(marks, dict) or not all(v is None or isinstance(v, str) for v in marks.values()):
            raise EvaluationError(shape)
        sheets.append({str(k): v for k, v in marks.items()})
    return sheets


def read_checked(workshop: Workshop, path: Path) -> Response:
    """The response in ``path``, checked against this workshop's forms, or one line naming the file."""
    response = read_response(path)
    try:
        _check(workshop, response)
    except EvaluationError as exc:
        raise EvaluationError(f"{path.name}: {exc}") from None
    return response


def import_files(workshop: Workshop, paths: Iterable[Path]) -> MergeReport:
    """Read, check and merge response files: all or nothing (one bad file: its line, nothing merged)."""
    responses = [read_checked(workshop, path) for path in paths]
    return merge_responses(workshop.store, responses)


def merge(workshop: Workshop, responses: Iterable[Response]) -> MergeReport:
    """Merge responses made on this computer (a scan, the keyboard) after checking each."""
    return merge_responses(workshop.store, checked(workshop, responses))


def checked(workshop: Workshop, responses: Iterable[Response]) -> list[Response]:
    """Responses made on this computer, each checked against this workshop's forms."""
    found = list(responses)
    for response in found:
        _check(workshop, response)
    return found


def is_response_file(path: Path) -> bool:
    """Whether ``path`` says it is an evaluation response (by its content, else by its name)."""
    from companion.core.assess.checked_json import MAX_BYTES
    from companion.core.assess.evaluations import SUFFIX, looks_like_response
    from companion.core.files import read_regular_file

    try:  # never a plain open(): a named pipe would block the import for ever
        head = read_regular_file(path, MAX_BYTES)[:400]
    except (OSError, ValueError):
        return path.suffix == SUFFIX  # the reader will give the one-line reason
    # A damaged file named like a response is read as one, so its error says "truncated".
    return looks_like_response(head) or (path.suffix == SUFFIX and b"training-companion-result" not in head)


def responses(workshop: Workshop) -> list[Response]:
    """Every merged response of the current workshop, in the order they arrived."""
    return stored_responses(workshop.store, _workshop_id(workshop))


def conflicts(workshop: Workshop) -> list[Conflict]:
    """Kept conflicts: ``participant`` holds the response id, ``attempt`` is empty."""
    return stored_conflicts(workshop.store, _workshop_id(workshop))


def summary(workshop: Workshop, form_id: str) -> EvaluationSummary:
    """Every stored response to ``form_id``, counted."""
    return summarise(evaluation_form(workshop, form_id), responses(workshop))


class Imported(NamedTuple):
    """What ``results import`` merged: knowledge-check results and evaluation responses."""

    results: MergeReport
    evaluations: MergeReport


def import_any(workshop: Workshop, paths: Iterable[Path]) -> Imported:
    """Merge result files and response files, told apart by content.

    Every file is read and checked before anything is merged, so one bad file merges nothing.
    """
    from companion.app.assess import read_result_files
    from companion.core.assess.evaluations import merge_all

    files = list(paths)
    evaluation_files = [p for p in files if is_response_file(p)]
    result_files = [p for p in files if p not in evaluation_files]
    responses = [read_checked(workshop, path) for path in evaluation_files]
    results, origin = read_result_files(workshop, result_files)  # every file checked before any merge
    return Imported(*merge_all(workshop.store, results, responses, origin))


def resolve_conflict(workshop: Workshop, conflict: Conflict, keep_incoming: bool) -> None:
    """Settle an evaluation conflict: keep the stored response or make the incoming one stored."""
    from companion.core.assess.resolve import resolve_evaluation_conflict

    store, workshop_id = workshop.store, _workshop_id(workshop)
    resolve_evaluation_conflict(store, workshop_id, conflict, "incoming" if keep_incoming else "stored")


def stored_origins(workshop: Workshop) -> dict[tuple[str, str], str]:
    """Where each stored response came from, by (response id, form): shown beside a conflict."""
    return {(r.response, r.form): r.origin for r in responses(workshop)}


def row_texts(workshop: Workshop, form_id: str, lang: str) -> dict[str, str]:
    """Each rating row and free-text question of ``form_id`` as one line in ``lang``, for labels.

    A session's row reads "3. Session title: Clarity"; an overall row, its statement.
    """
    from companion.core.assess.evaluations import ASPECT_NAMES
    from companion.core.model import AgendaItem

    found = evaluation_form(workshop, form_id)
    chinese = lang == "zh-Hans"
    titles = {
        item.id: item.title.resolve(lang)[0]
        for item in workshop.items("agenda-item")
        if isinstance(item, AgendaItem)
    }
    texts: dict[str, str] = {}
    for number, session in enumerate(found.sessions, start=1):
        for aspect, names in ASPECT_NAMES.items():
            texts[f"{session}/{aspect}"] = f"{number}. {titles.get(session, session)}: {names[chinese]}"
    for ident, statement in zip(rating_rows(found)[len(found.sessions) * 3 :], found.overall, strict=True):
        texts[ident] = statement.resolve(lang)[0]
    for ident, question in zip(comment_ids(found), found.free_text, strict=True):
        texts[ident] = question.resolve(lang)[0]
    return texts

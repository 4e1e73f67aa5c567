"""Evaluation responses: the participants' feedback on a workshop, recorded, merged and summarised.

An evaluation form (:class:`~companion.core.model.EvaluationForm`) rates every session on
relevance, clarity and usefulness (1-5), rates overall statements (1-5) and asks open questions.
A :class:`Response` is one person's answers. Responses are **anonymous**: no participant code on
a response, on a paper evaluation sheet or in a file name. A response is identified by a response
id: the sheet ID of a paper sheet, or a random id made on the laptop.

A response file (``*.ctevaluation``) is JSON in UTF-8::

    {"format": "training-companion-evaluation", "version": 1, "workshop": ID, "form": FORM_ID,
     "response": RESPONSE_ID, "ratings": {ROW_ID: 1..5 or null}, "comments": {COMMENT_ID: TEXT},
     "saved": ISO, "origin": "laptop"|"scan"|"keyboard", "sha256": HEX}

``sha256`` covers every other field (canonical JSON), so a truncated or edited file is refused
(the format is :mod:`.checked_json`'s, shared with result files).

Merging is keyed by workshop, form and response id: the same answers again change nothing
(a blank rating and a missing one are the same, as are an empty and a missing comment); different
answers for the same id are a conflict kept in ``evaluation_conflicts``, never written over the
stored response. One merge is one transaction.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.assess import checked_json
from companion.core.assess.checked_json import digest_of
from companion.core.assess.results import Conflict, MergeReport, Result, merge_in, now_iso
from companion.core.files import write_atomically

if TYPE_CHECKING:
    from companion.core.model import EvaluationForm
    from companion.core.store.store import Store

ASPECTS = ("relevance", "clarity", "usefulness")
SCALE = (1, 2, 3, 4, 5)
FORMAT = "training-companion-evaluation"
VERSION = 1
SUFFIX = ".ctevaluation"
ORIGINS = ("laptop", "scan", "keyboard")
MAX_COMMENT = 10_000  # characters of one free-text answer
_RESPONSE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{3,63}")
_PARTICIPANT_CODE = re.compile(r"P\d{3,4}")


class EvaluationError(ValueError):
    """An evaluation response that cannot be read or merged, in one line; nothing was stored."""


KIND = checked_json.Kind(
    FORMAT, VERSION, SUFFIX, "evaluation response", "an evaluation response", EvaluationError
)


def rating_rows(form: EvaluationForm) -> list[str]:
    """Row ids in sheet order: every session's three aspects, then ``overall/1``..``overall/N``."""
    rows = [f"{session}/{aspect}" for session in form.sessions for aspect in ASPECTS]
    rows += [f"overall/{n}" for n in range(1, len(form.overall) + 1)]
    return rows


def comment_ids(form: EvaluationForm) -> list[str]:
    """The free-text questions' ids: ``free/1``..``free/N``."""
    return [f"free/{n}" for n in range(1, len(form.free_text) + 1)]


ASPECT_NAMES = {
    "relevance": ("Relevance", "相关性"),
    "clarity": ("Clarity", "清晰度"),
    "usefulness": ("Usefulness", "实用性"),
}


def row_labels(form: EvaluationForm, titles: Mapping[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Two short bilingual lines per rating row for a paper sheet: what is rated, then about what.

    ``titles`` maps a session id to its (English, Chinese) title; a session's number is its place
    in the form.
    """
    labels = []
    for number, session in enumerate(form.sessions, start=1):
        en, zh = titles.get(session, (session, ""))
        for aspect in ASPECTS:
            aspect_en, aspect_zh = ASPECT_NAMES[aspect]
            # Chinese first: it is short, so both languages show before a long title is cut.
            labels.append((f"{number}. {aspect_en} {aspect_zh}", f"{zh} {en}".strip()))
    for number, statement in enumerate(form.overall, start=1):
        labels.append(
            (f"Overall {number} 总体 {number}", f"{statement.zh_hans or ''} {statement.en or ''}".strip())
        )
    return labels


@dataclass(frozen=True)
class Response:
    """One anonymous person's answers to one evaluation form."""

    workshop: str  # pack id
    form: str  # evaluation form id
    response: str  # response id (sheet ID or random); never a participant code
    ratings: Mapping[str, int | None]  # row id -> 1..5, None when left blank
    comments: Mapping[str, str]  # comment id -> text (empty/missing = none)
    saved: str  # ISO time
    origin: str = ""  # "laptop", "scan", "keyboard"

    def fields(self) -> dict[str, object]:
        """Every field the file holds and the digest covers."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "workshop": self.workshop,
            "form": self.form,
            "response": self.response,
            "ratings": dict(self.ratings),
            "comments": dict(self.comments),
            "saved": self.saved,
            "origin": self.origin,
        }


def new_response(workshop: str, form: str) -> Response:
    """An empty response with a fresh random id, saved now (the laptop fills it in)."""
    # "E-" then 10 base32 characters: random, so it cannot be traced to a person or a seat.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    ident = "E-" + "".join(secrets.choice(alphabet) for _ in range(10))
    return Response(workshop, form, ident, {}, {}, now_iso(), "laptop")


def file_name(response: Response) -> str:
    """A file name for ``response``: the form and the response id only (no participant, no name)."""
    return f"{response.form}-{response.response}{SUFFIX}"


def response_bytes(response: Response) -> bytes:
    return checked_json.file_bytes(response.fields())


def write_response(path: Path, response: Response) -> Path:
    """Write ``response`` to ``path`` atomically (a reader sees the old file or the whole new one)."""
    _check_shape(response)
    return write_atomically(path, response_bytes(response))


def looks_like_response(raw: bytes) -> bool:
    """Whether the bytes of a file say they are an evaluation response (to route an import)."""
    return checked_json.names_itself(raw, KIND)


def read_response(path: Path) -> Response:
    """The response ``path`` holds, or :class:`EvaluationError` in one line naming the file."""
    return parse_response(checked_json.read_bytes(path, KIND), path.name, path.suffix == SUFFIX)


def parse_response(raw: bytes, name: str, named_as_one: bool = False) -> Response:
    """The response in ``raw`` (the bytes of a file called ``name``), or one line."""
    data = checked_json.load(raw, name, KIND, named_as_one)
    try:
        response = Response(
            workshop=_text(data, "workshop"),
            form=_text(data, "form"),
            response=_text(data, "response"),
            ratings=_ratings(data.get("ratings")),
            comments=_comments(data.get("comments")),
            saved=_text(data, "saved"),
            origin=_text(data, "origin"),
        )
        _check_shape(response)
    except EvaluationError as exc:
        raise EvaluationError(f"{name}: {exc}") from None
    return response


def _text(data: Mapping[str, object], key: str) -> str:
    return checked_json.text_field(data, key, EvaluationError)


def _ratings(value: object) -> dict[str, int | None]:
    if not isinstance(value, dict):
        raise EvaluationError("field 'ratings' is not a set of ratings")
    ratings: dict[str, int | None] = {}
    for row, rating in value.items():
        # bool is an int in Python; true is not a rating
        if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int)):
            raise EvaluationError(f"rating of {row} is not a number 1-5")
        ratings[str(row)] = rating
    return ratings


def _comments(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(text, str) for text in value.values()):
        raise EvaluationError("field 'comments' is not a set of texts")
    return {str(k): v for k, v in value.items()}


def _check_shape(response: Response) -> None:
    if not _RESPONSE_ID.fullmatch(response.response):
        raise EvaluationError(f"response id {response.response!r} is not 4-64 letters, digits or dashes")
    if _PARTICIPANT_CODE.fullmatch(response.response):
        # Anonymity: a participant code must never identify a response.
        raise EvaluationError(f"response id {response.response!r} looks like a participant code")
    if response.origin not in ORIGINS:
        raise EvaluationError(f"origin {response.origin!r} is not one of {', '.join(ORIGINS)}")
    for row, rating in response.ratings.items():
        if rating is not None and rating not in SCALE:
            raise EvaluationError(f"rating {rating!r} of {row} is not 1-5")
    for comment, text in response.comments.items():
        if len(text) > MAX_COMMENT:
            raise EvaluationError(f"answer to {comment} is longer than {MAX_COMMENT} characters")


def check(response: Response, form: EvaluationForm, workshop: str) -> None:
    """Refuse ``response`` in one line when it is not for ``workshop``'s ``form`` or answers rows it lacks."""
    if response.workshop != workshop:
        raise EvaluationError(f"the response is from another workshop ({response.workshop}), not {workshop}")
    if response.form != form.id:
        raise EvaluationError(f"the response is for form {response.form}, not {form.id}")
    _check_shape(response)
    rows, comments = set(rating_rows(form)), set(comment_ids(form))
    for row in response.ratings:
        if row not in rows:
            raise EvaluationError(f"{row} is not a rating row of form {form.id}")
    for comment in response.comments:
        if comment not in comments:
            raise EvaluationError(f"{comment} is not a question of form {form.id}")


def _content(response: Response) -> tuple[dict[str, int], dict[str, str]]:
    """What a response says, blanks dropped: two responses saying the same compare equal."""
    ratings = {row: n for row, n in response.ratings.items() if n is not None}
    comments = {k: text for k, text in response.comments.items() if text.strip()}
    return ratings, comments


def _content_json(response: Response) -> tuple[str, str, str]:
    ratings, comments = _content(response)
    as_json = json.dumps(ratings, sort_keys=True), json.dumps(comments, sort_keys=True, ensure_ascii=False)
    return *as_json, digest_of({"ratings": ratings, "comments": comments})


def merge_responses(store: Store, responses: Iterable[Response]) -> MergeReport:
    """Merge ``responses`` in one transaction: what was added, unchanged, in conflict (never overwritten).

    A conflict is reported as a :class:`~companion.core.assess.results.Conflict` whose participant
    is the response id and whose attempt is empty; ``stored`` and ``incoming`` map row and comment
    ids to their answers (ratings as text).
    """
    with store.transaction() as conn:
        return merge_responses_in(conn, responses)


def merge_responses_in(conn: sqlite3.Connection, responses: Iterable[Response]) -> MergeReport:
    """:func:`merge_responses` inside a transaction the caller holds."""
    added = unchanged = 0
    conflicts: list[Conflict] = []
    received = now_iso()
    for response in responses:
        _check_shape(response)
        key = (response.workshop, response.form, response.response)
        ratings, comments, digest = _content_json(response)
        row = conn.execute(
            "SELECT ratings, comments FROM evaluation_responses WHERE workshop_id = ? AND form_id = ? "
            "AND response_id = ?",
            key,
        ).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO evaluation_responses (workshop_id, form_id, response_id, ratings, comments, "
                "origin, digest, saved, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, ratings, comments, response.origin, digest, response.saved, received),
            )
            added += 1
            continue
        if (row[0], row[1]) == (ratings, comments):
            unchanged += 1
            continue
        conflicts.append(
            Conflict(
                response.response,
                response.form,
                "",
                _flat(json.loads(row[0]), json.loads(row[1])),
                _flat(json.loads(ratings), json.loads(comments)),
                response.origin,
            )
        )
        try:
            conn.execute(
                "INSERT INTO evaluation_conflicts (workshop_id, form_id, response_id, ratings, comments, "
                "origin, digest, saved, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, ratings, comments, response.origin, digest, response.saved, received),
            )
        except sqlite3.IntegrityError:
            pass  # this very answer set was reported before: still a conflict, not a second row
    return MergeReport(added, unchanged, conflicts)


def merge_all(
    store: Store,
    results: Iterable[Result],
    responses: Iterable[Response],
    origin: Mapping[str, str] | None = None,
) -> tuple[MergeReport, MergeReport]:
    """Results and responses of one import (a USB stick's files, a pile of scans) in one transaction:
    all of them are merged, or none."""
    with store.transaction() as conn:
        return merge_in(conn, results, origin), merge_responses_in(conn, responses)


def _flat(ratings: Mapping[str, int], comments: Mapping[str, str]) -> dict[str, str | None]:
    flat: dict[str, str | None] = {row: str(n) for row, n in ratings.items()}
    return flat | dict(comments)


def stored_responses(store: Store, workshop: str) -> list[Response]:
    """Every merged response of ``workshop``, in the order they arrived (blanks left out)."""
    rows = store.conn.execute(
        "SELECT form_id, response_id, ratings, comments, saved, origin FROM evaluation_responses "
        "WHERE workshop_id = ? ORDER BY received_at, rowid",
        (workshop,),
    )
    return [
        Response(workshop, form, ident, json.loads(ratings), json.loads(comments), saved, origin)
        for form, ident, ratings, comments, saved, origin in rows
    ]


def stored_conflicts(store: Store, workshop: str) -> list[Conflict]:
    """Every kept conflict of ``workshop`` that still differs from the stored response."""
    rows = store.conn.execute(
        "SELECT c.response_id, c.form_id, r.ratings, r.comments, c.ratings, c.comments, c.origin "
        "FROM evaluation_conflicts c JOIN evaluation_responses r ON r.workshop_id = c.workshop_id "
        "AND r.form_id = c.form_id AND r.response_id = c.response_id "
        "WHERE c.workshop_id = ? ORDER BY c.response_id, c.received_at",
        (workshop,),
    )
    found = []
    for ident, form, kept_r, kept_c, other_r, other_c, origin in rows:
        if (kept_r, kept_c) != (other_r, other_c):
            kept = _flat(json.loads(kept_r), json.loads(kept_c))
            other = _flat(json.loads(other_r), json.loads(other_c))
            found.append(Conflict(ident, form, "", kept, other, origin))
    return found


@dataclass(frozen=True)
class RatingSummary:
    """How one rating row was answered."""

    row: str  # row id, e.g. "ag-05/clarity" or "overall/2"
    counts: tuple[int, int, int, int, int]  # how many gave 1..5
    answered: int  # non-blank
    mean: float | None  # None when nobody answered


@dataclass(frozen=True)
class EvaluationSummary:
    """Every response to one form, counted: each rating row, and every free-text answer."""

    form: str
    responses: int
    ratings: list[RatingSummary]  # in rating_rows order
    comments: dict[str, list[str]]  # comment id -> every non-empty answer, in response order


def summarise(form: EvaluationForm, responses: Sequence[Response]) -> EvaluationSummary:
    """Count the responses to ``form`` (responses to other forms are left out)."""
    mine = [r for r in responses if r.form == form.id]
    ratings = []
    for row in rating_rows(form):
        given = [n for r in mine if (n := r.ratings.get(row)) is not None and n in SCALE]
        counts = (given.count(1), given.count(2), given.count(3), given.count(4), given.count(5))
        mean = sum(given) / len(given) if given else None
        ratings.append(RatingSummary(row, counts, len(given), mean))
    comments = {
        ident: [text for r in mine if (text := r.comments.get(ident, "")).strip()]
        for ident in comment_ids(form)
    }
    return EvaluationSummary(form.id, len(mine), ratings, comments)

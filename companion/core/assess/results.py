"""Result files (``*.ctresult``) and merging results into the store.

A result file is what a laptop (or the scanner, or the keyboard) hands the
facilitator: one participant's answers to one form, JSON in UTF-8::

    {"format": "training-companion-result", "version": 1, "workshop": ID,
     "participant": CODE, "form": FORM_ID, "attempt": "pre"|"post",
     "answers": {QUESTION_ID: "A".."E" or null}, "source": "laptop"|"scan"|"keyboard",
     "taken_at": ISO, "sha256": HEX}

``sha256`` is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8)
of every other field, so a truncated or edited file is refused in one line
(the format is :mod:`.checked_json`'s, shared with evaluation responses).
Files carry participant codes only, never names.

Merging (:func:`merge`) is keyed by workshop, participant, form and attempt:
the same answers again change nothing; different answers for the same key are
a conflict, recorded in ``result_conflicts`` for the facilitator and never
written over the stored result. One merge is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from companion.core.assess import checked_json
from companion.core.assess.checked_json import digest_of
from companion.core.files import write_atomically

if TYPE_CHECKING:
    from companion.core.store.store import Store

FORMAT = "training-companion-result"
VERSION = 1
SUFFIX = ".ctresult"
ATTEMPTS = ("pre", "post")
SOURCES = ("laptop", "scan", "keyboard")
CHOICES = frozenset("ABCDE")


class ResultError(ValueError):
    """A result file or result that cannot be read or merged, in one line; nothing was stored."""


KIND = checked_json.Kind(FORMAT, VERSION, SUFFIX, "result file", "a result file", ResultError)


@dataclass(frozen=True)
class Result:
    """One participant's answers to one form, at one attempt (pre or post)."""

    workshop: str
    participant: str
    form: str
    attempt: str
    answers: dict[str, str | None]
    source: str
    taken_at: str

    def fields(self) -> dict[str, object]:
        """Every field the digest covers, as the file holds them."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "workshop": self.workshop,
            "participant": self.participant,
            "form": self.form,
            "attempt": self.attempt,
            "answers": dict(self.answers),
            "source": self.source,
            "taken_at": self.taken_at,
        }

    @property
    def digest(self) -> str:
        return digest_of(self.fields())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def result_bytes(result: Result) -> bytes:
    return checked_json.file_bytes(result.fields())


def file_name(result: Result) -> str:
    """A name for the file that holds ``result``: codes and IDs only, never a name."""
    return f"{result.participant}-{result.form}-{result.attempt}{SUFFIX}"


def write_result(path: Path, result: Result) -> Path:
    """Write ``result`` to ``path`` atomically (a reader sees the old file or the whole new one)."""
    _check_shape(result)
    return write_atomically(path, result_bytes(result))


def read_result(path: Path) -> Result:
    """The result ``path`` holds, or :class:`ResultError` in one line naming the file and the problem."""
    name = path.name
    data = checked_json.load(checked_json.read_bytes(path, KIND), name, KIND, path.suffix == SUFFIX)
    try:
        result = Result(
            workshop=_text(data, "workshop"),
            participant=_text(data, "participant"),
            form=_text(data, "form"),
            attempt=_text(data, "attempt"),
            answers=_answers(data.get("answers")),
            source=_text(data, "source"),
            taken_at=_text(data, "taken_at"),
        )
        _check_shape(result)
    except ResultError as exc:
        raise ResultError(f"{name}: {exc}") from None
    return result


def _text(data: Mapping[str, object], key: str) -> str:
    return checked_json.text_field(data, key, ResultError)


def _answers(value: object) -> dict[str, str | None]:
    if not isinstance(value, dict):
        raise ResultError("field 'answers' is not a set of answers")
    answers: dict[str, str | None] = {}
    for question, choice in value.items():
        if choice is not None and not isinstance(choice, str):
            raise ResultError(f"answer to {question} is not a choice letter")
        answers[str(question)] = choice
    return answers


def _check_shape(result: Result) -> None:
    if result.attempt not in ATTEMPTS:
        raise ResultError(f"attempt {result.attempt!r} is neither pre nor post")
    if result.source not in SOURCES:
        raise ResultError(f"source {result.source!r} is not one of {', '.join(SOURCES)}")
    for question, choice in result.answers.items():
        if choice is not None and choice not in CHOICES:
            raise ResultError(f"answer {choice!r} to {question} is not a choice letter A-E")


@dataclass(frozen=True)
class Expected:
    """What a result must fit to be merged: this workshop, its forms' questions and choices, the roster."""

    workshop: str
    forms: Mapping[str, Mapping[str, Sequence[str]]]  # form ID -> question ID -> choice letters
    roster: frozenset[str] | None = None  # participant codes; None when there is no roster yet


def check(result: Result, expected: Expected) -> None:
    """Refuse ``result`` in one line when it does not belong to ``expected``'s workshop, forms or roster."""
    if result.workshop != expected.workshop:
        raise ResultError(f"the result is from another workshop ({result.workshop}), not {expected.workshop}")
    questions = expected.forms.get(result.form)
    if questions is None:
        raise ResultError(f"the result is for form {result.form}, which this workshop does not have")
    for question, choice in result.answers.items():
        if question not in questions:
            raise ResultError(f"question {question} is not on form {result.form}")
        if choice is not None and choice not in questions[question]:
            raise ResultError(f"answer {choice} to {question} is not one of its choices")
    if expected.roster is not None and result.participant not in expected.roster:
        raise ResultError(f"participant {result.participant} is not on the roster")


class Conflict(NamedTuple):
    """Two different answer sets for the same participant, form and attempt."""

    participant: str
    form: str
    attempt: str
    stored: dict[str, str | None]
    incoming: dict[str, str | None]
    source: str


@dataclass(frozen=True)
class MergeReport:
    added: int = 0
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class StoredResult:
    """A result as merged: its fields, where it came from (source or file name) and when it arrived."""

    result: Result
    origin: str
    received_at: str


def merge(store: Store, results: Iterable[Result], origin: Mapping[str, str] | None = None) -> MergeReport:
    """Merge ``results`` into the store in one transaction; what was added, unchanged, in conflict.

    ``origin`` maps a result's digest to where it came from, ``SOURCE (FILE NAME)``; by default its source.
    Answers are compared as sets of question -> choice: the same answers from another source (a
    laptop's file and the scan of the same sheet) are unchanged, not a conflict.
    """
    with store.transaction() as conn:
        return merge_in(conn, results, origin)


def merge_in(
    conn: sqlite3.Connection, results: Iterable[Result], origin: Mapping[str, str] | None = None
) -> MergeReport:
    """:func:`merge` inside a transaction the caller holds (one import of results and responses)."""
    added = unchanged = 0
    conflicts: list[Conflict] = []
    received = now_iso()
    for result in results:
        key = (result.workshop, result.participant, result.form, result.attempt)
        row = conn.execute(
            "SELECT answers FROM results WHERE workshop_id = ? AND participant = ? AND form_id = ? "
            "AND attempt = ?",
            key,
        ).fetchone()
        where = (origin or {}).get(result.digest, result.source)
        if row is None:
            conn.execute(
                "INSERT INTO results (workshop_id, participant, form_id, attempt, answers, source, "
                "digest, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, _json(result.answers), where, result.digest, received),
            )
            added += 1
            continue
        stored = json.loads(row[0])
        if stored == result.answers:
            unchanged += 1
            continue
        conflicts.append(Conflict(*key[1:], stored, dict(result.answers), where))
        try:
            conn.execute(
                "INSERT INTO result_conflicts (workshop_id, participant, form_id, attempt, answers, "
                "source, digest, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, _json(result.answers), where, result.digest, received),
            )
        except sqlite3.IntegrityError:
            pass  # this very file was reported before: still a conflict, not a second row
    return MergeReport(added, unchanged, conflicts)


def _json(answers: Mapping[str, str | None]) -> str:
    return json.dumps(dict(answers), sort_keys=True, ensure_ascii=False)


def stored_results(store: Store, workshop: str) -> list[StoredResult]:
    """Every merged result of ``workshop``, by participant, form and attempt."""
    rows = store.conn.execute(
        "SELECT participant, form_id, attempt, answers, source, digest, received_at FROM results "
        "WHERE workshop_id = ? ORDER BY participant, form_id, attempt DESC",
        (workshop,),
    )
    found = []
    for participant, form, attempt, answers, source, _digest, received_at in rows:
        kind = source.split(" ", 1)[0]  # "scan", or "laptop (P012-form-a-pre.ctresult)"
        result = Result(workshop, participant, form, attempt, json.loads(answers), kind, received_at)
        found.append(StoredResult(result, source, received_at))
    return found


def conflicts(store: Store, workshop: str) -> list[Conflict]:
    """Every recorded conflict of ``workshop`` that still differs from the stored result."""
    rows = store.conn.execute(
        "SELECT c.participant, c.form_id, c.attempt, r.answers, c.answers, c.source "
        "FROM result_conflicts c JOIN results r ON r.workshop_id = c.workshop_id "
        "AND r.participant = c.participant AND r.form_id = c.form_id AND r.attempt = c.attempt "
        "WHERE c.workshop_id = ? ORDER BY c.participant, c.form_id, c.attempt, c.received_at",
        (workshop,),
    )
    found = []
    for participant, form, attempt, stored, incoming, source in rows:
        kept, other = json.loads(stored), json.loads(incoming)
        if kept != other:
            found.append(Conflict(participant, form, attempt, kept, other, source))
    return found


def roster_codes(store: Store) -> frozenset[str] | None:
    """The roster's participant codes, or None when there is no roster (yet)."""
    try:
        rows = store.conn.execute("SELECT code FROM participants").fetchall()
    except sqlite3.OperationalError:
        return None  # no participants table in this data folder: the roster check is skipped
    # An empty roster is no roster: results can be merged before the roster is imported.
    return frozenset(code for (code,) in rows) or None

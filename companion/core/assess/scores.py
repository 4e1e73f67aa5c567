"""Scores from merged results and the forms' keys: pure functions, no store, no Qt.

- **Per participant**: the share of questions answered correctly before (pre) and after (post).
  Forms A and B may differ in length, so scores are shares (0..1), not counts.
- **Per objective** (a session and the number of one of its objectives): the same, over every
  participant's answers to the questions that check it.
- **Normalised gain** (Hake): ``(post - pre) / (max - pre)`` with max = 1, the share of what
  was still to learn that was learnt. It is *undefined* when the pre score is already the
  maximum (nothing left to learn); :func:`gain` returns None and :func:`gain_note` says why.
- **Per question**: *difficulty* is the share of answers that were correct (higher = easier);
  *discrimination* is the corrected point-biserial correlation: the Pearson correlation, over
  every result that holds the question, between being right on it (1 or 0) and the share right
  on the *other* questions of the same result. Near 0 or negative means the question does not
  separate those who know the material from those who do not (a bad question, or a wrong key).
  It is None when it cannot be computed: fewer than 3 results, or everyone right (or wrong) on
  the question, or no spread in the other questions' scores.

A question left blank (null) counts as wrong. A question without a key (no ``answer``) is left
out of every score.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from companion.i18n import _


class Answered(Protocol):
    """What scoring needs of a result (companion.core.assess.results.Result has it)."""

    @property
    def participant(self) -> str: ...
    @property
    def attempt(self) -> str: ...
    @property
    def answers(self) -> Mapping[str, str | None]: ...


class KeyEntry(NamedTuple):
    """The key to one question: its correct choice and the objective it checks."""

    answer: str
    session: str
    objective: int


Key = Mapping[str, KeyEntry]  # question ID -> its key entry


@dataclass(frozen=True)
class Score:
    correct: int
    total: int

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class PrePost:
    """One participant's (or one objective's) scores before and after, and the normalised gain."""

    name: str  # a participant code, or "session-id/N" for an objective
    pre: Score | None
    post: Score | None

    @property
    def gain(self) -> float | None:
        return gain(self.pre, self.post)

    @property
    def gain_note(self) -> str:
        return gain_note(self.pre, self.post)


@dataclass(frozen=True)
class QuestionStats:
    question: str
    answered: int  # results that hold the question (blank included)
    difficulty: float | None  # share correct; None when no result holds it
    discrimination: float | None  # corrected point-biserial; None when it cannot be computed


def gain(pre: Score | None, post: Score | None) -> float | None:
    """Normalised gain ``(post - pre) / (1 - pre)`` on shares; None when missing or undefined."""
    if pre is None or post is None or pre.total == 0 or post.total == 0 or pre.share >= 1.0:
        return None
    return (post.share - pre.share) / (1.0 - pre.share)


def gain_note(pre: Score | None, post: Score | None) -> str:
    """Why there is no gain, in one short phrase; empty when there is one."""
    if pre is None or pre.total == 0:
        return _("no pre-test")
    if post is None or post.total == 0:
        return _("no post-test")
    if pre.share >= 1.0:
        return _("undefined: the pre-test score was already the maximum")
    return ""


def _correct(key: Key, question: str, choice: str | None) -> bool | None:
    entry = key.get(question)
    if entry is None:
        return None  # no key: not scored
    return choice == entry.answer


def _score(pairs: Iterable[tuple[str, str | None]], key: Key) -> Score:
    marks = [_correct(key, q, c) for q, c in pairs]
    scored = [m for m in marks if m is not None]
    return Score(sum(scored), len(scored))


def _add(a: Score | None, b: Score) -> Score:
    return b if a is None else Score(a.correct + b.correct, a.total + b.total)


def participant_scores(results: Iterable[Answered], key: Key) -> list[PrePost]:
    """Each participant's pre and post score (several results of one attempt add up), by code."""
    found: dict[str, dict[str, Score]] = defaultdict(dict)
    for result in results:
        score = _score(result.answers.items(), key)
        found[result.participant][result.attempt] = _add(found[result.participant].get(result.attempt), score)
    return [PrePost(code, by.get("pre"), by.get("post")) for code, by in sorted(found.items())]


def objective_scores(results: Iterable[Answered], key: Key) -> list[PrePost]:
    """Each objective's pre and post score over the whole room, named ``session/N``."""
    found: dict[str, dict[str, Score]] = defaultdict(dict)
    for result in results:
        for question, choice in result.answers.items():
            entry = key.get(question)
            if entry is None:
                continue
            name = f"{entry.session}/{entry.objective}"
            mark = Score(int(choice == entry.answer), 1)
            found[name][result.attempt] = _add(found[name].get(result.attempt), mark)
    return [PrePost(name, by.get("pre"), by.get("post")) for name, by in sorted(found.items())]


def participant_objective_scores(results: Iterable[Answered], key: Key) -> dict[str, list[PrePost]]:
    """Per participant, each objective's pre and post score: {code: [PrePost per objective]}."""
    by_code: dict[str, list[Answered]] = defaultdict(list)
    for result in results:
        by_code[result.participant].append(result)
    return {code: objective_scores(rows, key) for code, rows in sorted(by_code.items())}


def question_stats(results: Iterable[Answered], key: Key) -> list[QuestionStats]:
    """Difficulty and discrimination of every keyed question, in key order."""
    rows = [dict(r.answers) for r in results]
    stats = []
    for question in key:
        item: list[float] = []
        rest: list[float] = []
        for answers in rows:
            if question not in answers:
                continue
            item.append(1.0 if _correct(key, question, answers[question]) else 0.0)
            others = _score(((q, c) for q, c in answers.items() if q != question), key)
            rest.append(others.share)
        difficulty = sum(item) / len(item) if item else None
        stats.append(QuestionStats(question, len(item), difficulty, point_biserial(item, rest)))
    return stats


def point_biserial(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """Pearson correlation of 0/1 ``item`` marks with ``rest`` scores; None when undefined."""
    n = len(item)
    if n < 3:
        return None
    mean_i = sum(item) / n
    mean_r = sum(rest) / n
    var_i = sum((x - mean_i) ** 2 for x in item)
    var_r = sum((y - mean_r) ** 2 for y in rest)
    if var_i == 0 or var_r == 0:
        return None
    covariance = sum((x - mean_i) * (y - mean_r) for x, y in zip(item, rest, strict=True))
    return covariance / math.sqrt(var_i * var_r)

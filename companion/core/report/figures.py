"""The numbers of the workshop report: pure functions from what the store holds, no store, no Qt.

Everything the report prints (and the spreadsheet lists) is computed here, once:
the PDF and the workbook only lay it out. Scores come from
:mod:`companion.core.assess.scores` (the same shares and normalised gain the
window shows), never recomputed another way. Participants appear by code only;
the agency breakdown is given only when the caller could open the sealed roster.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from companion.core.assess.scores import (
    Answered,
    Key,
    PrePost,
    QuestionStats,
    objective_scores,
    participant_scores,
    question_stats,
)
from companion.core.timing import minutes

if TYPE_CHECKING:
    from companion.core.assess.attendance import HalfDay, Mark
    from companion.core.model import AgendaItem, EvaluationForm, Manifest, Trainer, WorkshopTrainer
    from companion.core.store.timing import SessionTimes

BINS = 10  # score distributions: 0-9 %, 10-19 %, ..., 90-100 %
ENOUGH_ANSWERS = 5  # a question with no discrimination despite this many answers is suspicious
ASPECTS = ("relevance", "clarity", "usefulness")  # the evaluation form's aspects (evaluations.ASPECTS)


class Rating(Protocol):
    """What the report needs of one rated row (companion.core.assess.evaluations.RatingSummary)."""

    @property
    def row(self) -> str: ...
    @property
    def counts(self) -> tuple[int, int, int, int, int]: ...
    @property
    def answered(self) -> int: ...
    @property
    def mean(self) -> float | None: ...


class Feedback(Protocol):
    """What the report needs of an evaluation summary (companion.core.assess.evaluations)."""

    @property
    def responses(self) -> int: ...
    @property
    def ratings(self) -> Sequence[Rating]: ...
    @property
    def comments(self) -> Mapping[str, Sequence[str]]: ...


@dataclass(frozen=True)
class Bilingual:
    en: str
    zh: str


@dataclass(frozen=True)
class Cover:
    title: Bilingual
    venue: Bilingual
    organiser: Bilingual
    start_date: str
    end_date: str
    days: int
    trainers: list[Bilingual]  # "role, organisation" in each language; roles, never names


@dataclass(frozen=True)
class SessionCount:
    session: str  # half-day id, "d1-am"
    day: int
    half: str  # "am" or "pm"
    date: str
    present: int


@dataclass(frozen=True)
class Participation:
    registered: int
    sessions: list[SessionCount]
    by_agency: list[tuple[str, int]] | None  # None: the roster's names were not opened


@dataclass(frozen=True)
class Distribution:
    count: int  # participants with a score
    bins: tuple[int, ...]  # BINS counts of shares: [0, 0.1), ..., [0.9, 1.0]
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class ObjectiveRow:
    objective: str  # "ag-05/2"
    label: Bilingual  # session title and the objective's text
    pre: float | None
    post: float | None
    gain: float | None


@dataclass(frozen=True)
class QuestionRow:
    question: str
    answered: int
    difficulty: float | None
    discrimination: float | None
    problem: str  # "", "too hard", "too easy", "does not discriminate", "discrimination undefined"


@dataclass(frozen=True)
class Knowledge:
    results: int
    pre: Distribution
    post: Distribution
    paired: int  # participants with both a pre and a post score
    improved: int  # of those, how many scored higher after
    mean_change: float | None  # mean of post - pre (shares) over the paired
    mean_gain: float | None  # mean normalised gain where defined
    objectives: list[ObjectiveRow]
    questions: list[QuestionRow]


@dataclass(frozen=True)
class SessionRating:
    session: str
    title: Bilingual
    means: tuple[float | None, float | None, float | None]  # relevance, clarity, usefulness
    answered: int  # most answers any of its three rows got


@dataclass(frozen=True)
class StatementRating:
    statement: Bilingual
    counts: tuple[int, int, int, int, int]
    mean: float | None


@dataclass(frozen=True)
class CommentBlock:
    question: Bilingual
    answers: list[str]


@dataclass(frozen=True)
class FeedbackFigures:
    responses: int
    sessions: list[SessionRating]
    statements: list[StatementRating]
    comments: list[CommentBlock]


@dataclass(frozen=True)
class TimingRow:
    session: str
    title: Bilingual
    day: int
    planned_start: str
    planned_end: str
    actual_start: str
    actual_end: str

    @property
    def planned_minutes(self) -> int:
        return minutes(self.planned_end) - minutes(self.planned_start)

    @property
    def actual_minutes(self) -> int:
        return minutes(self.actual_end) - minutes(self.actual_start)

    @property
    def late_by(self) -> int:
        """Minutes the session started after its planned start (negative: earlier)."""
        return minutes(self.actual_start) - minutes(self.planned_start)


@dataclass(frozen=True)
class Figures:
    cover: Cover
    participation: Participation
    knowledge: Knowledge | None  # None: no results yet
    feedback: FeedbackFigures | None  # None: no evaluation responses yet
    timing: list[TimingRow]  # empty: no session was timed


def _text(value: object) -> Bilingual:
    en = str(getattr(value, "en", None) or getattr(value, "zh_hans", None) or "")
    zh = str(getattr(value, "zh_hans", None) or en)
    return Bilingual(en, zh)


def cover(manifest: Manifest, agenda: Sequence[AgendaItem] = ()) -> Cover:
    """The cover; the trainers are the workshop's, else the distinct ones of its agenda (roles only)."""
    from companion.core.agenda import day_date

    info = manifest.workshop
    listed: Sequence[Trainer | WorkshopTrainer] = info.trainers or [
        item.trainer for item in agenda if item.trainer is not None
    ]
    trainers = [
        Bilingual(
            f"{_text(t.role).en}, {_text(t.organisation).en}",
            f"{_text(t.role).zh}，{_text(t.organisation).zh}",
        )
        for t in listed
    ]
    trainers = list(dict.fromkeys(trainers))
    end = day_date(info.start_date, info.days).isoformat()
    return Cover(
        _text(info.title), _text(info.venue), _text(info.organiser), info.start_date, end, info.days, trainers
    )


def participation(
    codes: Sequence[str],
    sessions: Sequence[HalfDay],
    marks: Iterable[Mark],
    agencies: Mapping[str, str] | None,
) -> Participation:
    """Registered, present per half-day (codes on the roster only) and, with names open, by agency."""
    registered = set(codes)
    present = Counter(m.session for m in marks if m.present and m.code in registered)
    counts = [SessionCount(s.id, s.day, s.half, s.date, present[s.id]) for s in sessions]
    by_agency = None
    if agencies is not None:
        tally = Counter((agencies.get(code) or "").strip() for code in registered)
        by_agency = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    return Participation(len(registered), counts, by_agency)


def distribution(shares: Sequence[float]) -> Distribution:
    bins = [0] * BINS
    for share in shares:
        bins[min(int(share * BINS), BINS - 1)] += 1
    if not shares:
        return Distribution(0, tuple(bins), None, None)
    return Distribution(len(shares), tuple(bins), statistics.fmean(shares), statistics.median(shares))


def question_problem(stats: QuestionStats) -> str:
    """Why a question did not work, in a short untranslated keyword; empty when it did."""
    if stats.difficulty is not None and stats.difficulty < 0.2:
        return "too hard"
    if stats.difficulty is not None and stats.difficulty > 0.95:
        return "too easy"
    if stats.discrimination is not None and stats.discrimination < 0.2:
        return "does not discriminate"
    if stats.discrimination is None and stats.answered >= ENOUGH_ANSWERS:
        return "discrimination undefined"
    return ""


def _objective_label(name: str, agenda: Mapping[str, AgendaItem]) -> Bilingual:
    session_id, _slash, number = name.partition("/")
    item = agenda.get(session_id)
    if item is None:
        return Bilingual(name, name)
    title = _text(item.title)
    index = int(number) - 1 if number.isdigit() else -1
    if 0 <= index < len(item.objectives):
        objective = _text(item.objectives[index])
        return Bilingual(f"{title.en}: {objective.en}", f"{title.zh}：{objective.zh}")
    return Bilingual(f"{title.en} ({number})", f"{title.zh}（{number}）")


def knowledge(results: Sequence[Answered], key: Key, agenda: Mapping[str, AgendaItem]) -> Knowledge | None:
    """Distributions, paired improvement, gain per objective and questions that did not work."""
    if not results:
        return None
    people: list[PrePost] = participant_scores(results, key)
    pre = [p.pre.share for p in people if p.pre is not None and p.pre.total]
    post = [p.post.share for p in people if p.post is not None and p.post.total]
    pairs = [
        (p.pre.share, p.post.share)
        for p in people
        if p.pre is not None and p.post is not None and p.pre.total and p.post.total
    ]
    gains = [g for g in (p.gain for p in people) if g is not None]
    objectives = [
        ObjectiveRow(
            o.name,
            _objective_label(o.name, agenda),
            o.pre.share if o.pre else None,
            o.post.share if o.post else None,
            o.gain,
        )
        for o in objective_scores(results, key)
    ]
    questions = [
        QuestionRow(s.question, s.answered, s.difficulty, s.discrimination, question_problem(s))
        for s in question_stats(results, key)
    ]
    return Knowledge(
        len(results),
        distribution(pre),
        distribution(post),
        len(pairs),
        sum(1 for a, b in pairs if b > a),
        statistics.fmean(b - a for a, b in pairs) if pairs else None,
        statistics.fmean(gains) if gains else None,
        objectives,
        questions,
    )


def feedback(
    form: EvaluationForm | None, summary: Feedback | None, agenda: Mapping[str, AgendaItem]
) -> FeedbackFigures | None:
    """Ratings per session (mean of each aspect), the overall statements and the comments."""
    if form is None or summary is None or summary.responses == 0:
        return None
    rows = {r.row: r for r in summary.ratings}
    sessions = []
    for session in form.sessions:
        found = [rows.get(f"{session}/{aspect}") for aspect in ASPECTS]
        means = tuple(r.mean if r is not None else None for r in found)
        item = agenda.get(session)
        title = _text(item.title) if item is not None else Bilingual(session, session)
        answered = max((r.answered for r in found if r is not None), default=0)
        sessions.append(SessionRating(session, title, (means[0], means[1], means[2]), answered))
    statements = []
    for number, statement in enumerate(form.overall, start=1):
        rating = rows.get(f"overall/{number}")
        counts = rating.counts if rating is not None else (0, 0, 0, 0, 0)
        statements.append(StatementRating(_text(statement), counts, rating.mean if rating else None))
    comments = [
        CommentBlock(_text(question), [a for a in summary.comments.get(f"free/{number}", []) if a.strip()])
        for number, question in enumerate(form.free_text, start=1)
    ]
    return FeedbackFigures(summary.responses, sessions, statements, comments)


def timing(times: Iterable[SessionTimes], agenda: Mapping[str, AgendaItem]) -> list[TimingRow]:
    """Planned against actual per timed session, in the order of the day."""
    rows = []
    for t in times:
        item = agenda.get(t.item_id)
        title = _text(item.title) if item is not None else Bilingual(t.item_id, t.item_id)
        rows.append(
            TimingRow(t.item_id, title, t.day, t.planned_start, t.planned_end, t.actual_start, t.actual_end)
        )
    return rows


def figures(
    manifest: Manifest,
    agenda: Sequence[AgendaItem],
    codes: Sequence[str],
    sessions: Sequence[HalfDay],
    marks: Iterable[Mark],
    agencies: Mapping[str, str] | None,
    results: Sequence[Answered],
    key: Key,
    times: Iterable[SessionTimes],
    evaluation: tuple[EvaluationForm, Feedback] | None = None,
) -> Figures:
    """Every number of the report, from the store's data (gathered by the application layer)."""
    by_id = {item.id: item for item in agenda}
    form, summary = evaluation if evaluation is not None else (None, None)
    return Figures(
        cover(manifest, agenda),
        participation(codes, sessions, marks, agencies),
        knowledge(results, key, by_id),
        feedback(form, summary, by_id),
        timing(times, by_id),
    )

"""The content model: what a workshop pack contains, as validated data.

Every content item has a stable ``id`` chosen by its author (never derived from
its title) and every text a person reads is a :class:`Text` carrying English
and Simplified Chinese. The same models validate the source files in
``resources/content/`` and the items read back from the store, so there is one
definition of what an item is.
"""

from __future__ import annotations

import re
import typing
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LANGUAGES = ("en", "zh-Hans")
Language = Literal["en", "zh-Hans"]

ITEM_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
INDICATOR_ID = r"^[A-Z]{1,4}[0-9]{2}$"
ItemId = Annotated[str, Field(pattern=ITEM_ID, max_length=64)]
IndicatorId = Annotated[str, Field(pattern=INDICATOR_ID)]
ClockTime = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class _Strict(BaseModel):
    """Unknown fields are errors: a misspelt field must not vanish silently.

    Empty lists and mappings default through ``Field(default_factory=...)``: a ``= []``
    default is deep-copied for every item validated (a pack import validates thousands).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(_Strict):
    """One piece of text in both languages; at least one must be present.

    A missing translation is allowed in a source file (it shows the other
    language, marked), but the bundled workshop is checked to be complete.
    """

    en: str | None = None
    zh_hans: str | None = Field(default=None, alias="zh-Hans")

    @model_validator(mode="after")
    def _one_language_at_least(self) -> Text:
        if not (self.en or "").strip() and not (self.zh_hans or "").strip():
            raise ValueError("needs text in at least one language (en or zh-Hans)")
        return self

    def get(self, lang: str) -> str | None:
        """The text in ``lang`` exactly, or None when it is missing."""
        value = self.zh_hans if lang == "zh-Hans" else self.en
        return value if value and value.strip() else None

    def resolve(self, lang: str) -> tuple[str, str]:
        """The text to show in ``lang`` and the language it is really in.

        When the requested language is missing the other one is returned, so a
        caller can mark it as a fallback instead of showing a blank.
        """
        own = self.get(lang)
        if own is not None:
            return own, lang
        other = "en" if lang == "zh-Hans" else "zh-Hans"
        return self.get(other) or "", other

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if self.get(lang) is None]

    def as_json(self) -> dict[str, str | None]:
        return {"en": self.en, "zh-Hans": self.zh_hans}


class Source(_Strict):
    """A publication an item draws on (title, publisher, year; no web address)."""

    citation: str
    note: Text | None = None


# --- Agenda -----------------------------------------------------------------

SessionFormat = Literal[
    "opening", "presentation", "panel", "discussion", "group-work", "exercise", "break", "closing"
]


class Trainer(_Strict):
    """Trainers are listed by organisation and role, never by a person's name."""

    organisation: Text
    role: Text


class AgendaItem(_Strict):
    kind: Literal["agenda-item"] = "agenda-item"
    id: ItemId
    day: int = Field(ge=1, le=14)
    start: ClockTime
    end: ClockTime
    title: Text
    format: SessionFormat
    trainer: Trainer | None = None
    summary: Text | None = None
    objectives: list[Text] = Field(default_factory=list)
    case_studies: list[ItemId] = Field(default_factory=list)
    tools: list[ItemId] = Field(default_factory=list)
    documents: list[ItemId] = Field(default_factory=list)
    # Facilitator-only (see companion.core.editions), e.g. an exercise's model answer.
    facilitator_notes: Text | None = None
    # How short the session may become when the day runs late (companion.core.timing);
    # None: half the planned length for a break, the whole planned length otherwise.
    min_minutes: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ends_after_start(self) -> AgendaItem:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}")
        if self.min_minutes is not None and self.min_minutes > _length(self.start, self.end):
            raise ValueError(
                f"min_minutes {self.min_minutes} is longer than the session ({self.start}-{self.end})"
            )
        return self


def _length(start: str, end: str) -> int:
    """Minutes from ``start`` to ``end`` (both HH:MM on the same day)."""
    return int(end[:2]) * 60 + int(end[3:]) - int(start[:2]) * 60 - int(start[3:])


# --- Case studies -----------------------------------------------------------


class Stage(_Strict):
    title: Text
    text: Text


class IndicatorReason(_Strict):
    """An indicator of a tool, and why the case shows it (or seems to)."""

    indicator: IndicatorId
    reason: Text


class AnswerKey(_Strict):
    """What a facilitator expects trainees to find with one screening tool."""

    tool: ItemId
    indicators: list[IndicatorReason] = Field(min_length=1)
    # Indicators trainees often mark although the case does not show them.
    not_present: list[IndicatorReason] = Field(default_factory=list)
    age: int | None = Field(default=None, ge=0, le=120)
    act_recorded: bool | None = None
    outcome: Literal["met", "not_met", "indicators_present", "no_indicators"]
    explanation: Text


class ModelAnswer(Text):
    """A model answer; ``question`` names the question it answers (1-based).

    Packs made before the field existed have no numbers: then the n-th answer
    answers the n-th question. A case numbers all its answers or none.
    """

    question: int | None = Field(default=None, ge=1)


class FacilitatorNotes(_Strict):
    model_answers: list[ModelAnswer] = Field(min_length=1)
    common_mistakes: list[Text] = Field(default_factory=list)


class CaseStudy(_Strict):
    kind: Literal["case-study"] = "case-study"
    id: ItemId
    title: Text
    setting: Text
    persona: Text
    content_note: Text | None = None
    stages: list[Stage] = Field(min_length=1)
    questions: list[Text] = Field(min_length=1)
    # Facilitator-only (see companion.core.editions): absent from participant editions.
    facilitator_notes: FacilitatorNotes | None = None
    answer_keys: list[AnswerKey] = Field(default_factory=list)

    @model_validator(mode="after")
    def _answers_name_real_questions(self) -> CaseStudy:
        if self.facilitator_notes is None:
            return self
        named = [a.question for a in self.facilitator_notes.model_answers if a.question is not None]
        if named and len(named) != len(self.facilitator_notes.model_answers):
            raise ValueError("model answers: give every answer its `question` number, or none")
        for number in named:
            if number > len(self.questions):
                has = f"the case has {len(self.questions)} questions"
                raise ValueError(f"a model answer names question {number}, but {has}")
        twice = sorted({n for n in named if named.count(n) > 1})
        if twice:
            raise ValueError(f"question {twice[0]} has more than one model answer")
        return self

    def numbered_answers(self) -> list[tuple[int | None, ModelAnswer]]:
        """The model answers in question order, each with the question it answers.

        Unnumbered answers (an older pack) answer the question at their own
        position; one past the last question answers none (``None``).
        """
        if self.facilitator_notes is None:
            return []
        answers = self.facilitator_notes.model_answers
        if any(a.question is not None for a in answers):
            return sorted(((a.question, a) for a in answers), key=lambda pair: pair[0] or 0)
        return [(n if n <= len(self.questions) else None, a) for n, a in enumerate(answers, 1)]

    def unanswered_questions(self) -> list[int]:
        """Numbers (1-based) of the questions no model answer answers."""
        answered = {n for n, _answer in self.numbered_answers()}
        return [n for n in range(1, len(self.questions) + 1) if n not in answered]


# --- Screening tools --------------------------------------------------------

Grade = Literal["strong", "medium", "weak"]


class Indicator(_Strict):
    id: IndicatorId
    text: Text
    grade: Grade | None = None
    guidance: Text | None = None
    # A caveat on this one indicator, e.g. a grade the source marks uncertain.
    note: Text | None = None


class Dimension(_Strict):
    """A group of indicators (a dimension of the ILO list, a topic of a guide)."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{0,15}$")]
    title: Text
    description: Text | None = None
    indicators: list[Indicator] = Field(min_length=1)


class Label(_Strict):
    """A teaching label shown when its expression holds (first match wins).

    ``age_note``: the tool's ``scoring.age_note`` follows the text (worded for the age when it
    is known), for a label whose meaning depends on whether the child rule applies.
    """

    when: str
    text: Text
    age_note: bool = False


class ScoringRule(_Strict):
    """The tool's decision rule as declarative expressions (never Python code).

    ``dimension`` is an expression over the counts ``strong``, ``medium``,
    ``weak`` and ``present`` of indicators answered present; ``groups``,
    ``overall``, ``child`` and the labels' ``when`` are expressions over
    dimension IDs, group names and ``act``. The screening engine parses them
    with a small grammar of its own.
    """

    dimension: str
    groups: dict[str, str] = Field(default_factory=dict)
    overall: str
    child: str | None = None
    child_policy: Text | None = None
    # The sentence a label with ``age_note = true`` ends with while the age is not known.
    age_note: Text | None = None
    labels: list[Label] = Field(default_factory=list)

    @model_validator(mode="after")
    def _age_note_given(self) -> ScoringRule:
        if self.age_note is None and any(label.age_note for label in self.labels):
            raise ValueError("a label has age_note = true but the scoring has no age_note text")
        return self

    def uses_grades(self) -> bool:
        return bool(re.search(r"\b(strong|medium|weak)\b", self.dimension))


class ScreeningTool(_Strict):
    kind: Literal["screening-tool"] = "screening-tool"
    id: ItemId
    version: str
    title: Text
    purpose: Text
    style: Literal["scored", "checklist", "guide"]
    sources: list[Source] = Field(min_length=1)
    caveats: list[Text] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    scoring: ScoringRule | None = None
    # Provenance for every reader, as one line: which publication, reproduced from where.
    source: Text | None = None
    # Facilitator-only: what still has to be checked against the original publication.
    # Kept out of the caveats, which participants read as "this tool is not reliable".
    to_verify: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> ScreeningTool:
        seen: set[str] = set()
        graded = self.scoring is not None and self.scoring.uses_grades()
        for dimension in self.dimensions:
            for indicator in dimension.indicators:
                if indicator.id in seen:
                    raise ValueError(f"indicator {indicator.id} appears twice")
                seen.add(indicator.id)
                if graded and indicator.grade is None:
                    raise ValueError(f"indicator {indicator.id} needs a grade in a scored tool")
        if self.style == "scored" and self.scoring is None:
            raise ValueError("a scored tool needs a scoring rule")
        return self

    def indicator_ids(self) -> list[str]:
        return [i.id for d in self.dimensions for i in d.indicators]


# --- Library ----------------------------------------------------------------

DocumentCategory = Literal["legal", "principles", "referral", "shelter", "data-protection", "tools"]


class Section(_Strict):
    heading: Text
    body: Text


class Document(_Strict):
    kind: Literal["document"] = "document"
    id: ItemId
    title: Text
    category: DocumentCategory
    summary: Text
    sections: list[Section] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    # Provenance for every reader, as one line, as a screening tool has it.
    source: Text | None = None
    # Facilitator-only: what a facilitator should still check before quoting the document.
    to_verify: list[Text] = Field(default_factory=list)


class GlossaryTerm(_Strict):
    kind: Literal["glossary-term"] = "glossary-term"
    id: ItemId
    term: Text
    definition: Text
    see_also: list[ItemId] = Field(default_factory=list)


# --- Referral directory -------------------------------------------------------

ServiceType = Literal["shelter", "medical", "legal-aid", "consulate", "hotline", "police-unit", "ngo"]
SERVICE_TYPES: tuple[str, ...] = typing.get_args(ServiceType)
# A language a service speaks, as a short code: "zh", "en", "vi", "zh-yue".
SpokenLanguage = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")]
PhoneNumber = Annotated[str, Field(min_length=1, max_length=60)]


class ConfidentialContact(_Strict):
    """What only facilitators get of a service (a shelter's address); never in a participant copy."""

    address: Text
    direct_phone: PhoneNumber | None = None


class Service(_Strict):
    """A service of the referral directory a facilitator fills in for the venue."""

    kind: Literal["service"] = "service"
    id: ItemId
    type: ServiceType
    name: Text
    languages: list[SpokenLanguage] = Field(min_length=1)
    hours: Text
    eligibility: Text
    how_to_refer: Text
    phone: PhoneNumber | None = None  # the public number or hotline
    # Facilitator-only (kinds.hidden): printed on a referral slip only when the user asks.
    confidential: ConfidentialContact | None = None

    @property
    def title(self) -> Text:
        """What a list shows: the service's name."""
        return self.name


# --- Knowledge checks and evaluation ------------------------------------------

ChoiceId = Annotated[str, Field(pattern=r"^[A-E]$")]


class Choice(_Strict):
    id: ChoiceId
    text: Text


class Question(_Strict):
    """A question of the knowledge check, tied to one objective of an agenda session."""

    kind: Literal["question"] = "question"
    id: ItemId  # e.g. "q-01"
    session: ItemId  # the agenda session whose objective it checks
    objective: int = Field(ge=1)  # 1-based index into that session's objectives
    type: Literal["single", "true-false"]
    text: Text
    choices: list[Choice] = Field(min_length=2, max_length=5)  # true-false: A = true, B = false
    # Facilitator-only (kinds.hidden): the key and why.
    answer: ChoiceId | None = None
    explanation: Text | None = None

    @model_validator(mode="after")
    def _choices_fit(self) -> Question:
        ids = [choice.id for choice in self.choices]
        if ids != ["ABCDE"[n] for n in range(len(ids))]:
            raise ValueError(f"choices must be lettered A, B, ... in order, not {', '.join(ids)}")
        if self.type == "true-false" and len(ids) != 2:
            raise ValueError("a true-false question has exactly two choices (A = true, B = false)")
        if self.answer is not None and self.answer not in ids:
            raise ValueError(f"answer {self.answer} is not one of the choices ({', '.join(ids)})")
        return self

    @property
    def title(self) -> Text:
        """What a list shows: the question itself."""
        return self.text


class AssessmentForm(_Strict):
    """A knowledge check (pre- or post-test): questions in the order they are asked."""

    kind: Literal["assessment-form"] = "assessment-form"
    id: ItemId  # "form-a", "form-b"
    title: Text
    questions: list[ItemId] = Field(min_length=1)  # in order; Q1 is questions[0]

    @field_validator("questions")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        seen = [q for n, q in enumerate(value) if q in value[:n]]
        if seen:
            raise ValueError(f"{seen[0]} is asked twice")
        return value


class EvaluationForm(_Strict):
    """The participants' evaluation of the workshop: sessions rated, statements rated, open questions."""

    kind: Literal["evaluation-form"] = "evaluation-form"
    id: ItemId  # "evaluation"
    title: Text
    sessions: list[ItemId]  # each rated 1-5 on relevance, clarity, usefulness
    overall: list[Text] = Field(default_factory=list)  # statements rated 1-5
    free_text: list[Text] = Field(default_factory=list)  # open questions


ContentItem = Annotated[
    AgendaItem
    | CaseStudy
    | ScreeningTool
    | Document
    | GlossaryTerm
    | Service
    | Question
    | AssessmentForm
    | EvaluationForm,
    Field(discriminator="kind"),
]


# --- The pack ---------------------------------------------------------------


class WorkshopTrainer(_Strict):
    """A trainer of one workshop, by role and organisation.

    Unlike an agenda item's :class:`Trainer`, a name is allowed: these are the
    public programme details of a workshop the facilitator prepares.
    """

    role: Text
    organisation: Text
    name: str | None = Field(default=None, min_length=1, max_length=200)


class Workshop(_Strict):
    """Details a facilitator sets on a workshop of their own: dates, venue, organiser, trainers."""

    title: Text
    venue: Text
    organiser: Text
    start_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    days: int = Field(ge=1, le=14)
    # None (not []) when there are none, so a pack without trainers is written as before.
    trainers: list[WorkshopTrainer] | None = None

    @field_validator("start_date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        from datetime import date

        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date of the calendar (YYYY-MM-DD)") from None
        return value


class Manifest(_Strict):
    id: ItemId
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?$")
    schema_version: int = Field(ge=1)
    languages: list[Language] = Field(min_length=1)
    publisher: str
    workshop: Workshop
    # Certificate IDs the publisher revoked (docs/certificates.md). None (not []) when there are none,
    # so a pack without revocations is written byte for byte as before.
    revoked_certificates: list[str] | None = None

    @field_validator("languages")
    @classmethod
    def _no_duplicates(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value


def texts_of(value: object) -> list[Text]:
    """Every :class:`Text` inside an item, in field order (for search and checks)."""
    found: list[Text] = []
    collect_texts(value, found)
    return found


def collect_texts(value: object, found: list[Text]) -> None:
    """Append every :class:`Text` inside ``value`` to ``found``, in field order.

    One list filled in place: a large pack indexes thousands of nested values.
    """
    if isinstance(value, Text):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in field_names(type(value)):
            collect_texts(getattr(value, name), found)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            collect_texts(entry, found)
    elif isinstance(value, dict):
        for entry in value.values():
            collect_texts(entry, found)


@cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    # Asked once per class: ``model_fields`` goes through a descriptor and a classmethod on every access.
    return tuple(model.model_fields)


def title_of(item: ContentItem) -> Text:
    """The :class:`Text` a list shows for an item of any kind."""
    return item.term if isinstance(item, GlossaryTerm) else item.title

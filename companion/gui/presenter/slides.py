"""What the audience view may show, built only from the participant edition of each item.

A :class:`Slide` is plain text in a few roles (title, subtitle, body lines,
footer). Every builder passes its item through the participant edition first
(:func:`participant`), so a field marked facilitator-only is not in the item the
builder reads: no builder can leak it by mistake. A case study gives one slide
per stage (one stage at a time) and then its questions; a screening tool one per
dimension; a document its summary and then one per section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from companion.app.domain import FORMAT_NAMES, for_edition
from companion.gui import render
from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.domain import (
        AgendaItem,
        AssessmentForm,
        CaseStudy,
        ContentItem,
        Document,
        EvaluationForm,
        GlossaryTerm,
        Question,
        ScreeningTool,
        Service,
        Text,
    )

Item = TypeVar("Item")


@dataclass(frozen=True)
class Slide:
    kind: str  # session, stage, questions, dimension, term, agenda, document, pause
    title: str
    subtitle: str = ""
    body: tuple[str, ...] = ()  # paragraphs or bullet lines
    footer: str = ""  # where in a sequence: "Stage 2 of 4"
    item_id: str = ""  # the item it comes from, for the console's notes


def participant(item: Item) -> Item:
    """``item`` as the participant edition has it: facilitator-only fields emptied."""
    result: Item = for_edition(item, "participant")
    return result


def _paragraphs(text: Text | None, lang: str) -> list[str]:
    value = render.plain(text, lang)
    parts = [p.strip() for p in value.split("\n\n") if p.strip()]
    return [" ".join(p.split()) if lang == "en" else p for p in parts]


def _bullet(text: str) -> str:
    return "•  " + text


def session(item: AgendaItem, lang: str) -> Slide:
    """The session as the room meets it: title, time, format and objectives."""
    item = participant(item)
    body = [_bullet(render.plain(o, lang)) for o in item.objectives]
    if not body:
        body = _paragraphs(item.summary, lang)
    subtitle = f"{item.start}–{item.end} · {_(FORMAT_NAMES[item.format])}"
    return Slide("session", render.plain(item.title, lang), subtitle, tuple(body), item_id=item.id)


def agenda(items: list[AgendaItem], heading: str, lang: str) -> Slide:
    """One day's sessions, one line each."""
    lines = [f"{i.start}–{i.end}   {render.plain(participant(i).title, lang)}" for i in items]
    return Slide("agenda", heading, "", tuple(lines))


def stages(study: CaseStudy, lang: str) -> list[Slide]:
    """One slide per stage, then the discussion questions."""
    study = participant(study)
    title, total = render.plain(study.title, lang), len(study.stages)
    slides = []
    for number, stage in enumerate(study.stages, start=1):
        label = _("Stage {number} of {total}").format(number=number, total=total)
        slides.append(
            Slide(
                "stage",
                title,
                render.labelled(label, render.plain(stage.title, lang)),
                tuple(_paragraphs(stage.text, lang)),
                label,
                study.id,
            )
        )
    questions = [f"{n}. {render.plain(q, lang)}" for n, q in enumerate(study.questions, start=1)]
    slides.append(Slide("questions", title, _("Discussion questions"), tuple(questions), "", study.id))
    return slides


def dimensions(tool: ScreeningTool, lang: str) -> list[Slide]:
    """One slide per dimension: its indicators, as participants read them."""
    tool = participant(tool)
    title, total = render.plain(tool.title, lang), len(tool.dimensions)
    slides = []
    for number, dimension in enumerate(tool.dimensions, start=1):
        body = _paragraphs(dimension.description, lang)
        body += [_bullet(f"{i.id}  {render.plain(i.text, lang)}") for i in dimension.indicators]
        footer = _("Dimension {number} of {total}").format(number=number, total=total)
        subtitle = f"{dimension.id} · {render.plain(dimension.title, lang)}"
        slides.append(Slide("dimension", title, subtitle, tuple(body), footer, tool.id))
    return slides


def term(item: GlossaryTerm, lang: str) -> Slide:
    item = participant(item)
    other = "zh-Hans" if lang == "en" else "en"
    definition = tuple(_paragraphs(item.definition, lang))
    return Slide(
        "term", render.plain(item.term, lang), item.term.get(other) or "", definition, item_id=item.id
    )


def document(doc: Document, lang: str) -> list[Slide]:
    """The summary, then one slide per section."""
    doc = participant(doc)
    title = render.plain(doc.title, lang)
    slides = [Slide("document", title, "", tuple(_paragraphs(doc.summary, lang)), item_id=doc.id)]
    for section in doc.sections:
        heading = render.plain(section.heading, lang)
        slides.append(
            Slide("document", title, heading, tuple(_paragraphs(section.body, lang)), item_id=doc.id)
        )
    return slides


def service(item: Service, lang: str) -> Slide:
    """A service of the referral directory as the room may see it: never its confidential contact."""
    item = participant(item)
    lines = [render.plain(text, lang) for text in (item.hours, item.eligibility, item.how_to_refer)]
    if item.phone:
        lines.append(item.phone)
    return Slide("service", render.plain(item.name, lang), "", tuple(lines), item_id=item.id)


def question(item: Question, lang: str, footer: str = "") -> Slide:
    """A question and its choices, never its answer or explanation."""
    item = participant(item)
    choices = tuple(_bullet(f"{choice.id}  {render.plain(choice.text, lang)}") for choice in item.choices)
    return Slide("question", render.plain(item.text, lang), "", choices, footer, item_id=item.id)


def questions(form: AssessmentForm, lang: str, lookup: Callable[[str], object]) -> list[Slide]:
    """A knowledge check, one question a slide ("Question 2 of 16")."""
    found = [q for q in (lookup(qid) for qid in form.questions) if getattr(q, "kind", "") == "question"]
    total = len(found)
    return [
        question(q, lang, _("Question {number} of {total}").format(number=n, total=total))  # type: ignore[arg-type]
        for n, q in enumerate(found, start=1)
    ]


def evaluation(form: EvaluationForm, lang: str) -> Slide:
    """An evaluation form's title and its statements, for explaining it to the room."""
    lines = tuple(_bullet(render.plain(text, lang)) for text in (*form.overall, *form.free_text))
    return Slide("evaluation", render.plain(form.title, lang), "", lines, item_id=form.id)


def pause(back_at: str | None) -> Slide:
    subtitle = _("We start again at {time}").format(time=back_at) if back_at else ""
    return Slide("pause", _("Break"), subtitle)


def sequence(item: ContentItem, lang: str, lookup: Callable[[str], object] = lambda _id: None) -> list[Slide]:
    """What sending ``item`` to the room shows, slide by slide (the clicker moves through it).

    ``lookup`` finds an item by ID, for a knowledge check's questions.
    """
    if item.kind == "agenda-item":
        return [session(item, lang)]
    if item.kind == "case-study":
        return stages(item, lang)
    if item.kind == "screening-tool":
        return dimensions(item, lang)
    if item.kind == "glossary-term":
        return [term(item, lang)]
    if item.kind == "document":
        return document(item, lang)
    if item.kind == "service":
        return [service(item, lang)]
    if item.kind == "question":
        return [question(item, lang)]
    if item.kind == "assessment-form":
        return questions(item, lang, lookup)
    if item.kind == "evaluation-form":
        return [evaluation(item, lang)]
    raise TypeError(f"cannot present {item.kind}")

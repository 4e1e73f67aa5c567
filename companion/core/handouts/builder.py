"""The handout description: content items turned into plain blocks for paper.

Owns *what* goes on each handout (which fields, in which order, in which
language, which edition may see what) and nothing about *how* it looks: the
result is a tree of frozen dataclasses that the renderer lays out and a test
can inspect without reportlab. Facilitator notes and answer keys are added in
one place only (:func:`_facilitator_blocks`), and a participant edition has
them removed first by :func:`companion.core.editions.for_edition`, the one
definition of what participants may not see.

Interface words ("Discussion questions", "Page x of y") come from the gettext
catalogue of the handout's language, never from the process-wide language:
a Chinese handout can be printed from an English window.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from companion.core.agenda import day_date
from companion.core.collation import sort_key
from companion.core.editions import EDITIONS, for_edition, has_facilitator_content
from companion.core.kinds import HANDOUT_IDS
from companion.core.names import FORMAT_NAMES, GRADE_NAMES, OUTCOME_NAMES
from companion.core.screening.rule_words import (
    child_rule,
    counts_used,
    dimension_rule,
    overall_rule,
    uses_act,
)
from companion.i18n import N_, load_catalogue

HANDOUT_LANGUAGES: tuple[str, ...] = ("en", "zh-Hans", "bilingual")
KINDS: tuple[str, ...] = HANDOUT_IDS  # plan() has a builder for each
SIGN_IN_ROWS = 85  # the bundled workshop's expected participants; the manifest has no count
HALF_DAYS = (N_("Day {number} ({date}), morning"), N_("Day {number} ({date}), afternoon"))
# Joins a list inside one language: Chinese takes a full-width mark, never the ASCII comma.
LIST_SEPARATORS = {"en": ", ", "zh-Hans": "，"}

ANSWERS = (N_("Present"), N_("Absent"), N_("Unknown"), N_("Declined"))
# The bands the rules need: "child" in Chinese criminal law (under 14, Arts. 240 and 241) and in the
# Protocol (under 18).
AGE_BANDS = (N_("Under 14"), N_("14–17"), N_("18 or over"), N_("Unknown"))
TALLY_NAMES = {
    "strong": N_("Strong present"),
    "medium": N_("Medium present"),
    "weak": N_("Weak present"),
    "present": N_("Present"),
}
ACT_HINT = N_("Recruitment, transport, transfer, harbouring or receipt by a third party.")
FIELD_COLUMNS = (1.6, 5.0)  # a form field's name and its boxes, in proportion
CHECK_BOX = "\u25a1"  # the empty box a guide's step is ticked in (the handout font has this glyph)
GUIDE_COLUMNS = (3.2, 0.5, 3.0)  # a guide checklist's step, done box and notes, in proportion


# --- The description -----------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """A run of text in one language; ``mark`` flags a fallback translation."""

    text: str
    lang: str  # "en" or "zh-Hans": the language the text is really in
    mark: str = ""
    role: Literal["body", "strong", "small"] = "body"


Cell = tuple[Words, ...]


@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` 0 and 1 become entries of the PDF outline.

    ``joined``: the heading and the block after it are printed on the page of
    the paragraph before them, so that they never make a page of their own.
    """

    parts: tuple[Words, ...]
    level: int = 0
    joined: bool = False


@dataclass(frozen=True)
class Paragraph:
    """Stacked paragraphs: one per language in a bilingual handout, paired."""

    parts: tuple[Words, ...]
    role: Literal["body", "small", "notice"] = "body"


@dataclass(frozen=True)
class Bullets:
    items: tuple[Cell, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # relative column widths


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class FormRow:
    """One indicator of a blank screening form, with boxes to tick."""

    indicator: str
    grade: Cell
    text: Cell
    guidance: Cell
    note: Cell
    boxes: Cell  # the labels of the present / absent / unknown boxes


@dataclass(frozen=True)
class SignatureGrid:
    columns: tuple[Cell, ...]  # (number,) name, organisation, then the signature column(s)
    rows: int
    first: int = 0  # the first row's number; 0: the rows are not numbered


Block = Heading | Paragraph | Bullets | Table | PageBreak | FormRow | SignatureGrid


@dataclass(frozen=True)
class Handout:
    """One PDF: its metadata, running header and footer words, and its blocks."""

    kind: str  # agenda, agenda-wall, case-studies, screening-forms, glossary, sign-in
    lang: str
    edition: str
    title: str
    subject: str
    author: str
    header: str  # the workshop title (shortened on paper when too long)
    version: str  # pack version and short fingerprint, never shortened
    page_label: str  # "Page {page} of {pages}" in the handout's language(s)
    blocks: tuple[Block, ...]
    mark: str = ""  # e.g. PRACTICE, printed on every page
    large: bool = False  # the wall agenda
    file_stem: str = field(default="")


# --- Language helpers ------------------------------------------------------------


class _Lang:
    """Content text and interface words in the handout's language(s)."""

    def __init__(self, lang: str) -> None:
        if lang not in HANDOUT_LANGUAGES:
            raise ValueError(f"unknown handout language {lang!r}")
        self.lang = lang
        self.slots: tuple[str, ...] = ("en", "zh-Hans") if lang == "bilingual" else (lang,)
        self._catalogues: dict[str, gettext.NullTranslations] = {s: load_catalogue(s) for s in self.slots}

    def tr(self, slot: str, message: str, **values: Any) -> str:
        text = self._catalogues[slot].gettext(message)
        return text.format(**values) if values else text

    def ui(self, message: str, role: Literal["body", "strong", "small"] = "body", **values: Any) -> Cell:
        """Interface words: once per language slot (both, in a bilingual handout)."""
        found: list[Words] = []
        for slot in self.slots:
            text = self.tr(slot, message, **values)
            # An untranslated word would otherwise be printed twice in a bilingual handout.
            if all(w.text != text for w in found):
                found.append(Words(text, slot, role=role))
        return tuple(found)

    def joined(self, message: str, **values: Any) -> str:
        return " / ".join(w.text for w in self.ui(message, **values))

    def _one(self, text: Any, slot: str, role: Literal["body", "strong", "small"]) -> Words | None:
        value, actual = text.resolve(slot)
        if not value.strip():
            return None
        mark = ""
        if actual != slot:
            mark = self.tr(slot, N_("(English only)") if actual == "en" else N_("(Chinese only)"))
        return Words(_tidy(value, actual), actual, mark, role)

    def text_in(self, text: Any, slot: str, role: Literal["body", "strong", "small"] = "body") -> Cell:
        """A content :class:`Text` in one of the slots only (a column of a table)."""
        words = self._one(text, slot, role) if text is not None else None
        return (words,) if words is not None else ()

    def text(self, text: Any, role: Literal["body", "strong", "small"] = "body") -> Cell:
        """A content :class:`Text` in each slot; a fallback shown once, marked."""
        if text is None:
            return ()
        found: list[Words] = []
        for slot in self.slots:
            words = self._one(text, slot, role)
            if words is not None and all(w.text != words.text for w in found):
                found.append(words)
        return tuple(found)

    def paragraphs(self, text: Any, role: Literal["body", "small", "notice"] = "body") -> list[Paragraph]:
        """Long text as paragraphs; bilingual pairs them paragraph by paragraph."""
        if text is None:
            return []
        columns = [[Words(p, w.lang, w.mark) for p in w.text.split("\n\n")] for w in self.text(text)]
        if len(columns) == 2 and len(columns[0]) != len(columns[1]):
            return [Paragraph((w,), role) for column in columns for w in column]
        # The fallback mark belongs after the last paragraph, not after each one.
        rows = list(zip(*columns, strict=False))
        result = []
        for n, row in enumerate(rows):
            last = n == len(rows) - 1
            result.append(Paragraph(tuple(w if last else Words(w.text, w.lang) for w in row), role))
        return result


def _tidy(value: str, lang: str) -> str:
    """Normalise source line breaks; a blank line still separates paragraphs."""
    parts = [p.strip() for p in value.split("\n\n") if p.strip()]
    if lang == "en":
        return "\n\n".join(" ".join(p.split()) for p in parts)
    return "\n\n".join("".join(line.strip() for line in p.splitlines()) for p in parts)


# --- Common parts ------------------------------------------------------------------


def _version_label(lg: _Lang, manifest: Any, fingerprint: str) -> str:
    # The short fingerprint tells apart two printouts of packs that claim the same version.
    label = lg.tr(lg.slots[-1], N_("Version {version}"), version=manifest.version)
    return f"{label} · {fingerprint[:8]}" if fingerprint else label


def _title_blocks(lg: _Lang, manifest: Any, title: str, subtitle: Cell = ()) -> list[Block]:
    blocks: list[Block] = [Heading(lg.ui(title), 0), Paragraph(lg.text(manifest.workshop.title, "strong"))]
    if subtitle:
        blocks.append(Paragraph(subtitle))
    details = lg.text(manifest.workshop.venue, "small") + lg.text(manifest.workshop.organiser, "small")
    blocks.append(Paragraph(details, "small"))
    return blocks


def _handout(
    kind: str,
    lg: _Lang,
    manifest: Any,
    fingerprint: str,
    title: str,
    blocks: Iterable[Block],
    edition: str = "",
    mark: str = "",
    large: bool = False,
) -> Handout:
    workshop = " / ".join(w.text for w in lg.text(manifest.workshop.title))
    stem = "-".join(part for part in (kind, edition, lg.lang) if part)
    return Handout(
        kind=kind,
        lang=lg.lang,
        edition=edition,
        title=f"{lg.joined(title)}: {workshop}",
        subject=workshop,
        author=manifest.publisher,
        header=workshop,
        version=_version_label(lg, manifest, fingerprint),
        page_label=lg.joined(N_("Page {page} of {pages}")),
        blocks=tuple(blocks),
        mark=lg.joined(mark) if mark else "",
        large=large,
        file_stem=stem,
    )


def _of_kind(items: Iterable[Any], kind: str) -> list[Any]:
    return [item for item in items if getattr(item, "kind", None) == kind]


# --- Agenda ------------------------------------------------------------------------


def agenda(items: Sequence[Any], manifest: Any, fingerprint: str, lang: str, wall: bool = False) -> Handout:
    """One page per workshop day; ``wall`` is the large-type poster variant."""
    lg = _Lang(lang)
    sessions = sorted(_of_kind(items, "agenda-item"), key=lambda i: (i.day, i.start, i.id))
    days = sorted({s.day for s in sessions})
    blocks: list[Block] = []
    for n, day in enumerate(days):
        if n:
            blocks.append(PageBreak())
        date = day_date(manifest.workshop.start_date, day).isoformat()
        # Each day is a page of its own (it goes on a door or a wall): it names the workshop.
        # The date is printed once, after the day in each language ("Day 1 · 第1天 · 2027-03-16").
        day_label = (*lg.ui(N_("Day {number}"), number=day), Words(date, "en"))
        blocks.append(Heading(day_label if wall else lg.ui(N_("Agenda")) + day_label, 0))
        if not wall:
            blocks.append(Paragraph(lg.text(manifest.workshop.title, "small"), "small"))
        rows = []
        for s in (s for s in sessions if s.day == day):
            session = lg.text(s.title, "strong")
            # A break's title says what it is ("Lunch"); its format line would only say "Break".
            if not wall and (s.format != "break" or s.trainer is not None):
                session += tuple(
                    Words(_session_details(lg, s, slot), slot, role="small") for slot in lg.slots
                )
            rows.append(((Words(f"{s.start}–{s.end}", "en"),), session))
        header = (lg.ui(N_("Time")), lg.ui(N_("Session")))
        blocks.append(Table(header, tuple(rows), (1, 4) if wall else (1, 5)))
    kind = "agenda-wall" if wall else "agenda"
    return _handout(kind, lg, manifest, fingerprint, N_("Agenda"), blocks, large=wall)


def _session_details(lg: _Lang, session: Any, slot: str) -> str:
    """Format and trainer on one line, so that a day fits on one page."""
    parts = [lg.tr(slot, FORMAT_NAMES[session.format])]
    if session.trainer is not None:
        trainer = lg.text_in(session.trainer.organisation, slot) + lg.text_in(session.trainer.role, slot)
        separator = LIST_SEPARATORS[slot]
        parts.append(separator.join(w.text + (f" {w.mark}" if w.mark else "") for w in trainer))
    return " · ".join(parts)


# --- Case studies --------------------------------------------------------------------


def case_studies(
    items: Sequence[Any], manifest: Any, fingerprint: str, lang: str, edition: str = "participant"
) -> Handout:
    """Every case study; answers and notes only in the facilitator edition.

    In the participant edition each stage is a card, a page of its own, so that
    a facilitator can hand the stages out one at a time as the case unfolds;
    the first card also carries the setting and persona, the last one the
    discussion questions. The facilitator edition runs on, a case after a case
    with its answers: it is read through and consulted, not handed out in pieces.
    """
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    lg = _Lang(lang)
    tools = {t.id: t for t in _of_kind(items, "screening-tool")}
    edition_name = N_("Facilitator edition") if edition == "facilitator" else N_("Participant edition")
    blocks: list[Block] = _title_blocks(lg, manifest, N_("Case studies"), lg.ui(edition_name, "strong"))
    if edition == "facilitator":
        blocks.append(
            Paragraph(
                lg.ui(N_("Contains facilitator notes and answer keys. Do not hand out to participants.")),
                "notice",
            )
        )
    cards = edition == "participant"
    for study in (for_edition(s, edition) for s in _of_kind(items, "case-study")):
        blocks.append(PageBreak())
        blocks.append(Heading(lg.text(study.title), 0))
        blocks.append(Heading(lg.ui(N_("Setting")), 2))
        blocks.extend(lg.paragraphs(study.setting))
        blocks.append(Heading(lg.ui(N_("Persona")), 2))
        blocks.extend(lg.paragraphs(study.persona))
        if study.content_note is not None:
            blocks.append(Heading(lg.ui(N_("Content note")), 2))
            blocks.extend(lg.paragraphs(study.content_note, "small"))
        total = len(study.stages)
        for number, stage in enumerate(study.stages, 1):
            if cards and number > 1:
                blocks.append(PageBreak())
            label = lg.ui(N_("Stage {number} of {total}"), "small", number=number, total=total)
            blocks.append(Heading(label + lg.text(stage.title), 2))
            blocks.extend(lg.paragraphs(stage.text))
        # On a card the questions stay with the last stage: a page of questions alone gives away nothing
        # to discuss, and a stack of cards would gain a stray one.
        blocks.append(Heading(lg.ui(N_("Discussion questions")), 1, joined=cards))
        blocks.append(Bullets(tuple(lg.text(q) for q in study.questions), numbered=True))
        if has_facilitator_content(study):
            blocks.extend(_facilitator_blocks(lg, study, tools))
    return _handout("case-studies", lg, manifest, fingerprint, N_("Case studies"), blocks, edition)


def _facilitator_blocks(lg: _Lang, study: Any, tools: dict[str, Any]) -> list[Block]:
    """The only place facilitator notes and answer keys enter a handout."""
    notes = study.facilitator_notes
    blocks: list[Block] = [Heading(lg.ui(N_("Facilitator notes")), 1)]
    if notes is not None:
        blocks.append(Heading(lg.ui(N_("Model answers")), 2))
        for number, answer in study.numbered_answers():
            # The question's number above its answer, so a trainer sees which answers which.
            if number is not None:
                blocks.append(Paragraph(lg.ui(N_("Question {number}"), "strong", number=number)))
            blocks.extend(lg.paragraphs(answer))
        if notes.common_mistakes:
            blocks.append(Heading(lg.ui(N_("Common mistakes")), 2))
            blocks.append(Bullets(tuple(lg.text(m) for m in notes.common_mistakes)))
    for key in study.answer_keys:
        tool = tools.get(key.tool)
        name = lg.text(tool.title) if tool is not None else (Words(key.tool, "en"),)
        indicators = _tool_indicators(tool)
        blocks.append(Heading(lg.ui(N_("Answer key")) + name, 2))
        blocks.extend(lg.paragraphs(key.explanation))
        for label, entries in (
            (N_("Indicators present"), key.indicators),
            (N_("Often marked, not shown"), key.not_present),
        ):
            if entries:
                blocks.append(Paragraph(lg.ui(label, "strong")))
                blocks.append(Bullets(tuple(_keyed(lg, e.indicator, indicators, e.reason) for e in entries)))
    return blocks


def _tool_indicators(tool: Any) -> dict[str, Any]:
    """A tool's indicators by code."""
    if tool is None:
        return {}
    return {i.id: i for d in tool.dimensions for i in d.indicators}


def _keyed(lg: _Lang, code: str, indicators: dict[str, Any], reason: Any) -> Cell:
    """An answer-key entry: the indicator's code, label and grade, then why, in each language.

    A facilitator scoring a group's form reads the indicator as worded on it, not
    only its code. A code the tool does not have is printed as before.
    """
    indicator = indicators.get(code)
    if indicator is None:
        return _coded(code, lg.text(reason))
    found: list[Words] = []
    for slot in lg.slots:
        label = lg.text_in(indicator.text, slot, "strong")
        grade = lg.tr(slot, GRADE_NAMES[indicator.grade]) if indicator.grade else ""
        if grade:  # Chinese takes full-width brackets
            grade = f"（{grade}）" if slot == "zh-Hans" else f" ({grade})"
        text = label[0].text if label else ""
        mark = label[0].mark if label else ""
        found.append(Words(f"{code} · {text}{grade}", slot, mark, "strong"))
        found.extend(lg.text_in(reason, slot))
    return tuple(found)


def _coded(code: str, cell: Cell) -> Cell:
    """Prefix each language's text with an indicator code, on the same line."""
    return tuple(Words(f"{code}: {w.text}", w.lang, w.mark, w.role) for w in cell) or (Words(code, "en"),)


# --- Screening forms -----------------------------------------------------------------


def screening_forms(items: Sequence[Any], manifest: Any, fingerprint: str, lang: str) -> Handout:
    """A blank practice form per tool: caveats first, then every indicator.

    The first form starts under the title block, so page 1 is already a form;
    every further tool starts a page of its own.
    """
    lg = _Lang(lang)
    blocks: list[Block] = _title_blocks(lg, manifest, N_("Screening tools"))
    practice = N_("PRACTICE: for training only. Do not record a real person on this form.")
    boxes = tuple(Words(lg.joined(a), lg.slots[-1]) for a in ANSWERS)  # the same on every row
    for n, tool in enumerate(_of_kind(items, "screening-tool")):
        if n:
            blocks.append(PageBreak())
        blocks.append(Heading(lg.text(tool.title), 0))
        blocks.append(Paragraph(lg.ui(practice), "notice"))
        if tool.source:  # provenance; the facilitator-only ``to_verify`` list never prints
            blocks.append(Paragraph(lg.text(tool.source, "small"), "small"))
        blocks.append(Heading(lg.ui(N_("Read before use")), 2))
        blocks.append(Bullets(tuple(lg.text(c, "small") for c in tool.caveats)))
        blocks.extend(lg.paragraphs(tool.purpose, "small"))
        if tool.style != "guide":
            blocks.append(_person_fields(lg, tool))
        for dimension in tool.dimensions:
            blocks.append(Heading((Words(dimension.id, "en"), *lg.text(dimension.title)), 1))
            blocks.extend(lg.paragraphs(dimension.description, "small"))
            if tool.style == "guide":  # a guide is worked through, not scored: steps to tick, room for notes
                blocks.append(_guide_checklist(lg, dimension))
                continue
            for indicator in dimension.indicators:
                grade = lg.ui(GRADE_NAMES[indicator.grade], "small") if indicator.grade else ()
                blocks.append(
                    FormRow(
                        indicator=indicator.id,
                        grade=grade,
                        text=lg.text(indicator.text, "strong"),
                        guidance=lg.text(indicator.guidance, "small"),
                        note=lg.text(indicator.note, "small"),
                        boxes=boxes,
                    )
                )
            if tool.style != "guide":
                blocks.append(_tally(lg, tool, dimension))
        if tool.style != "guide":
            blocks.extend(_outcome_blocks(lg, tool))
    return _handout(
        "screening-forms", lg, manifest, fingerprint, N_("Screening tools"), blocks, mark=N_("PRACTICE")
    )


def _choices(lg: _Lang, labels: Sequence[str]) -> Cell:
    """Boxes to tick, each before its label, in a row: "□ Under 14   □ 14–17".

    One box per choice in every edition: a bilingual form labels it in both languages ("Yes / 是"),
    so that nobody ticks an English and a Chinese box for the same answer.
    """
    # No-break spaces: a box never parts from its label, and the gap between choices is not collapsed.
    gap = "\xa0\xa0\xa0 "
    text = gap.join(f"{CHECK_BOX}\xa0{lg.joined(label)}" for label in labels)
    return (Words(text, lg.slots[-1], role="strong"),)


def _person_fields(lg: _Lang, tool: Any) -> Table:
    """The fields filled in before scoring: the age band and, if a rule asks, whether an act is recorded."""
    rows: list[tuple[Cell, ...]] = [(lg.ui(N_("Age band"), "strong"), _choices(lg, AGE_BANDS))]
    if uses_act(tool):
        rows.append(
            (
                lg.ui(N_("Act recorded"), "strong"),
                _choices(lg, (N_("Yes"), N_("No"))) + lg.ui(ACT_HINT, "small"),
            )
        )
    header = (lg.ui(N_("About the person"), "small"), lg.ui(N_("Tick one"), "small"))
    return Table(header, tuple(rows), FIELD_COLUMNS)


def _tally(lg: _Lang, tool: Any, dimension: Any) -> Table:
    """Under a dimension's indicators: its rule from the data, a box per count to write in, and its result."""
    rule = dimension_rule(tool)
    if rule is None:  # a checklist: no rule and no result per dimension, only the count
        said: Cell = lg.ui(N_("No score: count the indicators ticked present."), "small")
        met: tuple[Cell, ...] = ()
    else:
        said = lg.text(rule, "small")
        met = (_choices(lg, (N_("Yes"), N_("No"))),)
    counts = counts_used(tool)
    header = (
        lg.ui(N_("Rule"), "small"),
        *(lg.ui(TALLY_NAMES[c], "small") for c in counts),
        *((lg.ui(N_("Dimension met"), "small"),) if met else ()),
    )
    row = ((Words(dimension.id, "en", role="strong"), *said), *([()] * len(counts)), *met)
    widths = (3.4, *([0.9] * len(counts)), *((1.4,) if met else ()))
    return Table(header, (row,), widths)


def _outcome_blocks(lg: _Lang, tool: Any) -> list[Block]:
    """The end of a form: the overall (and child) rule from the data, and boxes for the outcome."""
    blocks: list[Block] = [Heading(lg.ui(N_("Outcome")), 1)]
    overall, child = overall_rule(tool), child_rule(tool)
    rows: list[tuple[Cell, ...]] = []
    if overall is None:  # a checklist: no threshold, any indicator present calls for inquiry
        blocks.append(
            Paragraph(
                lg.ui(N_("No score and no threshold: any indicator present calls for inquiry and referral.")),
                "body",
            )
        )
        outcomes = (OUTCOME_NAMES["indicators_present"], OUTCOME_NAMES["no_indicators"])
    else:
        blocks.append(Paragraph(lg.text(overall), "body"))
        if child is not None:
            blocks.append(Paragraph(lg.text(child), "body"))
            applied = _choices(lg, (N_("Adult rule"), N_("Child rule")))
            rows.append((lg.ui(N_("Rule applied"), "strong"), applied))
        outcomes = (OUTCOME_NAMES["met"], OUTCOME_NAMES["not_met"])
    rows.append((lg.ui(N_("Outcome"), "strong"), _choices(lg, outcomes)))
    header = (lg.ui(N_("Result"), "small"), lg.ui(N_("Tick one"), "small"))
    blocks.append(Table(header, tuple(rows), FIELD_COLUMNS))
    caution = N_("An outcome is an indication for referral and further inquiry, not a legal identification.")
    blocks.append(Paragraph(lg.ui(caution), "small"))
    return blocks


def _guide_checklist(lg: _Lang, dimension: Any) -> Table:
    """A guide's steps as a checklist: each step with a box to tick when done and a wide notes column.

    No present / absent / unknown boxes and no scoring: a guide gives no result.
    """
    header = (lg.ui(N_("Step"), "small"), lg.ui(N_("Done"), "small"), lg.ui(N_("Notes"), "small"))
    box: Cell = (Words(CHECK_BOX, "en", role="strong"),)
    rows: list[tuple[Cell, ...]] = []
    for step in dimension.indicators:
        what = lg.text(step.text, "strong") + lg.text(step.guidance, "small") + lg.text(step.note, "small")
        rows.append(((Words(step.id, "en", role="strong"), *what), box, ()))
    return Table(header, tuple(rows), GUIDE_COLUMNS)


# --- Glossary ----------------------------------------------------------------------------


def glossary(items: Sequence[Any], manifest: Any, fingerprint: str, lang: str) -> Handout:
    """Every term with both languages side by side, sorted in the handout's language."""
    lg = _Lang(lang)
    first = lg.slots[0]
    other = "zh-Hans" if first == "en" else "en"
    # Chinese by pinyin, not by code point (collation.sort_key, shared with the window's list).
    terms = sorted(
        _of_kind(items, "glossary-term"), key=lambda t: sort_key(t.term.resolve(first)[0], first)
    )
    names = {"en": N_("English"), "zh-Hans": N_("Chinese")}
    rows: list[tuple[Cell, ...]] = []
    header: tuple[Cell, ...]
    if lang == "bilingual":
        header = (lg.ui(names["en"]), lg.ui(names["zh-Hans"]))
        for t in terms:
            rows.append(
                tuple(lg.text_in(t.term, s, "strong") + lg.text_in(t.definition, s) for s in lg.slots)
            )
        widths: tuple[float, ...] = (1, 1)
    else:
        header = (lg.ui(names[first]), lg.ui(names[other]), lg.ui(N_("Definition")))
        for t in terms:
            own = lg.text(t.term, "strong")
            translated = t.term.get(other)
            rows.append((own, (Words(translated, other),) if translated else (), lg.text(t.definition)))
        widths = (1.1, 1.1, 3)
    blocks: list[Block] = [*_title_blocks(lg, manifest, N_("Glossary")), Table(header, tuple(rows), widths)]
    return _handout("glossary", lg, manifest, fingerprint, N_("Glossary"), blocks)


# --- Sign-in sheet -------------------------------------------------------------------------


def sign_in(items: Sequence[Any], manifest: Any, fingerprint: str, lang: str) -> Handout:
    """One sheet per half-day session, with numbered rows for every expected participant.

    Each sheet starts on a page of its own and says which day, date and half-day
    it is for; its column header, repeated on every page, says it again, so a
    loose page still tells. Row numbers continue across a sheet's pages.
    """
    lg = _Lang(lang)
    start = manifest.workshop.start_date
    blocks: list[Block] = []
    for day in range(1, manifest.workshop.days + 1):
        date = day_date(start, day).isoformat()
        for half in HALF_DAYS:
            if blocks:
                blocks.append(PageBreak())
            session = lg.ui(half, "strong", number=day, date=date)
            title, *details = _title_blocks(lg, manifest, N_("Sign-in sheet"))
            blocks.extend((title, Heading(session, 1), *details))
            columns = (
                (Words("#", "en"),),
                lg.ui(N_("Name")),
                lg.ui(N_("Organisation")),
                lg.ui(N_("Signature")) + tuple(Words(w.text, w.lang, role="small") for w in session),
            )
            blocks.append(SignatureGrid(columns, SIGN_IN_ROWS, first=1))
    return _handout("sign-in", lg, manifest, fingerprint, N_("Sign-in sheet"), blocks)


# --- Library documents -------------------------------------------------------------------------


def documents(items: Sequence[Any], manifest: Any, fingerprint: str, lang: str) -> Handout:
    """Library documents, each from a new page: title, summary, sections and its source line.

    Never a document's ``to_verify``: that list is for a facilitator checking
    before quoting, and is removed here whatever the edition, since a library
    handout goes to participants.
    """
    lg = _Lang(lang)
    blocks: list[Block] = _title_blocks(lg, manifest, N_("Library documents"))
    for document in (for_edition(d, "participant") for d in _of_kind(items, "document")):
        blocks.append(PageBreak())
        blocks.append(Heading(lg.text(document.title), 0))
        blocks.extend(lg.paragraphs(document.summary))
        for section in document.sections:
            blocks.append(Heading(lg.text(section.heading), 2))
            blocks.extend(lg.paragraphs(section.body))
        if document.source is not None:
            blocks.append(Heading(lg.ui(N_("Source")), 2))
            blocks.extend(lg.paragraphs(document.source, "small"))
    return _handout("documents", lg, manifest, fingerprint, N_("Library documents"), blocks)


# --- The print pack --------------------------------------------------------------------------

Builder = Callable[[], Handout]


def plan(
    items: Sequence[Any], manifest: Any, fingerprint: str, kind: str, lang: str, edition: str = "participant"
) -> list[Builder]:
    """The handouts a kind stands for, as builders to call one at a time."""
    if kind not in (*KINDS, "all"):
        raise ValueError(f"unknown handout kind {kind!r}")
    _Lang(lang)  # fail early on an unknown language
    args = (items, manifest, fingerprint, lang)
    builders: dict[str, list[Builder]] = {
        "agenda": [lambda: agenda(*args), lambda: agenda(*args, wall=True)],
        "case-studies": [lambda: case_studies(*args, edition=edition)],
        "screening-forms": [lambda: screening_forms(*args)],
        "glossary": [lambda: glossary(*args)],
        "sign-in": [lambda: sign_in(*args)],
        "documents": [lambda: documents(*args)],
    }
    if kind == "all":
        return [b for k in KINDS for b in builders[k]]
    return builders[kind]

"""Content items as the HTML the readers show (Qt's rich-text subset).

Pure functions of an item and a language, so the same reader shows English or
Chinese by re-rendering. All content text is escaped before it becomes HTML.
Links to other items use ``item:<id>``; the window turns them into navigation.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from companion.app.domain import CATEGORY_NAMES, FORMAT_NAMES, GRADE_NAMES, OUTCOME_NAMES
from companion.i18n import _, ngettext

if TYPE_CHECKING:  # the model (pydantic) loads after the window is up
    from collections.abc import Sequence

    from companion.app.domain import (
        AgendaItem,
        AssessmentForm,
        CaseStudy,
        Comparison,
        ContentItem,
        Document,
        EvaluationForm,
        Finding,
        GlossaryTerm,
        Question,
        ScreeningResult,
        ScreeningTool,
        Text,
    )

TitleLookup = Callable[[str], "Text | None"]


def plain(text: Text | None, lang: str) -> str:
    """Text for a list label: the requested language, else the other, marked."""
    if text is None:
        return ""
    value, actual = text.resolve(lang)
    return value if actual == lang else f"{value} {_fallback_tag(actual)}"


def _fallback_tag(actual: str) -> str:
    return _("(English only)") if actual == "en" else _("(Chinese only)")


def inline(text: Text | None, lang: str) -> str:
    """Escaped HTML for a short text, with a visible mark when it is a fallback."""
    if text is None:
        return ""
    value, actual = text.resolve(lang)
    escaped = html.escape(value)
    if actual != lang:
        escaped += f' <span style="color:#a33">{html.escape(_fallback_tag(actual))}</span>'
    return escaped


def paragraphs(text: Text | None, lang: str) -> str:
    """Escaped HTML paragraphs; a blank line in the source starts a new one."""
    if text is None:
        return ""
    value, actual = text.resolve(lang)
    parts = [p.strip() for p in value.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(' '.join(p.split()) if lang == 'en' else p)}</p>" for p in parts)
    if actual != lang:
        body += f'<p style="color:#a33">{html.escape(_fallback_tag(actual))}</p>'
    return body


def labelled(label: str, value: str) -> str:
    """``label: value`` with the colon the language uses (Chinese takes "：")."""
    return _("{label}: {value}").format(label=label, value=value)


def _heading(text: str, level: int = 2) -> str:
    return f"<h{level}>{text}</h{level}>"


def _bullets(entries: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e}</li>" for e in entries) + "</ul>" if entries else ""


def _links(ids: list[str], lookup: TitleLookup, lang: str) -> list[str]:
    links = []
    for item_id in ids:
        title = lookup(item_id)
        label = inline(title, lang) if title else html.escape(item_id)
        links.append(f'<a href="item:{html.escape(item_id)}">{label}</a>')
    return links


def agenda_item(item: AgendaItem, lang: str, lookup: TitleLookup, show_notes: bool = False) -> str:
    parts = [
        _heading(inline(item.title, lang), 1),
        f"<p><b>{html.escape(item.start)}–{html.escape(item.end)}</b> · "
        f"{html.escape(_(FORMAT_NAMES[item.format]))}</p>",
    ]
    if item.trainer:
        label = html.escape(_("Trainer"))
        organisation, role = inline(item.trainer.organisation, lang), inline(item.trainer.role, lang)
        parts.append("<p>" + labelled(label, f"{organisation} — {role}") + "</p>")
    parts.append(paragraphs(item.summary, lang))
    if item.objectives:
        parts.append(_heading(html.escape(_("Objectives")), 3))
        parts.append(_bullets([inline(o, lang) for o in item.objectives]))
    for label, ids in (
        (_("Case studies"), item.case_studies),
        (_("Screening tools"), item.tools),
        (_("Library"), item.documents),
    ):
        if ids:
            parts.append(_heading(html.escape(label), 3))
            parts.append(_bullets(_links(ids, lookup, lang)))
    if show_notes and item.facilitator_notes is not None:
        # Like a case study's notes: only when the facilitator asks for them.
        parts.append('<hr/><div style="background:#eef4fb">')
        parts.append(_heading(html.escape(_("Facilitator notes")), 2))
        parts.append(paragraphs(item.facilitator_notes, lang) + "</div>")
    return "".join(parts)


def case_study(
    study: CaseStudy, lang: str, revealed: int, show_notes: bool, lookup: TitleLookup | None = None
) -> str:
    """The case as a trainee meets it: stages up to ``revealed``, questions at the end."""
    parts = [_heading(inline(study.title, lang), 1), f"<p><i>{inline(study.setting, lang)}</i></p>"]
    if study.content_note:
        label = html.escape(_("Content note"))
        note = inline(study.content_note, lang)
        parts.append(
            '<p style="background:#fff3cd; padding:6px">' + labelled(f"<b>{label}</b>", note) + "</p>"
        )
    parts.append(_heading(html.escape(_("Persona")), 3) + paragraphs(study.persona, lang))
    for number, stage in enumerate(study.stages[:revealed], start=1):
        stage_label = html.escape(
            _("Stage {number} of {total}").format(number=number, total=len(study.stages))
        )
        # The anchor lets the reader scroll a stage into view as it is revealed.
        anchor = f'<a name="stage-{number}"></a>'
        parts.append(_heading(anchor + labelled(stage_label, inline(stage.title, lang)), 2))
        parts.append(paragraphs(stage.text, lang))
    if revealed >= len(study.stages):
        parts.append(_heading(html.escape(_("Discussion questions")), 2))
        parts.append("<ol>" + "".join(f"<li>{inline(q, lang)}</li>" for q in study.questions) + "</ol>")
    if show_notes:
        parts.append(facilitator_notes(study, lang, lookup))
    return "".join(parts)


def facilitator_notes(study: CaseStudy, lang: str, lookup: TitleLookup | None = None) -> str:
    """Model answers, common mistakes and answer keys; ``lookup`` names each key's tool by its title."""
    notes = study.facilitator_notes
    parts = ['<hr/><div style="background:#eef4fb">', _heading(html.escape(_("Facilitator notes")), 2)]
    if notes is None and not study.answer_keys:
        # A participant edition: the notes are not in this copy of the workshop at all.
        parts.append("<p>" + html.escape(_("This copy of the workshop has no facilitator notes.")) + "</p>")
    if notes is not None:
        parts.append(_heading(html.escape(_("Model answers")), 3))
        parts.append(_bullets([_numbered_answer(n, a, lang) for n, a in study.numbered_answers()]))
        if notes.common_mistakes:
            parts.append(_heading(html.escape(_("Common mistakes")), 3))
            parts.append(_bullets([inline(m, lang) for m in notes.common_mistakes]))
    for key in study.answer_keys:
        outcome = html.escape(_(OUTCOME_NAMES[key.outcome]))
        label = html.escape(_("Answer key"))
        tool_title = lookup(key.tool) if lookup else None
        tool = inline(tool_title, lang) if tool_title else html.escape(key.tool)
        parts.append(_heading(labelled(label, f"{tool} ({outcome})"), 3))
        parts.append(paragraphs(key.explanation, lang))
        parts.append(
            _bullets([f"<b>{html.escape(e.indicator)}</b> {inline(e.reason, lang)}" for e in key.indicators])
        )
    parts.append("</div>")
    return "".join(parts)


def _numbered_answer(number: int | None, answer: Text, lang: str) -> str:
    """A model answer led by the number of the question it answers (none when it answers none)."""
    if number is None:
        return inline(answer, lang)
    label = html.escape(_("Question {number}").format(number=number))
    return labelled(f"<b>{label}</b>", inline(answer, lang))


def screening_tool(tool: ScreeningTool, lang: str) -> str:
    parts = [
        _heading(inline(tool.title, lang), 1),
        "<p>" + html.escape(_("Version {version}").format(version=tool.version)) + "</p>",
        # Provenance for everyone; the facilitator-only ``to_verify`` list is never shown here.
        f'<p style="color:#555"><i>{inline(tool.source, lang)}</i></p>' if tool.source else "",
        paragraphs(tool.purpose, lang),
        _heading(html.escape(_("Read before use")), 3),
        _bullets([inline(c, lang) for c in tool.caveats]),
        _codes(tool, lang),
    ]
    for dimension in tool.dimensions:
        parts.append(_heading(f"{html.escape(dimension.id)} · {inline(dimension.title, lang)}", 2))
        parts.append(paragraphs(dimension.description, lang))
        rows = []
        graded = any(indicator.grade for indicator in dimension.indicators)  # else no grade column
        for indicator in dimension.indicators:
            grade = html.escape(_(GRADE_NAMES[indicator.grade])) if indicator.grade else ""
            detail = inline(indicator.text, lang)
            if indicator.guidance:
                detail += f'<br/><span style="color:#555">{inline(indicator.guidance, lang)}</span>'
            if indicator.note:
                detail += f'<br/><span style="color:#a33">{inline(indicator.note, lang)}</span>'
            rows.append(
                f"<tr><td><b>{html.escape(indicator.id)}</b></td>"
                + (f"<td>{grade}</td>" if graded else "")
                + f"<td>{detail}</td></tr>"
            )
        parts.append('<table cellspacing="0" cellpadding="4" border="1">' + "".join(rows) + "</table>")
    parts.append(_heading(html.escape(_("Sources")), 3))
    parts.append(_bullets([html.escape(s.citation) for s in tool.sources]))
    return "".join(parts)


def _codes(tool: ScreeningTool, lang: str) -> str:
    """What the tool's codes stand for ("AVR: abuse of vulnerability at recruitment"), from its data."""
    from companion.gui.abbreviations import tool_codes

    entries = [f"<b>{html.escape(c.code)}</b>: {inline(c.meaning, lang)}" for c in tool_codes(tool)]
    intro = _("An indicator's code is its group's code and a number: {example} is the first of {group}.")
    first = tool.dimensions[0]
    example = intro.format(example=first.indicators[0].id, group=first.id)
    return _heading(html.escape(_("Codes")), 3) + f"<p>{html.escape(example)}</p>" + _bullets(entries)


def document(doc: Document, lang: str) -> str:
    parts = [
        _heading(inline(doc.title, lang), 1),
        f"<p><i>{html.escape(_(CATEGORY_NAMES[doc.category]))}</i></p>",
        # Provenance for everyone; the facilitator-only ``to_verify`` list is never shown here.
        f'<p style="color:#555"><i>{inline(doc.source, lang)}</i></p>' if doc.source else "",
        f"<p><b>{inline(doc.summary, lang)}</b></p>",
    ]
    for section in doc.sections:
        parts.append(_heading(inline(section.heading, lang), 2))
        parts.append(paragraphs(section.body, lang))
    parts.append(_heading(html.escape(_("Sources")), 3))
    sources = []
    for source in doc.sources:
        note = f" — {inline(source.note, lang)}" if source.note else ""
        sources.append(html.escape(source.citation) + note)
    parts.append(_bullets(sources))
    return "".join(parts)


def glossary_term(term: GlossaryTerm, lang: str, lookup: TitleLookup) -> str:
    other = "zh-Hans" if lang == "en" else "en"
    parts = [
        _heading(inline(term.term, lang), 1),
        f'<p style="color:#555">{html.escape(term.term.get(other) or "")}</p>',
        paragraphs(term.definition, lang),
    ]
    if term.see_also:
        label = html.escape(_("See also"))
        parts.append("<p>" + labelled(label, ", ".join(_links(term.see_also, lookup, lang))) + "</p>")
    return "".join(parts)


def question(
    item: Question, lang: str, lookup: TitleLookup, number: int | None = None, show_answer: bool = False
) -> str:
    """A question and its choices; the key and its explanation only when ``show_answer``."""
    label = f"{number}. " if number is not None else ""
    parts = [_heading(html.escape(label) + inline(item.text, lang), 3)]
    choices = []
    for choice in item.choices:
        text = f"{html.escape(choice.id)}. {inline(choice.text, lang)}"
        keyed = show_answer and choice.id == item.answer
        choices.append(f"<b>{text} ✓</b>" if keyed else text)
    parts.append(_bullets(choices))
    checks = html.escape(_("Checks objective {number} of:").format(number=item.objective))
    parts.append(f'<p style="color:#555">{checks} {_links([item.session], lookup, lang)[0]}</p>')
    if show_answer and (item.answer is not None or item.explanation is not None):
        # Facilitator-only, like a case study's notes: never on the room's screen unless asked for.
        parts.append('<div style="background:#eef4fb">')
        if item.answer is not None:
            parts.append("<p>" + labelled(html.escape(_("Answer")), html.escape(item.answer)) + "</p>")
        parts.append(paragraphs(item.explanation, lang) + "</div>")
    return "".join(parts)


def assessment_form(
    form: AssessmentForm,
    questions: Sequence[Question | None],
    lang: str,
    lookup: TitleLookup,
    show_answers: bool = False,
) -> str:
    """A knowledge check: its questions in order (``questions`` follows ``form.questions``)."""
    parts = [_heading(inline(form.title, lang), 1)]
    n = len(form.questions)
    count = ngettext("{count} question", "{count} questions", n).format(count=n)
    parts.append(f'<p style="color:#555">{html.escape(count)}</p>')
    for number, (item_id, item) in enumerate(zip(form.questions, questions, strict=True), start=1):
        if item is None:  # not handed over (any_item): a link to it
            parts.append(f"<p>{number}. {_links([item_id], lookup, lang)[0]}</p>")
        else:
            parts.append(question(item, lang, lookup, number, show_answers))
    return "".join(parts)


def evaluation_form(form: EvaluationForm, lang: str, lookup: TitleLookup) -> str:
    """The evaluation form: sessions rated, statements rated, open questions."""
    parts = [_heading(inline(form.title, lang), 1)]
    if form.sessions:
        parts.append(_heading(html.escape(_("Sessions")), 3))
        scale = _("Relevance, clarity and usefulness, each from 1 (poor) to 5 (excellent)")
        parts.append(f"<p>{html.escape(scale)}</p>")
        parts.append(_bullets(_links(form.sessions, lookup, lang)))
    if form.overall:
        parts.append(_heading(html.escape(_("Overall")), 3))
        agree = _("From 1 (strongly disagree) to 5 (strongly agree)")
        parts.append(f"<p>{html.escape(agree)}</p>")
        parts.append(_bullets([inline(s, lang) for s in form.overall]))
    if form.free_text:
        parts.append(_heading(html.escape(_("In your own words")), 3))
        parts.append(_bullets([inline(q, lang) for q in form.free_text]))
    return "".join(parts)


def any_item(item: ContentItem, lang: str, lookup: TitleLookup) -> str:
    """Render any item; a case study shows all its stages and no notes, a question no answer."""
    if item.kind == "agenda-item":
        return agenda_item(item, lang, lookup)
    if item.kind == "screening-tool":
        return screening_tool(item, lang)
    if item.kind == "document":
        return document(item, lang)
    if item.kind == "glossary-term":
        return glossary_term(item, lang, lookup)
    if item.kind == "service":  # without its confidential part (the directory shows it on request)
        from companion.gui.referral import service_html

        return service_html(item, lang)
    if item.kind == "case-study":
        return case_study(item, lang, len(item.stages), show_notes=False)
    if item.kind == "question":
        return question(item, lang, lookup)
    if item.kind == "assessment-form":
        return assessment_form(item, [None] * len(item.questions), lang, lookup)
    if item.kind == "evaluation-form":
        return evaluation_form(item, lang, lookup)
    raise TypeError(f"cannot render {item.kind}")


# --- screening --------------------------------------------------------------------------------


def _lines(text: Text, lang: str) -> str:
    value = text.resolve(lang)[0]
    return "".join(f"<p>{html.escape(line)}</p>" for line in value.split("\n") if line.strip())


def screening_summary(result: ScreeningResult, lang: str) -> str:
    """The live summary beside an interview: counts and verdict of each dimension so far."""
    rows = []
    for d in result.dimensions:
        if d.positive is None:
            state = str(len(d.present))
        else:
            state = "✔ " + html.escape(_("positive")) if d.positive else html.escape(_("not established"))
        counts = f"{d.strong} / {d.medium} / {d.weak}" if d.positive is not None else ""
        rows.append(
            f"<tr><td><b>{html.escape(d.id)}</b></td><td>{counts}</td><td>{state}</td>"
            f"<td>{len(d.unknown)}</td></tr>"
        )
    head = "".join(
        f"<th>{html.escape(h)}</th>"
        for h in (_("Dimension"), _("strong / medium / weak"), _("Status"), _("Unknown"))
    )
    return (
        _heading(html.escape(_("So far")), 3)
        + f'<table cellspacing="0" cellpadding="3" border="1"><tr>{head}</tr>{"".join(rows)}</table>'
        + f"<p><b>{inline(result.label, lang)}</b></p>"
    )


def screening_result(
    result: ScreeningResult,
    tool: ScreeningTool,
    lang: str,
    comparison: Comparison | None = None,
    practice: bool = True,
    header: bool = True,
) -> str:
    """The result page: label, explanation, what could change it, the tool's caveats.

    ``header=False`` leaves out the banner and the tool's title, for a view that shows both above.
    """
    banner = _("PRACTICE — nothing is stored") if practice else _("FIELD RECORD")
    top = [
        f'<p style="color:#b00; font-weight:bold">{html.escape(banner)}</p>',
        _heading(inline(tool.title, lang), 1),
    ]
    parts = [
        *(top if header else []),
        _heading(inline(result.label, lang), 2),
        _lines(result.explanation, lang),
        screening_summary(result, lang),
    ]
    if comparison is not None:
        parts.append(practice_comparison(comparison, lang))
    parts.append(_heading(html.escape(_("Read before use")), 3))
    parts.append(_bullets([inline(c, lang) for c in result.caveats]))
    return "".join(parts)


def practice_comparison(comparison: Comparison, lang: str) -> str:
    """Trainee against answer key: matched, missed, wrongly marked, outcomes side by side."""

    def findings(entries: Sequence[Finding]) -> str:
        if not entries:
            return "<p>—</p>"
        return _bullets(
            [
                f"<b>{html.escape(f.indicator)}</b> {inline(f.reason, lang) if f.reason else ''}"
                for f in entries
            ]
        )

    def counted(title: str, entries: Sequence[Finding]) -> str:
        return _heading(f"{html.escape(title)} ({len(entries)})", 3) + findings(entries)

    mine = html.escape(_(OUTCOME_NAMES[comparison.trainee.outcome]))
    expected = html.escape(_(OUTCOME_NAMES[comparison.expected_outcome]))
    yours, key = html.escape(_("Your outcome")), html.escape(_("Answer key"))
    return "".join(
        [
            _heading(html.escape(_("Compared with the answer key")), 2),
            "<table cellspacing='0' cellpadding='4' border='1'><tr>"
            f"<th>{yours}</th><th>{key}</th></tr>"
            f"<tr><td>{mine}</td><td>{expected}</td></tr></table>",
            paragraphs(comparison.expected_explanation, lang),
            _heading(html.escape(_("Found ({count})").format(count=len(comparison.matched))), 3),
            findings(comparison.matched),
            _heading(html.escape(_("Missed ({count})").format(count=len(comparison.missed))), 3),
            findings(comparison.missed),
            _heading(
                html.escape(
                    _("Marked but not shown by the case ({count})").format(
                        count=len(comparison.wrongly_marked)
                    )
                ),
                3,
            ),
            findings(comparison.wrongly_marked),
        ]
    )

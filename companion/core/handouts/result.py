"""The screening result on paper: what a trainee or an officer takes away.

Built like every handout (plain blocks, see :mod:`.builder`): the tool and its
version, the date, the outcome's label and its explanation, each dimension's
counts, what unknown answers could change, a practice comparison when there is
one, and the tool's caveats. A practice result says PRACTICE on every page; a
field record's result names its case code, never a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from companion.core.handouts.builder import (
    Block,
    Bullets,
    Handout,
    Heading,
    Paragraph,
    Table,
    Words,
    _handout,
    _Lang,
)
from companion.core.model import Text
from companion.core.names import OUTCOME_NAMES
from companion.i18n import N_


def _one_per_line(text: Text) -> Text:
    """The explanation has a sentence per line; on paper each is a paragraph."""
    return Text(
        en=text.en.replace("\n", "\n\n") if text.en else text.en,
        zh_hans=text.zh_hans.replace("\n", "\n\n") if text.zh_hans else text.zh_hans,
    )


def screening_result(
    result: Any,
    tool: Any,
    manifest: Any,
    fingerprint: str,
    lang: str,
    when: date,
    practice: bool = True,
    case_code: str = "",
    comparison: Any = None,
    study: Any = None,
) -> Handout:
    lg = _Lang(lang)
    blocks: list[Block] = [Heading(lg.text(tool.title), 0)]
    if practice:
        blocks.append(Paragraph(lg.ui(N_("PRACTICE: for training only. Nothing was stored.")), "notice"))
    facts = [lg.joined(N_("Date: {date}"), date=when.isoformat())]
    facts.append(lg.joined(N_("Tool version: {version}"), version=result.tool_version))
    if case_code:
        facts.append(lg.joined(N_("Case code: {code}"), code=case_code))
    if study is not None:
        facts.append(" / ".join(w.text for w in lg.text(study.title)))
    blocks.append(Paragraph(tuple(Words(f, lg.slots[-1], role="small") for f in facts), "small"))

    blocks.append(Heading(lg.text(result.label), 1))
    blocks.extend(lg.paragraphs(_one_per_line(result.explanation)))
    blocks.append(_dimension_table(lg, result))
    if result.would_meet:
        blocks.append(Heading(lg.ui(N_("What could change the outcome")), 2))
        blocks.append(
            Paragraph(
                lg.ui(
                    N_("Each of these, if present, would meet the criteria: {ids}"),
                    ids=", ".join(result.would_meet),
                )
            )
        )
    if comparison is not None:
        blocks.extend(_comparison(lg, comparison))
    blocks.append(Heading(lg.ui(N_("Read before use")), 1))
    blocks.append(Bullets(tuple(lg.text(c, "small") for c in result.caveats)))
    mark = N_("PRACTICE") if practice else ""
    return _handout("screening-result", lg, manifest, fingerprint, N_("Screening result"), blocks, mark=mark)


def _dimension_table(lg: _Lang, result: Any) -> Table:
    header = tuple(
        lg.ui(h, "strong")
        for h in (N_("Dimension"), N_("Strong"), N_("Medium"), N_("Weak"), N_("Unknown"), N_("Status"))
    )
    rows = []
    for d in result.dimensions:
        if d.positive is None:
            status = lg.ui(N_("{count} present"), count=len(d.present))
        else:
            status = lg.ui(N_("positive") if d.positive else N_("not established"))
        numbers = (d.strong, d.medium, d.weak, len(d.unknown))
        rows.append(
            (
                (Words(d.id, "en"), *lg.text(d.title, "small")),
                *((Words(str(n), "en"),) for n in numbers),
                status,
            )
        )
    # Wide enough for each header word whole ("Medium" once broke as "Mediu/m" on A4).
    return Table(header, tuple(rows), (3.2, 1.4, 1.4, 1.4, 1.5, 2))


def _findings(lg: _Lang, title: str, entries: Sequence[Any]) -> list[Block]:
    blocks: list[Block] = [Heading(lg.ui(title, count=len(entries)), 2)]
    if entries:
        blocks.append(
            Bullets(
                tuple(
                    (
                        Words(f.indicator, "en", role="strong"),
                        *(lg.text(f.reason, "small") if f.reason else ()),
                    )
                    for f in entries
                )
            )
        )
    return blocks


def _comparison(lg: _Lang, comparison: Any) -> list[Block]:
    blocks: list[Block] = [Heading(lg.ui(N_("Compared with the answer key")), 1)]
    sentence = N_("Your outcome: {yours}. Answer key: {expected}.")
    yours, expected = OUTCOME_NAMES[comparison.trainee.outcome], OUTCOME_NAMES[comparison.expected_outcome]
    blocks.append(
        Paragraph(
            tuple(
                Words(lg.tr(s, sentence, yours=lg.tr(s, yours), expected=lg.tr(s, expected)), s)
                for s in lg.slots
            )
        )
    )
    blocks.extend(lg.paragraphs(comparison.expected_explanation, "small"))
    blocks.extend(_findings(lg, N_("Found ({count})"), comparison.matched))
    blocks.extend(_findings(lg, N_("Missed ({count})"), comparison.missed))
    blocks.extend(_findings(lg, N_("Marked but not shown by the case ({count})"), comparison.wrongly_marked))
    return blocks

"""Words of the bundled workshop that only hidden text contains, found by reading the content.

A projector-safe search is tested with words an audience must not find: each
word picked here occurs in one hidden field of a case study (a model answer,
a common mistake, an answer key, a later stage, the discussion questions) and
in no text of the workshop an audience sees, in either language. What an
audience sees is written out here from how the window shows a case study (see
companion.gui.render.case_study), not taken from the search code under test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from companion.core.model import AgendaItem, CaseStudy, Document, Question, ScreeningTool, Text, texts_of

CJK = re.compile(r"[\u4e00-\u9fff]+")


def audience_texts(item: Any, revealed: int = 1) -> list[Text]:
    """What an audience may read of ``item`` with ``revealed`` stages of a case study shown."""
    if isinstance(item, AgendaItem):  # its facilitator notes show only with notes ticked
        return texts_of(item.model_copy(update={"facilitator_notes": None}))
    if isinstance(item, ScreeningTool | Document):  # what is still to verify is for facilitators only
        return texts_of(item.model_copy(update={"to_verify": []}))
    if isinstance(item, Question):  # the key and its explanation are for facilitators only
        return texts_of(item.model_copy(update={"answer": None, "explanation": None}))
    if not isinstance(item, CaseStudy):
        return texts_of(item)
    shown = [item.title, item.setting, item.persona, *texts_of(item.content_note)]
    shown += texts_of(item.stages[:revealed])
    if revealed >= len(item.stages):
        shown += item.questions
    return shown


def _flat(texts: Iterable[Text]) -> str:
    return "\n".join(" ".join(t.split()) for text in texts for t in (text.en, text.zh_hans) if t).lower()


def seen_by_audience(pack: Any, revealed: dict[str, int] | None = None) -> list[Text]:
    """Every text of ``pack`` an audience may read, with ``revealed`` stages of some case studies."""
    revealed = revealed or {}
    return [t for item in pack.items for t in audience_texts(item, revealed.get(item.id, 1))]


def unseen_word(hidden: list[Text], seen: list[Text], *, chinese: int = 0) -> str:
    """A word of ``hidden`` that no text of ``seen`` contains (case-insensitively).

    English by default (a word of eight letters or more, found through the
    full-text index); with ``chinese=N``, a run of N Chinese characters (two
    goes through the short-query scan).
    """
    rest = _flat(seen)
    if chinese:
        candidates = (
            run[at : at + chinese]
            for text in hidden
            for run in CJK.findall(text.zh_hans or "")
            for at in range(len(run) - chinese + 1)
        )
    else:
        candidates = (w.lower() for text in hidden for w in re.findall(r"[A-Za-z]{8,}", text.en or ""))
    for word in candidates:
        if word not in rest:
            return word
    raise LookupError("every word of these texts is in what an audience sees")


def hidden_sources(study: CaseStudy) -> dict[str, list[Text]]:
    """The texts of ``study`` an audience must not see before notes are shown, by kind."""
    notes = study.facilitator_notes
    assert notes is not None and notes.common_mistakes and study.answer_keys
    return {
        "model answer": notes.model_answers,
        "common mistake": notes.common_mistakes,
        "answer key": texts_of(study.answer_keys),
        "last stage": texts_of(study.stages[-1]),
        "discussion questions": study.questions,
    }

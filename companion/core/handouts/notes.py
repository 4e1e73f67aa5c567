"""The user's notes on paper ("Export my notes"): both languages, with the passages they refer to.

Built like every handout (plain blocks, see :mod:`.builder`). Each mark prints the item's
title in both languages, the passage as it was quoted and, where the passage is still
found in the item, the same text in the other language; then the note as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from companion.core.handouts.builder import Block, Handout, Heading, Paragraph, Words, _handout, _Lang, _tidy
from companion.core.notes import BOOKMARK, HIGHLIGHT, Mark, locate, quoted
from companion.i18n import N_

KIND_NAMES = {"note": N_("Note"), BOOKMARK: N_("Bookmark"), HIGHLIGHT: N_("Highlight")}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def language_of(text: str) -> str:
    """The language a user's own text is in, as far as the fonts care: Chinese if it has any Han."""
    return "zh-Hans" if _CJK.search(text) else "en"


def my_notes(marks: Sequence[Mark], item: Callable[[str], Any], manifest: Any, fingerprint: str) -> Handout:
    """A bilingual handout of ``marks``; ``item`` finds an item by ID (None once it is gone)."""
    lg = _Lang("bilingual")
    blocks: list[Block] = [
        Heading(lg.ui(N_("My notes")), 0),
        Paragraph(lg.text(manifest.workshop.title, "strong")),
    ]
    if not marks:
        blocks.append(Paragraph(lg.ui(N_("No notes yet."))))
    for mark in marks:
        found = item(mark.item_id)
        title = (
            lg.text(found.title, "strong")
            if found is not None
            else (Words(mark.item_id, "en", role="strong"),)
        )
        blocks.append(Heading(title, 2))
        facts = [lg.joined(KIND_NAMES.get(mark.kind, N_("Note"))), mark.updated_at[:10]]
        blocks.append(Paragraph(tuple(Words(f, lg.slots[-1], role="small") for f in facts), "small"))
        if mark.passage:
            said = language_of(mark.passage)
            blocks.append(Paragraph((Words(quoted(mark.passage), said),), "notice"))
            text = locate(found, mark.passage)[1] if found is not None else None
            other = "en" if said == "zh-Hans" else "zh-Hans"
            value = text.resolve(other) if text is not None else None
            if value is not None and value[1] == other and value[0].strip():
                blocks.append(Paragraph((Words(_tidy(value[0], other), other, role="small"),), "small"))
        if mark.body:
            blocks.extend(
                Paragraph((Words(part.strip(), language_of(part)),))
                for part in mark.body.split("\n\n")
                if part.strip()
            )
    return _handout("my-notes", lg, manifest, fingerprint, N_("My notes"), blocks)

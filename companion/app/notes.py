"""The user's notes, bookmarks and highlights, as the window and the command line use them.

Thin: storing and finding marks is :mod:`companion.core.notes`, the PDF is
:mod:`companion.core.handouts.notes`; this module finds the current workshop and
joins marks to their items' titles.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.model import title_of
from companion.core.notes import (
    BOOKMARK,
    HIGHLIGHT,
    NOTE,
    Mark,
    Marks,
    NoteError,
    locate,
    quoted,
    search_marks,
)
from companion.core.store.search import SearchHit
from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.workshop import Workshop

__all__ = [
    "BOOKMARK",
    "HIGHLIGHT",
    "NOTE",
    "Mark",
    "Marks",
    "NoteError",
    "export_notes",
    "locate",
    "marks_of",
    "note_hits",
    "quoted",
]


def marks_of(workshop: Workshop) -> Marks:
    """The marks of the current workshop (of every version of it)."""
    pack_id = workshop.current_pack_id()
    if pack_id is None:
        raise NoteError(_("No workshop is installed in this data folder."))
    return Marks(workshop.store, pack_id)


def note_hits(workshop: Workshop, query: str, lang: str) -> list[SearchHit]:
    """Hits for ``query`` among the user's marks: for the facilitator's search only (marks are private)."""
    pack_id = workshop.current_pack_id()
    if pack_id is None:
        return []
    hits: list[SearchHit] = []
    for mark, snippet in search_marks(Marks(workshop.store, pack_id).all(), query):
        item = workshop.item(mark.item_id)
        if item is None:  # an item the workshop no longer has cannot be opened from a result
            continue
        title = title_of(item).resolve(lang)[0]
        hits.append(SearchHit(item.kind, mark.item_id, title, "✎ " + snippet, lang))
    return hits


def export_notes(workshop: Workshop, out: Path) -> Path:
    """Write every mark of the current workshop to ``out`` as a bilingual PDF."""
    from companion.core.handouts import write_handout
    from companion.core.handouts.notes import my_notes

    manifest = workshop.manifest()
    if manifest is None:
        raise NoteError(_("No workshop is installed in this data folder."))
    handout = my_notes(marks_of(workshop).all(), workshop.item, manifest, workshop.fingerprint())
    return write_handout(handout, out)

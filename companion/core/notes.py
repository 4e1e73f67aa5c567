"""The user's own notes, bookmarks and highlights on items: stored, listed, located and searched.

A mark names its item by the stable item ID and the workshop's ID, never by a pack
version, so a newer version of the workshop finds every mark where it was. A passage
(highlighted text) is kept as quoted; :func:`locate` finds where in the item it is
(``stages/2``: the second stage; ``sections/0``; ``indicators/3``) so that it can be shown
in both languages. Marks are private: :func:`search_marks` is for the facilitator's
search only (the caller decides; the audience search never calls it).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from companion.core.model import Text
from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.store.store import Store

NOTE, BOOKMARK, HIGHLIGHT = "note", "bookmark", "highlight"
MARK_KINDS = (NOTE, BOOKMARK, HIGHLIGHT)
MAX_TEXT = 20_000  # characters of a note or a passage: a page of notes, never a whole document


class NoteError(ValueError):
    """A mark that cannot be stored, said in one sentence."""


@dataclass(frozen=True)
class Mark:
    id: str
    item_id: str
    kind: str  # note, bookmark or highlight
    field: str  # where the passage is in the item ("stages/2"), "" for the item as a whole
    passage: str  # the quoted text, "" for the item as a whole
    body: str  # the user's note, as written
    created_at: str
    updated_at: str

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "item": self.item_id,
            "kind": self.kind,
            "field": self.field,
            "passage": self.passage,
            "note": self.body,
            "created": self.created_at,
            "updated": self.updated_at,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _texts_with_anchors(value: object, anchor: str, name: str) -> list[tuple[str, Text]]:
    """Every :class:`Text` in ``value`` with the entry a reader can point at that holds it.

    The anchor is the first list entry on the way ("stages/2", "sections/0"), or deeper the
    last entry that has an ID of its own (a tool's indicator: "indicators/DR3"); a field
    outside any list names itself ("summary").
    """
    from pydantic import BaseModel

    if isinstance(value, Text):
        return [(anchor, value)]
    found: list[tuple[str, Text]] = []
    if isinstance(value, BaseModel):
        for field_name in type(value).model_fields:
            # A field outside any list is its own anchor ("summary"), until a list entry is met.
            found += _texts_with_anchors(getattr(value, field_name), anchor or field_name, field_name)
    elif isinstance(value, (list, tuple)):
        for n, entry in enumerate(value):
            own = getattr(entry, "id", None)
            at_field = anchor == name  # no list entry on the way yet
            here = f"{name}/{own}" if isinstance(own, str) else (f"{name}/{n:d}" if at_field else anchor)
            found += _texts_with_anchors(entry, here, name)
    elif isinstance(value, dict):
        for entry in value.values():
            found += _texts_with_anchors(entry, anchor, name)
    return found


def locate(item: Any, passage: str) -> tuple[str, Text | None]:
    """Where ``passage`` is in ``item`` ("stages/2", "sections/0", "indicators/DR3") and the text holding it.

    ``("", None)`` when the passage is not in the item (its text changed since).
    """
    wanted = _flat(passage).lower()
    if not wanted:
        return "", None
    for anchor, text in _texts_with_anchors(item, "", ""):
        if any(wanted in _flat(value).lower() for value in (text.en or "", text.zh_hans or "")):
            return anchor, text
    return "", None


def quoted(passage: str) -> str:
    """``passage`` in its language's quotation marks: “…” around Chinese, plain "…" around the rest.

    The curly marks are full width in a Chinese font, which is how the window and the PDFs
    draw every text; around English words they looked out of place.
    """
    return f"“{passage}”" if re.search(r"[\u3400-\u9fff\uf900-\ufaff]", passage) else f'"{passage}"'


def _checked(text: str) -> str:
    if "\x00" in text:
        raise NoteError(_("A note or passage cannot hold a NUL character."))
    if len(text) > MAX_TEXT:
        raise NoteError(
            _("A note or passage is longer than {limit} characters.").format(limit=f"{MAX_TEXT:,}")
        )
    return text.strip()


class Marks:
    """The marks of one workshop (by its ID, whatever its version) in the store."""

    def __init__(self, store: Store, pack_id: str) -> None:
        self.store = store
        self.pack_id = pack_id

    def add(self, item_id: str, body: str = "", passage: str = "", kind: str | None = None) -> Mark:
        """Store a mark on an item the workshop has; a note without text and passage is a bookmark."""
        body, passage = _checked(body), _checked(passage)
        item = self.store.item(item_id, self.pack_id)
        if item is None:
            raise NoteError(_("The workshop has no item {id}.").format(id=item_id))
        kind = kind or (NOTE if body else HIGHLIGHT if passage else BOOKMARK)
        if kind not in MARK_KINDS:
            raise NoteError(_("Unknown kind of mark: {kind}.").format(kind=kind))
        if kind == NOTE and not body:
            raise NoteError(_("A note needs some text."))
        if kind == HIGHLIGHT and not passage:
            raise NoteError(_("A highlight needs the passage it marks."))
        field = locate(item, passage)[0] if passage else ""
        now = _now()
        mark = Mark(secrets.token_hex(16), item_id, kind, field, passage, body, now, now)
        with self.store.transaction() as conn:
            if kind == BOOKMARK:  # one bookmark per item: bookmarking again changes nothing
                row = conn.execute(
                    "SELECT id, created_at FROM marks WHERE pack_id = ? AND item_id = ? AND kind = ?",
                    (self.pack_id, item_id, BOOKMARK),
                ).fetchone()
                if row is not None:
                    return Mark(row[0], item_id, BOOKMARK, "", "", "", row[1], row[1])
            conn.execute(
                "INSERT INTO marks(id, pack_id, item_id, kind, field, passage, body, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (mark.id, self.pack_id, item_id, kind, field, passage, body, now, now),
            )
        return mark

    def update(self, mark_id: str, body: str) -> None:
        body = _checked(body)
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE marks SET body = ?, kind = CASE WHEN ? <> '' THEN 'note' ELSE kind END,"
                " updated_at = ? WHERE pack_id = ? AND id = ?",
                (body, body, _now(), self.pack_id, mark_id),
            )

    def remove(self, mark_id: str) -> bool:
        with self.store.transaction() as conn:
            gone = conn.execute("DELETE FROM marks WHERE pack_id = ? AND id = ?", (self.pack_id, mark_id))
        return gone.rowcount > 0

    def all(self, item_id: str | None = None) -> list[Mark]:
        """The marks, oldest first; of one item when ``item_id`` is given."""
        query = (
            "SELECT id, item_id, kind, field, passage, body, created_at, updated_at FROM marks"
            " WHERE pack_id = ?"
        )
        params: tuple[str, ...] = (self.pack_id,)
        if item_id is not None:
            query += " AND item_id = ?"
            params += (item_id,)
        rows = self.store.conn.execute(query + " ORDER BY created_at, rowid", params).fetchall()
        return [Mark(*(str(value or "") for value in row)) for row in rows]


def search_marks(marks: list[Mark], query: str) -> list[tuple[Mark, str]]:
    """The marks whose note or passage holds ``query`` (any case), each with a snippet around it.

    Only the facilitator's search may call this: marks are the user's own, never for the room.
    """
    from companion.core.store.search import _cut_snippet as cut_snippet

    query = " ".join(query.split())
    if not query:
        return []
    found: list[tuple[Mark, str]] = []
    for mark in marks:
        for text in (mark.body, mark.passage):
            if query.lower() in _flat(text).lower():
                found.append((mark, cut_snippet(text, query)))
                break
    return found

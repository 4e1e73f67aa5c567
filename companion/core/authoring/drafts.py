"""One item at a time, as an editor works: open it, autosave it, start a new one, delete one.

:func:`save_draft` is what an editor calls on every pause in typing. It
always keeps what it is given: when the item validates (:mod:`.problems`) it
replaces that one item of the working copy (its row, its search rows, the
workshop's digest; :meth:`Store.replace_items`) and the draft goes; when it
does not, it is kept as the item's *draft*, one row written in one
transaction, which survives a crash and is offered again (:func:`drafts`).
Nothing here rewrites the whole workshop, so a save takes milliseconds.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.core.authoring.problems import FieldProblem, item_problems
from companion.core.authoring.workshops import AuthoringError, editable_pack
from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.store import Store


class Draft(NamedTuple):
    item_id: str
    kind: str
    data: dict[str, Any]  # the item as JSON data, as the editor last saved it
    saved_at: str  # ISO time


# A new item's ID: the kind's prefix and the next free number (never derived from the title).
PREFIXES = {
    "agenda-item": "ag",
    "case-study": "cs",
    "screening-tool": "tool",
    "document": "doc",
    "glossary-term": "gl",
}


def as_data(item: Any) -> dict[str, Any]:
    data: dict[str, Any] = item.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


def item_data(store: Store, item_id: str) -> dict[str, Any] | None:
    """The saved item of the current workshop as data (what an editor opens), or None."""
    item = store.item(item_id)
    return as_data(item) if item is not None else None


def new_item_data(store: Store, kind: str) -> dict[str, Any]:
    """A template of ``kind`` with a fresh ID: the fields it needs, their texts still empty."""
    if kind not in PREFIXES:
        raise AuthoringError(_("There is no content kind {kind}.").format(kind=repr(kind[:40])))
    pack_id = editable_pack(store)
    prefix = PREFIXES[kind]
    taken = {row[0] for row in store.conn.execute("SELECT id FROM items WHERE pack_id = ?", (pack_id,))}
    taken |= {draft[0] for draft in store.drafts(pack_id)}
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(rf"{prefix}-(\d+)", t))]
    width = max((len(t) - len(prefix) - 1 for t in taken if t.startswith(prefix + "-")), default=2)
    number = max(numbers, default=0) + 1
    item_id = f"{prefix}-{number:0{min(max(width, 2), 4)}d}"
    return {"kind": kind, "id": item_id, **_template(kind)}


def _template(kind: str) -> dict[str, Any]:
    def text() -> dict[str, str]:
        return {"en": "", "zh-Hans": ""}

    templates: dict[str, dict[str, Any]] = {
        "agenda-item": {
            "day": 1,
            "start": "09:00",
            "end": "10:00",
            "title": text(),
            "format": "presentation",
        },
        "case-study": {
            "title": text(),
            "setting": text(),
            "persona": text(),
            "stages": [{"title": text(), "text": text()}],
            "questions": [text()],
        },
        "screening-tool": {
            "version": "1.0",
            "title": text(),
            "purpose": text(),
            "style": "checklist",
            "sources": [{"citation": ""}],
            "caveats": [text()],
            "dimensions": [{"id": "A", "title": text(), "indicators": [{"id": "A01", "text": text()}]}],
        },
        "document": {
            "title": text(),
            "category": "legal",
            "summary": text(),
            "sections": [{"heading": text(), "body": text()}],
            "sources": [{"citation": ""}],
        },
        "glossary-term": {"term": text(), "definition": text()},
    }
    return templates[kind]


def problems(store: Store, kind: str, data: dict[str, Any]) -> list[FieldProblem]:
    """Every problem of ``data`` as an item of the current workshop; nothing is written."""
    pack_id = editable_pack(store)
    return item_problems(store, pack_id, kind, data)[1]


def save_draft(store: Store, kind: str, data: dict[str, Any]) -> list[FieldProblem]:
    """Keep ``data``; when it validates, as the item itself (the draft goes). Its problems."""
    from companion.core.authoring.translations import marks_after_save

    pack_id = editable_pack(store)
    item_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(item_id, str) or not item_id:
        return [FieldProblem(("id",), "every item needs an ID")]
    item, found = item_problems(store, pack_id, kind, data)
    if item is None or found:
        store.put_draft(pack_id, item_id, kind, json.dumps(data, ensure_ascii=False))
        return found
    old = store.item(item_id, pack_id)
    marks = {path: mark for (_owner, path), mark in store.translation_marks(pack_id, item_id).items()}
    store.replace_items(pack_id, [item], {item_id: marks_after_save(old, item, marks)})
    return []


def drafts(store: Store) -> list[Draft]:
    """The current workshop's unsaved drafts, oldest first (what a crash left behind)."""
    pack_id = store.current_pack_id()
    if pack_id is None:
        return []
    return [Draft(item_id, kind, json.loads(data), at) for item_id, kind, data, at in store.drafts(pack_id)]


def discard_draft(store: Store, item_id: str) -> None:
    store.delete_draft(editable_pack(store), item_id)


def delete_item(store: Store, item_id: str) -> None:
    """Remove an item of the working copy; refused while another item names it.

    Notes, bookmarks and field records keep the ID, as they do when an import drops an item.
    """
    from companion.core.authoring.problems import named_items

    pack_id = editable_pack(store)
    if store.item(item_id, pack_id) is None:
        raise AuthoringError(
            _("No content item with ID {item} in the workshop {id}.").format(
                item=repr(item_id[:80]), id=pack_id
            )
        )
    users = [other.id for other in store.items(pack_id=pack_id) if item_id in named_items(other)]
    if users:
        raise AuthoringError(
            _("{item} is used by {users}: remove it there first.").format(
                item=item_id, users=", ".join(users)
            )
        )
    store.delete_item(pack_id, item_id)

"""The current workshop's items as the window's views see them.

Plain Python, no Qt: the window holds one from its first moment, before any
section exists or any content is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.core.model import Text


class Catalogue:
    """The current workshop's items, indexed once for the views (empty until loaded)."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.manifest: Any = None
        self.fingerprint = ""
        self.start_date = "2000-01-01"
        self.by_id: dict[str, Any] = {}

    def load(self, items: list[Any], manifest: Any, fingerprint: str) -> None:
        self.items = items
        self.manifest = manifest
        self.fingerprint = fingerprint
        self.start_date = manifest.workshop.start_date
        self.by_id = {item.id: item for item in items}

    def of_kind(self, kind: str) -> list[Any]:
        return [item for item in self.items if item.kind == kind]

    def title(self, item_id: str) -> Text | None:
        from companion.core.model import title_of

        item = self.by_id.get(item_id)
        return title_of(item) if item is not None else None

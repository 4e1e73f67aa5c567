"""The current workshop's items as the window's views see them.

Plain Python, no Qt: the window holds one from its first moment, before any
section exists or any content is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from companion.app.domain import ContentItem, Manifest, Text

Model = TypeVar("Model")


class Catalogue:
    """The current workshop's items, indexed once for the views (empty until loaded)."""

    def __init__(self) -> None:
        self.items: list[ContentItem] = []
        self.manifest: Manifest | None = None
        self.fingerprint = ""
        self.start_date = "2000-01-01"
        self.by_id: dict[str, ContentItem] = {}

    def load(self, items: list[ContentItem], manifest: Manifest, fingerprint: str) -> None:
        self.items = items
        self.manifest = manifest
        self.fingerprint = fingerprint
        self.start_date = manifest.workshop.start_date
        self.by_id = {item.id: item for item in items}

    def of_kind(self, kind: str) -> list[ContentItem]:
        return [item for item in self.items if item.kind == kind]

    def of_type(self, model: type[Model]) -> list[Model]:
        """The items of one model class (:class:`~companion.app.domain.CaseStudy`...), typed as such."""
        return [item for item in self.items if isinstance(item, model)]

    def get(self, item_id: str | None, model: type[Model]) -> Model | None:
        """The item ``item_id`` if there is one and it is a ``model``, else None."""
        item = self.by_id.get(item_id or "")
        return item if isinstance(item, model) else None

    def has_facilitator_content(self, kind: str) -> bool:
        """Whether any item of ``kind`` holds facilitator-only text (none do in a participant install)."""
        from companion.app.kinds import BY_ID

        hidden = BY_ID[kind].hidden
        return any(getattr(item, name) for item in self.of_kind(kind) for name in hidden)

    def title(self, item_id: str) -> Text | None:
        from companion.app.domain import title_of

        item = self.by_id.get(item_id)
        return title_of(item) if item is not None else None

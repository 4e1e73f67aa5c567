"""Editions of a workshop: what a participant may see, defined once.

A facilitator edition carries everything. A participant edition leaves out the
fields listed in :data:`FACILITATOR_ONLY`: the handouts drop them before
describing a case study, and a participant pack drops them before writing a
single byte, so they are absent from the file, not merely hidden.
"""

from __future__ import annotations

from typing import Any

from companion.core.kinds import CONTENT_KINDS

EDITIONS: tuple[str, ...] = ("participant", "facilitator")

# Item kind -> fields only facilitators may see (the ``hidden`` of each kind in
# companion.core.kinds). Each is optional in the model: a participant copy is still valid.
FACILITATOR_ONLY: dict[str, tuple[str, ...]] = {kind.id: kind.hidden for kind in CONTENT_KINDS if kind.hidden}


def check_edition(edition: str) -> None:
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")


def for_edition(item: Any, edition: str) -> Any:
    """``item`` as the edition may see it: unchanged for facilitators."""
    check_edition(edition)
    hidden = FACILITATOR_ONLY.get(item.kind, ())
    if edition == "facilitator" or not hidden:
        return item
    fields = type(item).model_fields
    cleared = {name: fields[name].get_default(call_default_factory=True) for name in hidden}
    return item.model_copy(update=cleared)


def has_facilitator_content(item: Any) -> bool:
    """Whether ``item`` holds anything a participant edition would leave out."""
    return any(getattr(item, name) for name in FACILITATOR_ONLY.get(item.kind, ()))

"""Editions of a workshop: what a participant may see, defined once.

A facilitator edition carries everything. A participant edition leaves out the
fields listed in :data:`FACILITATOR_ONLY`: the handouts drop them before
describing a case study, and a participant pack drops them before writing a
single byte, so they are absent from the file, not merely hidden.
"""

from __future__ import annotations

from typing import Any

EDITIONS: tuple[str, ...] = ("participant", "facilitator")

# Item kind -> fields only facilitators may see. Every field here must be
# optional in the model (a participant copy is still a valid item).
FACILITATOR_ONLY: dict[str, tuple[str, ...]] = {
    "case-study": ("facilitator_notes", "answer_keys"),
}


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

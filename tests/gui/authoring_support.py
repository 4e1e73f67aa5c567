"""Helpers for the tests of the workshop page, agenda editor, translation status and Publish dialog."""

from __future__ import annotations

from typing import Any

COPY_ID = "my-workshop-2027"


def own_copy(window: Any) -> str:
    """Make the user's own copy of the current workshop, current and shown; its ID."""
    window.workshop.new_workshop(COPY_ID, window.workshop.current_pack_id())
    window.load_content()
    return COPY_ID


def agenda_rows(window: Any) -> list[str]:
    rows = window.agenda.list
    return [rows.item(n).text() for n in range(rows.count())]

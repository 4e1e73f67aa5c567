"""Agenda logic that is not storage: dates of days, and what runs now or next.

Items are recognised by their ``kind``, so this module (used while the window
opens) does not need the content model loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class NowNext:
    now: str | None  # ID of the session running at the given moment
    next: str | None  # ID of the next session to start on the same day


def day_date(start_date: str, day: int) -> date:
    return date.fromisoformat(start_date) + timedelta(days=day - 1)


def now_and_next(
    items: list[Any], start_date: str, moment: datetime, live: Mapping[str, tuple[str, str]] | None = None
) -> NowNext:
    """Which session is on and which comes next, while the workshop is on.

    ``live`` gives sessions' shifted (start, end) by ID (companion.core.timing);
    a session not in it keeps its planned times. Outside the workshop's days both
    are None: highlighting "now" a month before the workshop would mislead.
    """
    live = live or {}
    today = [
        (item.id, *live.get(item.id, (item.start, item.end)))
        for item in items
        if item.kind == "agenda-item" and day_date(start_date, item.day) == moment.date()
    ]
    clock = moment.strftime("%H:%M")
    running = next((i for i, start, end in today if start <= clock < end), None)
    upcoming = next((i for i, start, _end in sorted(today, key=lambda t: t[1]) if start > clock), None)
    return NowNext(running, upcoming)

"""Agenda logic that is not storage: dates of days, and what runs now or next.

Items are recognised by their ``kind``, so this module (used while the window
opens) does not need the content model loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class NowNext:
    now: str | None  # ID of the session running at the given moment
    next: str | None  # ID of the next session to start on the same day


def day_date(start_date: str, day: int) -> date:
    return date.fromisoformat(start_date) + timedelta(days=day - 1)


def now_and_next(items: list[Any], start_date: str, moment: datetime) -> NowNext:
    """Which session is on and which comes next, while the workshop is on.

    Outside the workshop's days both are None: highlighting "now" a month
    before the workshop would mislead.
    """
    today = [
        item
        for item in items
        if item.kind == "agenda-item" and day_date(start_date, item.day) == moment.date()
    ]
    clock = moment.strftime("%H:%M")
    running = next((i.id for i in today if i.start <= clock < i.end), None)
    upcoming = next((i.id for i in sorted(today, key=lambda i: i.start) if i.start > clock), None)
    return NowNext(running, upcoming)

"""The SQL of the day's live timing: the shifts made, and the log of each session's times.

The rules (what a shift does, breaks absorbing a delay) are in
:mod:`companion.core.timing`; this module only reads and writes the two tables
of migration ``m008_agenda_timing``. Every write is one transaction: a shift and
the log rows it changes are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.core.store.store import Store


@dataclass(frozen=True)
class Shift:
    """One change to the day: ``minutes`` later (or earlier, when negative) from ``item_id`` on."""

    item_id: str
    minutes: int
    made_at: str  # ISO local time of the workshop when it was made
    started: bool  # made by "start this session now"


@dataclass(frozen=True)
class SessionTimes:
    """One session's planned and actual (live) times, as logged."""

    item_id: str
    day: int
    planned_start: str
    planned_end: str
    actual_start: str
    actual_end: str
    started_at: str | None  # when the trainer started it ("start this session now"), if ever


def shifts(store: Store, pack_id: str) -> list[Shift]:
    rows = store.conn.execute(
        "SELECT item_id, minutes, made_at, started FROM agenda_shifts WHERE pack_id = ? ORDER BY seq",
        (pack_id,),
    )
    return [Shift(item_id, minutes, made_at, bool(started)) for item_id, minutes, made_at, started in rows]


def session_times(store: Store, pack_id: str) -> list[SessionTimes]:
    rows = store.conn.execute(
        "SELECT item_id, day, planned_start, planned_end, actual_start, actual_end, started_at "
        "FROM session_times WHERE pack_id = ? ORDER BY day, planned_start, item_id",
        (pack_id,),
    )
    return [SessionTimes(*row) for row in rows]


def record(
    store: Store, pack_id: str, shift: Shift | None, times: Sequence[SessionTimes], updated_at: str
) -> None:
    """Store ``shift`` (None: delete every shift, a reset) and the log rows ``times``, together."""
    with store.transaction() as conn:
        if shift is None:
            conn.execute("DELETE FROM agenda_shifts WHERE pack_id = ?", (pack_id,))
        else:
            (last,) = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM agenda_shifts WHERE pack_id = ?", (pack_id,)
            ).fetchone()
            conn.execute(
                "INSERT INTO agenda_shifts(pack_id, seq, item_id, minutes, made_at, started) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (pack_id, last + 1, shift.item_id, shift.minutes, shift.made_at, int(shift.started)),
            )
        conn.executemany(
            "INSERT INTO session_times(pack_id, item_id, day, planned_start, planned_end, actual_start, "
            "actual_end, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(pack_id, item_id) DO UPDATE SET day = excluded.day, "
            "planned_start = excluded.planned_start, planned_end = excluded.planned_end, "
            "actual_start = excluded.actual_start, actual_end = excluded.actual_end, "
            "started_at = COALESCE(excluded.started_at, session_times.started_at), "
            "updated_at = excluded.updated_at",
            [
                (
                    pack_id,
                    t.item_id,
                    t.day,
                    t.planned_start,
                    t.planned_end,
                    t.actual_start,
                    t.actual_end,
                    t.started_at,
                    updated_at,
                )
                for t in times
            ],
        )

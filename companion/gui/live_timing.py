"""The window's hold on the live schedule: the shifted times, and the moves a trainer makes.

The schedule itself (shifts, breaks that absorb a delay, the log of planned and
actual times) lives below the application layer (``Workshop.live_schedule``,
``start_session_now``, ``shift_agenda``, ``reset_agenda_times``). This object
keeps the current shifted times for the agenda section and the presenter
console, turns a refused move into one line for the caller to show, and says
when the times changed so that both redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from companion.app.domain import TimingError

if TYPE_CHECKING:
    from companion.app.domain import LiveSession
    from companion.app.workshop import Workshop

SHIFT_STEP = 5  # minutes, as "+5 min" and "−5 min" move the rest of the day


class LiveTiming(QObject):
    sig_changed = Signal()

    def __init__(self, workshop: Workshop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workshop = workshop
        self.times: dict[str, tuple[str, str]] = {}  # session ID -> shifted (start, end), HH:MM
        self.reload()

    def reload(self) -> None:
        """Read the shifted times again (after a move, or when another workshop became current)."""
        try:
            schedule = self.workshop.live_schedule()
        except TimingError:
            schedule = []  # shifts that no longer fit an edited agenda: show the plan
        self.times = {s.id: (s.start, s.end) for s in schedule}
        self.sig_changed.emit()

    def start_now(self, item_id: str, moment: datetime) -> str | None:
        """Start ``item_id`` at ``moment``; the rest of its day follows. A refusal as one line."""
        return self._move(lambda: self.workshop.start_session_now(item_id, moment))

    def shift(self, item_id: str, minutes: int, moment: datetime) -> str | None:
        """Move ``item_id`` and the rest of its day by ``minutes``; a refusal as one line."""
        return self._move(lambda: self.workshop.shift_agenda(item_id, minutes, moment))

    def reset(self, moment: datetime) -> str | None:
        return self._move(lambda: self.workshop.reset_agenda_times(moment))

    def _move(self, move: Callable[[], list[LiveSession]]) -> str | None:
        try:
            move()
        except TimingError as exc:
            return str(exc)
        self.reload()
        return None

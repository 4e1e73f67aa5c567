"""Back and Forward through the items opened in the main window.

The window records every item the user opens (a section and an item ID) with
:meth:`History.visit`; :meth:`History.back` and :meth:`History.forward` return
the entry to open again. Opening an item while going back or forward must not
record it a second time, so the window asks :attr:`History.moving` first.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """One opened item: the window section (an index into its sections) and the item's ID."""

    section: int
    item_id: str


class History:
    """A browser's history: a list of places and where in it the user is."""

    def __init__(self, limit: int = 200) -> None:
        self._places: list[Place] = []
        self._at = -1
        self._limit = limit
        self.moving = False  # True while the window opens a place from back()/forward()

    def visit(self, place: Place) -> None:
        """Record ``place`` as opened; what was ahead of the current place is dropped."""
        if self.moving or (self._at >= 0 and self._places[self._at] == place):
            return
        del self._places[self._at + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._at = len(self._places) - 1

    def can_go_back(self) -> bool:
        return self._at > 0

    def can_go_forward(self) -> bool:
        return self._at < len(self._places) - 1

    def back(self) -> Place | None:
        if not self.can_go_back():
            return None
        self._at -= 1
        return self._places[self._at]

    def forward(self) -> Place | None:
        if not self.can_go_forward():
            return None
        self._at += 1
        return self._places[self._at]

    def current(self) -> Place | None:
        return self._places[self._at] if self._at >= 0 else None

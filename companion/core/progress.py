"""How long core work reports progress and learns it should stop.

Long operations (exporting handouts, importing a pack) take a ``progress(done,
total)`` callback and a ``cancelled()`` predicate instead of emitting signals,
so they run the same from the command line, a test or a GUI worker thread.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):  # noqa: N818 (a stop the user asked for, not an error)
    """The user stopped the work; whatever it changed has been undone."""


def no_progress(done: int, total: int) -> None:
    """The default progress callback: nobody is watching."""


def never_cancelled() -> bool:
    return False

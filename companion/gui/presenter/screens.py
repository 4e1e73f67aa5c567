"""Where the presenter's two windows go: Qt's screen API, and nothing else.

The console stays on the trainer's screen (the main window's). The audience view
goes full screen on another screen when there is one; a screen that shows the
same area as the console's (a duplicated display) does not count, since the room
would then see the console too. With no other screen, the audience view is an
ordinary window the trainer can place.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def screen_of(widget: QWidget) -> QScreen:
    return widget.screen() or QGuiApplication.primaryScreen()


def other_screen(console: QScreen) -> QScreen | None:
    """A screen for the audience that is not the console's and does not mirror it."""
    for screen in QGuiApplication.screens():
        if screen is not console and screen.geometry() != console.geometry():
            return screen
    return None


def put_full_screen(widget: QWidget, screen: QScreen) -> None:
    widget.setScreen(screen)
    widget.setGeometry(screen.geometry())
    widget.showFullScreen()
    handle = widget.windowHandle()
    if handle is not None:
        handle.setScreen(screen)  # the native window too: a full-screen window keeps its screen


def put_in_window(widget: QWidget, screen: QScreen) -> None:
    """An ordinary window on ``screen``, a third of its area, where the trainer can move it."""
    widget.showNormal()
    widget.setScreen(screen)
    area = screen.availableGeometry()
    width = max(480, area.width() // 2)
    height = width * 9 // 16
    widget.setGeometry(area.right() - width - 16, area.top() + 48, width, height)
    widget.show()


def same_screen(first: QWidget, second: QWidget) -> bool:
    """Whether the two windows are on one screen (mostly: by the centre of the second)."""
    screen = QGuiApplication.screenAt(second.frameGeometry().center()) or screen_of(second)
    return screen is screen_of(first) or screen.geometry() == screen_of(first).geometry()

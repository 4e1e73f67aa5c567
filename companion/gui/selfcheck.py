"""The self-test's window check: the main window opens offscreen, in both languages, and closes.

``companion self-test`` runs it after the headless checks of
:func:`companion.app.domain.run_self_test`; it is the one check that needs Qt, so the
composition root (companion.__main__) hands it to the command line, which never
imports the window, and imports this module only when the check runs. It proves what a
frozen bundle can get wrong and the headless checks cannot see: a Qt platform
plugin, the bundled font registered with Qt, Qt's own Chinese translation.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from companion import resources
from companion.i18n import current_language, set_language

CJK_FAMILY = "WenQuanYi Micro Hei"
# Qt's offscreen platform cannot resize a window to its size hints, and says so on every
# show: true, harmless, and nothing a user checking an installation should have to read.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


@contextmanager
def _offscreen_noise_dropped() -> Iterator[None]:
    """Qt's messages on stderr as Qt writes them, but for :data:`OFFSCREEN_NOISE`."""

    def handler(_mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message != OFFSCREEN_NOISE:
            category = context.category if context.category not in (None, "default") else ""
            print(f"{category}: {message}" if category else message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def open_and_close_main_window() -> str:
    offscreen = QApplication.instance() is None
    with _offscreen_noise_dropped() if offscreen else nullcontext():
        return _check_window(offscreen)


def _check_window(offscreen: bool) -> str:
    from companion.app.workshop import Workshop
    from companion.gui import app as gui_app
    from companion.gui.main_window import MainWindow

    if offscreen:
        # Offscreen whatever the desktop: a self-test shows nothing.
        _app, font = gui_app.create_application(["companion", "-platform", "offscreen"])
    else:
        _app, font = gui_app.create_application()
    if not any(CJK_FAMILY in family for family in QFontDatabase.families()):
        raise RuntimeError(f"the font {resources.CJK_FONT} did not register with Qt")
    previous = current_language()
    with tempfile.TemporaryDirectory(prefix="companion-selftest-") as tmp:
        workshop = Workshop.open(Path(tmp) / "data")
        try:
            window = MainWindow.of(workshop, font)
            window.show()
            window.load_content()
            QApplication.processEvents()
            if window.catalogue.of_kind("case-study") == [] or window.grab().isNull():
                raise RuntimeError("the main window opened empty")
            english = window.nav.item(0).text()
            window.set_language("zh-Hans")
            chinese = window.nav.item(0).text()
            if chinese == english or gui_app.installed_qt_translator() is None:
                raise RuntimeError("the window did not switch to Chinese, or Qt's own translation is missing")
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        finally:
            workshop.close()
            set_language(previous)
            gui_app.install_qt_translator(previous)
    return f"main window opened offscreen in English and Chinese ({english} / {chinese}) and closed"

"""GUI fixtures: a main window over a temporary store, in English to begin with."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def window(qtbot, store) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from companion.gui.app import create_application
    from companion.gui.main_window import MainWindow
    from companion.i18n import set_language

    set_language("en")
    _app, font = create_application()
    win = MainWindow(store, font)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.sig_content_loaded):
        win.load_content()
    yield win
    set_language("en")

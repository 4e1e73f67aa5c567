"""GUI fixtures: a main window over a temporary data folder's workshop, in English to begin with."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def workshop(store):  # type: ignore[no-untyped-def]
    """The workshop of the test's data folder (its store closes with the ``store`` fixture)."""
    from companion.app.workshop import Workshop

    return Workshop(store)


@pytest.fixture
def window(qtbot, workshop) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from companion.gui.app import create_application
    from companion.gui.main_window import MainWindow
    from companion.i18n import set_language

    set_language("en")
    _app, font = create_application()
    win = MainWindow.of(workshop, font)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.sig_content_loaded):
        win.load_content()
    yield win
    set_language("en")

"""Starting the window: the frame paints first, the workshop fills it right after."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintSpy(QObject):
    """Records, at the window's first paint, whether the workshop was loaded yet."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.loaded_at_first_paint: list[bool] = []
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.loaded_at_first_paint:
            self.loaded_at_first_paint.append(self.window.manifest is not None)
        return False


def test_the_frame_paints_before_the_workshop_is_read(qtbot, data_dir) -> None:
    from companion.gui.app import open_main_window, show_main_window

    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    spy = PaintSpy(window)
    with qtbot.waitSignal(window.sig_content_loaded, timeout=20_000):
        show_main_window(window)
    assert spy.loaded_at_first_paint == [False]
    assert window.catalogue.of_kind("case-study")
    assert window.nav.item(0).text() == "Agenda"
    # Help's entries, added with the workshop, still come first in its menu, above the window's own.
    help_entries = [action.objectName() for action in window.help_menu.actions()[:3]]
    assert help_entries == ["getting-started", "keyboard-shortcuts", "abbreviations"]


def test_cycle_collection_is_back_on_once_the_window_has_painted(qtbot, data_dir) -> None:
    """A start turns it off until the first paint (companion.__main__); a session never runs without it."""
    import gc

    from companion.gui.app import open_main_window, show_main_window

    gc.disable()
    try:
        window = open_main_window(data_dir)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.sig_content_loaded, timeout=20_000):
            show_main_window(window)
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_shown_window_slow_to_paint_is_waited_for(qtbot) -> None:
    """On a busy machine the fallback may fire before the first paint: the work still waits."""
    from PySide6.QtWidgets import QWidget

    from companion.gui.app import AfterFirstPaint

    window = QWidget()
    qtbot.addWidget(window)
    calls: list[int] = []
    waiter = AfterFirstPaint(window, lambda: calls.append(1))
    window.show()
    waiter._fallback()  # as if FALLBACK_MS passed before the window system asked for a paint
    assert calls == []
    qtbot.waitUntil(lambda: calls == [1])


def test_a_window_never_painted_still_gets_its_work_done(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QWidget

    from companion.gui.app import AfterFirstPaint

    monkeypatch.setattr(AfterFirstPaint, "FALLBACK_MS", 50)
    window = QWidget()  # never shown, like a window started minimised
    qtbot.addWidget(window)
    calls: list[int] = []
    AfterFirstPaint(window, lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1])


# What the first frame builds, reported by a fresh process at the window's first paint.
FIRST_PAINT_PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from companion.gui.app import open_main_window, show_main_window

class AtFirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            import PySide6.QtCore
            print("Qt namespace built:", "Qt" in vars(PySide6.QtCore))
            print("sections imported:", "companion.gui.sections" in sys.modules)
            print("help imported:", "companion.gui.help" in sys.modules)
            print("rich text imported:", "companion.gui.render" in sys.modules)
            print("OpenSSL loaded:", "_hashlib" in sys.modules)
            import PySide6.QtWidgets
            print("file dialog's class built:", "QFileDialog" in vars(PySide6.QtWidgets))
            print("drop-down's class built:", "QComboBox" in vars(PySide6.QtWidgets))
            print("size policy's class built:", "QSizePolicy" in vars(PySide6.QtWidgets))
            import PySide6.QtGui
            print("palette's class built:", "QPalette" in vars(PySide6.QtGui))
            print("authoring imported:", "companion.core.authoring" in sys.modules)
            print("dataclasses imported:", "dataclasses" in sys.modules)
            print("store imported:", "companion.core.store" in sys.modules)
            QApplication.instance().exit()
        return False

window = open_main_window(Path(sys.argv[1]))
probe = AtFirstPaint()
window.installEventFilter(probe)
show_main_window(window)
QApplication.instance().exec()
"""


def test_the_first_frame_builds_only_the_frame(data_dir) -> None:
    """Start-up stays quick: the first paint comes before the costly parts of Qt and of the window.

    PySide builds Qt's ``Qt`` namespace (about a hundred enum classes) on first use,
    the sections bring every list and reader, Help its dialogs' tables, the rich text
    the workshop's titles (and Python's html module), and hashlib loads OpenSSL: each
    belongs after the first paint. A Python event filter on the whole application would be handed
    every event of every widget before it, and PySide would build a Python class (and its
    enums) for every widget class of the module, a file dialog's among them. The window's fit and
    font helpers (companion.gui.room) leave the drop-downs' and the high-contrast palette's classes
    to later, and the workshop layer leaves the authoring of one's own workshops to the Workshop page.
    The records built before the paint are NamedTuples: importing ``dataclasses`` alone is 9 M
    instructions. The data folder is opened after the paint: the frame needs only its view
    settings, read with one plain query.
    """
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Qt namespace built: False",
        "sections imported: False",
        "help imported: False",
        "rich text imported: False",
        "OpenSSL loaded: False",
        "file dialog's class built: False",
        "drop-down's class built: False",
        "size policy's class built: False",
        "palette's class built: False",
        "authoring imported: False",
        "dataclasses imported: False",
        "store imported: False",
    ]


def test_the_frame_is_drawn_in_the_saved_language_before_the_folder_is_open(qtbot, data_dir) -> None:
    from companion.core.store import Store
    from companion.gui.app import open_main_window, open_workshop

    store = Store.open(data_dir)
    store.set_setting("language", "zh-Hans")
    store.close()
    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    assert not window.attached
    assert window.nav.item(0).text() == "议程"
    assert window.language_button.text() == "English"
    # What needs the workshop waits for it: a report asked for in that moment would have no data.
    assert not window.report_action.isEnabled() and not window.backups_action.isEnabled()
    assert open_workshop(window)
    assert window.report_action.isEnabled() and window.backups_action.isEnabled()
    assert window.nav.item(0).text() == "议程"
    assert window.catalogue.of_kind("case-study")


def test_a_setting_changed_before_the_folder_is_open_is_saved_once_it_is(qtbot, data_dir) -> None:
    from companion.gui.app import open_main_window, open_workshop

    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    window.toggle_language()  # Ctrl+L pressed as the window appears
    window.zoom(1.15)
    try:
        assert open_workshop(window)
        assert window.workshop.setting("language") == "zh-Hans"
        assert window.workshop.setting("text_scale") == "1.150"
        assert window.nav.item(0).text() == "议程"  # not put back to the language read before
    finally:
        window.zoom(None)  # the application's font is shared by the tests of this worker


def test_a_folder_that_cannot_be_opened_is_explained_over_the_frame(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from companion.gui.app import open_main_window, show_main_window

    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be")
    told: list[tuple[object, str]] = []
    ended: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, _title, text, *_: told.append((parent, text)))
    monkeypatch.setattr(QApplication, "exit", lambda _app, code=0: ended.append(code))
    window = open_main_window(not_a_folder)
    qtbot.addWidget(window)
    show_main_window(window)
    qtbot.waitUntil(lambda: bool(ended), timeout=20_000)
    ((parent, text),) = told
    assert parent is window
    assert text.startswith("Training Companion cannot start: ") and str(not_a_folder) in text
    assert ended == [1] and not window.isVisible()
    assert not_a_folder.read_text() == "a file where the data folder should be"


def test_a_bug_while_filling_the_window_ends_the_start_rather_than_leaving_an_empty_frame(
    qtbot, data_dir, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from companion.gui.app import open_main_window, show_main_window
    from companion.gui.main_window import MainWindow

    ended: list[int] = []
    monkeypatch.setattr(MainWindow, "load_content", lambda self: 1 / 0)
    monkeypatch.setattr(QApplication, "exit", lambda _app, code=0: ended.append(code))
    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.captureExceptions() as exceptions:
        show_main_window(window)
        qtbot.waitUntil(lambda: bool(ended), timeout=20_000)
    assert ended == [1]
    assert [type(error) for _kind, error, _trace in exceptions] == [ZeroDivisionError]  # and its traceback


def test_a_window_started_by_the_application_shows_the_guide_once_its_workshop_is_in(
    qtbot, data_dir, monkeypatch
) -> None:
    """run_gui wires the first-run guide to the loaded workshop: Help's actions come with the sections."""
    from PySide6.QtWidgets import QApplication

    from companion.gui import app as gui_app

    opened = []
    real_open = gui_app.open_main_window

    def open_and_keep(folder):  # type: ignore[no-untyped-def]
        opened.append(real_open(folder))
        return opened[-1]

    monkeypatch.setattr(gui_app, "open_main_window", open_and_keep)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # the test's own event loop runs the window
    assert gui_app.run_gui(data_dir) == 0
    window = opened[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "guide" in getattr(getattr(window, "help", None), "dialogs", {}), timeout=20_000)
    assert window.help.dialogs["guide"].isVisible()
    window.help.dialogs["guide"].close()


def test_a_window_that_ends_normally_leaves_its_store_closed_cleanly(qtbot, data_dir, monkeypatch) -> None:
    """So that the next start need not read every page of the database to check it."""
    from PySide6.QtWidgets import QApplication

    from companion.core.store.database import closed_whole
    from companion.gui import app as gui_app

    opened = []
    real_open = gui_app.open_main_window

    def open_and_keep(folder):  # type: ignore[no-untyped-def]
        opened.append(real_open(folder))
        qtbot.addWidget(opened[-1])
        return opened[-1]

    def run_until_loaded_then_quit(_app) -> int:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: opened[0].manifest is not None, timeout=20_000)
        opened[0].close()
        return 0

    monkeypatch.setattr(gui_app, "open_main_window", open_and_keep)
    monkeypatch.setattr(QApplication, "exec", run_until_loaded_then_quit)
    assert not closed_whole(data_dir / "companion.db")  # a copied folder: its times are new
    assert gui_app.run_gui(data_dir) == 0
    assert closed_whole(data_dir / "companion.db")

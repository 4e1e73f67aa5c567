"""Background work: results, errors and cancellation come back to the main thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from companion.core.progress import Cancelled
from companion.gui.worker import run_in_background, run_with_progress


def test_result_and_progress_arrive_on_the_main_thread(qtbot) -> None:
    owner = QObject()
    seen: list[object] = []
    main = QApplication.instance().thread()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        assert QThread.currentThread() is not main
        for n in range(3):
            progress(n + 1, 3)
        return "done"

    def on_progress(done: int, total: int) -> None:
        assert QThread.currentThread() is main
        seen.append((done, total))

    results: list[object] = []
    run_in_background(owner, work, results.append, seen.append, on_progress)
    qtbot.waitUntil(lambda: results == ["done"])
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_an_error_is_delivered_not_lost(qtbot) -> None:
    owner = QObject()
    errors: list[BaseException] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    run_in_background(owner, work, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], OSError) and errors[0].errno == 28


def test_cancel_from_the_progress_dialog_stops_the_work(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    errors: list[BaseException] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            progress(1, 10)
            threading.Event().wait(0.01)
        raise Cancelled()

    run_with_progress(parent, "Working", work, lambda _r: None, errors.append)
    assert started.wait(5)
    parent.findChild(QProgressDialog).findChild(QPushButton).click()  # the Cancel button
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Cancelled)

"""The one way the window runs long core work off the UI thread.

:func:`run_in_background` calls a function (most often a workshop method) on a worker thread, passing it
``progress(done, total)`` and ``cancelled()`` (:data:`companion.app.domain.Progress`),
and delivers the result or the exception back on the main thread. Workers never
touch widgets; only the callbacks given here do, and they run on the main thread.
:func:`run_with_progress` adds a progress dialog with a Cancel button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from companion.app.domain import CancelCheck, Progress
from companion.i18n import _

Result = TypeVar("Result")
Work = Callable[[Progress, CancelCheck], Result]  # what a task runs; it returns its Result


class Task(QObject, Generic[Result]):
    """One piece of background work; its signals arrive on the main thread."""

    sig_progress = Signal(int, int)
    sig_finished = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, work: Work[Result], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # on the worker thread
        try:
            result = self._work(self.sig_progress.emit, self._cancel.is_set)
        except BaseException as exc:  # delivered to the main thread, never lost
            self.sig_failed.emit(exc)
        else:
            self.sig_finished.emit(result)
        finally:
            self.done.set()


def run_in_background(
    parent: QObject,
    work: Work[Result],
    on_done: Callable[[Result], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Task[Result]:
    """Start ``work`` on the thread pool; the callbacks run on the main thread."""
    task = Task(work, parent)
    # Queued: the task object lives on the main thread, the emitter does not.
    queued = Qt.ConnectionType.QueuedConnection
    task.sig_finished.connect(on_done, queued)
    task.sig_failed.connect(on_error, queued)
    if on_progress is not None:
        task.sig_progress.connect(on_progress, queued)
    # Gone once it has delivered (after the callbacks, connected first): a task owned by the
    # application would otherwise keep its work, and all the work holds, for the whole session.
    task.sig_finished.connect(task.deleteLater, queued)
    task.sig_failed.connect(task.deleteLater, queued)
    QThreadPool.globalInstance().start(task.run)
    return task


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Work[Result],
    on_done: Callable[[Result], None],
    on_error: Callable[[BaseException], None],
) -> Task[Result]:
    """:func:`run_in_background` behind a window-modal progress dialog with Cancel."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setObjectName("progress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick work finishes without a flash
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def finished(value: Result) -> None:
        dialog.close()
        dialog.deleteLater()
        on_done(value)

    def failed(error: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        on_error(error)

    task = run_in_background(parent, work, finished, failed, progress)
    dialog.canceled.connect(task.cancel)
    dialog.setValue(0)
    return task

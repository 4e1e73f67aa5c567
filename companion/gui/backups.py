"""File ▸ Backups…: the data folder's backups, one made now, and one put back.

A thin window over the backup methods of :class:`companion.app.workshop.Workshop`. The list shows when
each backup was made, what for and its size, newest first; nothing in it names
a person. Making and restoring run on a worker while the dialog says what it
is doing and takes no other request. A restore asks first, in plain words:
what is replaced, that the current state is backed up first, and how to undo
it. Afterwards the main window shows what the workshop holds now (its language,
text size and workshop) and a notice naming both backups.

The dialog is window-modal, so the language cannot be switched while it is
open; a restore can bring back another language setting, after which the
dialog retranslates itself along with the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import KEEP_LATEST, KEEP_WEEKS, REASONS, Backup, StoreError
from companion.gui.worker import Task, run_in_background
from companion.i18n import _

if TYPE_CHECKING:
    from companion.gui.main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole


def tell(parent: QWidget, message: str) -> None:
    """A problem the user must read: one sentence in a modal box (patched out in tests)."""
    QMessageBox.warning(parent, _("Backups"), message)


def shown_time(backup: Backup) -> str:
    """When a backup was made, as the list and the notices show it (seconds tell two apart)."""
    return backup.made_at.strftime("%Y-%m-%d %H:%M:%S")


def shown_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{max(size // 1000, 1)} KB"


def restore_question(backup: Backup) -> str:
    """What a restore does, in plain words: what is replaced, the backup made first, the way back."""
    return "\n\n".join(
        [
            _("Restore the backup made {when} ({reason})?").format(
                when=shown_time(backup), reason=backup.reason_text
            ),
            _(
                "Everything Training Companion keeps in this data folder is replaced by what it held "
                "then: the installed workshops, the field records, the trusted publishers and the settings."
            ),
            _(
                "Nothing is lost: the current state, with everything added or changed since, is backed "
                'up first. To undo the restore, restore that backup: the newest in the list, made "{reason}".'
            ).format(reason=_(REASONS["before-restore"])),
        ]
    )


def confirm_restore(parent: QWidget, backup: Backup) -> bool:
    """Ask before a restore; No is the default, so Enter alone changes nothing."""
    answer = QMessageBox.question(
        parent,
        _("Restore a backup"),
        restore_question(backup),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class BackupsDialog(QDialog):
    """The backups of the main window's workshop, with Back up now, Restore…, Show folder and Close."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self.setObjectName("backups")
        self.main = main  # the main window (not `window`: QWidget.window() is taken)
        self.workshop = main.workshop
        self.task: Task[Backup] | None = None  # the running backup or restore, kept alive
        self.backups: list[Backup] = []
        self.refocus: QWidget = self  # where the focus goes back to after a task

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list_label = QLabel()
        self.list = QTreeWidget()
        self.list.setObjectName("backup-list")
        self.list.setRootIsDecorated(False)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnCount(3)  # before the resize modes: a column that does not exist has none
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(self._enable)
        self.list_label.setBuddy(self.list)
        self.empty = QLabel()
        self.empty.setObjectName("no-backups")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.pages = QStackedWidget()  # the list, or in its place the line saying there is none yet
        self.pages.addWidget(self.list)
        self.pages.addWidget(self.empty)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no steps to count: a copy either finishes or fails
        self.busy.setTextVisible(False)
        self.busy.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)  # Enter closes, like Esc: the other buttons are chosen
        self.back_up_button = self._button("back-up-now", self.back_up_now)
        self.restore_button = self._button("restore", self.restore_selected)
        self.folder_button = self._button("show-folder", self.show_folder)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(640, 440)

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(_("Backups"))
        self.intro.setText(
            _(
                "Training Companion backs up everything it keeps (workshops, field records, trusted "
                "publishers, settings) before every import and every upgrade, once a day while it is "
                "in use, and when you ask. It keeps the newest {latest}, and one a week for {weeks} "
                "weeks before those."
            ).format(latest=KEEP_LATEST, weeks=KEEP_WEEKS)
        )
        self.list_label.setText(_("&Backups, newest first:"))
        self.list.setHeaderLabels([_("Made"), _("Made for"), _("Size")])
        self.empty.setText(_("No backups yet: one is made before every import and once a day."))
        self.back_up_button.setText(_("Back &up now"))
        self.restore_button.setText(_("&Restore…"))
        self.folder_button.setText(_("&Show folder"))
        self.close_button.setText(_("Close"))
        self.fill()

    # --- the list -------------------------------------------------------------------------

    def fill(self, select: str | None = None) -> None:
        """List the backups there are now, selecting ``select`` (an ID) or keeping the selection."""
        keep = select or self.selected_id()
        self.backups = self.workshop.backups()
        self.list.clear()
        current = None
        for backup in self.backups:
            row = QTreeWidgetItem(
                self.list, [shown_time(backup), backup.reason_text, shown_size(backup.size)]
            )
            row.setData(0, ID_ROLE, backup.id)
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if current is None or backup.id == keep:  # the kept one, else the newest
                current = row
        if current is not None:
            self.list.setCurrentItem(current)
        self.pages.setCurrentWidget(self.list if self.backups else self.empty)
        self._enable()

    def selected_id(self) -> str | None:
        row = self.list.currentItem()
        return str(row.data(0, ID_ROLE)) if row is not None else None

    def selected(self) -> Backup | None:
        chosen = self.selected_id()
        return next((b for b in self.backups if b.id == chosen), None)

    def _enable(self) -> None:
        idle = self.task is None
        for widget in (self.list, self.back_up_button, self.folder_button, self.close_button):
            widget.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected() is not None)
        if idle:
            # Disabling Close while busy handed its default to another button; Enter must not restore.
            self.close_button.setDefault(True)

    # --- the buttons ----------------------------------------------------------------------

    def back_up_now(self) -> None:
        workshop = self.workshop

        def made(backup: Backup) -> None:
            self.fill(select=backup.id)
            self.status.setText(_("Backup made: {when}.").format(when=shown_time(backup)))

        self._run(_("Making a backup…"), lambda: workshop.back_up("manual"), made)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or not confirm_restore(self, backup):
            return
        records = self.main.records_window
        if records is not None and records.isVisible():
            # Closing locks the records and saves an open one, so the backup made first holds it.
            records.close()
            if records.isVisible():
                return  # the records window stayed open: restore nothing under it
        workshop = self.workshop
        self._run(
            _("Restoring the backup made {when}…").format(when=shown_time(backup)),
            lambda: workshop.restore(backup.id),
            lambda safety: self._restored(backup, safety),
        )

    def _restored(self, backup: Backup, safety: Backup) -> None:
        self.main.reload_from_workshop()
        notice = _("Backup {restored} restored; what was there before is backup {safety}.").format(
            restored=shown_time(backup), safety=shown_time(safety)
        )
        self.main.show_notice(notice)
        self.retranslate()  # the restored settings may speak the other language
        self.fill(select=safety.id)
        self.status.setText(notice)

    def show_folder(self) -> None:
        try:
            folder = self.workshop.backups_folder()  # made if there is none yet
        except OSError as exc:
            tell(self, _("Cannot open {folder}: {reason}").format(folder=exc.filename, reason=exc.strerror))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            tell(self, _("No program could open {folder}.").format(folder=folder))

    # --- running on the worker ------------------------------------------------------------

    def _run(self, label: str, work: Callable[[], Backup], done: Callable[[Backup], None]) -> None:
        """Run ``work`` off the UI thread; the dialog takes no other request until it ends."""
        self.status.setText(label)
        self.busy.show()
        # Disabling the buttons takes the focus away; it comes back where it was when the work ends.
        self.refocus = self.focusWidget() or self.list

        def finished(result: Backup) -> None:
            self._idle()
            done(result)

        self.task = run_in_background(self, lambda _progress, _cancelled: work(), finished, self._failed)
        self._enable()

    def _idle(self) -> None:
        self.task = None
        self.busy.hide()
        self.status.clear()
        self._enable()
        (self.refocus if self.refocus.isEnabled() else self.list).setFocus()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        self.fill()  # a restore may have made its safety backup before it was refused
        if isinstance(error, StoreError):
            tell(self, str(error))
        elif isinstance(error, Exception):
            # A bug, not bad input; the database has rolled back, so say so rather than vanish.
            tell(self, f"{type(error).__name__}: {error}")
        else:
            raise error

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.list.isVisible():
            self.list.setFocus()  # the arrows choose a backup at once; Enter still closes

    def reject(self) -> None:
        if self.task is None:  # a copy under way finishes first: Esc and Close wait for it
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.task is None:
            super().closeEvent(event)
        else:
            event.ignore()

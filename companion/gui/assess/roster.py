"""File ▸ Participants…: the roster and the attendance grid of the current workshop.

The roster table lists participants by code; their names, agency and function
are sealed with the field records' passphrase (the same vault as the records
window), so they are shown, edited and imported only after the passphrase is
entered here (or the records window is open). Each edited row is stored as soon
as it is complete; an import is checked whole and refused with one line per
problem. Closing the window locks what it opened.

Like the records window, the roster locks itself after the same idle time
(keys, clicks and the wheel anywhere in the application count as use): the
names are hidden again and the passphrase is asked for again. A cell being
edited is stored first. The vault itself is locked only if this window opened
it; when the records window holds it open, that window's own idle lock decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import DEFAULT_IDLE_MINUTES, RecordsError, WrongPassphraseError
from companion.app.roster import FIELDS, Participant, RosterError, attendance_of, roster_of
from companion.gui.assess.attendance import AttendanceGrid
from companion.gui.fields import error_label, password_field
from companion.gui.records import ACTIVITY, IDLE_SETTING
from companion.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from companion.app.domain import Vault
    from companion.app.workshop import Workshop

COLUMNS = (N_("Code"), N_("Name (Latin script)"), N_("Name (Chinese)"), N_("Agency"), N_("Function"))
HIDDEN = "•••"


class ParticipantsWindow(QDialog):
    def __init__(self, workshop: Workshop, vault: Vault | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participants-window")
        self.vault = vault if vault is not None else workshop.vault()
        self._owns_unlock = not self.vault.is_unlocked  # lock on close only what this window opened
        self.roster = roster_of(workshop, self.vault)
        self.people: list[Participant] = []
        self._filling = False
        self.idle_locked = False  # names hidden after idle time until the passphrase is typed again
        minutes = float(workshop.setting(IDLE_SETTING, str(DEFAULT_IDLE_MINUTES)) or DEFAULT_IDLE_MINUTES)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(minutes * 60_000))
        self.idle.timeout.connect(self.lock_idle)
        self.resize(900, 560)
        self._build_lock_bar()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("roster-table")
        self.table.cellChanged.connect(self._cell_changed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.add_button, self.remove_button, self.import_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.error = error_label()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        roster_page = QWidget()
        column = QVBoxLayout(roster_page)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.error)
        self.grid = AttendanceGrid(attendance_of(workshop))
        self.tabs = QTabWidget()
        self.tabs.addTab(roster_page, "")
        self.tabs.addTab(self.grid, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.lock_bar)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.refresh()
        if self.vault.is_unlocked:
            self.idle.start()
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self)

    def _build_lock_bar(self) -> None:
        self.lock_bar = QWidget()
        self.lock_text = QLabel()
        self.lock_text.setWordWrap(True)
        self.passphrase, self.repeat = password_field(), password_field()
        self.passphrase.setObjectName("roster-passphrase")
        self.passphrase.returnPressed.connect(self.open_names)
        self.repeat.returnPressed.connect(self.open_names)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_names)
        self.lock_error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.repeat, 1)
        row.addWidget(self.open_button)
        column = QVBoxLayout(self.lock_bar)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.lock_text)
        column.addLayout(row)
        column.addWidget(self.lock_error)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Participants"))
        self.tabs.setTabText(0, _("Roster"))
        self.tabs.setTabText(1, _("Attendance"))
        self.table.setHorizontalHeaderLabels([_(name) for name in COLUMNS])
        self.add_button.setText(_("Add participant"))
        self.remove_button.setText(_("Remove participant"))
        self.import_button.setText(_("Import CSV or XLSX…"))
        if self.idle_locked:
            minutes = round(self.idle.interval() / 60_000, 1)
            self.lock_text.setText(
                _(
                    "Locked after {minutes} minutes without use. "
                    "Enter the passphrase to show the names again."
                ).format(minutes=f"{minutes:g}")
            )
            self.passphrase.setPlaceholderText(_("Passphrase"))
            self.open_button.setText(_("Show names"))
        elif self.vault.is_set_up:
            self.lock_text.setText(
                _("Names are sealed with the field records' passphrase. Enter it to show and edit them.")
            )
            self.passphrase.setPlaceholderText(_("Passphrase"))
            self.open_button.setText(_("Show names"))
        else:
            self.lock_text.setText(
                _(
                    "Names are sealed with the field records' passphrase, which is not chosen yet. "
                    "Choose it now (at least 8 characters) to add names; codes work without it."
                )
            )
            self.passphrase.setPlaceholderText(_("Passphrase"))
            self.repeat.setPlaceholderText(_("Passphrase again"))
            self.open_button.setText(_("Set the passphrase"))
        self.grid.retranslate()

    # --- the vault ------------------------------------------------------------------

    def open_names(self) -> None:
        try:
            if self.vault.is_set_up:
                self.vault.unlock(self.passphrase.text())
            else:
                self.vault.set_up(self.passphrase.text(), self.repeat.text())
        except (WrongPassphraseError, RecordsError) as exc:
            self.lock_error.setText(str(exc))
            self.passphrase.selectAll()
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.lock_error.clear()
        self.idle_locked = False
        self.retranslate()
        self.refresh()
        self.idle.start()

    @property
    def names_shown(self) -> bool:
        return self.vault.is_unlocked and not self.idle_locked

    def lock_idle(self) -> None:
        """Hide the names after the idle time; an edit in progress is stored first."""
        if not self.names_shown:
            return
        # Moving the current cell away commits an open cell editor (and so stores the row)
        # while the vault is still open; otherwise the typed name would be lost.
        self.table.setCurrentCell(-1, -1)
        self.idle_locked = True
        self.idle.stop()
        if self._owns_unlock:
            self.vault.lock()
        self.passphrase.clear()
        self.lock_error.clear()
        self.error.clear()  # e.g. "2 participants imported.": nothing of the last session stays
        self.retranslate()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in ACTIVITY and self.names_shown:
            self.idle.start()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.idle.stop()
        application = QApplication.instance()
        if application is not None:
            application.removeEventFilter(self)
        if self._owns_unlock:
            self.vault.lock()
        super().closeEvent(event)

    # --- the table ------------------------------------------------------------------

    def refresh(self) -> None:
        unlocked = self.names_shown
        self.lock_bar.setVisible(not unlocked)
        self.repeat.setVisible(not self.vault.is_set_up)
        self.people = (
            self.roster.participants() if unlocked else [Participant(c) for c in self.roster.codes()]
        )
        self.add_button.setEnabled(unlocked)
        self.import_button.setEnabled(unlocked)
        self._filling = True
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            for column, name in enumerate(FIELDS):
                self.table.setItem(row, column, self._cell(getattr(person, name), column, unlocked))
        self._filling = False
        self.grid.set_participants([p.code for p in self.people], self.people if unlocked else None)

    @staticmethod
    def _cell(text: str, column: int, unlocked: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text if unlocked or column == 0 else HIDDEN)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if unlocked and column > 0:  # a code is the participant's identity everywhere: not edited
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        if not unlocked and column > 0:
            item.setForeground(QColor("#888"))
        return item

    def _row(self, row: int) -> Participant:
        values = [
            (item.text().strip() if (item := self.table.item(row, c)) else "") for c in range(len(FIELDS))
        ]
        return Participant(*values)

    def _cell_changed(self, row: int, _column: int) -> None:
        if self._filling or not self.names_shown:
            return
        person = self._row(row)
        if not (person.name_latin or person.name_zh):
            self.error.setText(
                _("{code}: enter a name; the row is stored once it has one.").format(code=person.code)
            )
            return
        try:
            self.roster.save([person])
        except (RosterError, RecordsError) as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        if row < len(self.people):
            self.people[row] = person
        self.grid.set_participants([p.code for p in self.people], self.people)

    def next_code(self) -> str:
        numbers = [int(p.code[1:]) for p in self.people if p.code[1:].isdigit()]
        return f"P{max(numbers, default=0) + 1:03d}"

    def add_row(self) -> None:
        """A new row with the next free code; it is stored once it has a name."""
        code = self.next_code()
        self.people.append(Participant(code))
        row = self.table.rowCount()
        self._filling = True
        self.table.insertRow(row)
        for column in range(len(FIELDS)):
            self.table.setItem(row, column, self._cell(code if column == 0 else "", column, True))
        self._filling = False
        self.table.setCurrentCell(row, 1)
        if (item := self.table.item(row, 1)) is not None:
            self.table.editItem(item)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        code = self.people[row].code
        answer = QMessageBox.question(
            self,
            _("Remove participant"),
            _("Remove {code} and their attendance marks?").format(code=code),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.roster.remove(code)
        self.refresh()

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import participants"), "", _("Rosters (*.csv *.xlsx)")
            )
        if not path:
            return
        try:
            count = self.roster.import_file(Path(path))
        except (RosterError, RecordsError) as exc:
            problems = exc.problems if isinstance(exc, RosterError) else [str(exc)]
            self.error.setText(_("Nothing was imported:") + "\n" + "\n".join(problems))
            return
        self.refresh()
        imported = ngettext("{count} participant imported.", "{count} participants imported.", count)
        self.error.setText(imported.format(count=count))

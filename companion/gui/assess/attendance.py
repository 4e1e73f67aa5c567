"""The attendance grid: participants down, half-day sessions across, a tick where someone was there.

Fast with the keyboard: type a code in the line above the grid and press
Enter, and the participant is ticked in the chosen session's column (the
half-day running now, when the workshop is on). Every tick is stored at once
(:class:`companion.app.roster.Attendance`); a code the roster does not know is
refused in one line and nothing changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.app.roster import Attendance, AttendanceError, HalfDay
from companion.gui.fields import error_label
from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.roster import Participant


def session_now(sessions: list[HalfDay], moment: datetime | None = None) -> int:
    """The column of the half-day running at ``moment`` (local time), else the first one."""
    moment = moment or datetime.now()
    half = "am" if moment.hour < 12 else "pm"
    for index, session in enumerate(sessions):
        if session.date == moment.date().isoformat() and session.half == half:
            return index
    return 0


class AttendanceGrid(QWidget):
    def __init__(self, attendance: Attendance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendance = attendance
        self.sessions = attendance.sessions
        self.codes: list[str] = []
        self.names: dict[str, str] = {}
        self._filling = False
        self.session_label = QLabel()
        self.session = QComboBox()
        self.session.setObjectName("attendance-session")
        self.code_field = QLineEdit()
        self.code_field.setObjectName("attendance-code")
        self.code_field.returnPressed.connect(self.tick_typed)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code_field)
        self.status = QLabel()
        self.status.setObjectName("attendance-status")
        self.error = error_label()
        self.grid = QTableWidget()
        self.grid.setObjectName("attendance-grid")
        self.grid.itemChanged.connect(self._changed)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(self.session_label)
        row.addWidget(self.session, 1)
        row.addWidget(self.code_label)
        row.addWidget(self.code_field, 1)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.status)
        column.addWidget(self.error)
        column.addWidget(self.grid, 1)
        self.retranslate()
        self.session.setCurrentIndex(session_now(self.sessions))

    def retranslate(self) -> None:
        chosen = max(self.session.currentIndex(), 0)
        self.session.blockSignals(True)
        self.session.clear()
        self.session.addItems([s.title() for s in self.sessions])
        self.session.setCurrentIndex(chosen)
        self.session.blockSignals(False)
        self.session_label.setText(_("Session:"))
        self.code_label.setText(_("Code:"))
        self.code_field.setPlaceholderText(_("Type a code (e.g. P012) and press Enter"))
        self._fill()

    def set_participants(self, codes: list[str], people: list[Participant] | None = None) -> None:
        """The rows: every code, with a name beside it when the roster is open."""
        self.codes = codes
        self.names = {p.code: p.name_zh or p.name_latin for p in people or []}
        self._fill()

    def _fill(self) -> None:
        self._filling = True
        present = {(m.code, m.session) for m in self.attendance.marks() if m.present}
        self.grid.clear()
        self.grid.setRowCount(len(self.codes))
        self.grid.setColumnCount(len(self.sessions))
        # Column headers are short (the combo box above names each half-day in full).
        headers = [
            (_("Day {number} am") if s.half == "am" else _("Day {number} pm")).format(number=s.day)
            for s in self.sessions
        ]
        self.grid.setHorizontalHeaderLabels(headers)
        for column, session in enumerate(self.sessions):
            header = self.grid.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(session.title())
        labels = [f"{code}  {self.names[code]}" if self.names.get(code) else code for code in self.codes]
        self.grid.setVerticalHeaderLabels(labels)
        for row, code in enumerate(self.codes):
            for column, session in enumerate(self.sessions):
                item = QTableWidgetItem()
                item.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                )
                checked = (code, session.id) in present
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.grid.setItem(row, column, item)
        self._filling = False

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        code, session = self.codes[item.row()], self.sessions[item.column()]
        self._store(code, session, item.checkState() == Qt.CheckState.Checked)

    def _store(self, code: str, session: HalfDay, present: bool) -> bool:
        try:
            self.attendance.mark(code, session.id, present)
        except AttendanceError as exc:
            self.error.setText("\n".join(exc.problems))
            self._fill()  # back to what is stored
            return False
        self.error.clear()
        text = _("{code} ticked: {session}") if present else _("{code} not ticked: {session}")
        self.status.setText(text.format(code=code, session=session.title()))
        return True

    def tick_typed(self) -> None:
        """Tick the typed code in the chosen session's column, then clear the line for the next one."""
        code = self.code_field.text().strip().upper()
        if not code:
            return
        session = self.sessions[max(self.session.currentIndex(), 0)]
        if code not in self.codes:
            self.error.setText(_("No participant has the code {code}.").format(code=code))
            self.code_field.selectAll()
            return
        if self._store(code, session, True):
            self._filling = True
            item = self.grid.item(self.codes.index(code), self.sessions.index(session))
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)
                self.grid.scrollToItem(item)
            self._filling = False
            self.code_field.clear()

"""The workshop page's trainers: a table of role, organisation (both languages) and an optional name.

Rows are added, removed and moved with the buttons beside it; every change
emits ``sig_changed`` with the list before it, so the page can make it one undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _

Trainers = list[dict[str, Any]]
# Column -> (field, language); the name has no language.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("role", "en"),
    ("role", "zh-Hans"),
    ("organisation", "en"),
    ("organisation", "zh-Hans"),
    ("name", ""),
)


class TrainersTable(QWidget):
    sig_changed = Signal(object)  # the trainers before the change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("trainers")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(120)
        self._last: Trainers = []
        self.table.itemChanged.connect(self._edited)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Role (English)"), _("Role (Chinese)"), _("Organisation (English)"),
             _("Organisation (Chinese)"), _("Name (optional)")]
        )  # fmt: skip
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (like QLineEdit's)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.NoEditTriggers if read_only else triggers.AllEditTriggers)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)

    def trainers(self) -> Trainers:
        found: Trainers = []
        for row in range(self.table.rowCount()):
            trainer: dict[str, Any] = {}
            for column, (field, lang) in enumerate(COLUMNS):
                cell = self.table.item(row, column)
                text = cell.text().strip() if cell is not None else ""
                if text and lang:
                    trainer.setdefault(field, {})[lang] = text
                elif text:
                    trainer[field] = text
            found.append(trainer)
        return found

    def set_trainers(self, trainers: Trainers) -> None:
        """Show ``trainers`` (no change signal: this is what the page holds)."""
        self.table.blockSignals(True)
        self.table.setRowCount(len(trainers))
        for row, trainer in enumerate(trainers):
            for column, (field, lang) in enumerate(COLUMNS):
                value = trainer.get(field)
                text = (value or {}).get(lang, "") if lang else (value or "")
                self.table.setItem(row, column, QTableWidgetItem(str(text)))
        self.table.blockSignals(False)
        self._last = self.trainers()

    def _changed(self, trainers: Trainers, select: int = -1) -> None:
        before = self._last
        self.set_trainers(trainers)
        if select >= 0:
            self.table.selectRow(select)
        self.sig_changed.emit(before)

    def _edited(self, _cell: QTableWidgetItem) -> None:
        before, self._last = self._last, self.trainers()
        self.sig_changed.emit(before)

    def add_row(self) -> None:
        self._changed([*self.trainers(), {}], len(self._last))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            trainers = self.trainers()
            del trainers[row]
            self._changed(trainers, min(row, len(trainers) - 1))

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        trainers = self.trainers()
        if row >= 0 and 0 <= target < len(trainers):
            trainers[row], trainers[target] = trainers[target], trainers[row]
            self._changed(trainers, target)

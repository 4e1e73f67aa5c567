"""Tools ▸ Translation status…: every text of the current workshop missing or possibly stale in a language.

The rows are :meth:`companion.app.workshop.Workshop.translation_status`;
"possibly stale" means the other language was edited since the two last
agreed. Double-clicking a row asks the window to show the item
(``sig_open_item``); Confirm marks a stale translation as still right
(:meth:`~companion.app.workshop.Workshop.confirm_translation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import title_of
from companion.gui import render
from companion.gui.edit_support import error_label, one_line, show_error
from companion.i18n import N_, _, current_language

if TYPE_CHECKING:
    from companion.app.domain import TranslationGap
    from companion.app.workshop import Workshop

STATES = {"missing": N_("missing"), "stale": N_("possibly stale")}
LANGUAGE_NAMES = {"en": N_("English"), "zh-Hans": N_("Chinese")}


def field_label(path: tuple[str | int, ...]) -> str:
    """A field's path as people count, with the editor's names: ("stages", 0, "text") is "Stages 1 › Text"."""
    from companion.gui.editor.labels import field_label as name_of

    parts: list[str] = []
    for part in path:
        if isinstance(part, int) and parts:
            parts[-1] += f" {part + 1}"
        else:
            parts.append(name_of(str(part)))
    return " › ".join(parts)


class TranslationStatus(QDialog):
    sig_open_item = Signal(str)
    sig_changed = Signal()  # a translation was confirmed

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translation-status")
        self.workshop = workshop
        self.gaps: list[TranslationGap] = []
        self.shown: list[TranslationGap] = []  # the table's rows, in order
        self.filter = QComboBox()
        self.filter.setObjectName("state-filter")
        self.filter.currentIndexChanged.connect(lambda _n: self.fill())
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("gaps")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open_row)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setEnabled(False)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        self.error = error_label()
        top = QHBoxLayout()
        self.filter_label = QLabel()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.summary)
        bottom = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.error)
        column.addLayout(bottom)
        self.retranslate()
        self.refresh()
        self.resize(860, 520)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Translation status"))
        self.filter_label.setText(_("Show"))
        chosen = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(_("All"), "")
        for state, label in STATES.items():
            self.filter.addItem(_(label), state)
        self.filter.setCurrentIndex(max(chosen, 0))
        self.filter.blockSignals(False)
        self.table.setHorizontalHeaderLabels([_("Item"), _("Field"), _("Language"), _("State")])
        self.hint.setText(
            _("Double-click a row to open its item. Confirm a stale translation that is still right.")
        )
        self.confirm_button.setText(_("Confirm"))
        self.close_button.setText(_("Close"))

    def refresh(self) -> None:
        try:
            self.gaps = self.workshop.translation_status()
        except Exception as exc:  # every refusal of the app layer: one line
            show_error(self.error, one_line(exc))
            self.gaps = []
        self.fill()

    def fill(self) -> None:
        state = self.filter.currentData() or ""
        self.shown = shown = [gap for gap in self.gaps if not state or gap.state == state]
        lang = current_language()
        titles: dict[str, str] = {}
        self.table.setRowCount(len(shown))
        for row, gap in enumerate(shown):
            if gap.item_id not in titles:
                item = self.workshop.item(gap.item_id)
                titles[gap.item_id] = render.plain(title_of(item), lang) if item is not None else gap.item_id
            cells = (
                titles[gap.item_id],
                field_label(gap.path),
                _(LANGUAGE_NAMES.get(gap.lang, gap.lang)),
                _(STATES.get(gap.state, gap.state)),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary.setText(_("{count} to check").format(count=len(shown)))
        self._selection_changed()

    def current_gap(self) -> TranslationGap | None:
        row = self.table.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _selection_changed(self) -> None:
        gap = self.current_gap()
        stale = gap is not None and gap.state == "stale"
        self.confirm_button.setEnabled(stale and self.workshop.is_working_copy())

    def _open_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.shown):
            self.sig_open_item.emit(self.shown[row].item_id)

    def confirm(self) -> None:
        gap = self.current_gap()
        if gap is None or gap.state != "stale":
            return
        try:
            self.workshop.confirm_translation(gap.item_id, gap.path, gap.lang)
        except Exception as exc:  # every refusal of the app layer: one line
            show_error(self.error, one_line(exc))
            return
        show_error(self.error, "")
        self.refresh()
        self.sig_changed.emit()

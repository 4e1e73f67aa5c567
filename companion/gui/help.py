"""The Help menu's own windows: the first-run guide, the keyboard shortcuts and the abbreviations.

The guide is shown once, at the first start (the ``first_run_guide_shown``
setting remembers it), and whenever Help ▸ Getting started is chosen. The
shortcuts come from :mod:`companion.gui.shortcuts`, the abbreviations from
:mod:`companion.gui.abbreviations`; each dialog re-reads its text when the
language changes, so a dialog left open follows the window.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.gui import render
from companion.gui.abbreviations import NAMES, all_codes
from companion.gui.shortcuts import SCOPES, SHORTCUTS, shown_keys
from companion.i18n import N_, _, current_language

if TYPE_CHECKING:
    from companion.app.domain import ScreeningTool
    from companion.gui.main_window import MainWindow

GUIDE_SETTING = "first_run_guide_shown"

# The first-run guide: a title and a text per pane, marked for translation.
GUIDE_PANES: tuple[tuple[str, str], ...] = (
    (
        N_("What this is"),
        N_(
            "Training Companion holds everything of one workshop on trafficking in persons: the agenda, "
            "case studies, screening tools, library documents and a glossary, in English and Chinese. "
            "It works without a network connection. A screening result is a reason for referral, "
            "never a legal identification."
        ),
    ),
    (
        N_("The sections"),
        N_(
            "The list on the left opens the sections: the agenda with what runs now, the case studies "
            "stage by stage, the screening tools with a practice interview, the library and its "
            "glossary. Ctrl+1, Ctrl+2 and so on go to them; Ctrl+F searches everything; Ctrl+L switches "
            "between English and Chinese."
        ),
    ),
    (
        N_("Presenting"),
        N_(
            "F5 shows the item you are reading to the room on a second screen, while your screen keeps "
            "the notes, the clock and what comes next. A clicker's keys turn the slides; B blanks the "
            "room's screen. File ▸ Export handouts prints the agenda, case studies, forms and library "
            "documents in either language or both."
        ),
    ),
    (
        N_("Your data"),
        N_(
            "Field records are sealed with a passphrase and stay on this computer; nothing is sent "
            "anywhere. Use case codes, never names. File ▸ Backups keeps copies of your data, and "
            "Help ▸ Keyboard shortcuts and Help ▸ Abbreviations are there when you need them."
        ),
    ),
)


class GuideDialog(QDialog):
    """The first-run guide: a few panes, Back and Next, and Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("getting-started")
        self.pages = QStackedWidget()
        self.titles: list[QLabel] = []
        self.texts: list[QLabel] = []
        for _n in GUIDE_PANES:
            page = QWidget()
            column = QVBoxLayout(page)
            title, text = QLabel(), QLabel()
            title.setObjectName("pane-title")
            text.setWordWrap(True)
            column.addWidget(title)
            column.addWidget(text)
            column.addStretch(1)
            self.titles.append(title)
            self.texts.append(text)
            self.pages.addWidget(page)
        self.position = QLabel()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.close_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.show_pane(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.position, 1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(560, 320)
        self.retranslate()
        self.show_pane(0)

    def _next(self) -> None:
        if self.pages.currentIndex() == self.pages.count() - 1:
            self.accept()
        else:
            self.show_pane(self.pages.currentIndex() + 1)

    def show_pane(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self._label_buttons()

    def _label_buttons(self) -> None:
        index, total = self.pages.currentIndex(), self.pages.count()
        self.position.setText(_("{number} of {total}").format(number=index + 1, total=total))
        self.next_button.setText(_("Start") if index == total - 1 else _("Next"))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Getting started"))
        for (title, text), title_label, text_label in zip(GUIDE_PANES, self.titles, self.texts, strict=True):
            title_label.setText(f"<h2>{html.escape(_(title))}</h2>")
            text_label.setText(_(text))
        self.back_button.setText(_("Back"))
        self.close_button.setText(_("Close"))
        self._label_buttons()


class _TableDialog(QDialog):
    """A read-only table with a Close button, refilled in the current language."""

    def __init__(self, name: str, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.table = QTableWidget(0, columns)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def fill(self, headers: list[str], rows: Sequence[tuple[str, ...]]) -> None:
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()


class ShortcutsDialog(_TableDialog):
    """Help ▸ Keyboard shortcuts: the table of :mod:`companion.gui.shortcuts`, grouped by where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("keyboard-shortcuts", 3, parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = [
            (shown_keys(s), _(s.description), _(scope))
            for scope in SCOPES
            for s in SHORTCUTS
            if s.scope == scope
        ]
        self.fill([_("Keys"), _("What they do"), _("Where")], rows)


class AbbreviationsDialog(_TableDialog):
    """Help ▸ Abbreviations: the codes of the workshop's screening tools, and names of bodies."""

    def __init__(self, tools: list[ScreeningTool], parent: QWidget | None = None) -> None:
        super().__init__("abbreviations", 3, parent)
        self.tools = tools
        self.retranslate()

    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(_("Abbreviations"))
        rows: list[tuple[str, ...]] = [
            (
                code.code,
                render.plain(code.meaning, lang),
                "\n".join(render.plain(tool, lang) for tool in code.tools),  # one tool a line
            )
            for code in all_codes(self.tools)
        ]
        rows += [(short, _(meaning), "") for short, meaning in NAMES]
        self.fill([_("Abbreviation"), _("Meaning"), _("Screening tool")], rows)


class HelpActions:
    """Help ▸ Getting started, Keyboard shortcuts and Abbreviations, and the first-run guide."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtGui import QAction

        self.window = window
        self.dialogs: dict[str, GuideDialog | ShortcutsDialog | AbbreviationsDialog] = {}
        self.guide_action = QAction(window)
        self.guide_action.setObjectName("getting-started")
        self.guide_action.triggered.connect(self.open_guide)
        self.shortcuts_action = QAction(window)
        self.shortcuts_action.setObjectName("keyboard-shortcuts")
        self.shortcuts_action.triggered.connect(self.open_shortcuts)
        self.abbreviations_action = QAction(window)
        self.abbreviations_action.setObjectName("abbreviations")
        self.abbreviations_action.triggered.connect(self.open_abbreviations)
        first = window.help_menu.actions()[0] if window.help_menu.actions() else None
        for action in (self.guide_action, self.shortcuts_action, self.abbreviations_action):
            window.help_menu.insertAction(first, action)  # type: ignore[arg-type]
        window.help_menu.insertSeparator(first)  # type: ignore[arg-type]

    def retranslate(self) -> None:
        self.guide_action.setText(_("&Getting started"))
        self.shortcuts_action.setText(_("&Keyboard shortcuts"))
        self.abbreviations_action.setText(_("&Abbreviations"))
        for dialog in self.dialogs.values():
            dialog.retranslate()

    def _show(self, name: str, dialog: GuideDialog | ShortcutsDialog | AbbreviationsDialog) -> None:
        self.dialogs[name] = dialog
        dialog.finished.connect(lambda _result: self.dialogs.pop(name, None))
        dialog.show()
        dialog.raise_()

    def open_guide(self) -> GuideDialog:
        dialog = GuideDialog(self.window)
        self._show("guide", dialog)
        return dialog

    def open_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        self._show("shortcuts", dialog)
        return dialog

    def open_abbreviations(self) -> AbbreviationsDialog:
        from companion.app.domain import ScreeningTool

        dialog = AbbreviationsDialog(self.window.catalogue.of_type(ScreeningTool), self.window)
        self._show("abbreviations", dialog)
        return dialog

    def first_run(self) -> GuideDialog | None:
        """The guide, if this data folder has never shown it; remembered at once."""
        workshop = self.window.workshop
        if workshop.setting(GUIDE_SETTING) == "1":
            return None
        workshop.set_setting(GUIDE_SETTING, "1")
        return self.open_guide()

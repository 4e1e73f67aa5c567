"""File ▸ New workshop from…: copy an installed workshop as one's own, which becomes current.

The ID is checked as it is typed (the same rule the application applies, so
the OK button is only offered for an ID it will take); the copy is made by
:meth:`companion.app.workshop.Workshop.new_workshop`, and a refusal is shown in one line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from companion.gui import render
from companion.gui.edit_support import error_label, one_line, show_error
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.workshop import Workshop

# The rule for a workshop ID (an item ID's): lower-case letters, digits, single hyphens.
WORKSHOP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64


class NewWorkshopDialog(QDialog):
    """Pick an installed workshop, give the copy an ID and titles; the copy becomes current."""

    sig_created = Signal(str)  # the new workshop's ID

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new-workshop")
        self.workshop = workshop
        lang = current_language()
        self.source = QComboBox()
        self.installed = {info.id: info for info in workshop.packs()}
        for info in self.installed.values():
            self.source.addItem(f"{render.plain(info.title, lang)} ({info.id}, {info.version})", info.id)
        current = workshop.current_pack_id()
        if current in self.installed:
            self.source.setCurrentIndex(self.source.findData(current))
        self.source.currentIndexChanged.connect(self._fill_titles)
        self.new_id = QLineEdit()
        self.new_id.setObjectName("new-id")
        self.new_id.setPlaceholderText("my-workshop-2027")
        self.new_id.setMaxLength(MAX_ID)
        self.new_id.textChanged.connect(self._check_id)
        self.id_problem = error_label()
        self.title_en = QLineEdit()
        self.title_zh = QLineEdit()
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(_("Make my copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("make-copy")
        self.buttons.accepted.connect(self.make_copy)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("Copy of"), self.source)
        form.addRow(_("New ID"), self.new_id)
        form.addRow("", self.id_problem)
        form.addRow(_("Title (English)"), self.title_en)
        form.addRow(_("Title (Chinese)"), self.title_zh)
        column = QVBoxLayout(self)
        intro = QLabel(_("Your own copy can be edited; the workshop it comes from stays as it is."))
        intro.setWordWrap(True)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.setWindowTitle(_("New workshop from…"))
        self.resize(560, self.sizeHint().height())
        self._fill_titles()
        self._check_id()

    def _fill_titles(self) -> None:
        info = self.installed.get(self.source.currentData() or "")
        if info is not None:
            self.title_en.setText(info.title.get("en") or "")
            self.title_zh.setText(info.title.get("zh-Hans") or "")
            self.title_en.setCursorPosition(0)  # a long title shows its beginning
            self.title_zh.setCursorPosition(0)

    def id_problem_of(self, text: str) -> str:
        """Why ``text`` cannot be the new ID, in one line; empty when it can."""
        if not text:
            return _("Give the copy an ID, e.g. my-workshop-2027.")
        if not WORKSHOP_ID.match(text):
            return _("Use lower-case letters, digits and single hyphens, e.g. my-workshop-2027.")
        if text in self.installed:
            return _("A workshop with this ID is installed already; choose another ID.")
        return ""

    def _check_id(self) -> None:
        problem = self.id_problem_of(self.new_id.text())
        # An empty field is not an error yet: say nothing until something is typed.
        show_error(self.id_problem, problem if self.new_id.text() else "")
        self.ok.setEnabled(not problem)

    def make_copy(self) -> None:
        if self.id_problem_of(self.new_id.text()):
            return
        new_id = self.new_id.text()
        try:
            self.workshop.new_workshop(
                new_id,
                str(self.source.currentData()),
                self.title_en.text().strip() or None,
                self.title_zh.text().strip() or None,
            )
        except Exception as exc:  # every refusal of the app layer: one line, nothing lost
            show_error(self.error, one_line(exc))
            return
        self.sig_created.emit(new_id)
        self.accept()

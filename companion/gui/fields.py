"""Small widgets that several dialogs share: passphrase fields, inline error lines, a folder row."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton

from companion.i18n import _


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def error_label() -> QLabel:
    """A red line under a form, empty until something goes wrong."""
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color:#b00")
    return label


def show_problem(label: QLabel, text: str) -> None:
    """A problem on an :func:`error_label`: red."""
    label.setStyleSheet("color:#b00")
    label.setText(text)


def show_done(label: QLabel, text: str) -> None:
    """Good news on an :func:`error_label` ("Saved and sealed."): not red, which says something failed."""
    label.setStyleSheet("color:#1a6b1a")
    label.setText(text)


class FolderRow(QHBoxLayout):
    """A folder's path to edit and a "Choose…" button that opens a folder dialog to pick it.

    ``title`` is the folder dialog's title, marked with ``N_`` and translated when the dialog opens.
    """

    def __init__(self, path: str, title: str) -> None:
        super().__init__()
        self.title = title
        self.edit = QLineEdit(path)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose)
        self.addWidget(self.edit, 1)
        self.addWidget(self.choose_button)

    def retranslate(self) -> None:
        self.choose_button.setText(_("Choose…"))

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self.edit.window(), _(self.title), self.edit.text())
        if chosen:
            self.edit.setText(chosen)

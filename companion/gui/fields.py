"""Small widgets that several dialogs share: passphrase fields and inline error lines."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit


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

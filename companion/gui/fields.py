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

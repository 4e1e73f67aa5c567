"""The installed Qt binding itself: a defect in it crashes the application, whatever our code does."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel


def test_calling_qt_methods_that_return_nothing_keeps_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 dropped a reference to None on each such call; before Python 3.12 None
    # then ran out of references and the interpreter stopped ("deallocating None") after
    # about fifty language switches. pyproject.toml keeps that release out.
    label = QLabel()
    qtbot.addWidget(label)
    rect = QRect()
    before = sys.getrefcount(None)
    for _ in range(100):
        label.setText("x")
        rect.setWidth(5)
    assert sys.getrefcount(None) >= before - 20  # unrelated churn, not one per call

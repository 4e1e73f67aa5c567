"""Help › About: the version, and each bundled component's licence in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion import __version__


def open_about(window, qtbot):  # type: ignore[no-untyped-def]
    from companion.gui.about import AboutDialog

    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def component_rows(dialog) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    items = [dialog.list.topLevelItem(n) for n in range(dialog.list.topLevelItemCount())]
    return {item.text(0): (item.text(1), item.text(2)) for item in items}


def test_f1_shows_the_version_and_the_licences_of_qt_and_the_font(window, qtbot) -> None:
    dialog = open_about(window, qtbot)
    assert f"Version {__version__}" in dialog.heading.text()
    rows = component_rows(dialog)
    assert rows["Qt (PySide6)"][1] == "LGPL-3.0-only"
    assert rows["WenQuanYi Micro Hei"][1] == "Apache-2.0"
    assert {"ReportLab", "SQLite", "sqlite-utils", "pydantic", "Python"} <= set(rows)
    dialog.select("Qt (PySide6)")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    dialog.select("WenQuanYi Micro Hei")
    assert "Apache License" in dialog.licence_text.toPlainText()
    dialog.select("ReportLab")
    assert "ReportLab Inc." in dialog.licence_text.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_help_menu_and_about_speak_chinese(window, qtbot) -> None:
    window.set_language("zh-Hans")
    assert window.help_menu.title() == "帮助(&H)"
    dialog = open_about(window, qtbot)
    assert dialog.windowTitle() == "关于培训助手"
    assert "许可" in dialog.list.headerItem().text(2)
    dialog.close()
    QApplication.processEvents()

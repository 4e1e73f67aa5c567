"""Qt's own dialogs (the file dialog's "Look in:", "Files of type:") follow the interface language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo

from companion.gui import app as gui_app


@pytest.fixture
def english_after(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    gui_app.create_application()
    yield
    gui_app.install_qt_translator("en")


def file_dialog(text: str) -> str:
    return QCoreApplication.translate("QFileDialog", text)


def test_the_file_dialog_speaks_chinese_and_back_to_english(english_after: None) -> None:
    gui_app.install_qt_translator("zh-Hans")
    assert file_dialog("Look in:") == "查找范围："
    assert file_dialog("Files of type:") == "文件类型："
    gui_app.install_qt_translator("en")
    assert file_dialog("Look in:") == "Look in:"


def test_qt_chinese_is_found_when_qt_names_no_translations_folder(english_after: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A frozen bundle: Qt's own answer names a folder that is not there.
    monkeypatch.setattr(QLibraryInfo, "path", lambda _which: "/nonexistent/translations")
    gui_app.install_qt_translator("zh-Hans")
    assert file_dialog("Look in:") == "查找范围："

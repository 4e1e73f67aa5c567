"""File ▸ Participants and attendance…: the roster behind the passphrase, and ticking with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

PASSPHRASE = "correct horse battery"
ROSTER = (
    "code,name_latin,name_zh,agency,function\n"
    "P001,Li Wei,李伟,Bureau,Officer\nP002,Wang Fang,王芳,Court,Judge\n"
)


def opened(workshop, qtbot):  # type: ignore[no-untyped-def]
    from companion.gui.assess.roster import ParticipantsWindow
    from companion.i18n import set_language

    set_language("en")
    dialog = ParticipantsWindow(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def participants(workshop, qtbot):  # type: ignore[no-untyped-def]
    dialog = opened(workshop, qtbot)
    yield dialog
    dialog.close()


def test_the_file_menu_opens_the_window(window, qtbot) -> None:
    window.participants_action.trigger()
    qtbot.waitUntil(lambda: window.participants_window.isVisible())
    assert window.participants_window.tabs.count() == 2
    window.participants_window.close()


def open_names(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.vault.is_unlocked and not dialog.lock_bar.isVisible()


def texts(dialog, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [dialog.table.item(row, column).text() for column in range(dialog.table.columnCount())]


def test_import_shows_names_once_open_and_only_codes_when_locked(
    workshop, participants, qtbot, tmp_path
) -> None:
    assert participants.table.rowCount() == 0 and not participants.import_button.isEnabled()
    open_names(participants, qtbot)
    source = tmp_path / "roster.csv"
    source.write_text(ROSTER, encoding="utf-8")
    participants.import_file(str(source))
    assert texts(participants, 1) == ["P002", "Wang Fang", "王芳", "Court", "Judge"]
    participants.close()
    again = opened(workshop, qtbot)
    assert not again.vault.is_unlocked  # closing locked what the window opened
    assert texts(again, 0) == ["P001", "•••", "•••", "•••", "•••"]
    again.close()


def test_a_bad_roster_lists_each_problem_and_imports_nothing(participants, qtbot, tmp_path: Path) -> None:
    open_names(participants, qtbot)
    source = tmp_path / "roster.csv"
    source.write_text(ROSTER + "P002,Again,,,\n", encoding="utf-8")
    participants.import_file(str(source))
    assert "line 4: code P002 appears twice (first on line 3)" in participants.error.text()
    assert participants.table.rowCount() == 0


def test_added_and_edited_rows_are_stored_and_removed_with_their_attendance(
    participants, qtbot, monkeypatch
) -> None:
    open_names(participants, qtbot)
    participants.add_button.click()
    assert participants.table.item(0, 0).text() == "P001"
    participants.table.item(0, 2).setText("赵敏")
    assert participants.roster.participants()[0].name_zh == "赵敏"
    participants.table.item(0, 3).setText("Court")
    assert participants.roster.participants()[0].agency == "Court"
    participants.grid.attendance.mark("P001", "d1-am")
    participants.table.setCurrentCell(0, 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    participants.remove_button.click()
    assert participants.roster.codes() == [] and participants.grid.attendance.marks() == []


def test_typing_a_code_and_enter_ticks_the_chosen_session(participants, qtbot, tmp_path) -> None:
    open_names(participants, qtbot)
    source = tmp_path / "roster.csv"
    source.write_text(ROSTER, encoding="utf-8")
    participants.import_file(str(source))
    grid = participants.grid
    participants.tabs.setCurrentWidget(grid)
    grid.session.setCurrentIndex(1)  # day 1, afternoon
    grid.code_field.setFocus()
    qtbot.keyClicks(grid.code_field, "p002")
    qtbot.keyClick(grid.code_field, Qt.Key.Key_Return)
    assert grid.grid.item(1, 1).checkState() == Qt.CheckState.Checked
    assert grid.code_field.text() == ""  # ready for the next code
    assert [(m.code, m.session, m.present) for m in grid.attendance.marks()] == [("P002", "d1-pm", True)]
    qtbot.keyClicks(grid.code_field, "P404")
    qtbot.keyClick(grid.code_field, Qt.Key.Key_Return)
    assert "P404" in grid.error.text() and len(grid.attendance.marks()) == 1
    grid.grid.item(0, 0).setCheckState(Qt.CheckState.Checked)  # a click in the grid stores too
    assert ("P001", "d1-am", True) in [(m.code, m.session, m.present) for m in grid.attendance.marks()]

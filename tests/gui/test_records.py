"""Field records in the window: passphrase, a recorded interview, lock, hand-over, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from companion.core.records import read_handover
from tests.unit.test_handouts import squeeze, text

PASSPHRASE = "correct horse battery"


@pytest.fixture
def records(window, qtbot):  # type: ignore[no-untyped-def]
    window.records_action.trigger()
    dialog = window.records_window
    qtbot.waitExposed(dialog)
    assert dialog.pages.currentWidget() is dialog.setup_page
    dialog.new_passphrase.setText(PASSPHRASE)
    dialog.repeat_passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.list_page
    yield dialog
    dialog.close()


def _record(dialog, qtbot, code: str, note: str = "") -> None:  # type: ignore[no-untyped-def]
    dialog.buttons["new"].click()
    dialog.tool_choice.setCurrentIndex(dialog.tool_choice.findData("ilo-forced-labour"))
    qtbot.keyClicks(dialog.case_code, code)
    dialog.start_button.click()
    view = dialog.view
    assert "FIELD RECORD" in view.banner.text() and "PRACTICE" not in view.banner.text()
    qtbot.keyClick(view, Qt.Key.Key_P)  # FL01 present
    dialog.notes.setPlainText(note)
    qtbot.keyClick(dialog.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved" in dialog.editor_error.text()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert dialog.pages.currentWidget() is dialog.list_page


def test_a_recorded_screening_is_listed_by_case_code_and_date_only(records, qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _record(records, qtbot, "NN-2026-014", "Passport held by the employer")
    shown = records.list.item(0).text()
    assert shown.split() == ["NN-2026-014", records.vault.records()[0].created_date]
    assert records.windowTitle() == "Field records"
    stored = b"".join(p.read_bytes() for p in data_dir.glob("companion.db*"))
    assert b"NN-2026-014" not in stored and b"Passport held by the employer" not in stored


def test_a_name_is_refused_as_a_case_code(records, qtbot) -> None:  # type: ignore[no-untyped-def]
    records.buttons["new"].click()
    qtbot.keyClicks(records.case_code, "Maria Chen")
    records.start_button.click()
    assert records.pages.currentWidget() is records.new_page
    assert "Never use a person's name" in records.new_error.text()


def test_a_wrong_passphrase_gets_one_clear_message_and_the_right_one_opens(records, qtbot) -> None:  # type: ignore[no-untyped-def]
    _record(records, qtbot, "NN-1")
    records.buttons["lock"].click()
    assert records.pages.currentWidget() is records.unlock_page and records.list.count() == 0
    qtbot.keyClicks(records.passphrase, "wrong passphrase")
    qtbot.keyClick(records.passphrase, Qt.Key.Key_Return)
    assert records.unlock_error.text() == "That passphrase is not right; the records stay locked."
    assert records.pages.currentWidget() is records.unlock_page
    records.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(records.passphrase, Qt.Key.Key_Return)
    assert records.pages.currentWidget() is records.list_page and records.list.count() == 1


def test_idle_records_lock_and_an_open_record_is_saved_first(records, qtbot) -> None:  # type: ignore[no-untyped-def]
    records.buttons["new"].click()
    qtbot.keyClicks(records.case_code, "NN-7")
    records.start_button.click()
    qtbot.keyClick(records.view, Qt.Key.Key_P)
    records.idle.setInterval(50)
    records.idle.start()
    qtbot.waitUntil(lambda: not records.vault.is_unlocked)
    assert records.pages.currentWidget() is records.unlock_page
    assert "saved first" in records.unlock_text.text()
    records.vault.unlock(PASSPHRASE)
    saved = records.vault.records()
    assert [r.case_code for r in saved] == ["NN-7"] and "present" in saved[0].answers.values()


def test_hand_over_export_and_delete(records, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _record(records, qtbot, "NN-9", "seen twice")
    target = tmp_path / "handover.tcrecord"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("hand-over phrase", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    records.buttons["export"].click()
    assert read_handover(target, "hand-over phrase").notes == "seen twice"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    records.buttons["delete"].click()
    assert records.list.count() == 0 and records.vault.records() == []


def test_the_record_button_of_a_tool_starts_a_record_with_that_tool(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_item("ilo-adult-labour")
    window.tools.record_button.click()
    dialog = window.records_window
    dialog.new_passphrase.setText(PASSPHRASE)
    dialog.repeat_passphrase.setText(PASSPHRASE)
    dialog.setup_button.click()
    assert dialog.pages.currentWidget() is dialog.new_page
    assert dialog.tool_choice.currentData() == "ilo-adult-labour"
    dialog.close()


def test_a_practice_result_is_saved_as_a_pdf_marked_practice(
    window, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window.open_item("ilo-forced-labour")
    window.tools.practise_button.click()
    view = window.tools.interview
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    target = tmp_path / "result.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved" in view.status.text(), timeout=90_000)
    words = squeeze(text(target))
    assert "PRACTICE" in words and "FL01" in words

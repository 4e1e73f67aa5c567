"""Field records in the window: passphrase, a recorded interview, lock, hand-over, delete."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from companion.core.records import FieldRecord, read_handover
from companion.core.store.database import StoreError
from tests.unit.pdf_support import squeeze, text

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


def _texts_on_screen(dialog) -> str:  # type: ignore[no-untyped-def]
    """Every text any widget of the window holds, shown or not: what a lock must leave empty."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPlainTextEdit

    texts = [dialog.windowTitle()]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    texts += [field.text() for field in dialog.findChildren(QLineEdit)]
    texts += [edit.toPlainText() for edit in dialog.findChildren(QPlainTextEdit)]
    for listing in dialog.findChildren(QListWidget):
        texts += [listing.item(n).text() for n in range(listing.count())]
    return "\n".join(texts)


def test_a_damaged_record_is_listed_as_damaged_the_others_open_and_it_can_be_deleted(
    records, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    for code in ("NN-1", "NN-2"):
        records.vault.save(FieldRecord(code, "ilo-forced-labour", "2012", {"FL01": "present"}, notes=code))
    broken = next(r for r in records.vault.records() if r.case_code == "NN-2")  # type: ignore[union-attr]
    records.vault.store.conn.execute("UPDATE field_records SET sealed = x'00' WHERE id = ?", (broken.id,))
    records.show_list()
    shown = [records.list.item(n).text() for n in range(records.list.count())]
    assert shown[0].startswith("NN-1") and shown[1].split() == ["damaged", "record", broken.id[:8]]
    assert "could not be opened" in records.damage_notice.text()
    records.list.setCurrentRow(1)
    records.buttons["open"].click()
    assert records.pages.currentWidget() is records.list_page and "damaged" in records.list_error.text()
    asked = []

    def answer_yes(_parent, _title, text, *_rest):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    records.buttons["delete"].click()
    assert "damaged record" in asked[0]
    assert [records.list.item(n).text().split()[0] for n in range(records.list.count())] == ["NN-1"]
    assert records.damage_notice.text() == ""


@pytest.mark.parametrize("error", [StoreError("disk full"), sqlite3.OperationalError("database is locked")])
def test_the_idle_lock_closes_the_record_even_when_saving_fails_and_keeps_the_changes_sealed(
    records, qtbot, monkeypatch, error
) -> None:  # type: ignore[no-untyped-def]
    records.buttons["new"].click()
    qtbot.keyClicks(records.case_code, "NN-7")
    records.start_button.click()
    qtbot.keyClick(records.view, Qt.Key.Key_P)
    records.notes.setPlainText("Employer keeps the passports")

    def fail(*_args: object) -> None:
        raise error

    monkeypatch.setattr(records.vault.store, "transaction", fail)  # every write fails, as on a full disk
    records.idle.setInterval(1)
    records.idle.start()
    qtbot.waitUntil(lambda: not records.vault.is_unlocked)
    assert records.pages.currentWidget() is records.unlock_page and records.view is None
    on_screen = _texts_on_screen(records)
    assert "NN-7" not in on_screen and "Employer keeps the passports" not in on_screen
    assert "could not be saved" in records.unlock_text.text()
    assert "kept encrypted in memory" in records.unlock_text.text()

    monkeypatch.undo()  # the disk has room again
    records.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(records.passphrase, Qt.Key.Key_Return)
    assert records.pages.currentWidget() is records.editor_page
    assert records.notes.toPlainText() == "Employer keeps the passports"
    assert "not saved" in records.editor_error.text()
    qtbot.keyClick(records.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = records.vault.records()
    assert [(r.case_code, r.notes) for r in saved] == [("NN-7", "Employer keeps the passports")]  # type: ignore[union-attr]
    assert "present" in saved[0].answers.values()  # type: ignore[union-attr]


def test_closing_the_window_with_changes_the_lock_could_not_save_warns_once_then_discards(
    records, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    records.buttons["new"].click()
    qtbot.keyClicks(records.case_code, "NN-8")
    records.start_button.click()

    def fail(*_args: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(records.vault.store, "transaction", fail)
    records.lock()
    assert records.unsaved is not None
    records.close()
    assert records.isVisible() and "close this window again" in records.unlock_text.text()
    records.close()
    assert not records.isVisible() and records.unsaved is None


def test_a_real_screening_is_recorded_with_a_scored_tool_never_with_the_guide(records) -> None:  # type: ignore[no-untyped-def]
    records.buttons["new"].click()
    offered = [records.tool_choice.itemData(n) for n in range(records.tool_choice.count())]
    assert "ilo-adult-labour" in offered
    assert "first-contact-guide" not in offered  # a checklist of steps: nothing to record about a person

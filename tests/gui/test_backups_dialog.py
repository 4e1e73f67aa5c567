"""File ▸ Backups…, Help ▸ Check database…, and closing the window on a store that cannot write."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from companion.core.store import StoreError
from companion.core.store.backups import backups_folder, create_backup, list_backups
from companion.gui import backups as backups_gui
from companion.gui.backups import BackupsDialog, shown_time
from companion.gui.check_dialog import CheckDialog
from companion.i18n import current_language
from tests.unit.pack_support import BUNDLED_VERSION, PACK_ID, install, tiny_files

PASSPHRASE = "correct horse battery"


def open_backups(window, qtbot) -> BackupsDialog:  # type: ignore[no-untyped-def]
    window.backups_action.trigger()
    dialog = window.findChild(BackupsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def rows(dialog: BackupsDialog) -> list[list[str]]:
    items = [dialog.list.topLevelItem(n) for n in range(dialog.list.topLevelItemCount())]
    return [[item.text(column) for column in range(3)] for item in items]


def select(dialog: BackupsDialog, backup_id: str) -> None:
    dialog.fill(select=backup_id)
    assert dialog.selected_id() == backup_id


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def told(monkeypatch: pytest.MonkeyPatch, module: object) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(module, "tell", lambda parent, message: messages.append(message))
    return messages


# --- File ▸ Backups… ---------------------------------------------------------------------


def test_the_dialog_lists_the_backups_newest_first_with_what_each_was_made_for(window, qtbot) -> None:
    first = create_backup(window.workshop.store, "manual")
    window.workshop.store.set_setting("text_scale", "1.300")
    second = create_backup(window.workshop.store, "before-import")
    dialog = open_backups(window, qtbot)
    listed = rows(dialog)
    assert [row[:2] for row in listed] == [
        [shown_time(second), "before an import"],
        [shown_time(first), "made on request"],
    ]
    assert all(row[2].endswith(("MB", "KB")) for row in listed)
    assert dialog.selected_id() == second.id and dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_back_up_now_adds_a_backup_to_the_list(window, qtbot) -> None:
    dialog = open_backups(window, qtbot)
    assert rows(dialog) == [] and dialog.empty.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 1 and dialog.task is None)
    made = list_backups(window.workshop.store.data_dir)
    assert [b.reason for b in made] == ["manual"]
    assert dialog.selected_id() == made[0].id and not dialog.empty.isVisibleTo(dialog)
    assert "Backup made" in dialog.status.text()


def test_the_dialog_is_used_by_keyboard(window, qtbot) -> None:
    create_backup(window.workshop.store, "daily")
    dialog = open_backups(window, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.list  # the arrows choose a backup at once
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Back &up now
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 2 and dialog.task is None)
    assert dialog.focusWidget() is dialog.list  # the focus comes back after the work
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.selected_id() == list_backups(window.workshop.store.data_dir)[1].id
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter closes, as Esc does
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_restore_brings_the_earlier_workshop_and_language_back_into_the_window(
    window, qtbot, monkeypatch
) -> None:
    store = window.workshop.store
    bundled = store.current_pack_id()
    window.set_language("en")  # the setting the backup will hold
    earlier = create_backup(store, "manual")
    install(store, tiny_files())
    store.set_current_pack(PACK_ID)
    window.set_language("zh-Hans")
    window.load_content()
    assert "Tiny workshop" in window.windowTitle() or "小型研讨会" in window.windowTitle()

    dialog = open_backups(window, qtbot)
    select(dialog, earlier.id)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    # Only the dialog is polled: the store's connection is the worker's until the restore ends.
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)

    assert store.current_pack_id() == bundled
    assert current_language() == "en" and window.language_button.text() == "中文"
    assert "Tiny workshop" not in window.windowTitle() and "小型研讨会" not in window.windowTitle()
    assert dialog.windowTitle() == "Backups"  # the dialog speaks the restored language too
    safety = list_backups(store.data_dir)[0]
    assert safety.reason == "before-restore"
    assert dialog.selected_id() == safety.id
    notice = window.banner.text()
    assert window.banner.isVisible() and shown_time(earlier) in notice and shown_time(safety) in notice
    # Asked in the language of the moment (Chinese), before the restore brought English back.
    assert "先备份当前状态" in asked[0] and "恢复之前" in asked[0]


def test_an_open_field_record_is_saved_into_the_backup_made_before_a_restore(
    window, qtbot, monkeypatch
) -> None:
    from companion.core.records import Vault
    from companion.core.store.backups import restore_backup

    store = window.workshop.store
    window.records_action.trigger()
    records = window.records_window
    qtbot.waitExposed(records)
    records.new_passphrase.setText(PASSPHRASE)
    records.repeat_passphrase.setText(PASSPHRASE)
    records.setup_button.click()
    earlier = create_backup(store, "manual")  # a vault, no records yet
    records.buttons["new"].click()
    qtbot.keyClicks(records.case_code, "NN-2")
    records.start_button.click()
    qtbot.keyClick(records.view, Qt.Key.Key_P)  # an answer, not saved yet

    dialog = open_backups(window, qtbot)
    select(dialog, earlier.id)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
    assert not records.isVisible()  # nothing of the replaced records is left on screen
    vault = Vault(store)
    vault.unlock(PASSPHRASE)
    assert vault.records() == []  # the restored state

    safety = list_backups(store.data_dir)[0]
    restore_backup(store, safety.id)  # undo: the record open at the time is there
    vault = Vault(store)
    vault.unlock(PASSPHRASE)
    assert [r.case_code for r in vault.records()] == ["NN-2"]


def test_a_restore_the_user_declines_changes_nothing(window, qtbot, monkeypatch) -> None:
    store = window.workshop.store
    earlier = create_backup(store, "manual")
    install(store, tiny_files())
    store.set_current_pack(PACK_ID)
    dialog = open_backups(window, qtbot)
    select(dialog, earlier.id)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.restore_button.click()
    assert asked and dialog.task is None
    assert store.current_pack_id() == PACK_ID
    assert [b.id for b in list_backups(store.data_dir)] == [earlier.id]


def test_a_damaged_backup_is_one_message_and_nothing_changes(window, qtbot, monkeypatch) -> None:
    store = window.workshop.store
    folder = backups_folder(store.data_dir)
    folder.mkdir()
    (folder / "20200101-090000.manual.db").write_bytes(b"not a database, whatever its name says" * 100)
    current = store.current_pack_id()
    dialog = open_backups(window, qtbot)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    messages = told(monkeypatch, backups_gui)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(messages))
    assert len(messages) == 1 and "damaged" in messages[0] and "\n" not in messages[0]
    assert store.current_pack_id() == current
    assert [b.reason for b in list_backups(store.data_dir)] == ["manual"]  # no restore was begun
    assert dialog.task is None and dialog.back_up_button.isEnabled()


def test_show_folder_opens_the_backups_folder_as_a_local_file(window, qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    dialog = open_backups(window, qtbot)
    dialog.folder_button.click()
    folder = backups_folder(window.workshop.store.data_dir)
    assert opened == [Path(folder).as_uri()] and folder.is_dir()


# --- Help ▸ Check database… --------------------------------------------------------------


def run_check(window, qtbot) -> CheckDialog:  # type: ignore[no-untyped-def]
    window.check_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(CheckDialog) is not None, timeout=30_000)
    dialog = window.findChild(CheckDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_healthy_store_checks_clean_and_the_report_can_be_copied(window, qtbot) -> None:
    dialog = run_check(window, qtbot)
    assert dialog.summary.text() == "No problems found."
    shown = dialog.findings.toPlainText()
    assert "The database file is intact." in shown and "PROBLEM" not in shown
    assert dialog.backups_button.isHidden()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "No problems found." in copied and "as installed" in copied
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter closes, as Esc does
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_items_changed_behind_the_stores_back_show_as_a_problem(window, qtbot) -> None:
    other = sqlite3.connect(window.workshop.store.path)
    with other:
        other.execute("UPDATE items SET data = replace(data, 'debt', 'DEBT') WHERE id = 'cs-01'")
    other.close()
    dialog = run_check(window, qtbot)
    assert dialog.summary.text().startswith("Problems found")
    shown = dialog.findings.toPlainText().splitlines()  # each mark, then its finding
    problems = [finding for mark, finding in itertools.pairwise(shown) if mark == "PROBLEM"]
    changed = f"Workshop nanning-workshop {BUNDLED_VERSION}: its items changed outside the application."
    assert problems == [changed]
    assert not dialog.backups_button.isHidden()
    dialog.backups_button.click()  # the way to put things right is one click away
    qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)


# --- closing ---------------------------------------------------------------------------------


def test_the_window_closes_cleanly_when_the_store_cannot_save_its_size(window, qtbot) -> None:
    store = window.workshop.store
    store.conn.execute("PRAGMA query_only = ON")  # writes now fail as on a read-only file
    try:
        with pytest.raises(StoreError):
            store.set_setting("window_geometry", "x")
        with qtbot.capture_exceptions() as caught:
            assert window.close()
        assert caught == [] and not window.isVisible()
    finally:
        store.conn.execute("PRAGMA query_only = OFF")

"""The roster locks itself after the records' idle time: names hidden, the passphrase asked again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

PASSPHRASE = "correct horse battery"
ROSTER = "code,name_latin,name_zh,agency,function\nP001,Li Wei,李伟,Bureau,Officer\n"


def opened(workshop, qtbot, vault=None):  # type: ignore[no-untyped-def]
    from companion.gui.assess.roster import ParticipantsWindow
    from companion.i18n import set_language

    set_language("en")
    dialog = ParticipantsWindow(workshop, vault)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def with_roster(workshop, qtbot, tmp_path: Path, vault=None):  # type: ignore[no-untyped-def]
    dialog = opened(workshop, qtbot, vault)
    if not dialog.vault.is_unlocked:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeat.setText(PASSPHRASE)
        dialog.open_button.click()
    source = tmp_path / "roster.csv"
    source.write_text(ROSTER, encoding="utf-8")
    dialog.import_file(str(source))
    assert dialog.table.item(0, 1).text() == "Li Wei"
    return dialog


def row(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [dialog.table.item(0, column).text() for column in range(dialog.table.columnCount())]


def test_idle_time_hides_the_names_and_asks_the_passphrase_again(workshop, qtbot, tmp_path) -> None:
    dialog = with_roster(workshop, qtbot, tmp_path)
    assert dialog.idle.isActive()
    dialog.idle.setInterval(1)
    dialog.idle.start()
    qtbot.waitUntil(lambda: dialog.lock_bar.isVisible())
    assert row(dialog) == ["P001", "•••", "•••", "•••", "•••"]
    assert not dialog.vault.is_unlocked  # the window opened the vault, so its lock closes it
    assert "without use" in dialog.lock_text.text() and not dialog.import_button.isEnabled()
    dialog.passphrase.setText("not the passphrase")
    dialog.open_button.click()
    assert "not right" in dialog.lock_error.text() and row(dialog)[1] == "•••"
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert row(dialog)[1:3] == ["Li Wei", "李伟"] and not dialog.lock_bar.isVisible()
    assert dialog.idle.isActive()
    dialog.close()


def test_a_vault_the_records_window_holds_open_stays_open_but_the_names_hide(
    workshop, qtbot, tmp_path
) -> None:
    vault = workshop.vault()
    vault.set_up(PASSPHRASE, PASSPHRASE)  # as the records window would have it, open
    dialog = with_roster(workshop, qtbot, tmp_path, vault)
    dialog.lock_idle()
    assert vault.is_unlocked  # the records window's own idle lock decides about the vault
    assert row(dialog)[1] == "•••" and dialog.lock_bar.isVisible()
    dialog.table.item(0, 1).setText("Someone Else")  # a locked table stores nothing
    assert dialog.roster.participants()[0].name_latin == "Li Wei"
    dialog.passphrase.setText("wrong passphrase")
    dialog.open_button.click()
    assert "not right" in dialog.lock_error.text() and dialog.lock_bar.isVisible()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.open_button.click()
    assert row(dialog)[1] == "Li Wei"
    dialog.close()
    assert vault.is_unlocked  # closing does not lock what another window opened


def test_a_name_being_typed_is_stored_before_the_lock(workshop, qtbot, tmp_path) -> None:
    dialog = with_roster(workshop, qtbot, tmp_path)
    dialog.table.setCurrentCell(0, 1)
    dialog.table.editItem(dialog.table.item(0, 1))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Li Weiwei")
    dialog.lock_idle()
    vault = workshop.vault()
    vault.unlock(PASSPHRASE)
    from companion.app.roster import roster_of

    assert roster_of(workshop, vault).participants()[0].name_latin == "Li Weiwei"
    dialog.close()


def test_the_idle_time_is_the_records_setting_and_use_restarts_it(workshop, qtbot, tmp_path) -> None:
    from companion.gui.records import IDLE_SETTING

    workshop.set_setting(IDLE_SETTING, "2")
    dialog = with_roster(workshop, qtbot, tmp_path)
    assert dialog.idle.interval() == 120_000
    dialog.idle.stop()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog.table, press)
    assert dialog.idle.isActive()
    dialog.close()
    assert not dialog.idle.isActive()

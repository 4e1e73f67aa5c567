"""The field records window as a newcomer meets it: the rule first, a hint when empty, errors that go."""

from __future__ import annotations

from PySide6.QtCore import Qt

PASSPHRASE = "correct horse battery"


def opened(window, qtbot):  # type: ignore[no-untyped-def]
    window.records_action.trigger()
    dialog = window.records_window
    qtbot.waitExposed(dialog)
    return dialog


def test_the_passphrase_rule_is_shown_before_any_failure(window, qtbot) -> None:
    dialog = opened(window, qtbot)
    assert dialog.setup_rule.isVisible() and "at least 8 characters" in dialog.setup_rule.text()
    assert dialog.setup_error.text() == ""


def test_a_fixed_error_clears_when_the_user_types_again(window, qtbot) -> None:
    dialog = opened(window, qtbot)
    dialog.new_passphrase.setText("short")
    dialog.repeat_passphrase.setText("short")
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    assert dialog.setup_error.text()
    qtbot.keyClicks(dialog.new_passphrase, " and longer")
    assert dialog.setup_error.text() == ""


def test_an_empty_list_has_headers_and_a_hint(window, qtbot) -> None:
    dialog = opened(window, qtbot)
    dialog.new_passphrase.setText(PASSPHRASE)
    dialog.repeat_passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.list_page
    assert dialog.empty_hint.isVisible() and "No field records yet" in dialog.empty_hint.text()
    assert dialog.list_header.isVisible() and "Case code" in dialog.list_header.text()


def test_saved_and_sealed_is_not_shown_as_an_error(window, qtbot) -> None:
    dialog = opened(window, qtbot)
    dialog.new_passphrase.setText(PASSPHRASE)
    dialog.repeat_passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    dialog.buttons["new"].click()
    dialog.tool_choice.setCurrentIndex(dialog.tool_choice.findData("ilo-forced-labour"))
    qtbot.keyClicks(dialog.case_code, "NN-2026-001")
    dialog.start_button.click()
    qtbot.keyClick(dialog.view, Qt.Key.Key_P)
    dialog.save_record()
    assert dialog.editor_error.text() == "Saved and sealed."
    assert "#b00" not in dialog.editor_error.styleSheet()
    dialog.close()

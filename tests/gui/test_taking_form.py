"""A participant takes form A on a laptop, in Chinese, by keys; the result file is saved and imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def taking(qtbot, workshop):  # type: ignore[no-untyped-def]
    """The dialog File ▸ Take a knowledge check… opens, in Chinese."""
    from companion.gui.app import create_application
    from companion.gui.assess.taking import TakingDialog
    from companion.i18n import set_language

    create_application()
    set_language("zh-Hans")
    dialog = TakingDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    set_language("en")


def test_a_participant_takes_form_a_in_chinese_by_keys(taking, qtbot, workshop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    dialog = taking
    workshop.set_setting(assess.RESULTS_FOLDER_SETTING, str(tmp_path / "usb"))
    dialog._show_folder()
    form_a = assess.form(workshop, "form-a")
    dialog.form_choice.setCurrentIndex(dialog.form_choice.findData("form-a"))

    qtbot.keyClicks(dialog.code_field, "p1")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 0 and "P001" in dialog.start_problem.text()  # refused: not a code
    dialog.code_field.clear()
    qtbot.keyClicks(dialog.code_field, "p012")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 1

    explanations = [q.explanation.zh_hans for q in form_a.questions if q.explanation]
    assert explanations
    given = []
    for n, question in enumerate(form_a.questions):
        # Chinese first, English below; nothing of the key or the explanation on screen yet.
        assert dialog.question_label.text() == question.text.zh_hans
        assert dialog.question_other.text() == question.text.en
        assert dialog.explanations.toPlainText() == ""
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter before choosing does nothing
        assert dialog.position == n
        key = "2" if n % 2 else "a"  # digits and letters both choose
        qtbot.keyClick(dialog, key)
        given.append("B" if n % 2 else "A")
        assert dialog.choice_buttons["AB".index(given[-1])].isChecked()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2)
    saved = tmp_path / "usb" / "P012-form-a-pre.ctresult"
    assert dialog.saved == saved and saved.exists()
    shown = dialog.explanations.toPlainText()
    assert explanations[0].split("\n")[0][:20] in shown

    result = assess.import_files(workshop, [saved])
    assert (result.added, result.unchanged, result.conflicts) == (1, 0, [])
    (stored,) = assess.results(workshop)
    assert stored.result.participant == "P012" and stored.result.source == "laptop"
    assert list(stored.result.answers.values()) == given


def test_a_failed_save_keeps_the_answers_and_shows_no_explanation(taking, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    dialog = taking
    qtbot.keyClicks(dialog.code_field, "P002")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(assess, "save_taken", full_disk)
    for _n in dialog.current.questions:
        qtbot.keyClick(dialog, "1")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 1 and "No space left" in dialog.question_problem.text()
    assert dialog.explanations.toPlainText() == ""
    assert all(choice == "A" for choice in dialog.answers.values())
    monkeypatch.undo()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # try again: saved this time
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2)


def test_the_file_menu_opens_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.take_check_action.trigger()
    qtbot.waitUntil(lambda: window.taking_dialog.isVisible())
    assert window.take_check_action.text() == "Take a knowledge check…"

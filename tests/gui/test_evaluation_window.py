"""File ▸ Give feedback on the workshop…: the anonymous evaluation on a laptop, keyboard first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

FORM_ROWS = 14 * 3 + 4  # the bundled form: 14 sessions on three aspects, 4 overall statements


def opened(workshop, qtbot, folder: Path, lang: str = "en"):  # type: ignore[no-untyped-def]
    from companion.app.assess import RESULTS_FOLDER_SETTING
    from companion.gui.assess.evaluation import EvaluationDialog
    from companion.i18n import set_language

    set_language(lang)
    workshop.set_setting(RESULTS_FOLDER_SETTING, str(folder))
    dialog = EvaluationDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Closing at the end of a test answers "discard" (a test asking something patches its own answer)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)


@pytest.fixture
def evaluation(workshop, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    return opened(workshop, qtbot, tmp_path / "results")


def answer(monkeypatch, reply: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def question(_parent, _title, text, *rest):  # type: ignore[no-untyped-def]
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_file_menu_opens_the_evaluation(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.evaluation_action.trigger()
    qtbot.waitUntil(lambda: window.evaluation_dialog.isVisible())
    assert len(window.evaluation_dialog.rows) == FORM_ROWS
    window.evaluation_dialog.close()


def test_digits_rate_the_focused_row_and_move_on(evaluation, qtbot) -> None:
    rows = evaluation.rows
    first = ["ag-01/relevance", "ag-01/clarity", "ag-01/usefulness", "ag-02/relevance"]
    assert [r.row_id for r in rows[:4]] == first
    rows[0].setFocus()
    qtbot.waitUntil(rows[0].hasFocus)
    qtbot.keyClick(rows[0], Qt.Key.Key_4)
    assert rows[0].value == 4 and rows[1].hasFocus()
    qtbot.keyClick(rows[1], Qt.Key.Key_7)  # not on the scale: nothing set, the focus stays
    assert rows[1].value is None and rows[1].hasFocus()
    qtbot.keyClick(rows[1], Qt.Key.Key_2)
    assert evaluation.progress_label.text() == f"2 of {FORM_ROWS} rated"
    qtbot.keyClick(rows[1], Qt.Key.Key_Backspace)
    assert rows[1].value is None and evaluation.progress.value() == 1
    rows[-1].setFocus()
    qtbot.keyClick(rows[-1], Qt.Key.Key_5)
    assert evaluation.comments["free/1"].hasFocus()  # after the last row: the first open question


def test_a_full_evaluation_is_saved_anonymously_and_the_next_person_starts_empty(
    workshop, evaluation, qtbot, tmp_path, monkeypatch
) -> None:
    from companion.app import evaluations

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    typed = {}
    for n, row in enumerate(evaluation.rows):
        row.setFocus()
        qtbot.keyClick(row, str(n % 5 + 1))
        typed[row.row_id] = n % 5 + 1
    assert evaluation.progress_label.text() == f"{FORM_ROWS} of {FORM_ROWS} rated"
    qtbot.keyClicks(evaluation.comments["free/2"], "More time for the case studies")
    qtbot.mouseClick(evaluation.save_button, Qt.MouseButton.LeftButton)
    assert asked == []  # nothing blank: no question
    assert evaluation.pages.currentIndex() == 1 and "saved" in evaluation.done_label.text()
    saved = evaluation.saved
    assert saved is not None and saved.parent == tmp_path / "results"
    # The form's ID and a random code, nothing else. (Not "no P\d{3} in it": the random code
    # draws from letters and digits, and held "P" and three digits once in a few hundred runs.)
    assert re.fullmatch(r"[a-z0-9-]+-E-[A-Z2-9]{10}\.ctevaluation", saved.name), saved.name
    response = evaluations.read_checked(workshop, saved)
    assert dict(response.ratings) == typed
    assert dict(response.comments) == {"free/2": "More time for the case studies"}
    assert response.origin == "laptop"
    report = evaluations.import_files(workshop, [saved])
    assert report.added == 1
    evaluation.next_person.click()
    assert evaluation.pages.currentIndex() == 0 and evaluation.progress.value() == 0
    assert all(row.value is None for row in evaluation.rows)
    assert all(box.toPlainText() == "" for box in evaluation.comments.values())


def test_blank_rows_are_asked_about_and_saved_blank_only_when_confirmed(
    workshop, evaluation, qtbot, monkeypatch
) -> None:
    from companion.app import evaluations

    evaluation.rows[3].set_value(2)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    evaluation.save_button.click()
    assert asked == [f"{FORM_ROWS - 1} rows are not rated. Save anyway? They stay blank."]
    assert evaluation.saved is None and evaluation.rows[0].hasFocus()
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    evaluation.save_button.click()
    assert evaluation.saved is not None
    ratings = evaluations.read_checked(workshop, evaluation.saved).ratings
    assert ratings.get("ag-02/relevance") == 2 and ratings.get("ag-01/relevance") is None


def test_a_failed_save_keeps_every_answer_and_a_retry_is_the_same_response(
    workshop, evaluation, monkeypatch
) -> None:
    from companion.app import evaluations

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    evaluation.rows[0].set_value(5)
    real = evaluations.save_taken

    def full_disk(*args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(evaluations, "save_taken", full_disk)
    evaluation.save_button.click()
    assert "could not be saved" in evaluation.problem.text() and "No space left" in evaluation.problem.text()
    assert evaluation.pages.currentIndex() == 0 and evaluation.rows[0].value == 5
    first_id = evaluation.response_id
    monkeypatch.setattr(evaluations, "save_taken", real)
    evaluation.save_button.click()
    assert evaluation.saved is not None and first_id in evaluation.saved.name


def test_closing_with_unsaved_answers_asks_first(evaluation, monkeypatch) -> None:
    evaluation.rows[0].set_value(3)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    evaluation.reject()  # Escape, or the window's close button
    assert asked and evaluation.isVisible() and evaluation.rows[0].value == 3


def test_both_languages_are_shown_the_interface_language_first(workshop, qtbot, tmp_path) -> None:
    dialog = opened(workshop, qtbot, tmp_path, "zh-Hans")
    title = dialog.title_label.text()
    assert title.index("研讨会评估表") < title.index("Workshop evaluation")
    statements = dialog.rows[-4].label.text()
    assert "研讨会实现了预定目标。" in statements and "The workshop met its aims." in statements
    question = dialog.findChildren(type(dialog.title_label))
    texts = " ".join(label.text() for label in question)
    assert "其他意见或建议？" in texts and "Any other comments?" in texts
    dialog.close()

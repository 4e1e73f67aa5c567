"""A practice interview from the keyboard, and a comparison with a case study's key."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_an_interview_is_completed_from_the_keyboard(window, qtbot) -> None:
    window.open_item("ilo-forced-labour")
    tools = window.tools
    qtbot.mouseClick(tools.practise_button, Qt.MouseButton.LeftButton)
    view = tools.interview
    assert "PRACTICE" in view.banner.text()
    qtbot.keyClick(view, Qt.Key.Key_P)  # FL01 present, cursor moves on
    qtbot.keyClick(view, Qt.Key.Key_A)  # FL02 absent
    assert view.interview.answer("FL01") == "present"
    assert view.interview.answer("FL02") == "absent"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.interview.on_result_page
    page = view.result_view.toPlainText()
    assert "Indicators present" in page and "FL01" in page
    window.set_language("zh-Hans")  # switching language keeps every answer
    assert view.interview.answer("FL01") == "present"
    assert "练习" in view.banner.text()
    assert "存在指标" in view.result_view.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert tools.interview is None


def test_practice_on_a_case_study_compares_with_its_key(window, qtbot, bundled_pack) -> None:
    window.open_item("ilo-adult-labour")
    tools = window.tools
    index = tools.case_choice.findData("cs-03")
    tools.case_choice.setCurrentIndex(index)
    qtbot.mouseClick(tools.case_button, Qt.MouseButton.LeftButton)
    view = tools.interview
    study = bundled_pack.get("cs-03")
    key = next(k for k in study.answer_keys if k.tool == "ilo-adult-labour")
    first = key.indicators[0].indicator
    view.interview.set_answer(first, "present")
    view.interview.go_to(99)
    view.retranslate()
    text = view.result_view.toPlainText()
    assert "Compared with the answer key" in text
    assert "Found (1)" in text and f"Missed ({len(key.indicators) - 1})" in text


def test_a_tool_without_grades_or_practice_cases_shows_neither(window, bundled_pack) -> None:
    import re

    from companion.gui import render

    def cells_per_row(tool_id: str) -> set[int]:
        page = render.screening_tool(bundled_pack.get(tool_id), "en")
        return {row.count("<td") for row in re.findall(r"<tr>.*?</tr>", page)}

    assert cells_per_row("first-contact-guide") == {2}  # code and question: no empty grade column
    assert cells_per_row("ilo-adult-labour") == {3}
    tools = window.tools
    window.open_item("first-contact-guide")  # no case study has an answer key for it
    assert tools.case_choice.isHidden() and tools.case_button.isHidden()
    window.open_item("ilo-adult-labour")
    assert not tools.case_choice.isHidden() and tools.case_choice.count() > 0


def test_practising_the_guide_is_a_checklist_without_present_absent_unknown(window, qtbot) -> None:
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton

    window.open_item("first-contact-guide")
    tools = window.tools
    assert tools.record_button.isHidden()  # a guide gives no result to record
    qtbot.mouseClick(tools.practise_button, Qt.MouseButton.LeftButton)
    view = tools.interview
    assert "PRACTICE" in view.banner.text()
    assert view.findChildren(QRadioButton) == []  # no present / absent / unknown buttons
    steps = view.interview.tool.dimensions[0].indicators
    assert len(view.findChildren(QCheckBox)) == len(steps) == len(view.findChildren(QLineEdit))
    assert all(box.text().startswith("Done") for box in view.findChildren(QCheckBox))
    qtbot.keyClick(view, Qt.Key.Key_D)  # the first step done, cursor moves on
    qtbot.keyClick(view, Qt.Key.Key_P)  # no answer key: nothing happens
    assert view.interview.done == {steps[0].id} and view.interview.answers == {}
    qtbot.keyClicks(view.rows[1].notes, "felt safe here")
    assert view.interview.notes[steps[1].id] == "felt safe here"
    assert "1 of" in view.summary.toPlainText()
    view.interview.go_to(99)
    view._show_page()
    page = view.result_view.toPlainText()
    assert "felt safe here" in page and "no result" in page
    for word in ("Outcome", "Indicators present", "Present", "Absent"):
        assert word not in page
    assert view.pdf_button.isHidden()
    window.open_item("ilo-adult-labour")
    assert not tools.record_button.isHidden()


def test_declined_is_a_fourth_choice_answered_with_d_or_4(window, qtbot) -> None:
    from PySide6.QtWidgets import QRadioButton

    window.open_item("ilo-adult-labour")
    tools = window.tools
    qtbot.mouseClick(tools.practise_button, Qt.MouseButton.LeftButton)
    view = tools.interview
    first_row = view.rows[0]
    labels = [button.text() for button in first_row.findChildren(QRadioButton)]
    assert labels == ["Present (P/1)", "Absent (A/2)", "Unknown (U/3)", "Declined (D/4)"]
    qtbot.keyClick(view, Qt.Key.Key_D)  # DR01 declined, cursor moves on
    qtbot.keyClick(view, Qt.Key.Key_4)  # DR02 declined
    assert view.interview.answer("DR01") == view.interview.answer("DR02") == "declined"
    assert first_row.buttons["declined"].isChecked()
    view.interview.go_to(99)
    view.retranslate()
    assert "declined to answer on 2" in view.result_view.toPlainText()

"""Practice: the keyboard cursor follows every answer; the result page says things once."""

from __future__ import annotations

from PySide6.QtCore import Qt


def start(window, qtbot):  # type: ignore[no-untyped-def]
    window.open_item("ilo-forced-labour")
    qtbot.mouseClick(window.tools.practise_button, Qt.MouseButton.LeftButton)
    return window.tools.interview


def test_after_a_mouse_answer_the_keys_go_on_from_that_row(window, qtbot) -> None:
    view = start(window, qtbot)
    ids = [row.indicator.id for row in view.rows]
    qtbot.mouseClick(view.rows[1].buttons["absent"], Qt.MouseButton.LeftButton)
    assert view.rows[2].property("current") and not view.rows[0].property("current")
    qtbot.keyClick(view, Qt.Key.Key_P)  # answers the row after the clicked one, not the first
    assert view.interview.answer(ids[2]) == "present"
    assert view.interview.answer(ids[0]) != "present"


def test_answering_moves_the_visible_cursor_so_down_skips_nothing_unseen(window, qtbot) -> None:
    view = start(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_P)
    current = [n for n, row in enumerate(view.rows) if row.property("current")]
    assert current == [view.current_row] == [1]  # the row drawn as current is the one keys act on


def test_the_result_page_does_not_repeat_practice_and_the_title(window, qtbot) -> None:
    view = start(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.interview.on_result_page
    page = view.result_view.toPlainText()
    title = view.interview.tool.title.en
    assert "PRACTICE" not in page and title not in page
    assert "PRACTICE" in view.banner.text() and title in view.heading.text()

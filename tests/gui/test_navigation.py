"""Back/Forward through opened items, search as you type, hits highlighted, plural forms right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from companion.gui.history import History, Place


def test_history_drops_what_was_ahead_when_a_new_item_is_opened() -> None:
    history = History()
    for item in ("a", "b", "c"):
        history.visit(Place(0, item))
    assert history.back() == Place(0, "b")
    history.visit(Place(1, "d"))
    assert not history.can_go_forward()
    assert history.back() == Place(0, "b") and history.back() == Place(0, "a")
    assert history.back() is None


def test_alt_left_and_alt_right_go_back_and_forward_across_sections(window, qtbot, bundled_pack) -> None:
    study = bundled_pack.by_kind("case-study")[1]
    term = bundled_pack.by_kind("glossary-term")[0]
    window.open_item(study.id)
    window.open_item(term.id)
    assert window.stack.currentWidget() is window.library
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.case_studies
    assert window.case_studies.list.current_id() == study.id
    assert study.title.en in window.case_studies.reader.toPlainText()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.library
    assert window.library.glossary.list.current_id() == term.id


def test_items_clicked_in_a_list_are_in_the_history_too(window, qtbot, bundled_pack) -> None:
    first, second = bundled_pack.by_kind("case-study")[:2]
    window.nav.setCurrentRow(1)
    window.case_studies.list.select_id(first.id)
    window.case_studies.list.select_id(second.id)
    window.go_back()
    assert window.case_studies.list.current_id() == first.id
    window.go_forward()
    assert window.case_studies.list.current_id() == second.id


def test_the_mouse_back_button_goes_back(window, qtbot, bundled_pack) -> None:
    study = bundled_pack.by_kind("case-study")[1]
    term = bundled_pack.by_kind("glossary-term")[0]
    window.open_item(study.id)
    window.open_item(term.id)
    target = window.library.glossary.reader.viewport()
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        target.mapToGlobal(QPointF(5, 5)),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, press)
    assert window.stack.currentWidget() is window.case_studies
    assert window.case_studies.list.current_id() == study.id


def test_search_runs_as_you_type_and_leaves_the_cursor_in_the_field(window, qtbot) -> None:
    window.focus_search()
    qtbot.keyClicks(window.search_field, "debt")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results_query == "debt"  # once, for the whole word, not for "d", "de"...
    assert window.search_field.hasFocus()


def test_the_result_count_has_the_right_plural(window, qtbot, monkeypatch) -> None:
    from companion.core.store.search import SearchHit  # noqa: F401  (the type the workshop returns)

    hits = window.workshop.search("debt", "en", window.case_studies.visibility())
    monkeypatch.setattr(window.workshop, "search", lambda *args: hits[:1])
    window.search_field.setText("debt")
    window.run_search()
    assert window.results.item(0).text() == '1 result for "debt"'
    monkeypatch.setattr(window.workshop, "search", lambda *args: hits[:2])
    window.run_search()
    assert window.results.item(0).text() == '2 results for "debt"'


def test_an_opened_hit_is_highlighted_and_scrolled_to(window, qtbot) -> None:
    window.search_field.setText("debt")
    window.run_search()
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    readers = window.stack.currentWidget().findChildren(type(window.agenda.reader))
    reader = next(r for r in readers if r.isVisible())
    marks = reader.extraSelections()
    assert marks and all(mark.cursor.selectedText().lower() == "debt" for mark in marks)
    assert reader.textCursor().position() == min(mark.cursor.selectionStart() for mark in marks)


def test_the_exported_notice_closes_and_does_not_outlive_a_language_switch(window, qtbot) -> None:
    window.show_notice("Exported 3 files")
    assert window.banner.isVisible()
    qtbot.mouseClick(window.banner_close, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    window.show_notice("Exported 3 files")
    assert window.banner_timer.isActive()  # it closes by itself too
    window.banner_timer.timeout.emit()
    assert not window.banner.isVisible()
    window.show_notice("Exported 3 files")
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert "Exported" not in window.banner.text() and not window.banner.isVisible()

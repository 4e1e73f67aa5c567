"""Tools ▸ Translation status…: what to translate or check again after an edit in one language."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.authoring_support import own_copy


def edit_english_title(window, kind: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Change only the English title of the first item of ``kind``; its ID and new title."""
    item = window.workshop.items(kind)[0]
    data = window.workshop.item_data(item.id)
    data["title"]["en"] = "Reworded in English only"
    assert window.workshop.save_draft(kind, data) == []
    window.load_content()
    return item.id, data["title"]["en"]


def test_an_english_only_edit_is_listed_as_stale_and_confirm_clears_it(window, qtbot) -> None:
    own_copy(window)
    item_id, title = edit_english_title(window, "case-study")
    view = window.authoring.open_translation_status()
    view.filter.setCurrentIndex(view.filter.findData("stale"))
    rows = [[view.table.item(r, c).text() for c in range(4)] for r in range(view.table.rowCount())]
    assert [title, "Title", "Chinese", "possibly stale"] in rows
    row = rows.index([title, "Title", "Chinese", "possibly stale"])
    view.table.selectRow(row)
    assert view.confirm_button.isEnabled()
    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)
    assert not any(gap.item_id == item_id for gap in window.workshop.translation_status())
    remaining = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert title not in remaining


def test_double_clicking_a_row_opens_its_item(window, qtbot) -> None:
    own_copy(window)
    item_id, _title = edit_english_title(window, "case-study")
    view = window.authoring.open_translation_status()
    row = next(n for n, gap in enumerate(view.shown) if gap.item_id == item_id)
    view.table.cellDoubleClicked.emit(row, 0)
    assert window.stack.currentWidget() is window.case_studies
    assert window.case_studies.list.current_id() == item_id


def test_the_filter_shows_missing_or_stale_rows_only(window, qtbot) -> None:
    own_copy(window)
    edit_english_title(window, "case-study")
    data = window.workshop.item_data(window.workshop.items("case-study")[1].id)
    data["title"]["zh-Hans"] = ""
    window.workshop.save_draft("case-study", data)
    view = window.authoring.open_translation_status()
    for state, label in (("missing", "missing"), ("stale", "possibly stale")):
        view.filter.setCurrentIndex(view.filter.findData(state))
        states = {view.table.item(r, 3).text() for r in range(view.table.rowCount())}
        assert states == {label}

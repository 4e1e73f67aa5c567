"""Notes in the window: a highlight and a note from a reader's selection, "My notes", search, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu

from companion.app.notes import marks_of
from tests.unit import pdf_support


def _select(reader: Any, passage: str) -> None:
    """Select ``passage`` in ``reader`` as a mouse drag would."""
    found = reader.document().find(passage)
    assert not found.isNull(), passage
    reader.setTextCursor(found)


def _menu_action(window: Any, reader: Any, text: str) -> None:
    """Open ``reader``'s context menu and choose the entry called ``text``."""
    reader.customContextMenuRequested.emit(reader.viewport().rect().center())
    menu = window.notes.menu
    assert isinstance(menu, QMenu)
    (chosen,) = [action for action in menu.actions() if action.text() == text]
    chosen.trigger()
    menu.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # offscreen: a popup menu
def test_a_highlight_and_a_note_from_a_reader_selection_are_kept_and_listed(
    window: Any, qtbot: Any, workshop: Any, tmp_path: Path
) -> None:
    window.open_item("cs-01")
    reader = window.case_studies.reader
    passage = workshop.item("cs-01").stages[0].text.en.split(".")[0]
    _select(reader, passage)
    _menu_action(window, reader, "Highlight")
    _select(reader, passage[:19])
    _menu_action(window, reader, "Note on this passage…")
    dialog = window.notes.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.text.setPlainText("Ask who keeps the passes")
    dialog.accept()
    marks = marks_of(workshop).all()
    assert [(m.item_id, m.kind, m.field, m.passage, m.body) for m in marks] == [
        ("cs-01", "highlight", "stages/0", passage, ""),
        ("cs-01", "note", "stages/0", passage[:19], "Ask who keeps the passes"),
    ]

    window.nav.setCurrentRow(0)  # elsewhere: the agenda
    listing = window.notes.show_list()
    qtbot.waitUntil(listing.isVisible)
    rows = [listing.tree.topLevelItem(n) for n in range(listing.tree.topLevelItemCount())]
    title = workshop.item("cs-01").title.en
    assert [(r.text(0), r.text(1), r.text(2), r.text(3)) for r in rows] == [
        (title, "Highlight", passage, ""),
        (title, "Note", passage[:19], "Ask who keeps the passes"),
    ]
    listing.tree.itemActivated.emit(rows[1], 0)  # a double-click
    assert window.stack.currentWidget() is window.case_studies
    assert window.case_studies.list.current_id() == "cs-01"

    written = window.notes.export(tmp_path / "notes.pdf")
    text = pdf_support.squeeze(pdf_support.text(written))
    assert pdf_support.squeeze("Ask who keeps the passes") in text and pdf_support.squeeze(passage) in text


def test_a_note_is_found_with_facilitator_notes_ticked_and_never_on_the_projector(
    window: Any, qtbot: Any, workshop: Any
) -> None:
    window.open_item("cs-02")
    dialog = window.notes.note(window.case_studies.list.current_id())
    dialog.text.setPlainText("Zebrafinch follow-up with the inspector")
    dialog.accept()
    window.search_field.setText("Zebrafinch")
    window.run_search()
    assert window.results.count() == 1  # the header "No results" only: the room never sees notes
    window.case_studies.notes_box.setChecked(True)
    window.refresh_results()
    qtbot.waitUntil(lambda: window.results.count() == 2)
    assert "Zebrafinch" in window.results.item(1).text() and window.results.item(1).data(256) == "cs-02"


def test_the_note_shortcut_and_bookmark_act_on_the_item_shown(window: Any, workshop: Any) -> None:
    window.open_item("cs-02")
    window.notes.bookmark_action.trigger()
    window.notes.note_action.trigger()
    assert window.notes.dialog.isVisible() and "cs-02" not in window.notes.dialog.windowTitle()
    window.notes.dialog.reject()
    assert [(m.item_id, m.kind) for m in marks_of(workshop).all()] == [("cs-02", "bookmark")]

"""The user's highlights drawn in the reader: a background on the passage, kept apart from search hits."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from companion.gui.find_in_text import HIT_COLOUR
from companion.gui.reader import MARK_COLOUR


def _background_at(reader: Any, position: int) -> str:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat().background().color().name()


def _position(reader: Any, passage: str) -> int:
    found = reader.document().find(passage)
    assert not found.isNull(), passage
    return found.selectionStart()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # offscreen: a popup menu
def test_a_highlight_is_coloured_at_once_and_again_when_opened(window: Any, workshop: Any) -> None:
    window.open_item("cs-01")
    reader = window.case_studies.reader
    passage = workshop.item("cs-01").stages[0].text.en.split(".")[0]
    before = _position(reader, passage)
    outside = _position(reader, workshop.item("cs-01").title.en)
    assert _background_at(reader, before) != MARK_COLOUR
    reader.setTextCursor(reader.document().find(passage))
    reader.customContextMenuRequested.emit(reader.viewport().rect().center())
    (chosen,) = [action for action in window.notes.menu.actions() if action.text() == "Highlight"]
    chosen.trigger()
    window.notes.menu.close()
    assert _background_at(reader, before) == MARK_COLOUR  # at once
    assert _background_at(reader, before + len(passage) - 1) == MARK_COLOUR
    assert _background_at(reader, outside) != MARK_COLOUR  # only the passage

    window.open_item("cs-02")
    elsewhere = reader.document().find(passage)
    assert elsewhere.isNull() or _background_at(reader, elsewhere.selectionStart()) != MARK_COLOUR
    window.open_item("cs-01")  # opened again: the highlight is read from the store
    assert _background_at(reader, _position(reader, passage)) == MARK_COLOUR


def test_search_hits_are_drawn_over_a_highlight_without_removing_it(window: Any, workshop: Any) -> None:
    from companion.app.notes import marks_of
    from companion.gui.find_in_text import highlight

    passage = workshop.item("cs-01").stages[0].text.en.split(".")[0]
    # Stored with other spacing and case than the text: a selection across lines reads so.
    marks_of(workshop).add("cs-01", passage=passage.upper().replace(" ", "\n", 1), kind="highlight")
    window.open_item("cs-02")
    window.open_item("cs-01")
    reader = window.case_studies.reader
    at = _position(reader, passage)
    assert _background_at(reader, at) == MARK_COLOUR
    word = passage.split()[-1]
    assert highlight(reader, word) >= 1
    assert any(s.format.background().color().name() == HIT_COLOUR for s in reader.extraSelections())
    assert _background_at(reader, at) == MARK_COLOUR  # the search's hits leave the highlight where it is


def test_deleting_a_highlight_in_my_notes_clears_its_colour_in_the_open_reader_at_once(
    window: Any, qtbot: Any, workshop: Any
) -> None:
    from companion.app.notes import marks_of

    passage = workshop.item("cs-01").stages[0].text.en.split(".")[0]
    marks_of(workshop).add("cs-01", passage=passage, kind="highlight")
    marks_of(workshop).add("cs-01", body="Ask who keeps the passes", kind="note")
    window.open_item("cs-02")
    window.open_item("cs-01")  # drawn from the store
    reader = window.case_studies.reader
    at = _position(reader, passage)
    assert _background_at(reader, at) == MARK_COLOUR
    listing = window.notes.show_list()
    qtbot.waitUntil(listing.isVisible)
    rows = [listing.tree.topLevelItem(n) for n in range(listing.tree.topLevelItemCount())]
    (highlighted,) = [row for row in rows if row.text(1) == "Highlight"]
    listing.tree.setCurrentItem(highlighted)
    listing.remove_button.click()
    assert [mark.kind for mark in marks_of(workshop).all()] == ["note"]
    assert _background_at(reader, _position(reader, passage)) != MARK_COLOUR  # at once, item still open
    assert window.case_studies.list.current_id() == "cs-01"

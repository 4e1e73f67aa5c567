"""Ctrl+Z and Ctrl+Shift+Z pressed in a text box act on the form's undo stack, in every form.

A text box claims the keys for its own undo unless the form passes them on: the box's text went
back while the stack, and what was saved, did not (companion.gui.edit_support wires them one way).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from companion.app.workshop import Workshop
from tests.gui.authoring_support import own_copy

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def test_undo_keys_in_a_workshop_page_field_undo_the_saved_value_too(window: Any, qtbot: Any) -> None:
    own_copy(window)
    before = window.workshop.manifest().workshop.venue.en
    page = window.authoring.open_workshop_page()
    field = page.edits["venue_en"]
    qtbot.waitUntil(page.isActiveWindow)  # its keys reach it once it is the active window
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Hall B")
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.venue.en == "Hall B")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert (field.text(), page.undo_stack.index()) == (before, 0)
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.venue.en == before)
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL_SHIFT)
    assert (field.text(), page.undo_stack.index()) == ("Hall B", 1)
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.venue.en == "Hall B")


def test_undo_keys_in_an_item_editor_text_box_undo_the_edit(qtbot: Any, workshop: Workshop) -> None:
    from companion import resources
    from companion.gui.editor.window import ItemEditor
    from companion.i18n import set_language

    set_language("en")
    workshop.new_workshop("my-workshop", resources.BUNDLED_PACK)
    item_id = workshop.items("glossary-term")[0].id
    editor = ItemEditor(workshop, "glossary-term", item_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(editor.isActiveWindow)
    box = editor.form.widgets[("definition", "en")]
    before = box.toPlainText()
    box.setFocus()
    qtbot.keyClicks(box, "abc")  # typed where the cursor is: at the start
    assert editor.undo_stack.index() == 1
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert (box.toPlainText(), editor.undo_stack.index()) == (before, 0)
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL_SHIFT)
    assert (box.toPlainText(), editor.undo_stack.index()) == ("abc" + before, 1)

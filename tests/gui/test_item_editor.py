"""The item editor: every kind opens and saves, undo/redo, problems at their field, the Edit menu."""

from __future__ import annotations

from typing import Any

import pytest

from companion.app.workshop import Workshop
from companion.gui.editor.window import ItemEditor

OWN = "my-workshop"


@pytest.fixture
def own(workshop: Workshop) -> Workshop:
    """The test's workshop with a copy of the bundled workshop of its own, which may be edited."""
    from companion import resources

    workshop.new_workshop(OWN, resources.BUNDLED_PACK)
    assert workshop.editable
    return workshop


def open_editor(qtbot: Any, workshop: Workshop, kind: str, item_id: str) -> ItemEditor:
    from companion.i18n import set_language

    set_language("en")
    editor = ItemEditor(workshop, kind, item_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


# The first item of each kind and the one-line text field a user changes in it.
FIRST = {
    "agenda-item": "title",
    "case-study": "title",
    "screening-tool": "title",
    "document": "title",
    "glossary-term": "term",
}


@pytest.mark.parametrize("kind", list(FIRST))
def test_a_changed_text_is_saved_as_the_item(qtbot: Any, own: Workshop, kind: str) -> None:
    item_id = own.items(kind)[0].id
    editor = open_editor(qtbot, own, kind, item_id)
    field = FIRST[kind]
    qtbot.keyClicks(editor.form.widgets[(field, "en")], " revised")

    def saved() -> bool:
        data = own.item_data(item_id)
        return data is not None and data[field]["en"].endswith(" revised")

    qtbot.waitUntil(saved)
    assert editor.summary.text() == "Saved"
    assert not [d for d in own.drafts() if d.item_id == item_id]


def test_undo_and_redo_a_text_a_list_add_and_a_move(qtbot: Any, own: Workshop) -> None:
    editor = open_editor(qtbot, own, "case-study", "cs-01")
    before = own.item_data("cs-01")
    assert before is not None
    qtbot.keyClicks(editor.form.widgets[("title", "en")], "abc")
    assert editor.undo_stack.count() == 1  # typing in one field merges into one step
    editor.form.buttons[(("questions",), "add")].click()
    editor.form.buttons[(("stages", 0), "down")].click()
    after = editor.data
    assert after["title"]["en"] == before["title"]["en"] + "abc"
    assert len(after["questions"]) == len(before["questions"]) + 1
    assert after["stages"][1] == before["stages"][0]

    for _step in range(3):
        editor.undo_action.trigger()
    assert editor.data["stages"] == before["stages"]
    assert editor.data["questions"] == before["questions"]
    assert editor.data["title"] == before["title"]
    assert editor.form.widgets[("title", "en")].text() == before["title"]["en"]  # type: ignore[attr-defined]

    for _step in range(3):
        editor.redo_action.trigger()
    assert editor.data["title"]["en"] == before["title"]["en"] + "abc"
    assert editor.form.widgets[("title", "en")].text() == before["title"]["en"] + "abc"  # type: ignore[attr-defined]
    assert editor.data["stages"][1] == before["stages"][0]
    assert len(editor.data["questions"]) == len(before["questions"]) + 1


def test_an_invalid_edit_shows_the_problem_at_its_field_and_keeps_a_draft(qtbot: Any, own: Workshop) -> None:
    editor = open_editor(qtbot, own, "glossary-term", "gl-001")
    for lang in ("en", "zh-Hans"):
        editor.form.widgets[("term", lang)].clear()  # type: ignore[attr-defined]
        editor.form.widgets[("term", lang)].textEdited.emit("")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: any(d.item_id == "gl-001" for d in own.drafts()))
    row = editor.form.rows[("term",)]
    assert row.problem.isVisible() and row.problem.text()
    assert editor.summary.text().startswith("Saved as a draft: 1 problem")
    saved = own.item_data("gl-001")
    assert saved is not None and saved["term"]["en"] == "Debt bondage"  # the item itself is unchanged


def test_a_scoring_rule_that_does_not_parse_is_shown_at_its_field(qtbot: Any, own: Workshop) -> None:
    editor = open_editor(qtbot, own, "screening-tool", "ilo-adult-labour")
    qtbot.keyClicks(editor.form.widgets[("scoring", "overall")], " and ((")
    row = editor.form.rows[("scoring", "overall")]
    qtbot.waitUntil(lambda: row.problem.isVisible())
    assert "R and E and D and ((" in row.problem.text()  # the rule, with where it breaks
    saved = own.item_data("ilo-adult-labour")
    assert saved is not None and saved["scoring"]["overall"] == "R and E and D"


def test_closing_saves_at_once(qtbot: Any, own: Workshop) -> None:
    editor = open_editor(qtbot, own, "document", "doc-01")
    qtbot.keyClicks(editor.form.widgets[("title", "en")], " now")
    editor.close()  # before the autosave's half second
    saved = own.item_data("doc-01")
    assert saved is not None and saved["title"]["en"].endswith(" now")


def test_edit_asks_for_an_own_copy_and_then_opens_the_item(qtbot: Any, window: Any) -> None:
    from companion import resources

    window.open_item("gl-001")
    window.editing.edit_action.trigger()
    assert "Make your own copy first" in window.statusBar().currentMessage()
    assert not window.editing.editors

    window.workshop.new_workshop(OWN, resources.BUNDLED_PACK)
    window.load_content()
    window.open_item("gl-001")
    editor = window.editing.edit_current()
    assert editor is not None and editor.item_id == "gl-001" and editor.isVisible()
    qtbot.addWidget(editor)

    new = window.editing.new_item()
    assert new is not None and new.kind == "glossary-term" and new.item_id != "gl-001"
    qtbot.addWidget(new)


def test_a_changed_language_marks_the_other_stale_until_confirmed(qtbot: Any, own: Workshop) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton

    editor = open_editor(qtbot, own, "glossary-term", "gl-001")
    row = editor.form.rows[("term",)]
    assert not row.mark.isVisible()
    qtbot.keyClicks(editor.form.widgets[("term", "en")], "s")
    qtbot.waitUntil(lambda: row.mark.isVisible())
    assert [label.text() for label in row.mark.findChildren(QLabel)] == ["中文: possibly stale"]
    confirm = row.mark.findChild(QPushButton, "confirm")
    assert confirm is not None
    confirm.click()
    assert not row.mark.isVisible()
    assert not [gap for gap in own.translation_status() if gap.item_id == "gl-001"]

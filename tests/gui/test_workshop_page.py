"""File ▸ New workshop from… and the Workshop page, as a facilitator uses them."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from tests.gui.authoring_support import COPY_ID, agenda_rows, own_copy


def test_a_new_workshop_from_the_dialog_becomes_current(window, qtbot) -> None:
    bundled = window.workshop.current_pack_id()
    dialog = window.authoring.open_new_workshop()
    ok = dialog.ok
    qtbot.keyClicks(dialog.new_id, "My Copy")
    assert not ok.isEnabled()
    assert "lower-case" in dialog.id_problem.text()
    dialog.new_id.clear()
    qtbot.keyClicks(dialog.new_id, bundled)  # taken
    assert not ok.isEnabled()
    dialog.new_id.clear()
    qtbot.keyClicks(dialog.new_id, COPY_ID)
    dialog.title_en.setText("Our own workshop")
    assert ok.isEnabled() and dialog.id_problem.isHidden()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert window.workshop.current_pack_id() == COPY_ID
    assert window.workshop.is_working_copy()
    assert "Our own workshop" in window.windowTitle()  # the window reloaded on the copy
    assert window.workshop.manifest(bundled) is not None  # the original stays installed


def test_the_workshop_page_sets_the_dates_and_the_agenda_follows(window, qtbot) -> None:
    own_copy(window)
    page = window.authoring.open_workshop_page()
    assert page.bar.isHidden()
    page.start_date.setDate(QDate(2027, 3, 8))
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.start_date == "2027-03-08")
    rows = agenda_rows(window)
    assert rows[0] == "Day 1 · 2027-03-08"
    assert "Day 2 · 2027-03-09" in rows


def test_undo_restores_the_previous_venue(window, qtbot) -> None:
    own_copy(window)
    before = window.workshop.manifest().workshop.venue.en
    page = window.authoring.open_workshop_page()
    page.edits["venue_en"].selectAll()
    qtbot.keyClicks(page.edits["venue_en"], "Hall B")
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.venue.en == "Hall B")
    assert page.undo_stack.count() == 1  # the typing is one step
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.edits["venue_en"].text() == before
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.venue.en == before)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page, Qt.Key.Key_Z, mods)
    qtbot.waitUntil(lambda: window.workshop.manifest().workshop.venue.en == "Hall B")


def test_a_refused_detail_is_shown_at_its_field_and_kept(window, qtbot) -> None:
    own_copy(window)
    page = window.authoring.open_workshop_page()
    page.days.setValue(1)  # the agenda has sessions on day 2
    assert not page.save()
    assert "day 2" in page.problems["days"].text()
    assert page.days.value() == 1  # what was typed stays to be fixed
    assert window.workshop.manifest().workshop.days == 2


def test_trainers_are_added_and_saved(window, qtbot) -> None:
    own_copy(window)
    page = window.authoring.open_workshop_page()
    page.trainers.add_row()
    table = page.trainers.table
    for column, text in enumerate(("Trainer", "培训师", "IOM", "国际移民组织")):
        table.item(table.rowCount() - 1, column).setText(text)
    assert page.save()
    trainers = window.workshop.manifest().workshop.trainers
    assert trainers[-1].role.en == "Trainer" and trainers[-1].organisation.zh_hans == "国际移民组织"


def test_an_installed_workshop_is_read_only_with_a_way_to_copy_it(window, qtbot) -> None:
    page = window.authoring.open_workshop_page()
    assert not page.bar.isHidden()
    assert page.edits["venue_en"].isReadOnly()
    with qtbot.waitSignal(page.sig_copy_requested):
        qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)

"""The agenda day editor: sessions moved by keys or dropped, lengths changed, every step undone."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt

from tests.gui.authoring_support import own_copy

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def day_slots(workshop, day: int) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    sessions = [i for i in workshop.items("agenda-item") if i.day == day]
    return [(i.id, i.start, i.end) for i in sorted(sessions, key=lambda i: i.start)]


def open_editor(window, qtbot):  # type: ignore[no-untyped-def]
    own_copy(window)
    editor = window.authoring.open_agenda_editor()
    qtbot.waitUntil(editor.isActiveWindow)  # its keys (Ctrl+Z) reach it once it is the active window
    return editor


def test_moving_a_session_up_by_keys_reflows_the_day_and_undo_moves_it_back(window, qtbot) -> None:
    editor = open_editor(window, qtbot)
    before = day_slots(window.workshop, 1)
    (first, start, _end), (second, _s, _e) = before[0], before[1]
    editor.select(second)
    qtbot.keyClick(editor.lists[1], Qt.Key.Key_Up, ALT)
    after = day_slots(window.workshop, 1)
    assert [row[0] for row in after[:2]] == [second, first]
    assert after[0][1] == start  # it took the first one's start
    assert after[1][1] == after[0][2]  # the first follows it, keeping its length
    assert editor.lists[1].item(0).text().startswith(start)
    assert editor.lists[1].currentItem().data(Qt.ItemDataRole.UserRole) == second
    assert window.catalogue.by_id[second].start == start  # the window shows the agenda as it is now
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert day_slots(window.workshop, 1) == before
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert day_slots(window.workshop, 1) == after


def test_moving_down_and_to_the_next_day(window, qtbot) -> None:
    editor = open_editor(window, qtbot)
    first, second = (row[0] for row in day_slots(window.workshop, 1)[:2])
    editor.select(first)
    qtbot.keyClick(editor.lists[1], Qt.Key.Key_Down, ALT)
    assert [row[0] for row in day_slots(window.workshop, 1)[:2]] == [second, first]
    day2 = day_slots(window.workshop, 2)
    qtbot.keyClick(editor.lists[1], Qt.Key.Key_Right, ALT)
    assert first in [row[0] for row in day_slots(window.workshop, 2)]
    assert first not in [row[0] for row in day_slots(window.workshop, 1)]
    editor.undo_stack.undo()
    assert day_slots(window.workshop, 2) == day2


def test_a_day_after_the_last_is_refused_in_the_status_line(window, qtbot) -> None:
    editor = open_editor(window, qtbot)
    before = day_slots(window.workshop, 2)
    editor.select(before[0][0])
    qtbot.keyClick(editor.lists[2], Qt.Key.Key_Right, ALT)
    assert "day 3" in editor.status.text()
    assert "\n" not in editor.status.text()
    assert day_slots(window.workshop, 2) == before
    assert editor.undo_stack.count() == 0


def test_a_longer_session_pushes_the_rest_of_its_day(window, qtbot) -> None:
    editor = open_editor(window, qtbot)
    before = day_slots(window.workshop, 1)
    first = before[0][0]
    editor.select(first)
    length = editor.length.value()
    editor.length.setValue(length + 15)
    editor.length.editingFinished.emit()
    after = day_slots(window.workshop, 1)
    assert after[0][0] == first and after[0][2] != before[0][2]
    for earlier, later in pairwise(after):
        assert earlier[2] <= later[1]  # nothing overlaps
    assert [row[0] for row in after] == [row[0] for row in before]
    editor.undo_stack.undo()
    assert day_slots(window.workshop, 1) == before


def test_a_session_is_dropped_on_another_day(window, qtbot) -> None:
    editor = open_editor(window, qtbot)
    moved = day_slots(window.workshop, 1)[-1][0]
    target = day_slots(window.workshop, 2)[0]
    editor.select(moved)
    editor.lists[2].sig_dropped.emit(moved, 2, 0)  # what dropping it on day 2's first row emits
    day2 = day_slots(window.workshop, 2)
    assert day2[0][0] == moved and day2[0][1] == target[1]
    assert editor.undo_stack.count() == 1

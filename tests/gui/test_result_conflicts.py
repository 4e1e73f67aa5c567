"""File ▸ Result conflicts…: both answer sets side by side, differences highlighted, keep one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def in_conflict(workshop):  # type: ignore[no-untyped-def]
    """P003's pre-test on form A merged from a laptop, then a scan with two answers different."""
    from companion.app import assess

    form = assess.form(workshop, "form-a")
    first = {q.id: "A" for q in form.questions}
    second = dict(first) | {form.questions[1].id: "B", form.questions[4].id: None}
    laptop = assess.new_result(workshop, "form-a", "P003", "pre", first)
    scan = assess.new_result(workshop, "form-a", "P003", "pre", second)
    assess.merge_results(workshop, [laptop])
    report = assess.merge_results(workshop, [scan.__class__(**{**scan.__dict__, "source": "scan"})])
    assert len(report.conflicts) == 1
    return first, second, [form.questions[1].id, form.questions[4].id]


def opened(workshop, qtbot):  # type: ignore[no-untyped-def]
    from companion.gui.assess.conflicts import ConflictsDialog
    from companion.i18n import set_language

    set_language("en")
    dialog = ConflictsDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def stored(workshop):  # type: ignore[no-untyped-def]
    from companion.app import assess

    return {(s.result.participant, s.result.attempt): s for s in assess.results(workshop)}


def test_the_two_answer_sets_are_side_by_side_with_the_differences_highlighted(
    workshop, qtbot, in_conflict
) -> None:  # type: ignore[no-untyped-def]
    _first, _second, differing = in_conflict
    dialog = opened(workshop, qtbot)
    assert dialog.listing.item(0).text() == "P003 · form-a · pre-test"
    assert dialog.differing == differing
    table = dialog.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    changed = rows[differing[1]]
    assert (table.item(changed, 1).text(), table.item(changed, 2).text()) == ("A", "(blank)")
    assert table.item(changed, 2).background().color().name() == "#fff2b3"
    same = next(r for q, r in rows.items() if q not in differing)
    assert table.item(same, 1).background().style() == Qt.BrushStyle.NoBrush
    assert dialog.stored_label.text().startswith("Stored: laptop")
    assert dialog.incoming_label.text() == "New: scan"


def test_using_the_new_answers_stores_them_and_settles_the_conflict(workshop, qtbot, in_conflict) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    _first, second, _differing = in_conflict
    dialog = opened(workshop, qtbot)
    qtbot.mouseClick(dialog.keep_incoming, Qt.MouseButton.LeftButton)
    assert stored(workshop)[("P003", "pre")].result.answers == second
    assert stored(workshop)[("P003", "pre")].origin == "scan"
    assert assess.conflicts(workshop) == []
    assert "the new answers are now stored" in dialog.status.text()
    assert not dialog.detail.isEnabled() and "No conflicts" in dialog.listing.item(0).text()


def test_keeping_the_stored_answers_leaves_the_result_and_settles_the_conflict(
    workshop, qtbot, in_conflict
) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    first, _second, _differing = in_conflict
    dialog = opened(workshop, qtbot)
    qtbot.mouseClick(dialog.keep_stored, Qt.MouseButton.LeftButton)
    assert stored(workshop)[("P003", "pre")].result.answers == first
    assert assess.conflicts(workshop) == []
    assert "the stored answers were kept" in dialog.status.text()


def test_a_conflict_settled_elsewhere_meanwhile_is_one_line_and_changes_nothing(
    workshop, qtbot, in_conflict
) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    first, _second, _differing = in_conflict
    dialog = opened(workshop, qtbot)
    assess.resolve_conflict(workshop, assess.conflicts(workshop)[0], keep_incoming=False)  # another window
    qtbot.mouseClick(dialog.keep_incoming, Qt.MouseButton.LeftButton)
    assert "has changed since it was shown" in dialog.error.text()
    assert stored(workshop)[("P003", "pre")].result.answers == first

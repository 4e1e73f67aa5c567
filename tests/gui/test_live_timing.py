"""Live timing in the window: the agenda and the presenter console follow the shifted times."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt


def _first_day(window: Any) -> list[Any]:
    from companion.app.domain import AgendaItem

    return [s for s in window.catalogue.of_type(AgendaItem) if s.day == 1]


def _label(window: Any, item_id: str) -> str:
    from companion.gui.reader import ID_ROLE

    rows = [window.agenda.list.item(n) for n in range(window.agenda.list.count())]
    return next(row.text() for row in rows if row.data(ID_ROLE) == item_id)


def _later(time: str, minutes: int) -> str:
    hours, mins = (int(part) for part in time.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


@pytest.fixture
def on_the_day(window: Any) -> datetime:
    first = _first_day(window)[0]
    day = datetime.strptime(window.catalogue.start_date, "%Y-%m-%d").date()
    return datetime.combine(day, datetime.strptime(first.start, "%H:%M").time())


def test_a_shift_shows_in_the_agenda_beside_the_planned_time(window: Any, on_the_day: datetime) -> None:
    first = _first_day(window)[0]
    assert window.timing.shift(first.id, 10, on_the_day) is None
    assert _label(window, first.id).startswith(f"{_later(first.start, 10)}–")
    assert f"(planned {first.start})" in _label(window, first.id)
    assert window.timing.reset(on_the_day) is None
    assert _label(window, first.id).startswith(f"{first.start}–")
    assert "(planned" not in _label(window, first.id)


def test_the_consoles_buttons_shift_the_day_and_a_refusal_is_one_line(
    window: Any, qtbot: Any, on_the_day: datetime
) -> None:
    presenter = window.presenter
    presenter.clock = lambda: on_the_day
    window.present_action.trigger()
    try:
        first = _first_day(window)[0]
        presenter.pin_session(first.id)
        qtbot.mouseClick(presenter.console.buttons["later"], Qt.MouseButton.LeftButton)
        assert window.timing.times[first.id][0] == _later(first.start, 5)
        assert presenter.console.now_value.text().startswith(_later(first.start, 5))
        qtbot.mouseClick(presenter.console.buttons["earlier"], Qt.MouseButton.LeftButton)
        assert window.timing.times[first.id][0] == first.start
        # The day's last session pushed to three minutes before midnight: five more are refused.
        last = _first_day(window)[-1]
        hours, minutes = (int(part) for part in last.end.split(":"))
        assert window.timing.shift(last.id, 24 * 60 - 3 - (hours * 60 + minutes), on_the_day) is None
        presenter.pin_session(last.id)
        qtbot.mouseClick(presenter.console.buttons["later"], Qt.MouseButton.LeftButton)
        assert not presenter.console.notice.isHidden()
        assert window.timing.times[last.id][1] == "23:57"  # nothing moved
        assert "midnight" in presenter.console.notice.text() and "\n" not in presenter.console.notice.text()
    finally:
        presenter.stop()


def test_starting_the_next_session_logs_its_actual_start(window: Any, on_the_day: datetime) -> None:
    presenter = window.presenter
    first, second = _first_day(window)[:2]
    planned = datetime.combine(on_the_day.date(), datetime.strptime(second.start, "%H:%M").time())
    presenter.clock = lambda: planned + timedelta(minutes=7)
    presenter.pin_session(first.id)
    presenter.start_next_session()
    assert presenter.session_id == second.id
    assert window.timing.times[second.id][0] == _later(second.start, 7)
    logged = {row.item_id: row for row in window.workshop.timing_log()}
    assert logged[second.id].started_at is not None
    assert logged[second.id].planned_start == second.start


def test_the_agenda_exports_to_a_calendar_file(window: Any, tmp_path: Any) -> None:
    import icalendar

    from companion.app.domain import AgendaItem

    target = tmp_path / "agenda.ics"
    window.export_calendar(str(target))
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == len(window.catalogue.of_type(AgendaItem))
    assert str(target) in window.banner.text()

"""The day's live timing: shifts, breaks absorbing a delay, start-now, reset, the log, the calendar file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from companion.core import timing
from companion.core.ical import write_agenda_calendar
from companion.core.model import AgendaItem
from companion.core.store.timing import Shift
from companion.core.timing import TimingError, live_schedule

DAY1 = "2027-03-16"  # the bundled workshop's first day


def session(item_id: str, start: str, end: str, fmt: str = "presentation", **extra: object) -> AgendaItem:
    data = {"id": item_id, "day": 1, "start": start, "end": end, "format": fmt, "title": {"en": item_id}}
    return AgendaItem.model_validate({**data, **extra})


DAY = [
    session("a", "09:00", "10:00"),
    session("b", "10:00", "11:00"),
    session("coffee", "11:00", "11:20", "break"),  # may shrink to 10 minutes by default
    session("c", "11:20", "12:00"),
]


def times(schedule: list[timing.LiveSession]) -> dict[str, tuple[str, str]]:
    return {s.id: (s.start, s.end) for s in schedule}


def test_a_shift_moves_the_session_and_the_rest_of_the_day_not_the_sessions_before() -> None:
    live = times(live_schedule(DAY, [Shift("b", 5, "", False)]))
    assert live["a"] == ("09:00", "10:00")
    assert live["b"] == ("10:05", "11:05")
    assert live["coffee"][0] == "11:05"


def test_a_break_absorbs_a_delay_down_to_its_minimum_then_later_sessions_move() -> None:
    small = times(live_schedule(DAY, [Shift("b", 5, "", False)]))
    assert small["coffee"] == ("11:05", "11:20") and small["c"] == ("11:20", "12:00")
    large = times(live_schedule(DAY, [Shift("b", 25, "", False)]))
    assert large["coffee"] == ("11:25", "11:35")  # 10 minutes, half of the planned 20
    assert large["c"] == ("11:35", "12:15")


def test_a_session_s_own_minimum_is_respected() -> None:
    day = [*DAY[:2], session("coffee", "11:00", "11:20", "break", min_minutes=18), DAY[3]]
    live = times(live_schedule(day, [Shift("b", 5, "", False)]))
    assert live["coffee"] == ("11:05", "11:23") and live["c"] == ("11:23", "12:03")


def test_a_minimum_longer_than_the_session_is_refused() -> None:
    with pytest.raises(ValueError, match="min_minutes"):
        session("x", "09:00", "09:10", "break", min_minutes=20)


def test_plus_and_minus_the_same_minutes_give_the_planned_day_back() -> None:
    made = [Shift("b", 5, "", False), Shift("b", -5, "", False)]
    assert times(live_schedule(DAY, made)) == times(live_schedule(DAY, []))


def test_moving_a_session_earlier_cuts_the_one_before_short() -> None:
    live = times(live_schedule(DAY, [Shift("b", -10, "", False)]))
    assert live["a"] == ("09:00", "09:50") and live["b"] == ("09:50", "10:50")


def test_a_shift_past_midnight_is_refused_with_one_line() -> None:
    with pytest.raises(TimingError, match="past midnight") as caught:
        live_schedule(DAY, [Shift("a", 15 * 60, "", False)])
    assert "\n" not in str(caught.value)


def test_a_shift_that_leaves_a_session_no_time_is_refused() -> None:
    with pytest.raises(TimingError, match="negative duration"):
        live_schedule(DAY, [Shift("b", -60, "", False)])


# --- stored, on the bundled workshop ------------------------------------------


def at(clock: str, day: str = DAY1) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}")


def test_start_now_moves_the_rest_of_the_day_and_is_logged(store) -> None:
    timing.start_now(store, "ag-02", at("09:40"))
    live = {s.id: s for s in timing.schedule(store)}
    assert (live["ag-02"].start, live["ag-02"].end) == ("09:40", "10:40")
    assert live["ag-01"].start == "09:00"
    logged = {row.item_id: row for row in timing.log(store)}
    assert (logged["ag-02"].planned_start, logged["ag-02"].actual_start) == ("09:30", "09:40")
    assert (logged["ag-02"].planned_end, logged["ag-02"].actual_end) == ("10:30", "10:40")
    assert logged["ag-02"].started_at is not None and logged["ag-02"].started_at.startswith(f"{DAY1}T09:40")


def test_now_and_next_follow_the_shifted_times(store) -> None:
    before = timing.now_next(store, at("10:35"))
    assert (before.now, before.next, before.delay_minutes) == ("ag-03", "ag-04", 0)
    timing.shift(store, "ag-02", 10, at("10:00"))
    after = timing.now_next(store, at("10:35"))
    assert (after.now, after.next, after.delay_minutes) == ("ag-02", "ag-03", 10)


def test_reset_gives_the_planned_times_and_keeps_when_sessions_started(store) -> None:
    planned = times(timing.schedule(store))
    timing.start_now(store, "ag-02", at("09:40"))
    timing.shift(store, "ag-04", 5, at("11:00"))
    timing.reset(store, at("11:05"))
    assert times(timing.schedule(store)) == planned
    logged = {row.item_id: row for row in timing.log(store)}
    assert logged["ag-02"].actual_start == "09:30" and logged["ag-02"].started_at is not None


def test_a_refused_shift_changes_nothing(store) -> None:
    timing.shift(store, "ag-02", 10, at("10:00"))
    kept = times(timing.schedule(store)), timing.log(store)
    with pytest.raises(TimingError, match="past midnight"):
        timing.shift(store, "ag-10", 8 * 60, at("15:00"))
    assert (times(timing.schedule(store)), timing.log(store)) == kept


def test_a_clock_set_back_is_refused_with_a_clear_message_and_nothing_lost(store) -> None:
    timing.start_now(store, "ag-04", at("11:00"))
    kept = times(timing.schedule(store)), timing.log(store)
    with pytest.raises(TimingError, match="clock"):
        timing.start_now(store, "ag-05", at("10:00"))
    assert (times(timing.schedule(store)), timing.log(store)) == kept


def test_starting_a_session_on_another_day_is_refused(store) -> None:
    with pytest.raises(TimingError, match="day 2"):
        timing.start_now(store, "ag-11", at("09:00"))


def test_an_unknown_session_or_time_zone_is_refused(store) -> None:
    with pytest.raises(TimingError, match="ag-99"):
        timing.shift(store, "ag-99", 5)
    with pytest.raises(TimingError, match="Mars/Olympus"):
        timing.set_time_zone(store, "Mars/Olympus")
    assert timing.workshop_time_zone(store).tzname(at("10:00")) == "CST"  # the default stays


def test_a_moment_in_another_time_zone_is_read_in_the_workshop_s(store) -> None:
    utc = datetime(2027, 3, 16, 2, 35, tzinfo=UTC)  # 10:35 in Nanning
    assert timing.now_next(store, utc).now == "ag-03"
    timing.set_time_zone(store, "Europe/London")
    assert timing.now_next(store, utc).now is None  # 02:35 in London: before the day begins


# --- the calendar file --------------------------------------------------------


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_holds_every_session_at_the_shifted_or_planned_time(store, tmp_path) -> None:
    timing.shift(store, "ag-02", 20, at("10:00"))
    shifted, planned = tmp_path / "shifted.ics", tmp_path / "planned.ics"
    assert write_agenda_calendar(store, shifted) == 20
    write_agenda_calendar(store, planned, planned=True)
    agenda = store.items("agenda-item")
    for path, moved in ((shifted, timedelta(minutes=20)), (planned, timedelta(0))):
        found = events(path)
        assert len(found) == len(agenda)
        event = found["nanning-workshop.ag-02@training-companion"]
        start = event.decoded("DTSTART")
        assert start == datetime.fromisoformat(f"{DAY1}T09:30+08:00") + moved
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert event["DTEND"].params["TZID"] == "Asia/Shanghai"
    assert "Nanning" in str(events(shifted)["nanning-workshop.ag-02@training-companion"]["LOCATION"])


def test_the_calendar_is_in_the_language_asked_and_never_holds_facilitator_notes(store, tmp_path) -> None:
    assert any(item.facilitator_notes for item in store.items("agenda-item"))
    for lang in ("en", "zh-Hans"):
        path = tmp_path / f"{lang}.ics"
        write_agenda_calendar(store, path, lang)
        found = events(path)
        for item in store.items("agenda-item"):
            event = found[f"nanning-workshop.{item.id}@training-companion"]
            assert str(event["SUMMARY"]) == item.title.resolve(lang)[0]
            description = str(event.get("DESCRIPTION", ""))
            if item.summary is not None:
                assert description == item.summary.resolve(lang)[0]
            if item.facilitator_notes is not None:
                for note_lang in ("en", "zh-Hans"):
                    note = item.facilitator_notes.get(note_lang)
                    assert not note or note[:40] not in description

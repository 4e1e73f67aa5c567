"""Now and next on the agenda, only while the workshop is on."""

from __future__ import annotations

from datetime import datetime, timedelta

from companion.core.agenda import day_date, now_and_next


def test_day_two_is_the_day_after_the_start() -> None:
    assert day_date("2027-03-16", 2).isoformat() == "2027-03-17"


def test_during_a_session_it_is_now_and_the_following_one_is_next(bundled_pack) -> None:
    agenda = bundled_pack.by_kind("agenda-item")
    start = bundled_pack.manifest.workshop.start_date
    first, second = agenda[0], agenda[1]
    moment = datetime.fromisoformat(f"{start}T{first.start}") + timedelta(minutes=1)
    status = now_and_next(agenda, start, moment)
    assert status.now == first.id and status.next == second.id


def test_before_the_first_session_nothing_runs_and_the_first_is_next(bundled_pack) -> None:
    agenda = bundled_pack.by_kind("agenda-item")
    start = bundled_pack.manifest.workshop.start_date
    status = now_and_next(agenda, start, datetime.fromisoformat(f"{start}T06:00"))
    assert status.now is None and status.next == agenda[0].id


def test_outside_the_workshop_days_nothing_is_highlighted(bundled_pack) -> None:
    agenda = bundled_pack.by_kind("agenda-item")
    start = bundled_pack.manifest.workshop.start_date
    status = now_and_next(agenda, start, datetime(2020, 1, 1, 10, 0))
    assert (status.now, status.next) == (None, None)

"""Moving an agenda session re-flows the rest of its day, keeping every session's length."""

from __future__ import annotations

from itertools import pairwise

import pytest

from companion.app.workshop import Workshop
from companion.core.authoring import AuthoringError
from companion.core.authoring.agenda import minutes
from companion.core.store.check import check_store


def _day(workshop: Workshop, day: int) -> list[tuple[str, str, str]]:
    return sorted((s.start, s.end, s.id) for s in workshop.items("agenda-item") if s.day == day)


def test_moving_a_session_earlier_pushes_the_later_ones_and_keeps_lengths(workshop: Workshop) -> None:
    before = _day(workshop, 1)
    lengths = {i: minutes(e) - minutes(s) for s, e, i in before}
    last = before[-1][2]
    changed = workshop.move_session(last, 1, before[0][0])  # the day's last session opens the day
    after = _day(workshop, 1)
    assert after[0][2] == last and after[0][0] == before[0][0]
    assert {i: minutes(e) - minutes(s) for s, e, i in after} == lengths
    for (_s1, end, _i1), (start, _e2, _i2) in pairwise(after):
        assert end <= start  # no two sessions at once
    assert last in changed and before[0][2] in changed
    assert workshop.problems("agenda-item", workshop.item_data(after[1][2]) or {}) == []
    assert check_store(workshop.store).ok


def test_a_move_past_midnight_or_to_a_day_the_workshop_lacks_changes_nothing(workshop: Workshop) -> None:
    before = _day(workshop, 1)
    days = workshop.manifest().workshop.days
    with pytest.raises(AuthoringError):
        workshop.move_session(before[0][2], days + 1, "09:00")
    with pytest.raises(AuthoringError, match="midnight"):
        workshop.move_session(before[0][2], 1, "23:30")
    assert _day(workshop, 1) == before

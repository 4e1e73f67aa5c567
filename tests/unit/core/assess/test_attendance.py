"""Attendance per half-day session: marks by code, unknown codes and sessions refused, files whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.assess.attendance import Attendance, AttendanceError, Mark, half_days
from companion.core.assess.roster import Participant, Roster
from companion.core.records import Vault


@pytest.fixture
def attendance(store) -> Attendance:  # type: ignore[no-untyped-def]
    vault = Vault(store)
    vault.set_up("a long passphrase", "a long passphrase")
    Roster(store, vault, store.current_pack_id()).save(
        [Participant("P001", "Li Wei"), Participant("P002", "Wang")]
    )
    return Attendance(store, store.manifest(store.current_pack_id()))


def test_half_days_are_the_days_split_at_noon_as_the_sign_in_sheets_print_them(store) -> None:
    manifest = store.manifest(store.current_pack_id())
    sessions = half_days(manifest)
    assert [s.id for s in sessions][:3] == ["d1-am", "d1-pm", "d2-am"]
    assert len(sessions) == 2 * manifest.workshop.days
    assert sessions[1].title() == f"Day 1 ({manifest.workshop.start_date}), afternoon"


def test_mark_and_list(attendance) -> None:
    attendance.mark("p002", "D1-PM")
    attendance.mark("P001", "d2-am")
    attendance.mark("P001", "d1-am")
    attendance.mark("P001", "d2-am", present=False)
    assert attendance.marks() == [Mark("P001", "d1-am"), Mark("P001", "d2-am", False), Mark("P002", "d1-pm")]


def test_an_unknown_code_or_session_is_refused_in_one_line(attendance) -> None:
    with pytest.raises(AttendanceError) as caught:
        attendance.mark("P404", "d1-am")
    assert caught.value.problems == ["no participant has the code P404"]
    with pytest.raises(AttendanceError, match="no half-day session d9-am"):
        attendance.mark("P001", "d9-am")
    assert attendance.marks() == []


def test_a_file_is_imported_whole_or_not_at_all(tmp_path: Path, attendance) -> None:
    good = tmp_path / "good.csv"
    good.write_text("code,session,present\nP001,d1-am,1\nP002,d1-am,0\nP002,d1-pm,\n", encoding="utf-8")
    assert attendance.import_file(good) == 3
    assert attendance.marks() == [Mark("P001", "d1-am"), Mark("P002", "d1-am", False), Mark("P002", "d1-pm")]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,session\nP001,d2-am\nP777,d2-am\nP002,d2-xx\n", encoding="utf-8")
    with pytest.raises(AttendanceError) as caught:
        attendance.import_file(bad)
    assert caught.value.problems == [
        "line 3: no participant has the code P777",
        "line 4: no half-day session d2-xx (they are d1-am to d2-pm)",
    ]
    assert len(attendance.marks()) == 3

"""``companion agenda``: now and next, shifts, reset, the log and the calendar file, as a script uses them."""

from __future__ import annotations

import json

import icalendar
import pytest

from companion.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def agenda(capsys: pytest.CaptureFixture[str], data_dir, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(data_dir), "agenda", *argv)


def now(capsys: pytest.CaptureFixture[str], data_dir, moment: str) -> dict[str, object]:
    code, out, err = agenda(capsys, data_dir, "now", "--at", moment, "--json")
    assert (code, err) == (0, "")
    return dict(json.loads(out))


def test_now_is_json_with_the_session_the_next_one_the_delay_and_the_moment(capsys, data_dir) -> None:
    assert now(capsys, data_dir, "2027-03-16T10:35") == {
        "now": "ag-03",
        "next": "ag-04",
        "delay_minutes": 0,
        "at": "2027-03-16T10:35:00+08:00",
    }
    assert now(capsys, data_dir, "2026-01-01T10:00")["now"] is None


def test_shift_then_now_follows_the_shifted_times_and_reset_undoes_it(capsys, data_dir) -> None:
    code, out, err = agenda(capsys, data_dir, "shift", "10", "--from", "ag-02")
    assert (code, err) == (0, "") and "ag-02        09:40-10:40" in out
    found = now(capsys, data_dir, "2027-03-16T10:35")
    assert (found["now"], found["next"], found["delay_minutes"]) == ("ag-02", "ag-03", 10)
    assert agenda(capsys, data_dir, "reset-times")[0] == 0
    assert now(capsys, data_dir, "2027-03-16T10:35")["now"] == "ag-03"


def test_log_holds_planned_and_actual_times(capsys, data_dir) -> None:
    assert agenda(capsys, data_dir, "start", "ag-02", "--at", "2027-03-16T09:45")[0] == 0
    code, out, err = agenda(capsys, data_dir, "log", "--json")
    assert (code, err) == (0, "")
    rows = {row["id"]: row for row in json.loads(out)}
    assert len(rows) == 20
    assert rows["ag-02"]["planned_start"] == "09:30" and rows["ag-02"]["actual_start"] == "09:45"
    assert rows["ag-02"]["planned_end"] == "10:30" and rows["ag-02"]["actual_end"] == "10:45"
    assert rows["ag-01"]["actual_start"] == rows["ag-01"]["planned_start"] == "09:00"


def test_a_shift_past_midnight_is_one_line_and_changes_nothing(capsys, data_dir) -> None:
    agenda(capsys, data_dir, "shift", "10", "--from", "ag-02")
    before = agenda(capsys, data_dir, "log", "--json")[1]
    code, out, err = agenda(capsys, data_dir, "shift", "480", "--from", "ag-10")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "past midnight" in err
    assert agenda(capsys, data_dir, "log", "--json")[1] == before


def test_an_unknown_session_and_a_bad_moment_are_refused(capsys, data_dir) -> None:
    code, _out, err = agenda(capsys, data_dir, "shift", "5", "--from", "ag-99")
    assert code == 1 and "ag-99" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as usage:
        agenda(capsys, data_dir, "now", "--at", "yesterday")
    assert usage.value.code == 2


def test_ical_writes_every_session_at_the_shifted_or_planned_time(capsys, data_dir) -> None:
    agenda(capsys, data_dir, "shift", "15", "--from", "ag-01")
    for flags, start in (((), "T091500"), (("--planned",), "T090000")):
        out_file = data_dir / "agenda.ics"
        code, out, err = agenda(capsys, data_dir, "ical", "--out", str(out_file), "--lang", "zh-Hans", *flags)
        assert (code, err) == (0, "") and "20 sessions" in out
        calendar = icalendar.Calendar.from_ical(out_file.read_bytes())
        events = {str(e["UID"]).split(".")[1].split("@")[0]: e for e in calendar.walk("VEVENT")}
        assert len(events) == 20
        first = events["ag-01"]
        assert first["DTSTART"].to_ical().decode() == "20270316" + start
        assert first["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert str(first["SUMMARY"]) == "开幕：培训目标与规则"


def test_ical_into_a_missing_folder_is_one_line(capsys, data_dir) -> None:
    code, out, err = agenda(capsys, data_dir, "ical", "--out", str(data_dir / "no" / "such.ics"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "cannot write" in err


def test_time_zone_defaults_to_the_venue_s_and_an_unknown_one_is_refused(capsys, data_dir) -> None:
    assert agenda(capsys, data_dir, "time-zone") == (0, "Asia/Shanghai\n", "")
    code, _out, err = agenda(capsys, data_dir, "time-zone", "Mars/Olympus")
    assert code == 1 and "Mars/Olympus" in err and err.count("\n") == 1
    assert agenda(capsys, data_dir, "time-zone", "Europe/Paris")[0] == 0
    assert now(capsys, data_dir, "2027-03-16T10:35")["at"] == "2027-03-16T10:35:00+01:00"

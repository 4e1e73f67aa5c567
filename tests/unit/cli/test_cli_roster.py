"""``companion roster`` and ``companion attendance``, as a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main

ROSTER = "code,name_latin,name_zh,agency,function\nP001,Li Weixqz,李伟栋,Qilinville Bureau,Officer\n"


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(capsys, data_dir, tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    source = tmp_path / "roster.csv"
    source.write_text(ROSTER + "P002,Wang Fangqz,王芳芷,Mountvale,Judge\n", encoding="utf-8")
    monkeypatch.setenv("COMPANION_PASSPHRASE", "a long passphrase")
    assert run(capsys, data_dir, "roster", "import", str(source), "--json") == (
        0,
        '{\n  "imported": 2\n}\n',
        "",
    )
    monkeypatch.delenv("COMPANION_PASSPHRASE")
    return data_dir


def test_roster_list_shows_codes_without_the_passphrase_and_names_with_it(
    capsys, imported, monkeypatch
) -> None:
    code, out, err = run(capsys, imported, "roster", "list", "--json")
    assert (code, err, json.loads(out)) == (0, "", [{"code": "P001"}, {"code": "P002"}])
    monkeypatch.setenv("COMPANION_PASSPHRASE", "a long passphrase")
    code, out, err = run(capsys, imported, "roster", "list", "--json")
    assert json.loads(out)[0] == {
        "code": "P001",
        "name_latin": "Li Weixqz",
        "name_zh": "李伟栋",
        "agency": "Qilinville Bureau",
        "function": "Officer",
    }
    monkeypatch.setenv("COMPANION_PASSPHRASE", "not the passphrase")
    code, out, err = run(capsys, imported, "roster", "list", "--json")
    assert (code, out) == (1, "") and err.count("\n") == 1 and "passphrase" in err


def test_a_roster_with_problems_prints_one_line_each_and_imports_nothing(capsys, data_dir, tmp_path) -> None:
    source = tmp_path / "roster.csv"
    source.write_text(ROSTER + "P001,Other,,,\nP12,,,,\n", encoding="utf-8")
    code, out, err = run(capsys, data_dir, "roster", "import", str(source))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "companion: line 3: code P001 appears twice (first on line 2)",
        "companion: line 4: code P12 is not like P001 (P and three or four digits)",
        "companion: line 4: participant P12 has no name",
    ]
    assert run(capsys, data_dir, "roster", "list", "--json")[1] == "[]\n"


def test_attendance_mark_import_and_list(capsys, imported, tmp_path) -> None:
    assert run(capsys, imported, "attendance", "mark", "P001", "d1-am") == (0, "P001 present in d1-am\n", "")
    marks = tmp_path / "marks.csv"
    marks.write_text("code,session,present\nP002,d1-am,1\nP001,d1-pm,0\n", encoding="utf-8")
    assert run(capsys, imported, "attendance", "import", str(marks))[0] == 0
    code, out, err = run(capsys, imported, "attendance", "list", "--json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert listed["sessions"][0] == {"id": "d1-am", "day": 1, "half": "am", "date": "2027-03-16"}
    assert listed["marks"] == [
        {"code": "P001", "session": "d1-am", "present": True},
        {"code": "P001", "session": "d1-pm", "present": False},
        {"code": "P002", "session": "d1-am", "present": True},
    ]


def test_attendance_refuses_an_unknown_code_or_session_in_one_line(capsys, imported) -> None:
    assert run(capsys, imported, "attendance", "mark", "P404", "d1-am") == (
        1,
        "",
        "companion: no participant has the code P404\n",
    )
    code, out, err = run(capsys, imported, "attendance", "mark", "P001", "d7-am")
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert err.startswith("companion: no half-day session d7-am")

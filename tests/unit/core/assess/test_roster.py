"""The roster: codes in plain, names sealed; files checked whole, one line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.assess.roster import Participant, Roster, RosterError, read_roster
from companion.core.records import RecordsError, Vault

HEADER = "code,name_latin,name_zh,agency,function\n"
# Made-up words found nowhere in the bundled content, so a search of the file's bytes means something.
ROWS = (
    "P001,Li Weixqz,李伟栋,Qilinville Bureau,Officer Zqx\n"
    "P002,Wang Fangqz,王芳芷,Mountvale Federation,Kvdirector\n"
)


def write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def roster(store) -> Roster:  # type: ignore[no-untyped-def]
    vault = Vault(store)
    vault.set_up("a long passphrase", "a long passphrase")
    return Roster(store, vault, store.current_pack_id())


def test_a_csv_roster_is_read_and_stored_with_names_that_open_again(tmp_path, roster) -> None:
    assert roster.import_file(write(tmp_path, HEADER + ROWS)) == 2
    assert roster.codes() == ["P001", "P002"]
    assert roster.participants()[1] == Participant(
        "P002", "Wang Fangqz", "王芳芷", "Mountvale Federation", "Kvdirector"
    )


def test_chinese_headers_and_an_xlsx_workbook_are_read(tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["编号", "姓名(拼音)", "姓名", "单位", "职务"])
    sheet.append(["p001", "Li Wei", "李伟", "公安局", "民警"])
    book.save(tmp_path / "roster.xlsx")
    assert read_roster(tmp_path / "roster.xlsx") == [Participant("P001", "Li Wei", "李伟", "公安局", "民警")]


def test_a_duplicate_code_is_reported_with_its_line_and_nothing_is_imported(tmp_path, roster) -> None:
    text = HEADER + ROWS + "P002,Chen Jie,陈杰,Court,Judge\nX7,,,,\n"
    with pytest.raises(RosterError) as caught:
        roster.import_file(write(tmp_path, text))
    assert caught.value.problems == [
        "line 4: code P002 appears twice (first on line 3)",
        "line 5: code X7 is not like P001 (P and three or four digits)",
        "line 5: participant X7 has no name",
    ]
    assert roster.codes() == []


def test_a_file_without_a_code_column_is_one_problem(tmp_path) -> None:
    with pytest.raises(RosterError, match="line 1: the header lacks the column code"):
        read_roster(write(tmp_path, "name,agency\nLi,PSB\n"))


def test_names_are_never_in_the_database_file_in_plain(tmp_path, roster, data_dir) -> None:
    roster.import_file(write(tmp_path, HEADER + ROWS))
    roster.store.close()
    raw = b"".join(path.read_bytes() for path in data_dir.iterdir() if path.is_file())
    assert b"P001" in raw
    for secret in ("Li Weixqz", "李伟栋", "王芳芷", "Qilinville", "Officer Zqx", "Mountvale", "Kvdirector"):
        assert secret.encode("utf-8") not in raw


def test_without_the_passphrase_codes_list_but_nothing_is_stored(tmp_path, roster) -> None:
    roster.import_file(write(tmp_path, HEADER + ROWS))
    locked = Roster(roster.store, Vault(roster.store), roster.pack_id)
    assert locked.codes() == ["P001", "P002"]
    with pytest.raises(RecordsError):
        locked.import_file(write(tmp_path, HEADER + "P003,Zhao Min,赵敏,Court,Judge\n"))
    assert locked.codes() == ["P001", "P002"]


def test_a_sealed_row_moved_to_another_code_does_not_open(tmp_path, roster) -> None:
    roster.import_file(write(tmp_path, HEADER + ROWS))
    conn = roster.store.conn
    box = conn.execute("SELECT sealed FROM participants WHERE code = 'P001'").fetchone()[0]
    conn.execute("UPDATE participants SET sealed = ? WHERE code = 'P002'", (box,))
    conn.commit()
    assert roster.participants()[1] == Participant("P002")


def test_removing_a_participant_removes_their_attendance(tmp_path, roster) -> None:
    from companion.core.assess.attendance import Attendance

    roster.import_file(write(tmp_path, HEADER + ROWS))
    attendance = Attendance(roster.store, roster.store.manifest(roster.pack_id))
    attendance.mark("P001", "d1-am")
    roster.remove("P001")
    assert roster.codes() == ["P002"] and attendance.marks() == []

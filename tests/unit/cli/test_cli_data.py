"""The ``backup`` commands: list, create and restore from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from companion.__main__ import main


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_create_list_and_restore_a_backup_from_the_command_line(data_dir: Path, capsys) -> None:
    assert _run(data_dir, "backup", "create", "--json") == 0
    made = json.loads(capsys.readouterr().out)
    assert made["reason"] == "manual" and Path(made["file"]).is_file()

    from companion.core.datafolder import open_data_folder

    store = open_data_folder(data_dir)
    store.set_setting("language", "zh-Hans")
    store.close()

    assert _run(data_dir, "backup", "list") == 0
    listing = capsys.readouterr().out
    assert made["id"] in listing and "made on request" in listing

    assert _run(data_dir, "backup", "restore", made["id"]) == 0
    out = capsys.readouterr().out
    assert f"Backup {made['id']} restored" in out
    store = open_data_folder(data_dir)
    assert store.get_setting("language") is None
    store.close()


def test_restoring_a_backup_that_does_not_exist_is_one_line_and_exit_1(data_dir: Path, capsys) -> None:
    assert _run(data_dir, "backup", "restore", "20000101-000000") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no backup 20000101-000000" in err

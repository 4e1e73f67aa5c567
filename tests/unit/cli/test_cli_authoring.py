"""`companion content status`, `companion workshop publish` and `companion workshop changes`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main
from companion.app.workshop import Workshop

BUNDLED = "nanning-workshop"
PASSPHRASE = "correct horse battery"


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _own_with_stale_text(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, data_dir, "workshop", "new", "my-ws", "--from", BUNDLED)[0] == 0
    workshop = Workshop.open(data_dir)
    data = workshop.item_data("cs-01")
    assert data is not None
    data["setting"]["en"] += " Edited."
    assert workshop.save_draft("case-study", data) == []
    workshop.close()


def test_content_status_lists_a_stale_translation(capsys, data_dir: Path) -> None:
    _own_with_stale_text(capsys, data_dir)
    code, out, _err = run(capsys, data_dir, "content", "status")
    assert code == 0 and out.splitlines() == ["cs-01: setting: zh-Hans: stale"]
    code, out, _err = run(capsys, data_dir, "content", "status", "--json")
    assert json.loads(out) == [{"id": "cs-01", "path": ["setting"], "lang": "zh-Hans", "state": "stale"}]


def test_publish_then_changes(capsys, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    _own_with_stale_text(capsys, data_dir)
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert run(capsys, data_dir, "pack", "key", "create")[0] == 0
    code, out, err = run(
        capsys, data_dir, "workshop", "publish", "--summary", "Our first", "--out", str(tmp_path), "--json"
    )
    assert code == 0, err
    done = json.loads(out)
    assert Path(done["facilitator_pack"]).is_file() and Path(done["participant_pack"]).is_file()
    code, out, _err = run(capsys, data_dir, "pack", "verify", done["participant_pack"])
    assert code == 0
    code, out, _err = run(capsys, data_dir, "workshop", "changes")
    assert code == 0 and out.startswith(done["version"]) and out.rstrip().endswith("Our first")


def test_publish_of_a_workshop_not_ones_own_is_one_line(capsys, data_dir: Path, tmp_path: Path) -> None:
    code, _out, err = run(
        capsys, data_dir, "workshop", "publish", "--summary", "x", "--out", str(tmp_path), "--unsigned"
    )
    assert code == 1 and len(err.strip().splitlines()) == 1 and "not yours to edit" in err

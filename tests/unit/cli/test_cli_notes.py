"""``companion notes``: add, list and export one's own notes, as a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main
from tests.unit import pdf_support


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_notes_added_are_listed_as_json_and_exported_with_their_passage(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, data_dir, "notes", "add", "cs-01", "问清楚债务 ask about the debt", "--passage", "老板"
    )
    assert (code, err) == (0, "") and out.startswith("note ")
    assert run(capsys, data_dir, "notes", "add", "doc-05", "--bookmark")[0] == 0
    code, out, err = run(capsys, data_dir, "notes", "list", "--json")
    listed = json.loads(out)
    assert (code, err) == (0, "")
    assert [(n["item"], n["kind"], n["passage"], n["note"]) for n in listed] == [
        ("cs-01", "note", "老板", "问清楚债务 ask about the debt"),
        ("doc-05", "bookmark", "", ""),
    ]
    assert listed[0]["field"].startswith("stages/")
    target = tmp_path / "my notes.pdf"
    code, out, err = run(capsys, data_dir, "notes", "export", "--out", str(target))
    assert (code, out.strip(), err) == (0, str(target), "")
    text = pdf_support.squeeze(pdf_support.text(target))
    assert pdf_support.squeeze("问清楚债务 ask about the debt") in text and "“老板”" in text


def test_a_note_on_an_unknown_item_is_one_line_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, data_dir, "notes", "add", "no-such-item", "text")
    assert (code, out) == (1, "") and err.count("\n") == 1 and "no-such-item" in err
    assert run(capsys, data_dir, "notes", "add", "cs-01")[0] == 1  # nothing to add
    assert json.loads(run(capsys, data_dir, "notes", "list", "--json")[1]) == []

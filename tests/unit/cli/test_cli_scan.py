"""``companion assess sheets`` and ``assess scan``: print sheets, scan them, merge them once."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from companion.__main__ import main


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _form_a(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[str]:
    _code, out, _err = run(capsys, data_dir, "assess", "forms", "--json")
    (form,) = [f for f in json.loads(out) if f["id"] == "form-a"]
    return [q["id"] for q in form["questions"]]


def _scan_pdf(sheets: list[Path], target: Path) -> Path:
    """The printed sheets as a sheet feeder returns them: one PDF of page images."""
    images = []
    for pdf in sheets:
        stem = pdf.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True
        )
        images.append(Image.open(f"{stem}.png").convert("L"))
    images[0].save(target, save_all=True, append_images=images[1:], resolution=150)
    return target


def test_sheets_printed_marked_and_scanned_come_back_as_marked_and_merge_once(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    questions = _form_a(capsys, data_dir)
    specimen = {"P001": {questions[0]: "A", questions[1]: "B"}, "P002": {questions[-1]: "A"}}
    (tmp_path / "specimen.json").write_text(json.dumps(specimen), encoding="utf-8")
    out_dir = tmp_path / "sheets"
    code, out, err = run(
        capsys, data_dir, "assess", "sheets", "--form", "form-a", "--out", str(out_dir),
        "--participants", "P001,P002", "--specimen", str(tmp_path / "specimen.json"),
    )  # fmt: skip
    assert (code, err) == (0, "") and sorted(p.name for p in out_dir.iterdir()) == [
        "form-a-P001.pdf",
        "form-a-P002.pdf",
    ]
    scan = _scan_pdf([out_dir / "form-a-P001.pdf", out_dir / "form-a-P002.pdf"], tmp_path / "scan.pdf")

    code, out, err = run(capsys, data_dir, "assess", "scan", str(scan), "--dry-run", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "file": str(scan),
            "page": page,
            "participant": who,
            "form": "form-a",
            "answers": {q: specimen[who].get(q) for q in questions},
            "flagged": [],
        }
        for page, who in ((1, "P001"), (2, "P002"))
    ]
    assert json.loads(run(capsys, data_dir, "results", "list", "--json")[1])["results"] == []  # dry run

    code, out, err = run(capsys, data_dir, "assess", "scan", str(scan), "--json")
    assert (code, err) == (0, "merged: added 2, unchanged 0, conflicts 0\n")
    code, out, err = run(capsys, data_dir, "assess", "scan", str(scan), "--json")
    assert (code, err) == (0, "merged: added 0, unchanged 2, conflicts 0\n")
    stored = json.loads(run(capsys, data_dir, "results", "list", "--json")[1])["results"]
    assert sorted((r["participant"], r["source"]) for r in stored) == [("P001", "scan"), ("P002", "scan")]


def test_all_participants_without_a_roster_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, data_dir, "assess", "sheets", "--form", "form-a", "--out", str(tmp_path / "s")
    )
    assert (code, out) == (1, "") and err.count("\n") == 1 and "needs a roster" in err
    assert not (tmp_path / "s").exists()


def test_a_specimen_naming_a_question_of_another_form_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "specimen.json").write_text('{"P001": {"q-99": "A"}}', encoding="utf-8")
    code, out, err = run(
        capsys, data_dir, "assess", "sheets", "--form", "form-a", "--out", str(tmp_path / "s"),
        "--participants", "P001", "--specimen", str(tmp_path / "specimen.json"),
    )  # fmt: skip
    assert (code, out, err) == (1, "", "companion: specimen: P001: q-99 is not a question of form-a\n")


def test_a_file_that_is_not_a_scan_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"\xff\xd8 truncated")
    code, out, err = run(capsys, data_dir, "assess", "scan", str(bad), "--dry-run", "--json")
    assert (code, out) == (1, "") and err.count("\n") == 1 and "photo.jpg: not an image or PDF" in err

"""Paper evaluation sheets: printed anonymous, marked, scanned, read as ratings, merged once."""

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


FIRST = {"ag-01/relevance": "5", "ag-01/clarity": "3", "overall/4": "1"}
SECOND = {"ag-01/relevance": "4", "ag-14/usefulness": "2"}


def test_evaluation_sheets_printed_marked_and_scanned_are_anonymous_ratings_merged_once(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "specimen.json").write_text(json.dumps([FIRST, SECOND]), encoding="utf-8")
    out_dir = tmp_path / "sheets"
    code, out, err = run(
        capsys, data_dir, "assess", "sheets", "--form", "evaluation", "--out", str(out_dir),
        "--count", "3", "--specimen", str(tmp_path / "specimen.json"), "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    written = [Path(p) for p in json.loads(out)]
    assert len(written) == 3 and len({p.name for p in written}) == 3  # a new sheet ID each
    assert all(p.name.startswith("evaluation-") and "P0" not in p.name for p in written)
    scan = _scan_pdf(written[:2], tmp_path / "scan.pdf")

    code, out, err = run(capsys, data_dir, "assess", "scan", str(scan), "--dry-run", "--json")
    assert (code, err) == (0, "")
    pages = json.loads(out)
    assert [(p["participant"], p["form"], p["flagged"]) for p in pages] == [(None, "evaluation", [])] * 2
    assert len(pages[0]["answers"]) == 46  # every rating row of the bundled form, on one sheet
    for page, marked in zip(pages, (FIRST, SECOND), strict=True):
        assert {row: v for row, v in page["answers"].items() if v is not None} == marked

    code, out, err = run(capsys, data_dir, "assess", "scan", str(scan), "--json")
    assert code == 0 and "added 2" in err
    run(capsys, data_dir, "assess", "scan", str(scan), "--json")  # the same scan again: nothing new
    _, out, _ = run(capsys, data_dir, "evaluation", "summary", "--json")
    summary = json.loads(out)
    assert summary["responses"] == 2
    assert summary["ratings"][0] == {
        "row": "ag-01/relevance",
        "counts": [0, 0, 0, 1, 1],
        "answered": 2,
        "mean": 4.5,
    }
    _, out, _ = run(capsys, data_dir, "evaluation", "list", "--json")
    assert {r["origin"] for r in json.loads(out)["responses"]} == {"scan"}


def test_a_specimen_rating_outside_1_to_5_is_one_line_and_prints_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "specimen.json").write_text(json.dumps([{"ag-01/clarity": "7"}]), encoding="utf-8")
    out_dir = tmp_path / "sheets"
    code, out, err = run(
        capsys, data_dir, "assess", "sheets", "--form", "evaluation", "--out", str(out_dir),
        "--specimen", str(tmp_path / "specimen.json"),
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert "'7' is not a rating 1-5" in err and err.count("\n") == 1
    assert not out_dir.exists()


def test_count_is_refused_for_a_knowledge_check(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, data_dir, "assess", "sheets", "--form", "form-a", "--out", str(tmp_path),
                       "--participants", "P001", "--count", "2")  # fmt: skip
    assert code == 1 and "--count is for evaluation sheets" in err

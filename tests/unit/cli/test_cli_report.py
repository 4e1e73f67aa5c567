"""``companion report``, as a script uses it: PDF or XLSX, the passphrase for agencies, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main
from companion.app.workshop import Workshop
from tests.unit.report_support import PASSPHRASE, populate


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(data_dir: Path, tmp_path: Path) -> Path:
    workshop = Workshop.open(data_dir)
    populate(workshop, 6, tmp_path)
    workshop.close()
    return data_dir


def test_report_pdf_with_the_passphrase_has_the_agencies(capsys, filled, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "report.pdf"
    code, printed, err = run(capsys, filled, "report", "--out", str(out), "--lang", "bilingual", "--json")
    assert (code, err) == (0, "")
    summary = json.loads(printed)
    assert summary["format"] == "pdf" and summary["registered"] == 6 and summary["agencies"] is True
    assert summary["results"] > 0 and summary["responses"] > 0 and summary["timed_sessions"] > 0
    assert out.read_bytes().startswith(b"%PDF")


def test_report_without_the_passphrase_still_prints(capsys, filled, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("COMPANION_PASSPHRASE", raising=False)
    out = tmp_path / "report.pdf"
    code, printed, err = run(capsys, filled, "report", "--out", str(out), "--json")
    assert (code, err) == (0, "")
    assert json.loads(printed)["agencies"] is False


def test_report_xlsx_from_the_extension(capsys, filled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.xlsx"
    code, printed, err = run(capsys, filled, "report", "--out", str(out), "--edition", "facilitator")
    assert (code, printed.strip(), err) == (0, str(out), "")
    assert out.read_bytes().startswith(b"PK")


def test_a_wrong_passphrase_is_one_line_and_writes_nothing(capsys, filled, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMPANION_PASSPHRASE", "not the passphrase at all")
    out = tmp_path / "report.pdf"
    code, printed, err = run(capsys, filled, "report", "--out", str(out))
    assert code == 1 and printed == "" and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unwritable_destination_is_one_line(capsys, filled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "missing-folder" / "report.pdf"
    code, printed, err = run(capsys, filled, "report", "--out", str(out))
    assert code == 1 and printed == "" and len(err.strip().splitlines()) == 1
    assert "report.pdf" in err

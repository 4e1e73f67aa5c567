"""`companion referral`: the directory as JSON, and slips from practice answers or a field record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main
from tests.unit import pdf_support

PASSPHRASE = "a long enough passphrase"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_services_json_lists_the_directory_without_confidential_details(data_dir: Path, capsys) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "referral", "services", "--json")
    services = json.loads(out)
    assert code == 0 and {s["type"] for s in services} >= {"shelter", "hotline"}
    assert "Sample Lane" not in out and any(s["has_confidential"] for s in services)


def test_a_practice_slip_from_an_answers_file(data_dir: Path, tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"DR01": "present"}', encoding="utf-8")
    out = tmp_path / "slip.pdf"
    code, _out, err = run(
        capsys, "--data-dir", str(data_dir), "referral", "slip", "--tool", "ilo-adult-labour",
        "--answers", str(answers), "--service", "svc-01", "--out", str(out), "--unit", "Sample unit",
    )
    assert code == 0, err
    text = pdf_support.text(out)
    assert "Sample unit" in text and "Sample Lane" not in text and pdf_support.pages(out) == 1


def test_a_slip_from_a_record_prints_its_case_code_never_its_notes(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.app.domain import FieldRecord
    from companion.app.workshop import Workshop

    workshop = Workshop.open(data_dir)
    vault = workshop.vault()
    vault.set_up(PASSPHRASE, PASSPHRASE)
    vault.save(
        FieldRecord(
            case_code="NN-0042", tool_id="ilo-adult-labour", tool_version="2009-09",
            answers={"DR01": "present"}, notes="Name: Wang Xiaoming",
        )
    )
    workshop.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "slip.pdf"
    code, _out, err = run(
        capsys, "--data-dir", str(data_dir), "referral", "slip", "--record", "NN-0042",
        "--service", "svc-01", "--out", str(out), "--include-confidential",
    )
    assert code == 0, err
    text = pdf_support.text(out)
    assert "NN-0042" in text and "Wang" not in text and "Sample Lane" in text


def test_an_unknown_service_is_one_line(data_dir: Path, tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text("{}", encoding="utf-8")
    code, _out, err = run(
        capsys, "--data-dir", str(data_dir), "referral", "slip", "--tool", "ilo-adult-labour",
        "--answers", str(answers), "--service", "nope", "--out", str(tmp_path / "s.pdf"),
    )
    assert code == 1 and err.count("\n") == 1 and "nope" in err
    assert not (tmp_path / "s.pdf").exists()

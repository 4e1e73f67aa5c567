"""``companion assess forms|answer`` and ``companion results import|list|export``, as a script uses them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from companion.__main__ import main


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def forms(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, object]]:
    code, out, err = run(capsys, data_dir, "assess", "forms", "--json")
    assert (code, err) == (0, "")
    return list(json.loads(out))


def answered(capsys, data_dir: Path, tmp_path: Path, code: str, answers: dict[str, str], name: str) -> Path:  # type: ignore[no-untyped-def]
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(answers), encoding="utf-8")
    out = tmp_path / f"{name}.ctresult"
    result = run(capsys, data_dir, "assess", "answer", "--form", "form-a", "--participant", code,
                 "--answers", str(source), "--out", str(out))  # fmt: skip
    assert result[0] == 0, result
    return out


def test_forms_lists_ids_titles_objectives_and_questions_with_their_choices(capsys, data_dir: Path) -> None:
    listed = forms(capsys, data_dir)
    assert {"form-a", "form-b"} <= {f["id"] for f in listed}
    form_a = next(f for f in listed if f["id"] == "form-a")
    assert set(form_a) == {"id", "title", "objectives", "questions"}
    first = form_a["questions"][0]  # type: ignore[index]
    assert set(first) == {"id", "objective", "choices"}
    assert first["choices"][:2] == ["A", "B"]
    assert first["objective"] in form_a["objectives"]  # type: ignore[operator]
    assert "answer" not in json.dumps(listed)  # the key is not printed


def test_answer_import_twice_then_a_conflict(capsys, data_dir: Path, tmp_path: Path) -> None:
    first_q = forms(capsys, data_dir)[0]["questions"][0]["id"]  # type: ignore[index]
    one = answered(capsys, data_dir, tmp_path, "P001", {first_q: "A"}, "one")
    code, out, err = run(capsys, data_dir, "results", "import", str(one))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"added": 1, "unchanged": 0, "conflicts": []}
    code, out, _ = run(capsys, data_dir, "results", "import", str(one))
    assert json.loads(out) == {"added": 0, "unchanged": 1, "conflicts": []}

    other = answered(capsys, data_dir, tmp_path, "P001", {first_q: "B"}, "other")
    code, out, _ = run(capsys, data_dir, "results", "import", str(other))
    report = json.loads(out)
    assert (report["added"], report["unchanged"]) == (0, 0)
    assert report["conflicts"][0]["participant"] == "P001"
    assert report["conflicts"][0]["stored"][first_q] == "A"
    assert report["conflicts"][0]["incoming"][first_q] == "B"

    code, out, _ = run(capsys, data_dir, "results", "list", "--json")
    listed = json.loads(out)
    assert [r["answers"][first_q] for r in listed["results"]] == ["A"]  # not overwritten
    assert len(listed["conflicts"]) == 1 and listed["results"][0]["source"] == "keyboard (one.ctresult)"


def test_a_bad_file_is_one_line_and_nothing_is_merged(capsys, data_dir: Path, tmp_path: Path) -> None:
    good = answered(capsys, data_dir, tmp_path, "P001", {}, "good")
    bad = tmp_path / "bad.ctresult"
    bad.write_bytes(good.read_bytes()[:40])
    code, out, err = run(capsys, data_dir, "results", "import", str(good), str(bad))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "bad.ctresult" in err and "truncated" in err
    code, out, _ = run(capsys, data_dir, "results", "list", "--json")
    assert json.loads(out)["results"] == []


def test_another_workshops_file_is_refused(capsys, data_dir: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    from companion.core.assess.results import read_result, write_result

    good = answered(capsys, data_dir, tmp_path, "P001", {}, "good")
    foreign = write_result(tmp_path / "foreign.ctresult", replace(read_result(good), workshop="elsewhere"))
    code, _, err = run(capsys, data_dir, "results", "import", str(foreign))
    assert code == 1 and "another workshop" in err


def test_answer_refuses_a_question_not_on_the_form(capsys, data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_text('{"q-999": "A"}', encoding="utf-8")
    code, _, err = run(capsys, data_dir, "assess", "answer", "--form", "form-a", "--participant", "P001",
                       "--answers", str(source), "--out", str(tmp_path / "r.ctresult"))  # fmt: skip
    assert code == 1 and "q-999 is not on form form-a" in err
    assert not (tmp_path / "r.ctresult").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_has_codes_and_answers_never_names(capsys, data_dir: Path, tmp_path: Path, fmt: str) -> None:
    first_q = forms(capsys, data_dir)[0]["questions"][0]["id"]  # type: ignore[index]
    one = answered(capsys, data_dir, tmp_path, "P007", {first_q: "B"}, "one")
    run(capsys, data_dir, "results", "import", str(one))
    out = tmp_path / f"results.{fmt}"
    code, _, err = run(capsys, data_dir, "results", "export", "--format", fmt, "--out", str(out))
    assert (code, err) == (0, "")
    if fmt == "csv":
        rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    else:
        from openpyxl import load_workbook

        rows = [
            [c if c is not None else "" for c in r]
            for r in load_workbook(out).active.iter_rows(values_only=True)
        ]
    header, row = rows
    assert header[:3] == ["participant", "form", "attempt"] and "name" not in " ".join(map(str, header))
    assert row[:3] == ["P007", "form-a", "pre"]
    assert row[header.index(first_q)] == "B"

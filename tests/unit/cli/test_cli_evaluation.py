"""``companion evaluation answer|list|summary``, and evaluation files in ``results import``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def answered(capsys, data_dir: Path, tmp_path: Path, answers: dict[str, object], name: str) -> Path:  # type: ignore[no-untyped-def]
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(answers), encoding="utf-8")
    out = tmp_path / f"{name}.ctevaluation"
    result = run(capsys, data_dir, "evaluation", "answer", "--form", "evaluation",
                 "--answers", str(source), "--out", str(out))  # fmt: skip
    assert result[0] == 0, result
    return out


ANSWERS = {"ratings": {"ag-01/relevance": 5, "overall/1": 4}, "comments": {"free/1": "更多案例"}}


def test_answer_then_import_twice_is_added_once_and_summarised(capsys, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = answered(capsys, data_dir, tmp_path, ANSWERS, "one")
    two = answered(capsys, data_dir, tmp_path, {"ratings": {"ag-01/relevance": 3}}, "two")
    code, out, err = run(capsys, data_dir, "results", "import", str(one), str(two))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"added": 2, "unchanged": 0, "conflicts": []}
    code, out, _ = run(capsys, data_dir, "results", "import", str(one))
    assert json.loads(out) == {"added": 0, "unchanged": 1, "conflicts": []}

    code, out, err = run(capsys, data_dir, "evaluation", "summary", "--json")
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert (summary["form"], summary["responses"]) == ("evaluation", 2)
    assert len(summary["ratings"]) == 46  # 14 sessions x 3 aspects + 4 overall statements
    first = summary["ratings"][0]
    assert first == {"row": "ag-01/relevance", "counts": [0, 0, 1, 0, 1], "answered": 2, "mean": 4.0}
    assert summary["comments"]["free/1"] == ["更多案例"]

    code, out, _ = run(capsys, data_dir, "evaluation", "list", "--json")
    listed = json.loads(out)
    assert len(listed["responses"]) == 2 and listed["conflicts"] == []
    assert "participant" not in out  # anonymous


def test_a_changed_response_with_the_same_id_is_a_conflict_kept(capsys, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess.evaluations import read_response, write_response

    one = answered(capsys, data_dir, tmp_path, ANSWERS, "one")
    run(capsys, data_dir, "results", "import", str(one))
    original = read_response(one)
    changed = type(original)(**{**original.__dict__, "ratings": {"ag-01/relevance": 1}})
    other = write_response(tmp_path / "other.ctevaluation", changed)
    _, out, _ = run(capsys, data_dir, "results", "import", str(other))
    (conflict,) = json.loads(out)["conflicts"]
    assert conflict["response"] == original.response
    assert (conflict["stored"]["ag-01/relevance"], conflict["incoming"]["ag-01/relevance"]) == ("5", "1")
    _, out, _ = run(capsys, data_dir, "evaluation", "summary", "--json")
    assert json.loads(out)["ratings"][0]["counts"] == [0, 0, 0, 0, 1]  # the stored answer kept


def test_a_mixed_import_with_one_bad_file_merges_nothing(capsys, data_dir: Path, tmp_path: Path) -> None:
    good = answered(capsys, data_dir, tmp_path, ANSWERS, "good")
    bad = tmp_path / "bad.ctevaluation"
    bad.write_bytes(good.read_bytes()[:40])
    code, out, err = run(capsys, data_dir, "results", "import", str(good), str(bad))
    assert (code, out) == (1, "")
    assert "bad.ctevaluation" in err and "truncated or damaged" in err and err.count("\n") == 1
    code, out, _ = run(capsys, data_dir, "evaluation", "list", "--json")
    assert json.loads(out)["responses"] == []


def test_results_and_evaluations_import_together(capsys, data_dir: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, data_dir, "assess", "forms", "--json")
    question = json.loads(out)[0]["questions"][0]["id"]
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({question: "A"}), encoding="utf-8")
    result = tmp_path / "r.ctresult"
    run(capsys, data_dir, "assess", "answer", "--form", "form-a", "--participant", "P001",
        "--answers", str(answers), "--out", str(result))  # fmt: skip
    evaluation = answered(capsys, data_dir, tmp_path, ANSWERS, "e")
    code, out, err = run(capsys, data_dir, "results", "import", str(result), str(evaluation))
    assert (code, err) == (0, "")
    assert json.loads(out)["added"] == 2


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"ratings": {"ag-01/relevance": 6}}, "not 1-5"),
        ({"ratings": {"ag-99/clarity": 3}}, "not a rating row"),
        ({"ratings": {"ag-01/relevance": "five"}}, "not a JSON answers file"),
        ({"participant": "P001"}, "not a JSON answers file"),
    ],
)
def test_bad_answers_are_one_line_and_write_nothing(capsys, data_dir, tmp_path, answers, message) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "answers.json"
    source.write_text(json.dumps(answers), encoding="utf-8")
    out = tmp_path / "r.ctevaluation"
    code, printed, err = run(capsys, data_dir, "evaluation", "answer", "--form", "evaluation",
                             "--answers", str(source), "--out", str(out))  # fmt: skip
    assert (code, printed) == (1, "")
    assert message in err and err.count("\n") == 1
    assert not out.exists()


def test_an_unknown_form_is_one_line(capsys, data_dir: Path) -> None:
    code, _, err = run(capsys, data_dir, "evaluation", "summary", "--form", "nope", "--json")
    assert code == 1 and "no evaluation form with id 'nope'" in err

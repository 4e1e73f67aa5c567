"""``companion screen``: the tool description and practice assessments, as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main

EXAMPLE_1 = ("DR01", "DR08", "EXP01", "EXP04", "CD01", "AVD01", "AVD03")
# Every ID of the adult labour list (docs/domain.md#indicators-and-grades); grades spot-checked below.
ADULT_IDS = {"DR": 10, "CR": 10, "AVR": 16, "EXP": 9, "CD": 15, "AVD": 7}
STRONG = {"DR01", "CR01", "EXP01", "CD01", "CD02", "CD03", "CD04"}
WEAK = {"DR10", "AVR15", "AVR16", "EXP09", "CD15", "AVD06", "AVD07"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(tmp_path: Path, content: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_describe_lists_the_six_dimensions_with_the_brief_ids_and_grades(capsys, data_dir: Path) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--describe", "--json"
    )
    assert code == 0, err
    tool = json.loads(out)
    assert set(tool) == {"id", "version", "title", "dimensions"}
    assert tool["id"] == "ilo-adult-labour" and set(tool["title"]) == {"en", "zh-Hans"}
    assert [d["id"] for d in tool["dimensions"]] == ["DR", "CR", "AVR", "EXP", "CD", "AVD"]
    for dimension in tool["dimensions"]:
        expected = [f"{dimension['id']}{n:02}" for n in range(1, ADULT_IDS[dimension["id"]] + 1)]
        assert [i["id"] for i in dimension["indicators"]] == expected
        assert set(dimension["title"]) == {"en", "zh-Hans"}
    grades = {i["id"]: i["grade"] for d in tool["dimensions"] for i in d["indicators"]}
    assert len(grades) == 67
    assert (grades["DR01"], grades["AVR13"], grades["AVD06"]) == ("strong", "medium", "weak")
    assert {i for i, g in grades.items() if g == "strong"} == STRONG
    assert {i for i, g in grades.items() if g == "weak"} == WEAK
    indicator = tool["dimensions"][0]["indicators"][0]
    assert set(indicator) == {"id", "grade", "text"} and set(indicator["text"]) == {"en", "zh-Hans"}


def test_answers_reproduce_worked_example_1_and_1b(capsys, data_dir: Path, tmp_path: Path) -> None:
    example_1 = answers_file(tmp_path, dict.fromkeys(EXAMPLE_1, "present"), "ex1.json")
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--answers", example_1, "--json"
    )
    assert code == 0, err
    shown = json.loads(out)
    assert {"tool", "dimensions", "outcome", "complete", "label", "explanation"} <= set(shown)
    assert shown["tool"] == "ilo-adult-labour"
    assert shown["outcome"] == "not_met" and shown["complete"] is False
    assert shown["dimensions"]["CD"] == {
        "positive": False,
        "strong": 1,
        "medium": 0,
        "weak": 0,
        "unknown": 14,
        "declined": 0,
    }
    assert shown["dimensions"]["AVD"]["positive"] is False and shown["dimensions"]["EXP"]["positive"] is True
    assert shown["label"].startswith("Improper recruitment and exploitation")
    assert "AVD06" in shown["what_would_change"]["AVD"] and "CD14" in shown["what_would_change"]["CD"]

    example_1b = answers_file(tmp_path, dict.fromkeys((*EXAMPLE_1, "AVD06"), "present"), "ex1b.json")
    code, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "screen",
        "ilo-adult-labour",
        "--answers",
        example_1b,
        "--json",
        "--age",
        "30",
    )
    assert code == 0, err
    shown = json.loads(out)
    assert shown["outcome"] == "met" and shown["policy"] == "adult"
    assert shown["dimensions"]["AVD"] == {
        "positive": True,
        "strong": 0,
        "medium": 2,
        "weak": 1,
        "unknown": 4,
        "declined": 0,
    }


def test_a_child_with_an_act_and_the_chinese_result(capsys, data_dir: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, {"EXP01": "present", "EXP09": "present", "CD04": "absent"})
    argv = [
        "--data-dir",
        str(data_dir),
        "screen",
        "ilo-child-labour",
        "--answers",
        path,
        "--json",
        "--age",
        "15",
    ]
    code, out, _err = run(capsys, *argv, "--act", "--lang", "zh-Hans")
    shown = json.loads(out)
    assert code == 0 and shown["outcome"] == "met" and shown["policy"] == "child-palermo"
    assert "CHILD_PALERMO" in shown["explanation"] and "儿童" in shown["label"]
    _code, out, _err = run(capsys, *argv, "--act", "--child-policy", "ilo-as-adult")
    assert json.loads(out)["outcome"] == "not_met"
    _code, out, _err = run(capsys, *argv)
    assert json.loads(out)["outcome"] == "not_met"  # no act recorded


def test_without_json_a_readable_summary(capsys, data_dir: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, {"FL01": "present"})
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-forced-labour", "--answers", path
    )
    assert code == 0
    assert "Outcome: indicators present" in out and "nothing is stored" in out and "Caveats:" in out
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "screen", "ilo-forced-labour", "--describe")
    assert code == 0 and "FL11" in out


@pytest.mark.parametrize(
    ("tool", "content", "expected"),
    [
        ("no-such-tool", {}, "no screening tool with id 'no-such-tool'"),
        ("cs-01", {}, "no screening tool with id 'cs-01'"),
        ("ilo-adult-labour", {"XX99": "present"}, "unknown indicator 'XX99'"),
        ("ilo-adult-labour", {"DR01": "yes"}, "answer must be present, absent, unknown or declined"),
        ("ilo-adult-labour", {"DR01": None}, "answer must be present, absent, unknown or declined"),
        ("ilo-adult-labour", "{not json", "not valid JSON"),
        ("ilo-adult-labour", '["DR01"]', "must be a JSON object"),
        ("ilo-adult-labour", None, "cannot read answers file"),
    ],
)
def test_errors_are_one_line_on_stderr_and_exit_1(
    capsys, data_dir: Path, tmp_path: Path, tool: str, content: object, expected: str
) -> None:
    path = str(tmp_path / "missing.json") if content is None else answers_file(tmp_path, content)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "screen", tool, "--answers", path, "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("companion: ") and expected in err


def test_an_unknown_tool_in_describe_is_exit_1(capsys, data_dir: Path) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "no-such-tool", "--describe", "--json"
    )
    assert code == 1 and out == "" and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["screen", "ilo-adult-labour"],
        ["screen", "ilo-adult-labour", "--describe", "--answers", "x.json"],
        ["screen", "ilo-adult-labour", "--answers", "x.json", "--age", "old"],
        ["screen", "ilo-adult-labour", "--answers", "x.json", "--lang", "fr"],
    ],
)
def test_usage_errors_exit_2(capsys, data_dir: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(data_dir), *argv])
    assert caught.value.code == 2


def _assert_one_line(code: int, out: str, err: str, expected: str) -> None:
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("companion: ") and expected in err, err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"DR01": ' + "[" * 100_000, "nested too deeply"),
        ({"DR01": {"present": True}}, "unknown or declined, not a JSON object"),
        ({"DR01": ["present"]}, "unknown or declined, not a JSON array"),
        ({"DR01": 1}, "not a JSON number"),
        ('{"DR01": ' + "1" * 5000 + "}", "a number in it is too long"),
        ({"X" * 5000: "present"}, "unknown indicator 'XXXX"),
        ({"DR01": "p" * 5000}, "not 'pppp"),
    ],
)
def test_an_answers_file_that_is_not_a_flat_object_of_answers_is_one_line(
    capsys, data_dir: Path, tmp_path: Path, content: object, expected: str
) -> None:
    path = answers_file(tmp_path, content)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--answers", path)
    _assert_one_line(code, out, err, expected)
    assert len(err) < 300  # a 5,000-character key or answer is shortened, not echoed


@pytest.mark.parametrize("kind", ["folder", "named pipe", "device", "too large"])
def test_an_answers_file_that_is_not_a_small_regular_file_is_refused_without_waiting(
    data_dir: Path, tmp_path: Path, kind: str
) -> None:
    import os
    import subprocess
    import sys

    if kind == "folder":
        path, expected = str(tmp_path), "answers file"
    elif kind == "named pipe":
        path, expected = str(tmp_path / "pipe"), "not a regular file"
        os.mkfifo(path)  # nobody writes to it: reading it would wait for ever
    elif kind == "device":
        path, expected = "/dev/zero", "not a regular file"  # reading it never ends
    else:
        path, expected = answers_file(tmp_path, " " * 1_000_001), "larger than 1,000,000 bytes"
    # A subprocess with a timeout: a reader that waits on the pipe must fail, not hang the suite.
    command = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "screen", "ilo-adult-labour"]
    result = subprocess.run(
        [*command, "--answers", path],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    _assert_one_line(result.returncode, result.stdout, result.stderr, expected)


def test_an_answers_file_whose_name_is_not_utf8_is_read(capsys, data_dir: Path, tmp_path: Path) -> None:
    # On Linux a file name is bytes; Python hands b"\xff" over as the lone surrogate "\udcff".
    path = tmp_path / "answers-\udcff.json"
    path.write_text(json.dumps({"DR01": "present"}), encoding="utf-8")
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--answers", str(path), "--json"
    )
    assert code == 0, err
    assert json.loads(out)["dimensions"]["DR"]["strong"] == 1


def test_answers_on_standard_input(data_dir: Path) -> None:
    import subprocess
    import sys

    argv = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "screen", "ilo-adult-labour"]
    result = subprocess.run(
        [*argv, "--answers", "-", "--json"], input=b'{"DR01": "present"}', capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dimensions"]["DR"]["strong"] == 1
    result = subprocess.run([*argv, "--answers", "-"], input=b"\xff\xfe", capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == b"companion: answers file from standard input is not UTF-8 text\n"


def test_an_answers_file_may_say_declined_and_the_text_report_counts_it(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    answers = answers_file(tmp_path, {"DR01": "declined", "DR02": "present", "CR01": "declined"})
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--answers", answers
    )
    assert code == 0, err
    dr_line = next(line for line in out.splitlines() if line.strip().startswith("DR "))
    assert "declined 1" in dr_line and "strong 0" in dr_line
    assert "declined to answer on 2 of the tool's" in out
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--answers", answers, "--json"
    )
    assert json.loads(out)["dimensions"]["DR"]["declined"] == 1

"""The scriptable interface, as facilitators' scripts and acceptance tests use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from companion.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_names_the_application(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--version")
    assert code == 0 and out.startswith("Training Companion ")
    assert "SQLite" in out


def test_content_list_json_lists_agenda_and_case_studies(capsys, data_dir: Path) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "content", "list", "--json")
    items = json.loads(out)
    assert code == 0
    kinds = {item["kind"] for item in items}
    assert {"agenda-item", "case-study", "screening-tool", "document", "glossary-term"} <= kinds
    assert all(set(item) == {"kind", "id", "title"} for item in items)
    assert all(set(item["title"]) == {"en", "zh-Hans"} for item in items)


def test_content_list_filters_by_kind(capsys, data_dir: Path) -> None:
    _code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "content", "list", "--kind", "case-study", "--json"
    )
    assert {item["kind"] for item in json.loads(out)} == {"case-study"}


def test_content_show_gives_every_field_in_both_languages(capsys, data_dir: Path, bundled_pack) -> None:
    study = bundled_pack.by_kind("case-study")[0]
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "content", "show", study.id, "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown["id"] == study.id
    assert shown["facilitator_notes"]["model_answers"][0]["zh-Hans"]
    assert shown["answer_keys"]


def test_search_json_finds_english_and_chinese(capsys, data_dir: Path) -> None:
    for query in ("debt", "受害人", "债务"):
        code, out, _err = run(capsys, "--data-dir", str(data_dir), "search", query, "--json")
        hits = json.loads(out)
        assert code == 0 and hits, query
        assert all(set(hit) == {"kind", "id", "title", "snippet"} for hit in hits)


def test_an_unknown_id_is_one_line_on_stderr_and_exit_1(capsys, data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "content", "show", "no-such-item")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no-such-item" in err


def test_usage_errors_exit_2(capsys, data_dir: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(data_dir), "content", "list", "--kind", "nonsense"])
    assert caught.value.code == 2


def test_the_installed_entry_point_runs_without_a_traceback(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "content", "show", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_a_reader_that_stops_early_gets_no_error_line(data_dir: Path) -> None:
    # As in `companion content list | head -3`: the pipe closes before the output is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "content", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # type: ignore[union-attr]
    _, err = process.communicate(timeout=120)
    assert err == ""


def test_the_kinds_offered_are_the_kinds_content_has() -> None:
    from companion.cli.content import KINDS
    from companion.core.sources import FOLDERS

    assert set(KINDS) == set(FOLDERS.values())

"""The scriptable interface, as facilitators' scripts and acceptance tests use it."""

from __future__ import annotations

import json
import os
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


# --- the boundary: arguments, unexpected errors, output encodings -------------------------------

NOT_UTF8 = b"caf\xe9 \xff".decode("utf-8", "surrogateescape")  # what Python makes of such bytes in argv
FINGERPRINT = "ab" * 32


@pytest.mark.parametrize(
    ("argv", "argument"),
    [
        (["search", NOT_UTF8], "argument query"),
        (["content", "show", NOT_UTF8], "argument id"),
        (["screen", NOT_UTF8, "--describe"], "argument tool"),
        (["pack", "use", NOT_UTF8], "argument id"),
        (["pack", "trust", FINGERPRINT, "--name", NOT_UTF8], "argument --name"),
        (["pack", "trust", NOT_UTF8, "--name", "Academy"], "argument fingerprint"),
    ],
)
def test_a_text_argument_that_is_not_utf8_is_a_usage_error(
    capsys, data_dir: Path, argv: list[str], argument: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(data_dir), *argv])
    _out, err = capsys.readouterr()
    assert caught.value.code == 2
    assert err.splitlines()[-1].endswith(f"error: {argument}: not valid UTF-8 text")


def test_utf8_bytes_read_in_an_ascii_locale_are_decoded_again(capsys, data_dir: Path) -> None:
    # A C locale without UTF-8 mode turns the bytes of 债务 into six lone surrogates.
    query = "债务".encode().decode("ascii", "surrogateescape")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "search", query, "--json")
    assert code == 0, err
    assert json.loads(out)


def test_non_utf8_arguments_from_a_real_command_line(data_dir: Path) -> None:
    base = [sys.executable, "-m", "companion", "--data-dir", str(data_dir)]
    result = subprocess.run([*base, "content", "show", b"cs-\xff"], capture_output=True, timeout=120)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(b"argument id: not valid UTF-8 text")
    # In a C locale without UTF-8 mode, UTF-8 arguments still reach the search intact.
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    result = subprocess.run(
        [*base, "search", "债务".encode(), "--json"], capture_output=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_an_empty_path_is_a_usage_error(capsys, tmp_path: Path) -> None:
    export = ["export", "--kind", "agenda", "--lang", "en", "--out", ""]
    for argv in (["--data-dir", "", "content", "list"], export):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
        assert "an empty path" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_a_passphrase_that_is_not_utf8_is_one_line(capsys, monkeypatch, data_dir: Path) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "long enough " + NOT_UTF8)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "pack", "key", "create")
    assert code == 1 and out == ""
    assert err == "companion: COMPANION_PASSPHRASE is not valid UTF-8 text\n"


def test_an_unexpected_error_is_one_line_naming_its_type(capsys, monkeypatch, data_dir: Path) -> None:
    from companion.cli import content

    def broken(args, out):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded\nwhile doing something")

    monkeypatch.setattr(content, "cmd_content_list", broken)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "content", "list")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("companion: unexpected error (RecursionError): maximum recursion depth exceeded wh")
    assert "COMPANION_DEBUG=1" in err

    monkeypatch.setenv("COMPANION_DEBUG", "1")
    with pytest.raises(RecursionError):
        main(["--data-dir", str(data_dir), "content", "list"])


def test_a_database_error_is_one_line_naming_the_cause_and_the_folder(capsys, monkeypatch, data_dir) -> None:
    import sqlite3

    from companion.core.store import Store

    def full(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL, as SQLite sets it
        raise exc

    monkeypatch.setattr(Store, "items", full)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "content", "list")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "full" in err and str(data_dir) in err


def test_an_interrupt_is_one_line(capsys, monkeypatch, data_dir: Path) -> None:
    from companion.cli import content

    def interrupted(args, out):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(content, "cmd_content_list", interrupted)
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "content", "list")
    assert code == 130 and err == "companion: interrupted\n"


def test_a_very_long_error_line_is_shortened(capsys, data_dir: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "content", "show", "x" * 100_000)
    assert code == 1 and err.count("\n") == 1 and len(err) < 1_100


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])  # a C locale; Windows writing to a pipe
def test_output_the_terminal_cannot_encode_is_escaped_not_a_crash(data_dir: Path, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    base = [sys.executable, "-m", "companion", "--data-dir", str(data_dir)]
    shown = subprocess.run(
        [*base, "content", "show", "cs-01", "--json"], capture_output=True, timeout=120, env=env
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["title"]["zh-Hans"]  # escaped to ASCII where needed, still JSON
    found = subprocess.run(
        [*base, "search", "debt", "--lang", "zh-Hans"], capture_output=True, timeout=120, env=env
    )
    assert found.returncode == 0 and b"Traceback" not in found.stderr, found.stderr
    assert found.stdout.strip()


def test_a_file_name_that_is_not_utf8_is_printed_as_its_bytes(data_dir: Path, tmp_path: Path) -> None:
    # PYTHONIOENCODING=utf-8 makes standard output strict, as on a desktop with a UTF-8 locale.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    target = os.fsencode(tmp_path) + b"/caf\xe9.ctpack"
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "pack", "export", target],
        capture_output=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == target + b"\n"
    assert os.path.exists(target)


def test_a_utf8_passphrase_read_in_an_ascii_locale_is_the_same_passphrase(data_dir: Path) -> None:
    # The key is made in a C locale without UTF-8 mode and used in a UTF-8 one: both must read 密码.
    passphrase = "密码 for the academy".encode()
    base = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "pack"]
    ascii_locale = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    for argv, env in (
        (["key", "create"], {**os.environ, **ascii_locale}),
        (["export", str(data_dir.parent / "signed.ctpack"), "--sign"], {**os.environ, "PYTHONUTF8": "1"}),
    ):
        result = subprocess.run(
            [*base, *argv],
            capture_output=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            env={**env, "COMPANION_PASSPHRASE": passphrase},  # type: ignore[dict-item]
        )
        assert result.returncode == 0, result.stderr


def test_content_show_prints_plain_text_unless_json_is_asked_for(
    capsys, data_dir: Path, bundled_pack
) -> None:
    study = bundled_pack.by_kind("case-study")[0]
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "content", "show", study.id)
    assert code == 0 and not out.lstrip().startswith("{")
    assert f"id: {study.id}" in out and study.title.en in out and study.title.zh_hans in out


def test_search_limit_keeps_the_best_hits(capsys, data_dir: Path) -> None:
    _code, out, _err = run(capsys, "--data-dir", str(data_dir), "search", "debt", "--json")
    every = json.loads(out)
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "search", "debt", "--limit", "2", "--json")
    assert code == 0 and json.loads(out) == every[:2] and len(every) > 2
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(data_dir), "search", "debt", "--limit", "0"])
    assert caught.value.code == 2 and "--limit: must be 1 or more" in capsys.readouterr().err

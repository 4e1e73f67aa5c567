"""A start that opens the window reads its options without building every command's parser."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from companion import cli


def test_a_window_start_loads_no_command(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name.startswith("companion.cli.")]:
        monkeypatch.delitem(sys.modules, name)
    args = cli.parse_args(["--data-dir", "somewhere"])
    assert (args.command, args.version, args.data_dir) == (None, False, Path("somewhere"))
    assert not [name for name in sys.modules if name.startswith("companion.cli.")]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--data-dir", ""], "an empty path names no file or folder"),
        (["--data-dir"], "expected one argument"),
        (["--data-dir", "x", "no-such-command"], "invalid choice"),
    ],
)
def test_mistakes_are_still_told_by_the_whole_parser(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.parse_args(argv)
    assert stopped.value.code == 2
    assert expected in capsys.readouterr().err


def test_help_still_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse_args(["-h"])
    assert "self-test" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "version", "data_dir"),
    [
        ([], False, None),
        (["--version"], True, None),
        (["--data-dir=there"], False, Path("there")),
        (["--data-dir", "a", "--data-dir", "b"], False, Path("b")),  # the last one, as argparse does
        (["--data", "abbreviated"], False, Path("abbreviated")),  # left to the whole parser
    ],
)
def test_the_window_options_read_as_the_whole_parser_reads_them(
    argv: list[str], version: bool, data_dir: Path | None
) -> None:
    args = cli.parse_args(argv)
    assert (args.command, args.version, args.data_dir) == (None, version, data_dir)


def test_an_option_where_the_folder_should_be_is_a_mistake(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse_args(["--data-dir", "--version"])
    assert "expected one argument" in capsys.readouterr().err

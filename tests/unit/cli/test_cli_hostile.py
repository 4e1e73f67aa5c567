"""Every command of the command line, given hostile input, ends in one line and a plain exit code.

The commands and their arguments are read from the argparse parser itself, so a command added
later is probed without anyone editing this file. Each probe runs ``python -m companion`` in a
subprocess with a timeout and standard input closed (a passphrase prompt must never wait), on a
copy of a prepared data folder of its own, and checks what a user would see: exit 0, 1 or 2, no
traceback, and at most one line on standard error when the exit is 1.

Left out: ``self-test``, which opens the window offscreen and takes no argument of its own
(tests/gui/test_selftest.py runs it). Named pipes are probed in a test of their own, so that a
reader that waits on one shows up there and nowhere else.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from companion import resources
from companion.cli import build_parser

# Named pipes, /dev/zero, file names that are bytes: what is probed here is POSIX.
pytestmark = pytest.mark.skipif(os.name != "posix", reason="the probes use POSIX files and names")

SKIPPED = {("self-test",)}
TIMEOUT = 60  # seconds for one probe: many times a command's run, and short of waiting for ever
WORKERS = min(4, max(2, os.cpu_count() or 2))

LONG = "a" * 100_000  # about the longest one argument may be on Linux (128 KiB)
NOT_UTF8 = os.fsdecode(b"caf\xe9-\xff")  # what Python makes of bytes that are not UTF-8
CONTROL = "\x01\x07\x1b[31m\r\t\x7f\u009b"
HOSTILE_TEXT = {"not UTF-8": NOT_UTF8, "100,000 characters": LONG, "empty": "", "control characters": CONTROL}
HOSTILE_PATHS = ("not UTF-8", "100,000 characters", "empty", "a folder", "a device", "deeply nested JSON")
# A run with every flag set in an environment that is hostile too: a passphrase that is not
# UTF-8, and a C locale without UTF-8 mode (arguments decoded as ASCII, output encoded as ASCII).
HOSTILE_ENV: dict[str, str | bytes] = {
    "COMPANION_PASSPHRASE": b"passphrase \xff\xfe",
    "LC_ALL": "C",
    "PYTHONUTF8": "0",
    "PYTHONCOERCECLOCALE": "0",
}

# Harmless values for the arguments a probe does not attack: by "COMMAND DEST", then by DEST.
BENIGN = {
    "pack use id": resources.BUNDLED_PACK,
    "tool": "ilo-adult-labour",
    "id": "cs-01",
    "query": "债务",
    "fingerprint": "ab" * 32,
    "name": "Provincial police academy",
    "age": "30",
}

# As root (a container, CI), file modes do not stop writes: SQLite itself opens every file read-only.
READ_ONLY_LAUNCHER = """
import os, runpy, sqlite3, urllib.parse
_connect = sqlite3.connect
def connect(database, *args, **kwargs):
    target = os.fspath(database)
    if not kwargs.get("uri"):
        target = "file:" + urllib.parse.quote(target)
    if "mode=" not in target:
        target += ("&" if "?" in target else "?") + "mode=ro"
    kwargs["uri"] = True
    return _connect(target, *args, **kwargs)
sqlite3.connect = connect
runpy.run_module("companion", run_name="__main__", alter_sys=True)
"""


def is_path(action: argparse.Action) -> bool:
    """A file or folder argument: by its type, or (declared as text) by the name its help shows."""
    return action.type is Path or str(action.metavar).upper() in ("FILE", "DIR", "FOLDER", "PATH")


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]
    parser: argparse.ArgumentParser

    @property
    def name(self) -> str:
        return " ".join(self.words)

    def arguments(self) -> list[argparse.Action]:
        """The arguments that take a free value (not a flag, not one of fixed choices)."""
        return [
            a
            for a in self.parser._actions
            if a.nargs != 0 and a.choices is None and not isinstance(a, argparse._HelpAction)
        ]


def commands() -> list[Command]:
    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> Iterator[Command]:
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not groups:
            yield Command(words, parser)
            return
        for name, sub in groups[0].choices.items():
            yield from walk(sub, (*words, name))

    return [c for c in walk(build_parser(), ()) if c.words not in SKIPPED]


COMMANDS = commands()


@dataclass
class Probe:
    label: str
    command: Command
    attack: dict[str, str] = field(default_factory=dict)  # dest -> kind of hostile value
    data_dir: str | None = None  # kind of hostile data folder, or None for a good copy
    flags: bool = False
    env: dict[str, str | bytes] = field(default_factory=dict)
    read_only: bool = False


Runner = Callable[[list[Probe]], None]


@dataclass
class Place:
    """What one probe runs in: its own folder, data folder copy and files."""

    root: Path
    data: Path
    pack: Path

    def hostile_path(self, kind: str) -> str:
        if kind == "not UTF-8":
            return str(self.root / NOT_UTF8)
        if kind == "100,000 characters":
            return LONG
        if kind == "empty":
            return ""
        if kind == "a folder":
            (self.root / "folder").mkdir(exist_ok=True)
            return str(self.root / "folder")
        if kind == "a device":
            # A link to /dev/zero, never the device itself: a command that writes a file by
            # replacing it must replace the link, not the system's /dev/zero.
            link = self.root / "zero"
            if not link.is_symlink():
                link.symlink_to("/dev/zero")
            return str(link)
        if kind == "deeply nested JSON":
            nested = self.root / "nested.json"
            nested.write_text("[" * 100_000, encoding="utf-8")
            return str(nested)
        if kind == "a named pipe":
            pipe = self.root / "pipe"
            if not pipe.exists():
                os.mkfifo(pipe)
            return str(pipe)
        raise AssertionError(kind)

    def benign(self, command: Command, action: argparse.Action) -> str:
        if is_path(action):
            if action.dest == "answers":
                answers = self.root / "answers.json"
                answers.write_text('{"DR01": "present", "CD01": "absent"}', encoding="utf-8")
                return str(answers)
            if command.words[-1] in ("verify", "import"):
                return str(self.pack)  # commands that read a pack get a good one
            return str(self.root / "new-file")  # commands that write get a free name
        return BENIGN.get(f"{command.name} {action.dest}", BENIGN.get(action.dest, "x"))


def argv_of(probe: Probe, place: Place) -> list[str]:
    command = probe.command
    data = place.hostile_path(probe.data_dir) if probe.data_dir else str(place.data)
    argv = ["--data-dir", data, *command.words]
    chosen = set()
    for group in command.parser._mutually_exclusive_groups:
        members = list(group._group_actions)
        attacked = [a for a in members if a.dest in probe.attack]
        if attacked:
            chosen.add(attacked[0].dest)
        elif group.required:
            chosen.add(members[0].dest)
    grouped = {a.dest for g in command.parser._mutually_exclusive_groups for a in g._group_actions}
    for action in command.parser._actions:
        if isinstance(action, argparse._HelpAction) or (action.dest in grouped and action.dest not in chosen):
            continue
        if action.dest in probe.attack:
            kind = probe.attack[action.dest]
            value = place.hostile_path(kind) if is_path(action) else HOSTILE_TEXT[kind]
        elif action.nargs == 0:
            if action.dest in chosen or probe.flags:
                argv.append(action.option_strings[0])
            continue
        elif action.required or action.dest in chosen:
            choices = action.choices
            value = place.benign(command, action) if choices is None else str(next(iter(choices)))
        else:
            continue
        argv += [action.option_strings[0], value] if action.option_strings else [value]
    return argv


def run_probe(probe: Probe, place: Place) -> str | None:
    """What is wrong with how the command ended, or None."""
    argv = argv_of(probe, place)
    env = {k: v for k, v in os.environ.items() if k not in ("COMPANION_PASSPHRASE", "COMPANION_DEBUG")}
    program = [sys.executable, "-m", "companion"]
    if probe.read_only:
        program = [sys.executable, "-c", READ_ONLY_LAUNCHER]
        _set_read_only(place.data, True)
    try:
        result = subprocess.run(
            [*program, *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            env={**env, "QT_QPA_PLATFORM": "offscreen", **probe.env},
            cwd=place.root,
        )
    except subprocess.TimeoutExpired:
        return f"did not end within {TIMEOUT} s"
    finally:
        if probe.read_only:
            _set_read_only(place.data, False)
    err = result.stderr.decode("utf-8", "replace")
    last = err.strip().splitlines()[-3:]
    if result.returncode not in (0, 1, 2):
        return f"exit {result.returncode}: {last}"
    if "Traceback" in err:
        return f"a traceback: {last}"
    if result.returncode == 1 and err.count("\n") > 1:
        return f"exit 1 with {err.count(chr(10))} lines on stderr: {[line[:200] for line in last]}"
    return None


def _name(action: argparse.Action) -> str:
    return action.option_strings[0] if action.option_strings else action.dest


def _simple() -> Command:
    """The first command that needs nothing but a data folder."""
    return next(c for c in COMMANDS if not any(a.required for a in c.arguments()))


def _set_read_only(folder: Path, read_only: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o555 if read_only else 0o700)
        else:
            path.chmod(0o444 if read_only else 0o600)


@pytest.fixture(scope="module")
def pack_file(prepared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from companion.__main__ import main

    root = tmp_path_factory.mktemp("pack")
    shutil.copytree(prepared_data_dir, root / "data")
    target = root / "workshop.ctpack"
    assert main(["--data-dir", str(root / "data"), "pack", "export", str(target)]) == 0
    return target


@pytest.fixture
def run_all(prepared_data_dir: Path, pack_file: Path, tmp_path: Path) -> Runner:
    """Run probes side by side, each in a place of its own; fail listing every probe that went wrong."""

    def run(probes: list[Probe]) -> None:
        def one(numbered: tuple[int, Probe]) -> str | None:
            number, probe = numbered
            root = tmp_path / f"probe-{number}"
            shutil.copytree(prepared_data_dir, root / "data")
            try:
                problem = run_probe(probe, Place(root, root / "data", pack_file))
            finally:
                # Hundreds of probes each copy a data folder: keep the disk, not the copies.
                _set_read_only(root, False)  # a probe may have left it read-only
                shutil.rmtree(root, ignore_errors=True)
            return f"{probe.label}: {problem}" if problem else None

        with ThreadPoolExecutor(WORKERS) as pool:
            problems = [p for p in pool.map(one, enumerate(probes)) if p]
        assert not problems, f"{len(problems)} of {len(probes)} probes:\n" + "\n".join(problems)

    return run


def test_the_probes_reach_every_command() -> None:
    names = {c.name for c in COMMANDS}
    assert {"search", "content show", "screen", "export", "pack import", "pack trust", "pack use"} <= names
    for command in COMMANDS:
        assert command.parser.get_default("handler") is not None, command.name


def test_every_command_has_help() -> None:
    for command in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "companion", *command.words, "--help"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
        )
        assert result.returncode == 0 and result.stdout.startswith(b"usage: companion"), command.name


def test_every_argument_given_hostile_values(run_all: Runner) -> None:
    probes = []
    for command in COMMANDS:
        for action in command.arguments():
            for kind in HOSTILE_PATHS if is_path(action) else tuple(HOSTILE_TEXT):
                label = f"{command.name} {_name(action)} = {kind}"
                probes.append(Probe(label, command, attack={action.dest: kind}))
    assert len(probes) > 40
    run_all(probes)


def test_every_command_with_an_unusable_data_folder(run_all: Runner) -> None:
    probes = [Probe(f"{c.name} on a read-only data folder", c, read_only=True) for c in COMMANDS]
    probes += [Probe(f"{c.name} --data-dir = a device", c, data_dir="a device") for c in COMMANDS]
    simple = _simple()  # every kind of unusable folder, for one command
    probes += [Probe(f"{simple.name} --data-dir = {k}", simple, data_dir=k) for k in HOSTILE_PATHS]
    run_all(probes)


def test_every_command_with_every_flag_in_a_hostile_environment(run_all: Runner) -> None:
    run_all([Probe(f"{c.name} with every flag", c, flags=True, env=HOSTILE_ENV) for c in COMMANDS])


def test_a_named_pipe_where_a_file_is_expected_never_blocks(run_all: Runner) -> None:
    # Nothing ever writes to the pipe: a command that opens it to read would wait for ever.
    probes = [
        Probe(f"{c.name} {_name(a)} = a named pipe", c, attack={a.dest: "a named pipe"})
        for c in COMMANDS
        for a in c.arguments()
        if is_path(a)
    ]
    probes.append(Probe("--data-dir = a named pipe", _simple(), data_dir="a named pipe"))
    run_all(probes)

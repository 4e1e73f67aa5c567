"""Bounded inputs: unpacked bytes are counted as they come out, only regular files are read,
and content nested hundreds of levels deep is one clear line naming the file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from companion.__main__ import main
from companion.core.content import MAX_NESTING, ContentError, parse_toml
from companion.core.packs import PackError
from companion.core.packs.format import MAX_ENTRY_BYTES
from companion.core.packs.reader import read_pack, read_pack_bytes
from tests.conftest import REPO
from tests.unit.pack_support import lying_bomb, snapshot


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every byte zlib hands out from now on, counted (the reader's and zipfile's alike)."""
    counts: list[int] = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: Any) -> None:
            self.inner = real(*args)

        def decompress(self, *args: Any) -> bytes:
            out: bytes = self.inner.decompress(*args)
            counts.append(len(out))
            return out

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

    monkeypatch.setattr(zlib, "decompressobj", Counting)
    return counts


@pytest.mark.parametrize(("declare", "expected"), [("honest-ratio", "zip bomb"), ("tiny", "damaged")])
def test_a_central_directory_that_lies_about_sizes_unpacks_no_more_than_the_limit(
    declare: str, expected: str, inflated: list[int]
) -> None:
    bomb = lying_bomb(declare)
    assert len(bomb) < 100_000  # about 40 MB when unpacked
    with pytest.raises(PackError, match=expected):
        read_pack_bytes(bomb)
    assert sum(inflated) <= MAX_ENTRY_BYTES  # it once unpacked every entry: 40 MB here, 250 MB in the wild


def test_a_genuine_deflated_pack_still_reads_whole() -> None:
    text = "".join(f"line {n}: {n * 7919 % 104729}\n" for n in range(20_000)).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("MANIFEST.json", b"{}")
        archive.writestr("content/library/doc-01.toml", text)
        archive.writestr(zipfile.ZipInfo("content/library/doc-02.toml"), text[:5000])  # stored
    raw = read_pack_bytes(buffer.getvalue())
    assert raw.files == {"content/library/doc-01.toml": text, "content/library/doc-02.toml": text[:5000]}


def run_cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command line in a child process: a read that blocks for ever fails the test, not the suite."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data_dir), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("command", ["verify", "import"])
def test_a_named_pipe_is_refused_at_once_not_waited_on(command: str, data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "workshop.ctpack"
    os.mkfifo(fifo)
    before = snapshot(data_dir / "companion.db")
    done = run_cli(data_dir, "pack", command, str(fifo))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr and str(fifo) in done.stderr
    assert snapshot(data_dir / "companion.db") == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_without_reading_it(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracemalloc.start()
    try:
        for command in ("verify", "import"):
            code = main(["--data-dir", str(data_dir), "pack", command, "/dev/zero"])
            _out, err = capsys.readouterr()
            assert code == 1 and err.count("\n") == 1 and "not a regular file" in err
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024  # it once read 256 MB of zeros before refusing


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_swapped_in_after_the_check_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "workshop.ctpack"
    os.mkfifo(fifo)
    real_stat = os.stat

    def regular_at_first(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        # What a checker would see had a regular file stood there until just before the open.
        return real_stat(__file__) if str(path) == str(fifo) else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", regular_at_first)
    with pytest.raises(PackError, match="not a regular file"):
        read_pack(fifo)


def test_a_folder_is_not_a_pack(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="not a regular file"):
        read_pack(tmp_path)


DEEP = 500  # past the TOML parser's own guard (400), which raised RecursionError


@pytest.mark.parametrize(
    "value",
    [
        "[" * DEEP + "]" * DEEP,
        "{ a = " * DEEP + "1" + " }" * DEEP,
        "[" * (MAX_NESTING + 5) + "]" * (MAX_NESTING + 5),
        "{ a = " * (MAX_NESTING + 5) + "1" + " }" * (MAX_NESTING + 5),
        "[" * 3 + "{ a = [ { b = " * (DEEP // 4) + "1" + " } ] }" * (DEEP // 4) + "]" * 3,
    ],
    ids=["arrays", "inline tables", "arrays past the limit", "tables past the limit", "mixed"],
)
def test_deeply_nested_toml_is_one_clear_problem_naming_the_file(value: str) -> None:
    data = f'id = "gl-001"\nextra = {value}\n'.encode()
    with pytest.raises(ContentError) as caught:
        parse_toml(data, "glossary/gl-001.toml")
    assert str(caught.value) == f"glossary/gl-001.toml: values are nested more than {MAX_NESTING} levels deep"


def test_the_nesting_limit_is_exact_in_arrays_and_tables() -> None:
    # The file itself is the first level: a value k brackets deep nests k + 1 levels.
    for open_, close in (("[", "]"), ("{ a = ", " }")):
        at_limit = open_ * (MAX_NESTING - 1) + ("1" if "{" in open_ else "") + close * (MAX_NESTING - 1)
        past = open_ * MAX_NESTING + ("1" if "{" in open_ else "") + close * MAX_NESTING
        assert parse_toml(f"extra = {at_limit}\n".encode(), "glossary/gl-001.toml")["extra"] is not None
        with pytest.raises(ContentError, match="nested more than"):
            parse_toml(f"extra = {past}\n".encode(), "glossary/gl-001.toml")


def test_dotted_keys_and_table_headers_count_as_nesting_too() -> None:
    for text in ("x" + ".x" * 1000 + " = 1\n", "[" + ".".join(["t"] * 1000) + "]\na = 1\n"):
        with pytest.raises(ContentError, match="nested more than"):
            parse_toml(text.encode(), "glossary/gl-001.toml")


def test_the_bundled_workshop_is_well_inside_the_nesting_limit(bundled_pack: Any) -> None:
    assert len(bundled_pack.items) > 100  # loaded through parse_toml, every file

"""Hostile and damaged pack files: one clear message, exit 1, and the store exactly as it was."""

from __future__ import annotations

import functools
import io
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion.__main__ import main
from companion.core.datafolder import open_data_folder
from tests.unit.pack_support import assemble, entries_of, lying_bomb, pack_of, snapshot, tiny_files


@functools.cache
def valid() -> bytes:
    return pack_of(tiny_files())


def content() -> dict[str, bytes]:
    """The valid pack's content files, a fresh dictionary each call (callers change it)."""
    return {
        name[len("content/") :]: data for name, data in entries_of(valid()) if name.startswith("content/")
    }


def with_entries(*extra: tuple[str | zipfile.ZipInfo, bytes], drop: str = "") -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we mean to write
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in [*((n, d) for n, d in entries_of(valid()) if n != drop), *extra]:
                archive.writestr(name, data)
    return buffer.getvalue()


def replaced(name: str, data: bytes) -> bytes:
    return with_entries((name, data), drop=name)


def symlink() -> bytes:
    info = zipfile.ZipInfo("content/glossary/gl-001.toml")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return with_entries((info, b"/etc/passwd"), drop="content/glossary/gl-001.toml")


def bad_signature() -> bytes:
    entries = dict(entries_of(pack_of(tiny_files(), key=Ed25519PrivateKey.generate())))
    entries["MANIFEST.json"] = entries["MANIFEST.json"].replace(b"Tiny workshop", b"Tiny w0rkshop")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bad_utf8_content() -> bytes:
    files = content()
    files["glossary/gl-001.toml"] = b'id = "gl-001"\n# \xff\xfe\n'
    return assemble(files)


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "not a zip": (lambda: b"%PDF-1.4 this is not a pack" * 10, "not a readable zip"),
    "empty file": (lambda: b"", "not a readable zip"),
    "truncated": (lambda: valid()[: len(valid()) * 2 // 3], "not a readable zip"),
    "zip bomb": (lambda: assemble({**content(), "library/doc-01.toml": b"\0" * 3_000_000}), "zip bomb"),
    "dot-dot path": (lambda: with_entries(("content/../../evil.toml", b"x")), "unsafe name"),
    "absolute path": (lambda: with_entries(("/etc/evil.toml", b"x")), "absolute path"),
    "backslash path": (lambda: with_entries(("content\\glossary\\gl-009.toml", b"x")), "unsafe name"),
    "symbolic link": (symlink, "link"),
    "duplicate entry": (lambda: with_entries(("content/glossary/gl-001.toml", b"x")), "twice"),
    "unexpected file": (lambda: with_entries(("setup.exe", b"MZ")), "no place"),
    "unlisted file": (lambda: with_entries(("content/glossary/gl-009.toml", b"x")), "does not list"),
    "missing file": (lambda: with_entries(drop="content/glossary/gl-002.toml"), "missing"),
    "no manifest": (lambda: with_entries(drop="MANIFEST.json"), "MANIFEST.json"),
    "huge manifest": (lambda: replaced("MANIFEST.json", b" " * 5_000_000 + b"{}"), "too large"),
    "manifest not JSON": (lambda: replaced("MANIFEST.json", b"{'pack': 1"), "not valid JSON"),
    "manifest not UTF-8": (lambda: replaced("MANIFEST.json", b'{"format": "\xff"}'), "UTF-8"),
    "unknown schema": (lambda: assemble(content(), {"schema_version": 99}), "schema 99"),
    "unknown format": (lambda: assemble(content(), {"format_version": 7}), "format 7"),
    "newer application": (lambda: assemble(content(), {"min_app_version": "99.0"}), "99.0 or later"),
    "content not UTF-8": (bad_utf8_content, "content/glossary/gl-001.toml: not valid UTF-8"),
    "hash mismatch": (
        lambda: replaced("content/glossary/gl-002.toml", b'id = "gl-002"\n'),
        "content/glossary/gl-002.toml",
    ),
    "signature mismatch": (bad_signature, "signature does not match"),
    "participant edition with notes": (
        lambda: assemble(content(), {"edition": "participant"}),
        "participant edition must not",
    ),
    "invalid content": (
        lambda: assemble({**content(), "glossary/gl-001.toml": b'id = "gl-001"\n'}),
        "content/glossary/gl-001.toml",
    ),
    "sizes that lie": (lambda: lying_bomb("honest-ratio"), "zip bomb"),
    "arrays nested 500 deep": (
        lambda: assemble({**content(), "glossary/gl-001.toml": b"a = " + b"[" * 500 + b"]" * 500}),
        "content/glossary/gl-001.toml: values are nested more than",
    ),
    "inline tables nested 500 deep": (
        lambda: assemble({**content(), "glossary/gl-001.toml": b"a = " + b"{b=" * 500 + b"1" + b"}" * 500}),
        "content/glossary/gl-001.toml: values are nested more than",
    ),
}


def _files_beside_the_database(data_dir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if not p.name.startswith("companion.db")
    )


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_pack_gets_one_clear_line_exit_1_and_changes_nothing(
    case: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = HOSTILE[case]
    pack = tmp_path / "hostile.ctpack"
    pack.write_bytes(make())
    open_data_folder(data_dir).close()  # today's backup and the folder's lock file exist already
    files = _files_beside_the_database(data_dir)
    before = snapshot(data_dir / "companion.db")
    code = main(["--data-dir", str(data_dir), "pack", "import", str(pack)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("companion: ") and err.count("\n") == 1, err
    assert expected in err
    assert "Traceback" not in err
    assert snapshot(data_dir / "companion.db") == before
    assert _files_beside_the_database(data_dir) == files  # not even a backup: nothing was imported

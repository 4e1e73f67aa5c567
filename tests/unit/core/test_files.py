"""Atomic writes: shared files follow the user's umask, private ones stay owner-only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.core.files import AS_UMASK, write_atomically
from companion.core.packs.exporter import export_pack
from companion.core.store import Store


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def permissions(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_files_are_owner_only_unless_meant_to_be_shared(tmp_path: Path, umask_022: None) -> None:
    assert permissions(write_atomically(tmp_path / "record.json", b"{}")) == 0o600
    assert permissions(write_atomically(tmp_path / "handout.pdf", b"%PDF", AS_UMASK)) == 0o644
    assert permissions(write_atomically(tmp_path / "key.pem", b"k", 0o600)) == 0o600
    assert not list(tmp_path.glob("*.part"))


def test_a_stricter_umask_is_kept(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        assert permissions(write_atomically(tmp_path / "handout.pdf", b"%PDF", AS_UMASK)) == 0o600
    finally:
        os.umask(old)


def test_an_exported_pack_is_readable_by_others_as_the_umask_allows(
    store: Store, tmp_path: Path, umask_022: None
) -> None:
    target = tmp_path / "workshop.ctpack"
    export_pack(store, target, "participant")
    assert permissions(target) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = write_atomically(tmp_path / "a.txt", b"old", AS_UMASK)

    def broken_fsync(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(target, b"new", AS_UMASK)
    assert target.read_bytes() == b"old" and not list(tmp_path.glob("*.part"))

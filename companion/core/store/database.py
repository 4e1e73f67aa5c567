"""Opening the SQLite file safely: a damaged or too-new database loses nothing.

A file that SQLite cannot read, or that a newer version of the application
wrote, is renamed aside (never deleted) together with its WAL files, and a
fresh database takes its place. The caller gets one plain sentence saying so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from companion.core.store.migrations import LATEST

DATABASE_NAME = "companion.db"


class StoreError(Exception):
    """The data folder cannot be used at all (not writable, disk full...)."""


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    needs_migration: bool
    moved_aside: Path | None  # where a damaged or newer database was kept
    reason: str | None


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit ("with conn" or BEGIN).
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _diagnose(path: Path) -> tuple[sqlite3.Connection | None, int, str | None]:
    """Open ``path`` and say what is wrong with it, if anything."""
    conn = None
    try:
        conn = _connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("integrity check failed")
        conn.execute("PRAGMA journal_mode = wal")
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        return None, 0, f"it is damaged ({exc})"
    if version > LATEST:
        conn.close()
        return None, version, f"a newer version of Training Companion wrote it (schema {version})"
    return conn, version, None


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    return target


def open_database(data_dir: Path) -> Opened:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {data_dir}: {exc.strerror}") from None
    path = data_dir / DATABASE_NAME
    moved = reason = None
    if path.exists():
        conn, version, reason = _diagnose(path)
        if conn is not None:
            return Opened(conn, version < LATEST, None, None)
        try:
            moved = _move_aside(path)
        except OSError as exc:
            raise StoreError(
                f"the database {path} cannot be used and cannot be moved aside: {exc.strerror}"
            ) from None
    try:
        conn = _connect(path)
        conn.execute("PRAGMA journal_mode = wal")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot create a database in {data_dir}: {exc}") from None
    return Opened(conn, True, moved, reason)

"""Opening the SQLite file safely: damage is set aside, trouble is reported, nothing is lost.

Two kinds of failure look alike from Python (both are ``sqlite3.DatabaseError``)
and must be told apart, because the remedies are opposite:

- **Damage**: the file is not a database, fails ``PRAGMA quick_check``, or a
  newer version of the application wrote it. It is renamed aside (never
  deleted) with its WAL files, a fresh database takes its place, and the
  caller gets one sentence saying so and where the old file is. The quick
  check reads every page (45 ms at 10,000 items), so it is skipped when the
  file is exactly as this program's last clean close left it (:func:`closed_whole`).
- **Trouble**: the database is locked by another program, the disk is full or
  read-only, or the operating system reported an I/O error. The file is
  healthy; it is left exactly as it is and the caller gets one line naming the
  cause and the folder (:func:`explain`). A lock is first waited for.

The database and its WAL files are readable by their owner only: the vault's
salt and check value are in it, and must not be open to offline guessing.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from companion.core.datafolder import DATABASE_NAME
from companion.core.store.migrations import LATEST
from companion.i18n import _

# The database file's size, times and inode as this program left it at its last clean close.
CLOSED_NAME = ".companion.closed"

BUSY_TIMEOUT_SECONDS = 5.0  # how long a statement waits for another program's lock
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
DAMAGE_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
# The file is fine; the machine is not (another program, the disk, the permissions, memory).
TROUBLE_CODES = frozenset(
    {
        SQLITE_PERM,
        SQLITE_BUSY,
        SQLITE_LOCKED,
        SQLITE_NOMEM,
        SQLITE_READONLY,
        SQLITE_IOERR,
        SQLITE_FULL,
        SQLITE_CANTOPEN,
    }
)


class StoreError(Exception):
    """The store cannot do what was asked; the message is one line for the user."""


class ReadOnlyError(StoreError):
    """Nothing can be written: the database, or the folder it is in, is read-only."""


class DamagedError(sqlite3.DatabaseError):
    """The file opened but is not a healthy database of ours."""


class Opened(NamedTuple):  # not a dataclass: see companion.core.store.search.Visibility
    conn: sqlite3.Connection
    needs_migration: bool
    moved_aside: Path | None  # where a damaged or newer database was kept
    reason: str | None


def primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` says the file itself is damaged, not that it is busy or the disk failed."""
    return isinstance(exc, DamagedError) or primary_code(exc) in DAMAGE_CODES


def is_trouble(exc: BaseException) -> bool:
    """True when ``exc`` comes from the machine around a healthy database, not from our SQL."""
    return primary_code(exc) in TROUBLE_CODES


def _read_only(exc: BaseException) -> bool:
    return primary_code(exc) in (SQLITE_READONLY, SQLITE_PERM) or getattr(exc, "errno", None) in (1, 13, 30)


def store_error(exc: BaseException, path: Path) -> StoreError:
    """The :class:`StoreError` (or :class:`ReadOnlyError`) that explains ``exc`` in one line."""
    return (ReadOnlyError if _read_only(exc) else StoreError)(explain(exc, path))


def explain(exc: BaseException, path: Path) -> str:
    """One line for the user: what went wrong with the database at ``path``, and that nothing changed."""
    code = primary_code(exc)
    folder = path.parent
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return _(
            "the database {path} is in use by another program and stayed locked for {seconds:g} "
            "seconds; close the other program and try again"
        ).format(path=path, seconds=BUSY_TIMEOUT_SECONDS)
    if code == SQLITE_FULL or getattr(exc, "errno", None) == 28:  # ENOSPC
        return _(
            "the disk holding {folder} is full; nothing was changed. Free some space and try again"
        ).format(folder=folder)
    if _read_only(exc):  # EPERM, EACCES, EROFS
        return _("the database {path} is read-only; nothing was changed").format(path=path)
    if code == SQLITE_CANTOPEN:
        return _(
            "the database {path} cannot be opened: check that the folder {folder} exists and is yours"
        ).format(path=path, folder=folder)
    if code == SQLITE_IOERR or isinstance(exc, OSError):
        detail = getattr(exc, "strerror", None) or str(exc)
        return _("the disk reported an error with {path} ({detail}); nothing was changed").format(
            path=path, detail=detail
        )
    if code == SQLITE_NOMEM or isinstance(exc, MemoryError):
        return _("there is not enough memory to use the database {path}").format(path=path)
    return _("the database {path} could not be used ({detail})").format(path=path, detail=exc)


def explain_in(exc: BaseException, data_dir: Path) -> str:
    """:func:`explain` for the database of the data folder ``data_dir``."""
    return explain(exc, data_dir / DATABASE_NAME)


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_SECONDS
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _inspect(conn: sqlite3.Connection, check: bool) -> int:
    """The schema version of a healthy database, or :class:`DamagedError`; trouble propagates.

    The header is always read (a file that is not a database fails here); the pages only if ``check``.
    """
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if check:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise DamagedError(f"integrity check failed: {result}")
    return version


def _file_state(path: Path) -> str:
    """What changes whenever anything writes ``path``: its size, its times and its inode."""
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"


def _wal_is_empty(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True  # a clean close removes it


def closed_whole(path: Path) -> bool:
    """True if the database is exactly as the last clean close left it: its quick check can be skipped.

    A crash leaves changes in the WAL file, and anything else that writes the file (a copy,
    a restore, a damaged disk's repair, another program) changes its size, times or inode.
    """
    try:
        return _wal_is_empty(path) and (path.parent / CLOSED_NAME).read_text("ascii") == _file_state(path)
    except (OSError, ValueError):
        return False


def mark_closed(path: Path) -> None:
    """After the last connection closed cleanly, note the file's state for :func:`closed_whole`.

    Nothing is noted while another connection still has changes in the WAL file: the next
    open then checks the pages, as it does after a crash.
    """
    try:
        if _wal_is_empty(path):
            (path.parent / CLOSED_NAME).write_text(_file_state(path), "ascii")
    except OSError:
        pass  # a read-only folder: each open checks the pages, as before


def _use_wal(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("PRAGMA journal_mode = wal")
    except sqlite3.OperationalError as exc:
        # A read-only file can still be read in the mode it has; writing says why it cannot.
        if primary_code(exc) not in (SQLITE_READONLY, SQLITE_PERM):
            raise


def make_private(path: Path) -> None:
    """Owner-only access for the database and its WAL files (where the platform has modes)."""
    if os.name != "posix":
        return
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = candidate.stat().st_mode
            if stat.S_IMODE(mode) & 0o077:
                candidate.chmod(PRIVATE_FILE)
        except OSError:
            pass  # absent, or not ours: SQLite reports what matters when it opens it


def _create_private(path: Path) -> None:
    """Create an empty database file owner-only; SQLite gives its WAL files the same mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)


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


def make_folder(data_dir: Path) -> None:
    """Create the data folder (owner-only) if it is missing."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    except OSError as exc:
        raise StoreError(
            _("cannot create the data folder {folder}: {reason}").format(folder=data_dir, reason=exc.strerror)
        ) from None


def open_database(data_dir: Path) -> Opened:
    """Open (or create) the database in ``data_dir``; :class:`StoreError` for trouble."""
    make_folder(data_dir)
    path = data_dir / DATABASE_NAME
    moved = reason = None
    if path.exists():
        make_private(path)
        check = not closed_whole(path)  # before connecting: reading creates an empty WAL file
        conn = None
        try:
            conn = _connect(path)
            version = _inspect(conn, check)
            _use_wal(conn)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if not is_damage(exc):
                raise store_error(exc, path) from None
            reason = _("it is damaged ({detail})").format(detail=exc)
        else:
            if version <= LATEST:
                return Opened(conn, version < LATEST, None, None)
            conn.close()
            reason = _("a newer version of Training Companion wrote it (schema {version})").format(
                version=version
            )
        try:
            moved = _move_aside(path)
        except OSError as exc:
            raise StoreError(
                _("the database {path} cannot be used and cannot be moved aside: {reason}").format(
                    path=path, reason=exc.strerror
                )
            ) from None
    try:
        _create_private(path)
        conn = _connect(path)
        _use_wal(conn)
    except (sqlite3.Error, OSError) as exc:
        raise store_error(exc, path) from None
    return Opened(conn, True, moved, reason)

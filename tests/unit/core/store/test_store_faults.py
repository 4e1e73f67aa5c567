"""Faults around a healthy store: it is never set aside, the data is all there, the message is one line.

The faults are made inside the tests, as SQLite's own test suite makes them: a
second connection holding a lock, a page limit that makes the disk "full", an
I/O error injected where SQLite would raise it, a read-only connection, and a
process killed between two statements of a migration.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.core.datafolder import open_data_folder
from companion.core.store import Store, StoreError
from companion.core.store import database as database_module
from companion.core.store.migrations import LATEST
from tests.conftest import REPO
from tests.unit.store_support import old_database


def _aside(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".unreadable-" in p.name]


def _one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message


def _keep_user_data(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    store.set_setting("language", "zh-Hans")
    store.trust_publisher("ab" * 32, "Provincial police academy")
    store.close()


def _user_data_is_there(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    assert store.get_setting("language") == "zh-Hans"
    assert store.trusted_publishers() == {"ab" * 32: "Provincial police academy"}
    assert store.items("case-study")
    store.close()


def _hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    """Another program holding the database: exclusive locking mode, as some tools open it."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO settings(key, value) VALUES('other program', 'was here')")
    return other


def test_a_database_locked_by_another_program_is_waited_for_then_reported_and_never_set_aside(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _keep_user_data(data_dir)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_SECONDS", 0.3, raising=False)
    other = _hold_exclusive_lock(data_dir / "companion.db")
    with pytest.raises(StoreError) as raised:
        open_data_folder(data_dir)
    message = str(raised.value)
    _one_line(message)
    assert "in use by another program" in message and str(data_dir) in message
    other.execute("ROLLBACK")
    other.close()
    assert _aside(data_dir) == []
    _user_data_is_there(data_dir)


def test_a_lock_released_within_the_timeout_is_simply_waited_for(data_dir: Path) -> None:
    _keep_user_data(data_dir)
    other = _hold_exclusive_lock(data_dir / "companion.db")
    release = threading.Timer(0.5, lambda: (other.execute("COMMIT"), other.close()))
    release.start()
    try:
        _user_data_is_there(data_dir)
    finally:
        release.join()
    assert _aside(data_dir) == []


def _limit_pages(monkeypatch: pytest.MonkeyPatch, extra_pages: int = 0) -> None:
    """Every new connection finds the disk full once the file has grown by ``extra_pages``."""
    connect = database_module._connect

    def full(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1) + extra_pages}")
        return conn

    monkeypatch.setattr(database_module, "_connect", full)


def test_a_full_disk_on_a_new_data_folder_is_reported_every_time_and_leaves_no_files_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    _limit_pages(monkeypatch)
    for _attempt in range(3):
        with pytest.raises(StoreError) as raised:
            open_data_folder(data_dir)
        _one_line(str(raised.value))
        assert "full" in str(raised.value) and str(data_dir) in str(raised.value)
    assert _aside(data_dir) == []
    monkeypatch.undo()
    store = open_data_folder(data_dir)  # space freed: it starts normally
    assert store.items("case-study")
    store.close()


def test_a_full_disk_while_saving_names_the_cause_not_a_failed_rollback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _keep_user_data(data_dir)
    _limit_pages(monkeypatch)
    store = open_data_folder(data_dir)
    with pytest.raises(StoreError) as raised:
        store.set_setting("huge", "x" * 2_000_000)
    message = str(raised.value)
    _one_line(message)
    assert "full" in message and "rollback" not in message.lower()
    assert store.get_setting("huge") is None
    store.close()
    monkeypatch.undo()
    _user_data_is_there(data_dir)
    assert _aside(data_dir) == []


def _raising(code: int, text: str) -> Callable[..., int]:
    def inspect(conn: sqlite3.Connection, check: bool) -> int:
        error = sqlite3.OperationalError(text)
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
        raise error

    return inspect


@pytest.mark.parametrize(
    ("code", "text", "said"),
    [
        (10 | (4 << 8), "disk I/O error", "disk reported an error"),  # SQLITE_IOERR_WRITE
        (13, "database or disk is full", "full"),  # SQLITE_FULL
        (5, "database is locked", "in use by another program"),  # SQLITE_BUSY
    ],
)
def test_trouble_while_opening_is_one_line_and_the_database_stays_where_it_is(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, code: int, text: str, said: str
) -> None:
    _keep_user_data(data_dir)
    monkeypatch.setattr(database_module, "_inspect", _raising(code, text), raising=False)
    with pytest.raises(StoreError) as raised:
        open_data_folder(data_dir)
    _one_line(str(raised.value))
    assert said in str(raised.value)
    monkeypatch.undo()
    assert _aside(data_dir) == []
    _user_data_is_there(data_dir)


def test_a_read_only_database_can_be_read_and_refuses_writes_in_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _keep_user_data(data_dir)

    def read_only(path: Path) -> sqlite3.Connection:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(database_module, "_connect", read_only)
    store = Store.open(data_dir)
    assert store.get_setting("language") == "zh-Hans" and store.items("case-study")
    with pytest.raises(StoreError) as raised:
        store.set_setting("language", "en")
    _one_line(str(raised.value))
    assert "read-only" in str(raised.value)
    store.close()
    assert _aside(data_dir) == []


def test_a_damaged_database_is_set_aside_and_the_message_says_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "companion.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    store = open_data_folder(tmp_path)
    kept = _aside(tmp_path)
    assert len(kept) == 1
    assert store.recovery_message is not None and str(kept[0]) in store.recovery_message
    store.close()


def _damage_the_items_table(path: Path) -> None:
    """Garbage over the items table's first page: the file keeps its size, its header and its schema."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()[0]
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x07" * page_size)


def test_pages_damaged_after_a_clean_close_are_found_at_the_next_open(data_dir: Path) -> None:
    """A clean close lets the next open skip reading every page, but only of the file as it left it."""
    open_data_folder(data_dir).close()
    _damage_the_items_table(data_dir / "companion.db")
    store = open_data_folder(data_dir)
    kept = _aside(data_dir)
    assert len(kept) == 1
    assert store.recovery_message is not None and str(kept[0]) in store.recovery_message
    assert store.items("case-study")  # a fresh store, with the bundled workshop loaded again
    store.close()
    open_data_folder(data_dir).close()  # and the fresh one opens again
    assert len(_aside(data_dir)) == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")
def test_the_data_folder_and_the_database_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = open_data_folder(data_dir)
    store.set_setting("language", "en")  # the WAL file now exists too
    modes = {
        p.name: p.stat().st_mode & 0o777 for p in data_dir.iterdir() if p.name.startswith("companion.db")
    }
    store.close()
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert modes and set(modes.values()) == {0o600}, modes


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")
def test_a_database_left_world_readable_by_an_older_version_is_made_private(data_dir: Path) -> None:
    (data_dir / "companion.db").chmod(0o644)
    open_data_folder(data_dir).close()
    assert (data_dir / "companion.db").stat().st_mode & 0o777 == 0o600


CRASH_IN_MIGRATION = """
import os, pathlib, sys
import sqlite_utils.db
from companion.core.store.migrations import MIGRATIONS

target = MIGRATIONS[int(sys.argv[2])]
statements = []

def dies_at_its_second_statement(original):
    def statement(*args, **kwargs):
        statements.append(original)
        if len(statements) == 2:
            os._exit(9)  # killed between two statements of the migration
        return original(*args, **kwargs)
    return statement

def crashing(db):
    sqlite_utils.db.Table.create = dies_at_its_second_statement(sqlite_utils.db.Table.create)
    sqlite_utils.db.Table.add_column = dies_at_its_second_statement(sqlite_utils.db.Table.add_column)
    target(db)

MIGRATIONS[int(sys.argv[2])] = crashing
from companion.core.store import Store
Store.open(pathlib.Path(sys.argv[1]))
"""


def _crash_during(data_dir: Path, migration: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASH_IN_MIGRATION), str(data_dir), str(migration)],
        cwd=REPO,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 9, result.stderr.decode()


def test_a_crash_inside_the_first_migration_leaves_a_folder_that_starts_next_time(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _crash_during(data_dir, 0)  # m001 dies after creating its first table
    store = open_data_folder(data_dir)
    assert store.items("case-study")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    store.close()


def test_a_crash_inside_a_later_migration_keeps_the_user_data_and_resumes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    old_database(data_dir / "companion.db", 2, {"language": "zh-Hans"})
    _crash_during(data_dir, 2)  # m003 adds a column, then dies
    store = open_data_folder(data_dir)
    assert store.get_setting("language") == "zh-Hans"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    store.close()


@pytest.mark.parametrize("folder", ["first", "second"])  # twice: a race shows only now and then
def test_ten_processes_starting_on_one_new_data_folder_all_succeed(tmp_path: Path, folder: str) -> None:
    data_dir = tmp_path / folder
    command = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "content", "list", "--json"]
    processes = [
        subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(10)
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and err == b"", err.decode()
        assert b'"case-study"' in out
    assert _aside(data_dir) == []

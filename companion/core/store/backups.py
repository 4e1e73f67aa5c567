"""Automatic backups of the store, and putting one back.

A backup is a whole copy of the database made with SQLite's online backup
API (consistent even while the application is writing), in ``backups/`` in
the data folder. One is made before every migration and every import, before
a restore, once a day while the application is in use, and on request. The
newest :data:`KEEP_LATEST` are kept, plus the newest of each of the
:data:`KEEP_WEEKS` most recent weeks before those, so the folder stays
bounded however long the application is used.

A backup's file name is ``<ID>.<reason>.db``: the ID is the local time it was
made (``20261204-181500``, with ``-2`` and so on when two fall in one
second), the reason one of :data:`REASONS`. Nothing in it names a person.
Restoring first backs up the current state, so a restore can be undone by
restoring that backup.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from companion.core.store.database import (
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    DamagedError,
    ReadOnlyError,
    StoreError,
    is_damage,
    store_error,
)
from companion.core.store.migrations import LATEST
from companion.i18n import N_, _

if TYPE_CHECKING:
    from companion.core.store.store import Store

FOLDER_NAME = "backups"
KEEP_LATEST = 10
KEEP_WEEKS = 12
STAMP = "%Y%m%d-%H%M%S"
STAMP_LENGTH = len("20261204-181500")  # what STAMP gives
REASONS = {
    "manual": N_("made on request"),
    "daily": N_("daily"),
    "before-import": N_("before an import"),
    "before-migration": N_("before an upgrade of the database"),
    "before-restore": N_("before a restore"),
}


class Backup(NamedTuple):
    id: str
    reason: str
    made_at: datetime
    size: int
    path: Path

    @property
    def reason_text(self) -> str:
        return _(REASONS.get(self.reason, self.reason))

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "reason": self.reason,
            "made_at": self.made_at.isoformat(timespec="seconds"),
            "size": self.size,
            "file": str(self.path),
        }


def backups_folder(data_dir: Path) -> Path:
    return data_dir / FOLDER_NAME


def _parse(path: Path) -> Backup | None:
    parts = path.name.split(".")
    if len(parts) != 3 or parts[2] != "db":
        return None
    backup_id, reason = parts[0], parts[1]
    try:
        made_at = datetime.strptime(backup_id[:STAMP_LENGTH], STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return Backup(backup_id, reason, made_at, size, path)


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup in the data folder, newest first."""
    folder = backups_folder(data_dir)
    if not folder.is_dir():
        return []
    found = [backup for path in folder.iterdir() if (backup := _parse(path)) is not None]
    return sorted(found, key=lambda b: (b.made_at, _sequence(b.id)), reverse=True)


def _sequence(backup_id: str) -> int:
    """The number after the time (``20261204-181500-3`` is 3); 1 for the first in its second."""
    number = backup_id[STAMP_LENGTH + 1 :]
    return int(number) if number.isdigit() else 1


def find_backup(data_dir: Path, backup_id: str) -> Backup:
    for backup in list_backups(data_dir):
        if backup.id == backup_id:
            return backup
    raise StoreError(
        _("there is no backup {id}; `companion backup list` shows the backups there are").format(id=backup_id)
    )


def _new_id(folder: Path, now: datetime) -> str:
    """The time, with a number after it past the highest already used in that second (never reused)."""
    stamp = now.strftime(STAMP)
    used = [_sequence(path.name.split(".")[0]) for path in folder.glob(f"{stamp}*.db")]
    return f"{stamp}-{max(used) + 1}" if used else stamp


def create_backup(store: Store, reason: str = "manual") -> Backup:
    """Copy the store into a new backup; prune old ones. :class:`StoreError` if it cannot."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backups_folder(store.data_dir)
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        backup_id = _new_id(folder, datetime.now())
        target = folder / f"{backup_id}.{reason}.db"
        part = folder / f".{backup_id}.part"
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        os.close(fd)
    except OSError as exc:
        raise store_error(exc, folder / "backup") from None
    try:
        copy = sqlite3.connect(str(part), isolation_level=None)
        try:
            store.conn.backup(copy)
            # A backup in rollback-journal mode is one self-contained file, readable read-only.
            copy.execute("PRAGMA journal_mode = delete")
        finally:
            copy.close()
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(part, target)
    except (sqlite3.Error, OSError) as exc:
        part.unlink(missing_ok=True)
        raise store_error(exc, store.path) from None
    backup = _parse(target)
    assert backup is not None  # the name was made by _new_id, in the form _parse reads
    prune(store.data_dir, keep=backup.id)
    return backup


def prune(data_dir: Path, keep: str = "") -> list[Backup]:
    """Delete the backups the keeping rule lets go (never ``keep``, the one just made); return them.

    The rule goes by the times in the names: a clock set back makes a new
    backup look older than the rest, and it is still kept.
    """
    backups = list_backups(data_dir)
    kept = {keep} | {b.id for b in backups[:KEEP_LATEST]}
    weeks: set[tuple[int, int]] = set()
    for backup in backups[KEEP_LATEST:]:
        week = backup.made_at.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKS:
            weeks.add(week)
            kept.add(backup.id)
    gone = [b for b in backups if b.id not in kept]
    for backup in gone:
        backup.path.unlink(missing_ok=True)
    return gone


def made_today(data_dir: Path) -> bool:
    """Whether a backup was made today: one look at the names, nothing parsed (it runs at every start)."""
    today = datetime.now().strftime("%Y%m%d-")
    return any(backups_folder(data_dir).glob(f"{today}*.db"))


def back_up_daily(store: Store) -> str | None:
    """Make today's backup if there is none yet; a sentence for the user if it failed.

    A data folder created just now has nothing of the user's to keep yet, and
    a read-only one cannot change, so neither is backed up.
    """
    if store.created or made_today(store.data_dir):
        return None
    try:
        create_backup(store, "daily")
    except ReadOnlyError:
        return None  # nothing here can change, so there is nothing to keep a copy of
    except StoreError as exc:
        return _("Today's backup could not be made: {reason}.").format(reason=exc)
    return None


def _check_backup(backup: Backup) -> None:
    try:
        conn = sqlite3.connect(f"{backup.path.as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise DamagedError("integrity check failed")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise StoreError(
                _("the backup {id} is damaged and cannot be restored; nothing was changed").format(
                    id=backup.id
                )
            ) from None
        raise store_error(exc, backup.path) from None
    if version > LATEST:
        raise StoreError(
            _(
                "the backup {id} was made by a newer version of Training Companion; nothing was changed"
            ).format(id=backup.id)
        )


def restore_backup(store: Store, backup_id: str) -> Backup:
    """Put backup ``backup_id`` in place of the store's content; return the backup of what was there.

    The current state is backed up first, the copy is one transaction (a
    failure leaves the store as it was), and an older schema is migrated.
    """
    backup = find_backup(store.data_dir, backup_id)
    _check_backup(backup)
    safety = create_backup(store, "before-restore")
    try:
        source = sqlite3.connect(f"{backup.path.as_uri()}?mode=ro", uri=True)
        try:
            source.backup(store.conn)
        finally:
            source.close()
        store.conn.execute("PRAGMA journal_mode = wal")
    except sqlite3.Error as exc:
        raise store_error(exc, store.path) from None
    store.migrate_after_restore()
    return safety

"""Backups: made before imports and migrations and daily, kept within bounds, restored without loss."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion.core.datafolder import open_data_folder
from companion.core.packs.importer import import_pack
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import verify
from companion.core.records import FieldRecord, Vault
from companion.core.store import Store, StoreError
from companion.core.store import backups as backups_module
from companion.core.store.backups import (
    back_up_daily,
    create_backup,
    list_backups,
    prune,
    restore_backup,
)
from companion.core.store.migrations import LATEST
from tests.unit.pack_support import PACK_ID, install, pack_of, tiny_files
from tests.unit.store_support import old_database

PASSPHRASE = "correct horse battery"
ORIGINAL_STORY = "Mai answered an advert."


def _record() -> FieldRecord:
    return FieldRecord(
        case_code="NN-2026-014", tool_id="ilo-adult-labour", tool_version="1.0", answers={"DR01": "present"}
    )


def _story(store: Store) -> str:
    return str(store.item("cs-01").stages[0].text.en)


def test_a_restore_after_a_bad_import_brings_back_the_earlier_content_and_records(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    install(store, tiny_files())
    vault = Vault(store)
    vault.set_up(PASSPHRASE, PASSPHRASE)
    saved = vault.save(_record())

    bad = verify(read_pack_bytes(pack_of(tiny_files("1.1.0", story="A careless edit."))), {})
    import_pack(store, bad)
    vault.delete(saved.id)  # and, in the confusion, a record deleted
    assert _story(store) == "A careless edit."

    before_import = [b for b in list_backups(store.data_dir) if b.reason == "before-import"]
    assert len(before_import) == 1
    safety = restore_backup(store, before_import[0].id)

    assert _story(store) == ORIGINAL_STORY and store.pack_version(PACK_ID) == "1.0.0"
    vault = Vault(store)
    vault.unlock(PASSPHRASE)
    assert [r.case_code for r in vault.records()] == ["NN-2026-014"]

    # The restore is itself undone by restoring the backup it made first.
    assert safety.reason == "before-restore"
    restore_backup(store, safety.id)
    assert _story(store) == "A careless edit."
    store.close()


def test_a_restore_survives_a_reopen_and_the_store_checks_clean(tmp_path: Path) -> None:
    from companion.core.store.check import check_store

    data_dir = tmp_path / "data"
    store = open_data_folder(data_dir)
    store.set_setting("language", "zh-Hans")
    backup = create_backup(store)
    store.set_setting("language", "en")
    restore_backup(store, backup.id)
    store.close()
    reopened = open_data_folder(data_dir)
    assert reopened.get_setting("language") == "zh-Hans"
    assert check_store(reopened).ok
    reopened.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    store.set_setting("language", "zh-Hans")
    backup = create_backup(store)
    backup.path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    count = len(list_backups(data_dir))
    with pytest.raises(StoreError, match="damaged"):
        restore_backup(store, backup.id)
    assert store.get_setting("language") == "zh-Hans"
    assert len(list_backups(data_dir)) == count  # no safety copy for a restore that never started
    store.close()


def test_an_unknown_backup_id_is_one_line(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    with pytest.raises(StoreError) as raised:
        restore_backup(store, "../../etc/passwd")
    assert "\n" not in str(raised.value) and "backup list" in str(raised.value)
    store.close()


def test_a_backup_of_an_older_schema_is_brought_up_to_date_when_restored(data_dir: Path) -> None:
    old_database(data_dir / "backups" / "20200101-090000.manual.db", 1, {"language": "zh-Hans"})
    store = open_data_folder(data_dir)
    restore_backup(store, "20200101-090000")
    assert store.get_setting("language") == "zh-Hans"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    store.close()


def test_a_backup_before_a_migration_keeps_the_older_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    old_database(data_dir / "companion.db", 1, {"language": "zh-Hans"})
    Store.open(data_dir).close()
    (backup,) = list_backups(data_dir)
    assert backup.reason == "before-migration"
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT value FROM settings").fetchall() == [("zh-Hans",)]


def test_one_backup_a_day_while_in_use_and_none_for_a_folder_made_just_now(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_data_folder(data_dir).close()
    assert list_backups(data_dir) == []  # nothing of the user's yet
    for _ in range(3):
        open_data_folder(data_dir).close()
    assert [b.reason for b in list_backups(data_dir)] == ["daily"]


def test_a_daily_backup_that_fails_is_a_sentence_not_a_failed_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(data_dir)

    def full(store: Store, reason: str = "manual") -> None:
        raise StoreError("the disk holding the data folder is full")

    monkeypatch.setattr(backups_module, "create_backup", full)
    message = back_up_daily(store)
    assert message is not None and "full" in message and "\n" not in message
    store.close()


def test_old_backups_are_pruned_to_the_last_ten_and_one_a_week(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    newest = datetime(2026, 12, 4, 9, 0)
    for day in range(200):  # one backup a day for 200 days
        stamp = (newest - timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        (folder / f"{stamp}.daily.db").write_bytes(b"")
    prune(tmp_path)
    kept = list_backups(tmp_path)
    assert len(kept) == backups_module.KEEP_LATEST + backups_module.KEEP_WEEKS
    assert kept[0].made_at == newest  # the newest ten are all there
    assert [b.made_at for b in kept[:10]] == [newest - timedelta(days=d) for d in range(10)]
    weeks = [b.made_at.isocalendar()[:2] for b in kept[10:]]
    assert len(set(weeks)) == len(weeks)  # one a week after that


def test_backup_files_name_no_person_and_are_private(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    backup = create_backup(store)
    store.close()
    assert backup.path.name == f"{backup.id}.manual.db"
    assert backup.path.stat().st_mode & 0o777 == 0o600


def test_many_backups_in_one_second_each_get_a_new_id_and_the_newest_are_kept(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    made = [create_backup(store).id for _ in range(25)]  # far more than are kept, mostly in one second
    store.close()
    assert len(set(made)) == len(made)
    kept = [b.id for b in list_backups(data_dir)]
    assert kept[: backups_module.KEEP_LATEST] == made[::-1][: backups_module.KEEP_LATEST]

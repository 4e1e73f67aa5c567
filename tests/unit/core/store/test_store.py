"""The store: migrations, content reloads that spare user data, damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from companion.core.datafolder import ensure_bundled_content, open_data_folder
from companion.core.store import Store
from companion.core.store.migrations import LATEST

CONTENT_TABLES = {"packs", "items", "search_docs"}
USER_TABLES = {"settings", "notes", "bookmarks", "vault", "field_records", "trusted_publishers"}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_migrating_an_empty_database_creates_every_table(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.close()
    assert CONTENT_TABLES | USER_TABLES <= _tables(tmp_path / "companion.db")
    with sqlite3.connect(tmp_path / "companion.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_of_the_oldest_schema_upgrades_with_its_user_data(tmp_path: Path) -> None:
    import sqlite_utils

    from companion.core.store.migrations import MIGRATIONS

    oldest = sqlite_utils.Database(tmp_path / "companion.db")
    MIGRATIONS[0](oldest)
    oldest.execute("PRAGMA user_version = 1")
    oldest["settings"].insert({"key": "language", "value": "zh-Hans"})
    oldest.conn.commit()
    oldest.close()
    reopened = Store.open(tmp_path)
    assert reopened.get_setting("language") == "zh-Hans"
    assert reopened.recovery_message is None
    assert CONTENT_TABLES | USER_TABLES <= _tables(tmp_path / "companion.db")
    assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    reopened.close()


def test_first_start_loads_the_bundled_workshop_and_a_second_start_does_not(data_dir: Path) -> None:
    store = open_data_folder(data_dir)  # a copy of a folder after its first start
    assert store.items("agenda-item")
    assert ensure_bundled_content(store) is False
    store.close()


def test_reloading_content_keeps_notes_bookmarks_and_settings(store: Store, bundled_pack) -> None:
    study = bundled_pack.by_kind("case-study")[0]
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO notes(pack_id, item_id, body, updated_at) VALUES (?, ?, 'my note', 'now')",
            (bundled_pack.manifest.id, study.id),
        )
    store.set_setting("text_scale", "1.3")
    store.install_pack(bundled_pack)
    note = store.conn.execute("SELECT body FROM notes WHERE item_id = ?", (study.id,)).fetchone()
    assert note == ("my note",)
    assert store.get_setting("text_scale") == "1.3"
    assert store.item(study.id) == study


def test_items_come_back_equal_to_what_was_loaded(store: Store, bundled_pack) -> None:
    assert store.items() == list(bundled_pack.items)
    assert store.manifest(bundled_pack.manifest.id) == bundled_pack.manifest


def test_garbage_over_the_database_is_kept_aside_and_a_fresh_store_starts(data_dir: Path) -> None:
    tmp_path = data_dir
    damaged = b"this is not a database at all " * 500
    (tmp_path / "companion.db").write_bytes(damaged)
    store = open_data_folder(tmp_path)
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("companion.db.unreadable-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert store.recovery_message is not None
    assert "damaged" in store.recovery_message and kept[0].name in store.recovery_message
    assert "\n" not in store.recovery_message
    assert store.items("case-study")
    store.close()


def test_a_database_from_a_newer_version_is_kept_aside(data_dir: Path) -> None:
    tmp_path = data_dir
    with sqlite3.connect(tmp_path / "companion.db") as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    store = open_data_folder(tmp_path)
    assert store.recovery_message is not None and "newer version" in store.recovery_message
    assert any(p.name.startswith("companion.db.unreadable-") for p in tmp_path.iterdir())
    store.close()


def test_a_failed_content_write_leaves_the_store_as_it_was(store: Store, bundled_pack) -> None:
    import dataclasses

    import pytest

    before = store.items()
    broken = dataclasses.replace(bundled_pack, items=(*bundled_pack.items, bundled_pack.items[0]))
    with pytest.raises(sqlite3.IntegrityError):
        store.install_pack(broken)  # a duplicate ID halfway through the insert
    assert store.items() == before


def test_a_changed_bundled_file_is_reloaded_and_a_touched_one_is_not(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from companion import resources

    copy = tmp_path / "pack"
    shutil.copytree(resources.bundled_pack_dir(), copy)
    monkeypatch.setattr(resources, "bundled_pack_dir", lambda: copy)
    store = open_data_folder(tmp_path / "data")
    term = sorted(copy.glob("glossary/*.toml"))[0]
    term.touch()  # same bytes, new time: checked, not reloaded
    assert ensure_bundled_content(store) is False
    text = term.read_text("utf-8").replace('en = "', 'en = "Edited: ', 1)
    term.write_text(text, "utf-8")
    assert ensure_bundled_content(store) is True
    assert store.item(term.stem).term.en.startswith("Edited: ")
    store.close()

"""`companion check`: one screen that says whether the store is sound, and what is not."""

from __future__ import annotations

import json
from pathlib import Path

from companion.__main__ import main
from companion.core.datafolder import open_data_folder
from companion.core.store.check import check_store
from tests.conftest import REPO


def test_a_healthy_store_checks_clean_and_names_each_workshop(data_dir: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    out = capsys.readouterr().out
    # The bundled workshop grows; its committed ID list says how many items it has.
    ids = (REPO / "tests" / "data" / "content-ids.txt").read_text("utf-8").splitlines()
    items = len([line for line in ids if line])
    assert "nanning-workshop" in out and f"{items} items" in out and "No problems found." in out
    assert len(out.splitlines()) <= 25  # one screen


def test_items_changed_outside_the_application_are_found(data_dir: Path, capsys) -> None:
    store = open_data_folder(data_dir)
    with store.transaction() as conn:
        conn.execute("UPDATE items SET data = replace(data, 'debt', 'DEBT') WHERE id = 'cs-01'")
    store.close()
    assert main(["--data-dir", str(data_dir), "check", "--json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["ok"] is False
    assert any("changed outside the application" in f["text"] for f in report["findings"] if not f["ok"])
    assert captured.err.count("\n") == 1


def test_a_search_index_out_of_step_with_the_content_is_found(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    triggers = [row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    with store.transaction() as conn:
        for trigger in triggers:
            conn.execute(f'DROP TRIGGER "{trigger}"')  # a write that bypasses the index
        conn.execute("UPDATE search_docs SET body = 'nothing indexed says this' WHERE id = 1")
    report = check_store(store)
    store.close()
    assert not report.ok
    assert any("search index" in f.text for f in report.findings if not f.ok)


def test_a_chinese_pair_index_out_of_step_with_the_content_is_found(data_dir: Path) -> None:
    store = open_data_folder(data_dir)
    triggers = [row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    with store.transaction() as conn:
        for trigger in triggers:
            conn.execute(f'DROP TRIGGER "{trigger}"')  # a write that bypasses both indexes
        first = "SELECT min(id) FROM search_docs WHERE grams != ''"
        conn.execute(f"UPDATE search_docs SET grams = '债务 务人' WHERE id = ({first})")
        conn.execute("INSERT INTO search_docs_fts(search_docs_fts) VALUES('rebuild')")  # words sound
    report = check_store(store)
    store.close()
    assert [f.text for f in report.findings if not f.ok and "search index" in f.text]


def test_the_check_counts_records_and_backups_without_opening_them(data_dir: Path) -> None:
    from companion.core.store.backups import create_backup

    store = open_data_folder(data_dir)
    create_backup(store)
    text = "\n".join(check_store(store).lines())
    store.close()
    assert "0 field records" in text and "backups, the newest made" in text

"""Importing: policies item by item, notes that stay attached, all or nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.core.datafolder import ensure_bundled_content
from companion.core.packs import PackError, toml_writer, trusted
from companion.core.packs.format import version_key
from companion.core.packs.importer import import_pack, plan_import
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import VerifiedPack, verify
from companion.core.progress import Cancelled
from companion.core.store import Store
from companion.core.store import store as store_module
from tests.unit.pack_support import (
    BUNDLED_VERSION,
    PACK_ID,
    install,
    pack_of,
    snapshot,
    stand_in_bundled_publisher,
    tiny_files,
)


def verified(files: dict[str, bytes], edition: str = "facilitator") -> VerifiedPack:
    return verify(read_pack_bytes(pack_of(files, edition)), {})


@pytest.fixture
def tiny(tmp_path: Path) -> Store:
    """A data folder holding only the tiny workshop 1.0.0, with a note and a bookmark on cs-01."""
    store = Store.open(tmp_path / "data")
    install(store, tiny_files())
    with store.transaction() as conn:
        conn.execute("INSERT INTO notes VALUES (?, 'cs-01', 'ask about the debt', 'then')", (PACK_ID,))
        conn.execute("INSERT INTO bookmarks VALUES (?, 'cs-01', 'then')", (PACK_ID,))
    return store


def actions(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {change.item_id: change.action for change in report.changes}


def test_an_update_with_an_edited_item_keeps_the_notes_attached_to_it(tiny: Store) -> None:
    report = import_pack(tiny, verified(tiny_files("1.1.0", story="Mai answered an online advert.")))
    assert actions(report)["cs-01"] == "updated" and report.counts()["updated"] == 1
    assert report.counts()["unchanged"] == 4 and report.version_after == "1.1.0"
    assert tiny.item("cs-01").stages[0].text.en == "Mai answered an online advert."
    assert tiny.conn.execute("SELECT body FROM notes WHERE item_id = 'cs-01'").fetchall() == [
        ("ask about the debt",)
    ]
    assert tiny.conn.execute("SELECT count(*) FROM bookmarks WHERE item_id = 'cs-01'").fetchone() == (1,)
    assert len(tiny.items()) == 5  # updated in place, never duplicated
    assert tiny.pack_version(PACK_ID) == "1.1.0"


@pytest.mark.parametrize(
    ("version", "policy", "expected"),
    [
        ("1.0.0", "newer", "skipped"),  # same version, different content: not newer
        ("0.9", "newer", "skipped"),
        ("1.10.0", "newer", "updated"),  # 1.10 > 1.9 > 1.0, compared as numbers
        ("1.0.0", "overwrite", "updated"),
        ("2.0.0", "keep", "skipped"),
    ],
)
def test_each_policy_decides_what_happens_to_an_edited_item(tiny: Store, version, policy, expected) -> None:
    report = import_pack(tiny, verified(tiny_files(version, story="Edited.")), policy)
    assert actions(report)["cs-01"] == expected
    change = next(c for c in report.changes if c.item_id == "cs-01")
    assert change.reason  # every decision says why
    edited = tiny.item("cs-01").stages[0].text.en == "Edited."
    assert edited == (expected == "updated")


def test_a_new_item_is_added_whatever_the_policy_and_nothing_is_deleted(tiny: Store) -> None:
    files = tiny_files("1.0.0")
    files["glossary/gl-003.toml"] = toml_writer.dumps(
        {"id": "gl-003", "term": {"en": "Shelter"}, "definition": {"en": "A safe place."}}
    ).encode()
    del files["glossary/gl-002.toml"]
    report = import_pack(tiny, verified(files), "keep")
    assert actions(report)["gl-003"] == "added" and actions(report)["gl-002"] == "unchanged"
    assert {item.id for item in tiny.items("glossary-term")} == {"gl-001", "gl-002", "gl-003"}


def test_importing_the_same_pack_twice_changes_nothing_the_second_time(tiny: Store, tmp_path: Path) -> None:
    pack = verified(tiny_files("1.1.0", story="Edited."))
    import_pack(tiny, pack)
    before = snapshot(tmp_path / "data" / "companion.db")
    report = import_pack(tiny, pack)
    assert not report.written and report.counts()["unchanged"] == 5
    assert snapshot(tmp_path / "data" / "companion.db") == before


def test_another_workshop_is_installed_beside_and_the_user_picks_the_current_one(tiny: Store) -> None:
    report = import_pack(tiny, verified(tiny_files(pack_id="second-workshop")))
    assert report.new_pack and report.counts()["added"] == 5
    assert [p.id for p in tiny.packs()] == ["second-workshop", PACK_ID]
    assert tiny.current_pack_id() == "second-workshop"
    tiny.set_current_pack(PACK_ID)
    assert tiny.current_pack_id() == PACK_ID and len(tiny.items(pack_id="second-workshop")) == 5


def test_a_failure_halfway_through_the_write_leaves_the_store_as_it_was(
    tiny: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(tmp_path / "data" / "companion.db")
    pack = verified(tiny_files("2.0.0", story="Edited."))
    monkeypatch.setattr(store_module, "INSERT_BATCH", 1)  # one item per batch: a middle exists
    calls = []
    real = Store._insert_batch

    def failing(conn, items, docs):  # type: ignore[no-untyped-def]
        calls.append(items[0]["id"])
        if len(calls) == 3:
            raise OSError("disk unplugged")
        real(conn, items, docs)

    monkeypatch.setattr(Store, "_insert_batch", staticmethod(failing))
    with pytest.raises(OSError, match="unplugged"):
        import_pack(tiny, pack)
    assert len(calls) == 3
    assert snapshot(tmp_path / "data" / "companion.db") == before
    assert tiny.item("cs-01").stages[0].text.en == "Mai answered an advert."


def test_a_cancel_halfway_leaves_the_store_as_it_was(tiny: Store, tmp_path: Path, monkeypatch) -> None:
    before = snapshot(tmp_path / "data" / "companion.db")
    monkeypatch.setattr(store_module, "INSERT_BATCH", 1)
    seen: list[int] = []
    with pytest.raises(Cancelled):
        import_pack(
            tiny,
            verified(tiny_files("2.0.0", story="Edited.")),
            progress=lambda d, t: seen.append(d),
            cancelled=lambda: len(seen) >= 3,
        )
    assert snapshot(tmp_path / "data" / "companion.db") == before


def test_an_import_that_would_break_links_is_refused_whole(tiny: Store, tmp_path: Path) -> None:
    # 2.0 drops cs-01 and indicator AB01; the installed cs-01 (kept) still names AB01.
    files = tiny_files("2.0.0")
    del files["case-studies/cs-01.toml"]
    files["agenda/ag-01.toml"] = re.sub(rb"case_studies = \[[^]]*\]\n", b"", files["agenda/ag-01.toml"])
    files["tools/tiny-check.toml"] = files["tools/tiny-check.toml"].replace(b"AB01", b"AB03")
    before = snapshot(tmp_path / "data" / "companion.db")
    with pytest.raises(PackError, match="AB01"):
        import_pack(tiny, verified(files))
    assert snapshot(tmp_path / "data" / "companion.db") == before


def test_a_participant_edition_over_a_facilitator_copy_warns_before_notes_go(tiny: Store) -> None:
    report = plan_import(tiny, verified(tiny_files("1.1.0"), "participant"))
    assert actions(report)["cs-01"] == "updated" and not report.written
    assert any("facilitator notes" in warning for warning in report.warnings)
    assert any("not signed" in warning for warning in report.warnings)


def test_the_bundled_workshop_never_overwrites_a_copy_its_publisher_signed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = stand_in_bundled_publisher(monkeypatch)
    bundled_id = store.current_pack_id()
    # Two objectives on its ag-01, as the bundled one has: a bundled question checks the second.
    files = tiny_files("9.0.0", pack_id=bundled_id, objectives=2)
    pack = verify(read_pack_bytes(pack_of(files, key=key)), trusted(store))
    report = import_pack(store, pack)
    assert (report.version_before, report.version_after) == (BUNDLED_VERSION, "9.0.0")
    assert not report.warnings
    assert ensure_bundled_content(store) is False
    assert store.pack_version(bundled_id) == "9.0.0" and store.pack_source(bundled_id) == "imported"
    assert store.item("cs-01").title.en == "The advert"


@pytest.mark.parametrize(
    ("higher", "lower"), [("1.10", "1.9"), ("1.10.0", "1.9.9"), ("2.0", "1.99.99"), ("0.1.10", "0.1.2")]
)
def test_versions_compare_as_numbers_part_by_part(higher: str, lower: str) -> None:
    assert version_key(higher) > version_key(lower)
    assert version_key("1.2") == version_key("1.2.0")


def test_an_installed_version_that_is_no_version_number_is_refused_in_one_line(
    tiny: Store, tmp_path: Path
) -> None:
    with tiny.transaction() as conn:  # a store edited by hand
        conn.execute("UPDATE packs SET version = '1.x' WHERE id = ?", (PACK_ID,))
    before = snapshot(tmp_path / "data" / "companion.db")
    with pytest.raises(PackError) as refused:
        import_pack(tiny, verified(tiny_files("1.1.0", story="Edited.")))
    assert str(refused.value) == "Not a version number (such as 1.2.0): 1.x"
    assert snapshot(tmp_path / "data" / "companion.db") == before

"""The take-home build: its bundled workshop is the participant edition, and the signed
facilitator pack of the same version brings the notes and answer keys back."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import resources
from companion.core.content import build_from_files, load_folder
from companion.core.datafolder import open_data_folder
from companion.core.editions import FACILITATOR_ONLY, has_facilitator_content
from companion.core.packs.edition_folder import edition_files, write_edition_folder
from companion.core.packs.importer import import_pack, plan_import
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import verify
from companion.core.sources import read_folder
from tests.unit.pack_support import pack_of, stand_in_bundled_publisher

SOURCE = resources.bundled_pack_dir()  # the author's files, as the facilitator build bundles them


def participant_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder first started by the participant build (its bundled content rewritten)."""
    folder = tmp_path / "participant-content" / resources.BUNDLED_PACK
    write_edition_folder(resources.bundled_pack_dir(), folder, "participant")
    monkeypatch.setattr(resources, "bundled_pack_dir", lambda: folder)
    data = tmp_path / "data"
    open_data_folder(data).close()
    return data


def test_the_participant_build_bundles_no_facilitator_only_field(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    assert any(has_facilitator_content(item) for item in bundled_pack.items)  # the source has them
    files = edition_files(resources.bundled_pack_dir(), "participant")
    pack = build_from_files(files)
    assert len(pack.items) == len(bundled_pack.items)
    for item in pack.items:
        for name in FACILITATOR_ONLY.get(item.kind, ()):
            assert not getattr(item, name), f"{item.id}.{name} is in the participant build"
    # Not even in the bytes: the model answers' and notes' keys are absent from every file.
    text = b"".join(files.values())
    assert b"facilitator_notes" not in text and b"answer_keys" not in text and b"to_verify" not in text


def test_the_facilitator_build_keeps_everything(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    pack = build_from_files(edition_files(resources.bundled_pack_dir(), "facilitator"))
    assert list(pack.items) == list(bundled_pack.items)


def test_writing_the_folder_replaces_what_was_there(tmp_path: Path) -> None:
    target = tmp_path / "out"
    (target / "stale").mkdir(parents=True)
    (target / "stale" / "old.toml").write_text("x")
    count = write_edition_folder(resources.bundled_pack_dir(), target, "participant")
    assert not (target / "stale").exists()
    assert count == len(list(target.rglob("*.toml")))
    assert load_folder(target).manifest.id == resources.BUNDLED_PACK


def test_the_signed_facilitator_pack_brings_the_notes_back_to_a_participant_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.core.store import Store

    key = stand_in_bundled_publisher(monkeypatch)
    data = participant_install(tmp_path, monkeypatch)
    store = Store.open(data)
    try:
        assert not any(has_facilitator_content(item) for item in store.items())
        source = load_folder(SOURCE)
        version = store.pack_version(resources.BUNDLED_PACK)
        assert version == source.manifest.version  # the same version, not bumped
        pack = verify(read_pack_bytes(pack_of(read_folder(SOURCE), "facilitator", key)), {})
        report = plan_import(store, pack, "newer")
        updated = {c.item_id for c in report.changes if c.action == "updated"}
        expected = {item.id for item in source.items if has_facilitator_content(item)}
        assert updated == expected
        import_pack(store, pack, "newer")
        installed = {item.id: item for item in store.items()}
        assert all(installed[item.id] == item for item in source.items)
    finally:
        store.close()
    # The next start keeps the facilitator copy: the publisher's own pack is never clobbered.
    again = open_data_folder(data)
    try:
        assert any(has_facilitator_content(item) for item in again.items())
    finally:
        again.close()


def test_a_pack_that_changes_more_than_the_notes_still_needs_a_newer_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.core.store import Store

    key = stand_in_bundled_publisher(monkeypatch)
    data = participant_install(tmp_path, monkeypatch)
    files = read_folder(SOURCE)
    tool = "tools/ilo-adult-labour.toml"
    files[tool] = files[tool].replace(b'overall = "R and E and D"', b'overall = "E"')
    assert b'overall = "E"' in files[tool]
    store = Store.open(data)
    try:
        pack = verify(read_pack_bytes(pack_of(files, "facilitator", key)), {})
        report = plan_import(store, pack, "newer")
        assert {c.item_id for c in report.changes if c.action == "skipped"} == {"ilo-adult-labour"}
    finally:
        store.close()

"""Export and import: the same workshop comes back; a participant edition carries no secrets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from companion.core.content import build_from_files
from companion.core.packs import PackError, signing, trusted
from companion.core.packs.exporter import export_pack
from companion.core.packs.importer import import_pack
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import describe, verify, verify_file
from companion.core.store import Store
from tests.conftest import REPO
from tests.unit.pack_support import entries_of, pack_of, tiny_files


def test_the_bundled_workshop_survives_a_round_trip_into_a_fresh_data_folder(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "stick" / "workshop.ctpack"
    target.parent.mkdir()
    result = export_pack(store, target, "facilitator")
    assert result.path == target and target.is_file()
    fresh = Store.open(tmp_path / "fresh")
    report = import_pack(fresh, verify_file(target, trusted(fresh)))
    pack_id = store.current_pack_id()
    assert report.counts()["added"] == len(store.items()) and report.written
    assert fresh.current_pack_id() == pack_id
    assert fresh.items() == store.items()
    assert fresh.manifest(pack_id) == store.manifest(pack_id)
    assert fresh.search("债务") == store.search("债务")
    assert not list(target.parent.glob("*.part"))  # written atomically, nothing left over


def test_a_participant_edition_holds_no_facilitator_notes_or_answer_keys_in_its_bytes() -> None:
    pack = pack_of(tiny_files(), "participant")
    raw = b"".join(data for _name, data in entries_of(pack))
    assert b"SECRET" not in raw and "秘密".encode() not in raw
    assert b"facilitator_notes" not in raw and b"answer_keys" not in raw
    study = verify(read_pack_bytes(pack), {}).content.get("cs-01")
    assert study.facilitator_notes is None and study.answer_keys == []
    assert study.stages[0].text.en == "Mai answered an advert."


def test_the_facilitator_edition_keeps_them() -> None:
    study = verify(read_pack_bytes(pack_of(tiny_files(), "facilitator")), {}).content.get("cs-01")
    assert study == build_from_files(tiny_files()).get("cs-01")


def test_the_same_workshop_gives_the_same_bytes() -> None:
    assert pack_of(tiny_files()) == pack_of(tiny_files())
    with zipfile.ZipFile(__import__("io").BytesIO(pack_of(tiny_files()))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_content_is_stored_as_readable_toml_in_the_source_layout() -> None:
    names = [name for name, _data in entries_of(pack_of(tiny_files()))]
    assert names[:1] == ["MANIFEST.json"]
    assert "content/pack.toml" in names and "content/case-studies/cs-01.toml" in names
    study = dict(entries_of(pack_of(tiny_files())))["content/case-studies/cs-01.toml"].decode()
    assert "id = 'cs-01'" in study and "zh-Hans = " in study


def test_text_with_windows_line_breaks_comes_back_byte_for_byte() -> None:
    story = "Mai answered an advert.\r\nShe went.\nLone \r too."
    pack = pack_of(tiny_files(story=story))
    assert verify(read_pack_bytes(pack), {}).content.get("cs-01").stages[0].text.en == story


# A pack made by an earlier release: the manifest's hashes are over its bytes, so whatever the
# writer becomes, such a pack must keep verifying and importing.
LITERAL_TOML_PACK = REPO / "tests" / "data" / "tiny-workshop-literal-toml.ctpack"
LITERAL_STORY = (
    "Mai answered an advert.\nShe was told: \"the fee is paid back from wages\", and that it's 'normal'."
)


def test_a_pack_written_with_literal_toml_strings_still_verifies_and_imports(tmp_path: Path) -> None:
    study = dict(entries_of(LITERAL_TOML_PACK.read_bytes()))["content/case-studies/cs-01.toml"]
    assert b"id = 'cs-01'" in study and b"en = '''\nMai answered" in study
    fresh = Store.open(tmp_path / "fresh")
    report = import_pack(fresh, verify_file(LITERAL_TOML_PACK, trusted(fresh)))
    assert report.written and report.pack_id == "tiny-workshop"
    expected = build_from_files(tiny_files(story=LITERAL_STORY))
    assert fresh.items(pack_id="tiny-workshop") == list(expected.items)


def test_a_signed_pack_names_its_publisher_once_trusted(tmp_path: Path) -> None:
    keys = tmp_path / "publisher"
    fingerprint = signing.create_key(keys, "correct horse battery")
    pack = pack_of(tiny_files(), key=signing.load_key(keys, "correct horse battery"))
    unknown = verify(read_pack_bytes(pack), {})
    assert unknown.signer == fingerprint and not unknown.trusted
    # People see the publisher's name and four groups of the fingerprint, not 64 hex characters.
    assert any(signing.short_fingerprint(fingerprint) in line for line in describe(unknown))
    known = verify(read_pack_bytes(pack), {fingerprint: "Provincial academy"})
    short = signing.short_fingerprint(fingerprint)
    assert known.trusted and f"Signature: valid, by Provincial academy ({short})" in describe(known)
    lines = describe(known) + describe(unknown)
    assert not any(signing.show_fingerprint(fingerprint) in line for line in lines)


def test_a_publisher_key_needs_its_passphrase_and_is_never_replaced(tmp_path: Path) -> None:
    signing.create_key(tmp_path, "correct horse battery")
    private = (tmp_path / signing.KEY_FILE).read_bytes()
    assert b"ENCRYPTED" in private and (tmp_path / signing.KEY_FILE).stat().st_mode & 0o077 == 0
    with pytest.raises(PackError, match="passphrase"):
        signing.load_key(tmp_path, "wrong horse battery")
    with pytest.raises(PackError, match="never replaced"):
        signing.create_key(tmp_path, "another passphrase")
    assert (tmp_path / signing.KEY_FILE).read_bytes() == private


def test_the_bundled_publisher_is_trusted_everywhere(store: Store) -> None:
    pinned = signing.pinned_publishers()
    assert len(pinned) == 1 and set(pinned) <= set(trusted(store))
    store.trust_publisher("ab" * 32, "Someone")
    assert trusted(store)["ab" * 32] == "Someone"

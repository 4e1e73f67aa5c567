"""What the import preview says: the heading agrees with the counts; one's own export is no stranger."""

from __future__ import annotations

from pathlib import Path

from companion.core.packs import signing, trusted
from companion.core.packs.exporter import export_pack
from companion.core.packs.importer import plan_import
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import describe, signature_warning, verify, verify_file
from companion.core.store import Store
from companion.i18n import set_language
from tests.unit.pack_support import install, pack_of, tiny_files


def test_an_overwrite_preview_does_not_say_nothing_changes_above_its_updates(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    install(store, tiny_files())
    pack = verify(read_pack_bytes(pack_of(tiny_files("1.0.0", story="Edited."))), {})
    lines = plan_import(store, pack, "overwrite").lines()
    assert "Updated: 1" in lines[1]
    assert not lines[0].startswith("Nothing to change")
    same = verify(read_pack_bytes(pack_of(tiny_files())), {})
    assert plan_import(store, same, "overwrite").lines()[0].startswith("Nothing to change")


def test_the_preview_can_name_items_by_title(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    install(store, tiny_files())
    pack = verify(read_pack_bytes(pack_of(tiny_files("1.1.0", story="Edited."))), {})
    lines = plan_import(store, pack, "newer").lines({"cs-01": "Mai's story"}.get)  # type: ignore[arg-type]
    assert any(line.startswith("Updated  Mai's story") for line in lines)


def test_the_summary_names_the_schema_only_when_it_is_not_the_one_read(tmp_path: Path) -> None:
    set_language("en")
    pack = verify(read_pack_bytes(pack_of(tiny_files())), {})
    assert not any(line.startswith("Schema") for line in describe(pack))


def test_re_importing_ones_own_export_is_not_from_an_untrusted_publisher(
    store: Store, tmp_path: Path
) -> None:
    set_language("en")
    signing.create_key(store.data_dir, "a long enough passphrase")
    key = signing.load_key(store.data_dir, "a long enough passphrase")
    target = tmp_path / "mine.ctpack"
    export_pack(store, target, "facilitator", key=key)
    pack = verify_file(target, trusted(store))
    assert pack.signer == signing.own_fingerprint(store.data_dir)
    assert signature_warning(pack) is None
    assert not any("not trusted" in line for line in describe(pack))

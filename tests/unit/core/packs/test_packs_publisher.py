"""The same-publisher rule: a signed workshop is updated only by its own key; anything else is
refused in one line or, if the user chooses, installed beside it under a new ID."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion import resources
from companion.__main__ import main
from companion.core.datafolder import ensure_bundled_content
from companion.core.packs import signing
from companion.core.packs.importer import import_pack, plan_import
from companion.core.packs.publisher import PublisherMismatchError, beside_id
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import VerifiedPack, verify
from companion.core.store import Store
from tests.unit.pack_support import (
    BUNDLED_VERSION,
    PACK_ID,
    bundled_files,
    pack_of,
    snapshot,
    stand_in_bundled_publisher,
    tiny_files,
)

BUNDLED = resources.BUNDLED_PACK
# Four of the exploitative-conditions indicators present, nothing else known: not met under the
# real rule ("R and E and D"), met under the rewritten one ("E").
ANSWERS = {"EXP01": "present", "EXP02": "present", "EXP03": "present", "EXP04": "present"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def verified(data: bytes) -> VerifiedPack:
    return verify(read_pack_bytes(data), {})


def scores(capsys: pytest.CaptureFixture[str], data_dir: Path, answers: Path) -> dict[str, object]:
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "screen", "ilo-adult-labour", "--answers", str(answers), "--json"
    )
    assert code == 0, err
    result: dict[str, object] = json.loads(out)
    return result


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS))
    return path


@pytest.mark.parametrize("signed_by", ["nobody", "another key"])
def test_a_pack_rewriting_the_bundled_workshop_is_refused_and_scores_stay_the_same(
    signed_by: str, capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, answers: Path
) -> None:
    key = Ed25519PrivateKey.generate() if signed_by == "another key" else None
    pack = tmp_path / "rewritten.ctpack"
    pack.write_bytes(pack_of(bundled_files("9.0.0", overall="E"), key=key))
    before = scores(capsys, data_dir, answers)
    assert before["outcome"] == "not_met"
    stored = snapshot(data_dir / "companion.db")

    argv = ("--data-dir", str(data_dir), "pack", "import", str(pack), "--policy", "overwrite")
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "cannot replace it" in err and "--beside" in err
    assert signing.BUNDLED_PUBLISHER_NAME in err  # who the workshop belongs to, by name
    assert not re.search(r"[0-9A-F]{4}( [0-9A-F]{4}){4}", err)  # a short fingerprint, never all 16 groups
    assert scores(capsys, data_dir, answers) == before
    assert snapshot(data_dir / "companion.db") == stored


def test_the_bundled_publisher_still_updates_its_own_workshop(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    answers: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = stand_in_bundled_publisher(monkeypatch)
    pack = tmp_path / "update.ctpack"
    pack.write_bytes(pack_of(bundled_files("9.0.0", overall="E"), key=key))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "pack", "import", str(pack))
    assert code == 0, err
    assert "Imported nanning-workshop version 9.0.0" in out
    assert scores(capsys, data_dir, answers)["outcome"] == "met"
    store = Store.open(data_dir)
    assert ensure_bundled_content(store) is False  # the publisher's newer copy is kept at the next start
    assert store.pack_version(BUNDLED) == "9.0.0"


def test_an_unsigned_copy_imported_before_the_rule_gives_way_to_the_bundled_workshop(store: Store) -> None:
    # Before the rule an unsigned pack could take the bundled workshop's ID; at the next start the
    # bundled workshop (signed by the pinned publisher) comes back, and notes stay attached.
    with store.transaction() as conn:
        conn.execute("INSERT INTO notes VALUES (?, 'cs-01', 'my note', 'then')", (BUNDLED,))
    store.install_pack(verified(pack_of(bundled_files("9.0.0", overall="E"))).content, source="imported")
    assert ensure_bundled_content(store) is True
    assert store.pack_version(BUNDLED) == BUNDLED_VERSION and store.pack_source(BUNDLED) == "bundled"
    assert store.item("ilo-adult-labour").scoring.overall == "R and E and D"
    assert store.conn.execute("SELECT body FROM notes").fetchall() == [("my note",)]
    # The replaced copy is kept in a backup, and the user is told which.
    from companion.core.store.backups import list_backups

    (backup,) = list_backups(store.data_dir)
    assert store.recovery_message is not None and backup.id in store.recovery_message
    with sqlite3.connect(backup.path) as kept:
        assert kept.execute("SELECT version FROM packs WHERE id = ?", (BUNDLED,)).fetchone() == ("9.0.0",)


def test_beside_installs_a_refused_pack_under_a_new_id_and_never_over_the_workshop(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, answers: Path
) -> None:
    pack = tmp_path / "rewritten.ctpack"
    pack.write_bytes(pack_of(bundled_files("9.0.0", overall="E")))
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "pack", "import", str(pack), "--beside", "--json"
    )
    report = json.loads(out)
    assert code == 0, err
    assert report["pack"] == f"{BUNDLED}-unsigned" and report["beside_of"] == BUNDLED and report["written"]
    store = Store.open(data_dir)
    assert store.pack_version(BUNDLED) == BUNDLED_VERSION and store.pack_source(BUNDLED) == "bundled"
    assert store.item("ilo-adult-labour", pack_id=BUNDLED).scoring.overall == "R and E and D"
    assert store.current_pack_id() == f"{BUNDLED}-unsigned"  # a new workshop becomes the current one
    # The same pack again finds the same copy: no third workshop.
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "import", str(pack), "--beside")
    assert code == 0 and "Nothing to change" in out and "installed beside it" in out
    assert sorted(store.pack_ids()) == [BUNDLED, f"{BUNDLED}-unsigned"]
    run(capsys, "--data-dir", str(data_dir), "pack", "use", BUNDLED)
    assert scores(capsys, data_dir, answers)["outcome"] == "not_met"


@pytest.fixture
def signed_tiny(tmp_path: Path) -> tuple[Store, Ed25519PrivateKey]:
    """A data folder holding the tiny workshop 1.0.0, signed by a publisher's key."""
    key = Ed25519PrivateKey.generate()
    store = Store.open(tmp_path / "data")
    import_pack(store, verified(pack_of(tiny_files(), key=key)))
    return store, key


@pytest.mark.parametrize("policy", ["newer", "overwrite", "keep"])
def test_a_signed_workshop_refuses_unsigned_and_other_keys_whatever_the_policy(
    signed_tiny: tuple[Store, Ed25519PrivateKey], policy: str
) -> None:
    store, _key = signed_tiny
    for other in (None, Ed25519PrivateKey.generate()):
        pack = verified(pack_of(tiny_files("2.0.0", story="Rewritten."), key=other))
        with pytest.raises(PublisherMismatchError, match="cannot replace it") as refused:
            plan_import(store, pack, policy)
        assert refused.value.pack_id == PACK_ID and "\n" not in str(refused.value)
    assert store.pack_version(PACK_ID) == "1.0.0"


def test_the_same_key_updates_its_workshop(signed_tiny: tuple[Store, Ed25519PrivateKey]) -> None:
    store, key = signed_tiny
    report = import_pack(store, verified(pack_of(tiny_files("2.0.0", story="Rewritten."), key=key)))
    assert report.written and report.beside_of is None and store.pack_version(PACK_ID) == "2.0.0"
    assert store.item("cs-01").stages[0].text.en == "Rewritten."


def test_an_unsigned_workshop_takes_a_signed_update_and_is_bound_to_that_key_from_then_on(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "data")
    import_pack(store, verified(pack_of(tiny_files())))
    key = Ed25519PrivateKey.generate()
    import_pack(store, verified(pack_of(tiny_files("2.0.0"), key=key)))
    with pytest.raises(PublisherMismatchError):
        import_pack(store, verified(pack_of(tiny_files("3.0.0", story="Rewritten."))))
    assert store.pack_version(PACK_ID) == "2.0.0"


def test_the_beside_id_comes_from_the_pack_id_and_its_signer_never_its_title(
    signed_tiny: tuple[Store, Ed25519PrivateKey],
) -> None:
    store, _key = signed_tiny
    other = Ed25519PrivateKey.generate()
    pack = verified(pack_of(tiny_files("2.0.0"), key=other))
    assert pack.signer is not None
    report = import_pack(store, pack, beside=True)
    assert report.pack_id == f"{PACK_ID}-{pack.signer[:8]}" and report.beside_of == PACK_ID
    assert store.pack_signer(report.pack_id) == pack.signer  # the copy is bound to its own key
    assert store.pack_version(PACK_ID) == "1.0.0"
    # An ID at the longest the manifest allows still gives a valid one, at most 64 characters.
    long_id = "a" * 30 + "-" + "b" * 33
    store.install_pack(verified(pack_of(tiny_files(pack_id=long_id), key=other)).content, signer=pack.signer)
    derived = beside_id(store, verified(pack_of(tiny_files(pack_id=long_id))))
    assert len(derived) <= 64 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", derived)
    assert derived.endswith("-unsigned")


def test_a_beside_id_taken_by_another_publisher_is_not_reused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    owner, squatter = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    import_pack(store, verified(pack_of(tiny_files(), key=owner)))
    import_pack(store, verified(pack_of(tiny_files(pack_id=f"{PACK_ID}-unsigned"), key=squatter)))
    report = import_pack(store, verified(pack_of(tiny_files("2.0.0"))), beside=True)
    assert report.pack_id == f"{PACK_ID}-unsigned-2"
    assert store.pack_version(f"{PACK_ID}-unsigned") == "1.0.0"


def test_pack_list_and_verify_show_the_publisher_and_a_short_fingerprint(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    pinned = next(iter(signing.pinned_publishers()))
    short = signing.short_fingerprint(pinned)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){3}", short)
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "list")
    assert code == 0 and f"signed by {signing.BUNDLED_PUBLISHER_NAME} ({short})" in out
    assert signing.show_fingerprint(pinned) not in out
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "list", "--json")
    assert json.loads(out)[0]["signer"] == pinned  # scripts keep the whole fingerprint

    key = Ed25519PrivateKey.generate()
    pack = tmp_path / "signed.ctpack"
    pack.write_bytes(pack_of(tiny_files(), key=key))
    signer = verified(pack.read_bytes()).signer
    assert signer is not None
    run(capsys, "--data-dir", str(data_dir), "pack", "trust", signer, "--name", "Academy")
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "verify", str(pack))
    assert code == 0 and f"Signature: valid, by Academy ({signing.short_fingerprint(signer)})" in out
    assert signing.show_fingerprint(signer) not in out and signer not in out.lower()

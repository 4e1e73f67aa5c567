"""Field records against hostile files, damaged rows, replayed copies and failing writes.

Each test makes its fault itself: a hand-over file written by hand (sealed
with a passphrase the test knows, as an attacker's would be), a row changed
or put back with plain SQL, a store whose write raises.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from companion.core import records as records_module
from companion.core.records import (
    HANDOVER_FORMAT,
    DamagedRecord,
    FieldRecord,
    RecordsError,
    Vault,
    read_handover,
)
from companion.core.sealing import KdfParams, derive_key, seal
from companion.core.store import Store
from companion.core.store.database import StoreError

PASSPHRASE = "correct horse battery"
HANDOVER_PASSPHRASE = "hand-over phrase"
NOTES = "Met at the bus station."


def _record(code: str = "NN-2026-014", notes: str = NOTES) -> FieldRecord:
    return FieldRecord(code, "ilo-adult-labour", "1.0", {"DR01": "present"}, notes=notes)


@pytest.fixture
def vault(store: Store) -> Vault:
    opened = Vault(store)
    opened.set_up(PASSPHRASE, PASSPHRASE)
    return opened


def _handover(folder: Path, plaintext: bytes, kdf: object = None, name: str = "x.tcrecord") -> Path:
    """A hand-over file as anyone could write one: the passphrase is theirs to choose."""
    params = KdfParams.fresh()
    sealed = seal(derive_key(HANDOVER_PASSPHRASE, params), plaintext, b"hand-over")
    kdf = kdf or params.as_json()
    document = {"format": HANDOVER_FORMAT, "version": 1, "kdf": kdf, "sealed": sealed.hex()}
    target = folder / name
    target.write_text(json.dumps(document))
    return target


def _valid_form() -> dict[str, object]:
    return asdict(
        replace(
            _record(),
            id=uuid.uuid4().hex,
            created_at="2026-03-01T09:00:00+00:00",
            updated_at="2026-03-01T09:30:00+00:00",
        )
    )


def _row(store: Store, record_id: str) -> dict[str, object]:
    cursor = store.conn.execute("SELECT * FROM field_records WHERE id = ?", (record_id,))
    return dict(zip([column[0] for column in cursor.description], cursor.fetchone(), strict=True))


def _put_row(store: Store, row: dict[str, object]) -> None:
    """Put a row back as it was, bypassing the vault: what someone with the file could do."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    statement = f"INSERT OR REPLACE INTO field_records({columns}) VALUES({marks})"
    store.conn.execute(statement, tuple(row.values()))


@pytest.fixture
def no_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any key derivation fails the test: bounds must be checked before any work is done."""

    def refuse(*_args: object) -> bytes:
        raise AssertionError("a key was derived with settings that should have been refused")

    monkeypatch.setattr(records_module, "derive_key", refuse)


# --- 1. the scrypt cost a file asks for ------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"n": 2**20},  # 1 GiB and seconds of work
        {"n": 2**62},  # crashed the key derivation
        {"n": 2**9},  # below the floor: too cheap to guess
        {"n": 1000},  # not a power of two
        {"n": "1024"},
        {"n": True},
        {"n": 1024.0},
        {"r": 1000},
        {"r": 0},
        {"p": 64},
        {"n": 2**17, "r": 16},  # each within bounds, the work together is not
        {"salt": "00" * 4},
        {"salt": "00" * 64},
    ],
)
def test_a_hand_over_file_asking_for_too_much_or_too_little_work_is_refused_before_any_work(
    tmp_path: Path, no_key_derivation: None, change: dict[str, object]
) -> None:
    kdf = {"kdf": "scrypt", "salt": "00" * 16, "n": 2**15, "r": 8, "p": 1} | change
    source = _handover(tmp_path, json.dumps(_valid_form()).encode(), kdf=kdf)
    with pytest.raises(RecordsError) as refused:
        read_handover(source, HANDOVER_PASSPHRASE)
    assert "\n" not in str(refused.value) and str(refused.value)


def test_the_vault_row_is_held_to_the_same_bounds(vault: Vault, no_key_derivation: None) -> None:
    kdf = {"kdf": "scrypt", "salt": "00" * 16, "n": 2**20, "r": 8, "p": 1}
    vault.store.conn.execute("UPDATE vault SET kdf = ?", (json.dumps(kdf),))
    vault.lock()
    with pytest.raises(RecordsError, match="key settings"):
        vault.unlock(PASSPHRASE)
    assert not vault.is_unlocked


def test_the_bounds_admit_the_shipped_cost_and_the_tests_cost() -> None:
    for n in (2**10, 2**15, 2**17):
        assert KdfParams(b"0" * 16, n=n).n == n
    assert KdfParams.from_json(KdfParams(b"1" * 16).as_json()) == KdfParams(b"1" * 16)


# --- 2. a decrypted record is held to the model a new one is -----------------------------


def _hostile_plaintexts() -> dict[str, bytes]:
    form = _valid_form()
    return {
        "a name as case code": json.dumps(form | {"case_code": "Jane Doe"}).encode(),
        "an ID of 5,000 characters": json.dumps(form | {"id": "a" * 5000}).encode(),
        "an ID that is not random hex": json.dumps(form | {"id": "../../etc"}).encode(),
        "an unknown field": json.dumps(form | {"full_name": "Jane Doe"}).encode(),
        "an unknown field named after a person": json.dumps(form | {"Jane Doe": 1}).encode(),
        "a missing field": json.dumps({k: v for k, v in form.items() if k != "tool_id"}).encode(),
        "a list, not an object": json.dumps([form]).encode(),
        "answers as a list": json.dumps(form | {"answers": ["DR01"]}).encode(),
        "an answer that is not one": json.dumps(form | {"answers": {"DR01": "maybe"}}).encode(),
        "an age as text": json.dumps(form | {"age": "30"}).encode(),
        "act as text": json.dumps(form | {"act": "yes"}).encode(),
        "a date that is a path": json.dumps(form | {"created_at": "../../../tmp/x"}).encode(),
        "invalid UTF-8": json.dumps(form).encode().replace(b"NN-2026-014", b"NN-2026-\xff\xfe"),
        "a lone surrogate": json.dumps(form | {"notes": "\ud800"}).encode(),
        "not JSON": b"\x00\x01 not json",
        "nested a million deep": b"[" * 1_000_000,
        "NaN in extra": json.dumps(form).encode().replace(b'"extra": {}', b'"extra": {"x": NaN}'),
    }


@pytest.mark.parametrize("case", list(_hostile_plaintexts()))
def test_a_hand_over_record_the_model_refuses_is_one_clear_error_and_nothing_is_imported(
    vault: Vault, tmp_path: Path, case: str
) -> None:
    source = _handover(tmp_path, _hostile_plaintexts()[case])
    with pytest.raises(RecordsError) as refused:
        vault.import_handover(source, HANDOVER_PASSPHRASE)
    message = str(refused.value)
    assert message and "\n" not in message and "Jane" not in message
    assert vault.records() == []


def test_a_name_as_case_code_is_refused_in_words_about_names(vault: Vault, tmp_path: Path) -> None:
    source = _handover(tmp_path, _hostile_plaintexts()["a name as case code"])
    with pytest.raises(RecordsError, match="never be a person's name"):
        vault.import_handover(source, HANDOVER_PASSPHRASE)


def test_a_valid_hand_over_with_later_fields_in_extra_keeps_them(vault: Vault, tmp_path: Path) -> None:
    form = _valid_form() | {"extra": {"interpreter": True, "follow_up": ["2026-04-01"]}}
    imported = vault.import_handover(_handover(tmp_path, json.dumps(form).encode()), HANDOVER_PASSPHRASE)
    assert vault.get(imported.id).extra == form["extra"]


@pytest.mark.parametrize("kind", ["too large", "a folder", "a named pipe"])
def test_a_hand_over_path_that_is_not_a_small_regular_file_is_refused_without_reading_it(
    tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "x.tcrecord"
    if kind == "too large":
        source.write_bytes(b" " * (5 * 1024 * 1024))
    elif kind == "a folder":
        source.mkdir()
    else:
        os.mkfifo(source)  # nobody writes to it: reading it would wait for ever
    with pytest.raises(RecordsError, match="not a field record hand-over file"):
        read_handover(source, HANDOVER_PASSPHRASE)


# --- 3. one damaged record hides no other ---------------------------------------------------


def test_a_damaged_record_is_listed_as_damaged_and_the_others_still_open(vault: Vault) -> None:
    kept = [vault.save(_record("NN-1")), vault.save(_record("NN-3"))]
    broken = vault.save(_record("NN-2"))
    row = _row(vault.store, broken.id)
    sealed = bytearray(row["sealed"])  # type: ignore[arg-type]
    sealed[-1] ^= 0x01  # one bit flipped on the disk
    _put_row(vault.store, row | {"sealed": bytes(sealed)})

    listed = vault.records()
    assert {r.id for r in listed if isinstance(r, FieldRecord)} == {r.id for r in kept}
    assert [(r.id, r.damaged) for r in listed if isinstance(r, DamagedRecord)] == [(broken.id, True)]
    with pytest.raises(RecordsError, match="damaged"):
        vault.get(broken.id)
    vault.delete(broken.id)
    assert sorted(r.case_code for r in vault.records()) == ["NN-1", "NN-3"]  # type: ignore[union-attr]


# --- 4. a write that fails is one sentence ------------------------------------------------


@pytest.mark.parametrize(
    "error", [StoreError("could not save: disk full"), sqlite3.OperationalError("database is locked")]
)
def test_a_save_that_fails_in_the_store_is_one_records_error_and_changes_nothing(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    saved = vault.save(_record())

    def fail(*_args: object) -> None:
        raise error

    monkeypatch.setattr(vault.store, "transaction", fail)
    with pytest.raises(RecordsError, match="could not be saved"):
        vault.save(replace(saved, notes="changed"))
    monkeypatch.undo()
    assert vault.get(saved.id).notes == NOTES


# --- 5. an older copy put back does not open --------------------------------------------------


def test_an_older_copy_of_a_record_put_back_does_not_open(vault: Vault) -> None:
    first = vault.save(_record(notes="Passport returned."))
    older = _row(vault.store, first.id)
    vault.save(replace(first, notes="Passport still held by the recruiter."))
    _put_row(vault.store, older)

    listed = vault.records()
    assert [r for r in listed if isinstance(r, FieldRecord)] == []  # "Passport returned." stays shut
    assert [(r.id, r.damaged) for r in listed] == [(first.id, True)]
    assert "older copy" in listed[0].reason  # type: ignore[union-attr]
    with pytest.raises(RecordsError, match="older copy"):
        vault.get(first.id)


def test_a_deleted_record_put_back_does_not_open(vault: Vault) -> None:
    gone = vault.save(_record())
    row = _row(vault.store, gone.id)
    vault.delete(gone.id)
    _put_row(vault.store, row)
    listed = vault.records()
    assert [r for r in listed if isinstance(r, FieldRecord)] == [] and [r.damaged for r in listed] == [True]


def test_an_index_that_no_longer_opens_is_said_and_saving_repairs_it(vault: Vault) -> None:
    saved = vault.save(_record())
    vault.store.conn.execute("UPDATE vault SET record_index = x'00'")
    assert [r.id for r in vault.records()] == [saved.id] and vault.warning
    vault.save(replace(saved, notes="again"))
    assert [r.notes for r in vault.records()] == ["again"] and vault.warning is None  # type: ignore[union-attr]


def test_two_windows_saving_at_once_never_take_the_same_version(vault: Vault, data_dir: Path) -> None:
    other = Vault(Store.open(data_dir))
    other.unlock(PASSPHRASE)
    reads = vault.store.sealed_records

    def stale_then_fresh() -> object:
        snapshot = reads()
        other.save(_record("NN-9"))  # writes between this window's read and its write
        vault.store.sealed_records = reads  # type: ignore[method-assign]
        return snapshot

    vault.store.sealed_records = stale_then_fresh  # type: ignore[method-assign]
    vault.save(_record("NN-1"))
    versions = [row[1] for row in reads()[1]]
    assert len(set(versions)) == 2
    assert sorted(r.case_code for r in other.records()) == ["NN-1", "NN-9"]  # type: ignore[union-attr]
    other.store.close()


def _schema_3_store(folder: Path, notes: list[str]) -> tuple[str, list[bytes]]:
    """A data folder as the version before record versions left it: one record, sealed the old way.

    Returns the record's ID and its sealed copies, oldest first (the last is in the row).
    """
    import sqlite_utils

    from companion.core.store import migrations

    folder.mkdir()
    db = sqlite_utils.Database(folder / "companion.db")
    for migration in migrations.MIGRATIONS[:3]:  # m001 to m003
        migration(db)
    params = KdfParams.fresh()
    key = derive_key(PASSPHRASE, params)
    record_id = uuid.uuid4().hex
    copies = []
    for note in notes:
        record = replace(_record(notes=note), id=record_id, created_at="2026-01-05T10:00:00+00:00")
        record = replace(record, updated_at=record.created_at)
        copies.append(seal(key, record.to_bytes(), record_id.encode()))  # the old associated data: the ID
    db.conn.execute(
        "INSERT INTO vault(id, kdf, verifier, created_at) VALUES (1, ?, ?, ?)",
        (json.dumps(params.as_json()), seal(key, b"training-companion vault v1", b"vault"), "2026-01-05"),
    )
    db.conn.execute("INSERT INTO field_records(id, sealed) VALUES (?, ?)", (record_id, copies[-1]))
    db.conn.execute("PRAGMA user_version = 3")
    db.conn.commit()
    db.conn.close()
    return record_id, copies


def test_a_record_sealed_before_versions_opens_after_the_upgrade_and_then_is_protected(
    tmp_path: Path,
) -> None:
    record_id, copies = _schema_3_store(tmp_path / "old", ["First visit.", "Second visit."])
    store = Store.open(tmp_path / "old")
    vault = Vault(store)
    vault.unlock(PASSPHRASE)
    assert [(r.id, r.notes) for r in vault.records()] == [(record_id, "Second visit.")]  # type: ignore[union-attr]
    # Unlocking resealed it under a version, so the copy from before the edit no longer opens.
    assert _row(store, record_id)["version"] != 0
    _put_row(store, _row(store, record_id) | {"sealed": copies[0], "version": 0})
    assert [r.damaged for r in vault.records()] == [True]
    # Nor does an old-style copy of a record deleted since.
    vault.delete(record_id)
    _put_row(store, {"id": record_id, "sealed": copies[1], "version": 0})
    assert [r.damaged for r in vault.records()] == [True]
    store.close()

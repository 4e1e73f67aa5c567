"""Field records: sealed at rest, opened only with the passphrase, handed over as sealed files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.core.records import (
    FieldRecord,
    RecordsError,
    Vault,
    default_handover_name,
    read_handover,
)
from companion.core.sealing import WrongPassphraseError
from companion.core.store import Store

PASSPHRASE = "correct horse battery"
NOTES = "Met at the bus station; says her passport was kept by the recruiter."
ANSWERS = {"DR01": "present", "DR02": "absent", "DP01": "present"}


def _record(code: str = "NN-2026-014") -> FieldRecord:
    return FieldRecord(
        case_code=code, tool_id="ilo-adult-labour", tool_version="1.0", answers=ANSWERS, notes=NOTES
    )


def _database_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.glob("companion.db*")))


@pytest.fixture
def vault(store: Store) -> Vault:
    opened = Vault(store)
    opened.set_up(PASSPHRASE, PASSPHRASE)
    return opened


def test_a_saved_record_leaves_no_answer_note_or_case_code_in_the_database(
    vault: Vault, data_dir: Path
) -> None:
    saved = vault.save(_record())
    stored = _database_bytes(data_dir)
    for secret in (NOTES, "NN-2026-014", json.dumps(ANSWERS), '"DR01": "present"'):
        assert secret.encode() not in stored
    assert vault.get(saved.id).notes == NOTES
    assert vault.get(saved.id).answers == ANSWERS


def test_records_reopen_with_the_passphrase_after_a_restart(vault: Vault, data_dir: Path) -> None:
    saved = vault.save(_record())
    vault.store.close()
    reopened = Vault(Store.open(data_dir))
    assert reopened.is_set_up and not reopened.is_unlocked
    reopened.unlock(PASSPHRASE)
    assert [(r.id, r.case_code, r.answers) for r in reopened.records()] == [
        (saved.id, "NN-2026-014", ANSWERS)
    ]
    reopened.store.close()


def test_a_wrong_passphrase_is_refused_in_one_sentence_and_nothing_opens(vault: Vault) -> None:
    vault.save(_record())
    vault.lock()
    with pytest.raises(WrongPassphraseError, match="not right"):
        vault.unlock("correct horse battery!")
    assert not vault.is_unlocked
    with pytest.raises(RecordsError, match="locked"):
        vault.records()


def test_the_passphrase_is_set_once_and_must_be_long_and_repeated(store: Store) -> None:
    vault = Vault(store)
    with pytest.raises(RecordsError, match="at least 8"):
        vault.set_up("short", "short")
    with pytest.raises(RecordsError, match="not the same"):
        vault.set_up(PASSPHRASE, PASSPHRASE + "x")
    vault.set_up(PASSPHRASE, PASSPHRASE)
    with pytest.raises(RecordsError, match="already"):
        vault.set_up("another passphrase", "another passphrase")


@pytest.mark.parametrize("code", ["Maria Chen", "Li", "王芳", "", "NN 2026 014", "x" * 30 + "1"])
def test_a_name_or_malformed_case_code_is_refused(vault: Vault, code: str) -> None:
    with pytest.raises(RecordsError, match="Never use a person's name"):
        vault.save(_record(code))
    assert vault.records() == []


def test_records_list_newest_first_and_edits_keep_id_and_creation_date(vault: Vault) -> None:
    first = vault.save(_record("NN-1"))
    second = vault.save(_record("NN-2"))
    edited = vault.save(FieldRecord(**{**first.__dict__, "notes": "Follow-up booked."}))
    assert edited.id == first.id and edited.created_at == first.created_at
    listed = vault.records()
    assert {r.case_code for r in listed} == {"NN-1", "NN-2"}
    assert listed[0].created_at >= listed[1].created_at
    assert vault.get(first.id).notes == "Follow-up booked."
    assert second.id != first.id


def test_a_deleted_record_is_gone_and_its_sealed_bytes_with_it(vault: Vault, data_dir: Path) -> None:
    saved = vault.save(_record())
    sealed = vault.store.sealed_record(saved.id)
    vault.delete(saved.id)
    vault.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert vault.records() == []
    assert sealed[20:60] not in _database_bytes(data_dir)
    with pytest.raises(RecordsError):
        vault.get(saved.id)


def test_a_sealed_record_moved_onto_another_row_does_not_open(vault: Vault) -> None:
    one, two = vault.save(_record("NN-1")), vault.save(_record("NN-2"))
    vault.store.conn.execute(
        "UPDATE field_records SET sealed = (SELECT sealed FROM field_records WHERE id = ?) WHERE id = ?",
        (one.id, two.id),
    )
    with pytest.raises(RecordsError, match="damaged"):
        vault.get(two.id)
    assert [(r.id, r.damaged) for r in vault.records()] == [(one.id, False), (two.id, True)]


def test_hand_over_round_trip_with_its_own_passphrase(vault: Vault, tmp_path: Path, data_dir: Path) -> None:
    saved = vault.save(_record())
    name = default_handover_name(saved)
    assert "NN" not in name and saved.created_date in name
    target = vault.export_handover(saved.id, tmp_path / name, "hand-over phrase", "hand-over phrase")
    assert NOTES.encode() not in target.read_bytes()
    with pytest.raises(WrongPassphraseError, match="does not open"):
        read_handover(target, PASSPHRASE)
    received = read_handover(target, "hand-over phrase")
    assert (received.case_code, received.answers, received.notes) == ("NN-2026-014", ANSWERS, NOTES)

    colleague = Vault(Store.open(tmp_path / "colleague"))
    colleague.set_up("colleague passphrase", "colleague passphrase")
    colleague.import_handover(target, "hand-over phrase")
    assert [r.notes for r in colleague.records()] == [NOTES]
    with pytest.raises(RecordsError, match="already"):
        colleague.import_handover(target, "hand-over phrase")
    colleague.store.close()


def test_a_file_that_is_not_a_hand_over_gets_one_clear_message(tmp_path: Path) -> None:
    bogus = tmp_path / "x.tcrecord"
    bogus.write_bytes(b"\xff\xfe not json")
    with pytest.raises(RecordsError, match="not a field record hand-over file"):
        read_handover(bogus, "whatever passphrase")


def test_the_shipped_key_derivation_keeps_its_cost() -> None:
    # The suite derives keys cheaply (conftest.py); what ships must not.
    from companion.core.sealing import KdfParams

    shipped = KdfParams(b"0" * 16)
    assert shipped.n >= 2**15 and shipped.r >= 8


def test_a_declined_answer_is_saved_and_reopened_and_older_records_still_open(
    vault: Vault, data_dir: Path
) -> None:
    """A fourth answer, "declined", survives sealing; records written before it existed open unchanged."""
    older = vault.save(_record("NN-2026-015"))  # present / absent only, as an older version wrote them
    answers = {**ANSWERS, "DR03": "declined", "DR04": "unknown"}
    declined = vault.save(
        FieldRecord(case_code="NN-2026-016", tool_id="ilo-adult-labour", tool_version="1.0", answers=answers)
    )
    vault.store.close()
    reopened = Vault(Store.open(data_dir))
    reopened.unlock(PASSPHRASE)
    assert reopened.get(declined.id).answers == answers
    assert reopened.get(older.id).answers == ANSWERS

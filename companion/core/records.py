"""Field records: real screenings, kept minimal and sealed with the user's passphrase.

Recording is a deliberate switch; practice stays the default and stores nothing.
A record names its person by a case code (never a name) and holds the tool's
answers and any notes. Everything of a record, its case code and dates
included, is sealed (:mod:`companion.core.sealing`) under a key derived from a
passphrase that is set once; the database holds only a random ID and a version
number beside the sealed bytes. The key lives in memory while the
:class:`Vault` is unlocked.

What is sealed is checked on the way in and on the way out by one model
(:mod:`companion.core.record_form`): a record read from a row or a hand-over
file that a new record could not be is refused in one sentence. A row that
does not open is listed as a :class:`DamagedRecord` (its ID only), so the
other records still open and the damaged one can be deleted.

Each save takes a new version number from a counter that never goes back, and
seals the record with its ID and that version as associated data; a sealed
index, written in the same transaction, holds the current version of every
record. An older sealed copy of a record put back into its row therefore does
not open: it is listed as damaged. Rolling back the whole database (as
restoring a backup does) rolls back the index with it and is not detected.

A record can be handed over as a file sealed with a separate hand-over
passphrase, which the receiving colleague opens with :func:`read_handover`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from companion.core.files import NotAFileError, TooLargeError, read_regular_file, write_atomically
from companion.core.record_form import (
    MAX_RECORD_BYTES,
    DamagedRecord,
    FieldRecord,
    RecordsError,
    check_case_code,
)
from companion.core.sealing import (
    KdfParams,
    KdfParamsError,
    WrongPassphraseError,
    derive_key,
    open_sealed,
    seal,
)
from companion.core.store.database import StoreError
from companion.i18n import _

__all__ = [
    "DamagedRecord",
    "FieldRecord",
    "RecordsError",
    "Vault",
    "WrongPassphraseError",
    "check_case_code",
    "read_handover",
]

MIN_PASSPHRASE = 8
HANDOVER_FORMAT = "training-companion/field-record"
HANDOVER_SUFFIX = ".tcrecord"
MAX_HANDOVER_BYTES = 4 * MAX_RECORD_BYTES  # a hand-over file is one record and a few lines
_VERIFIER = b"training-companion vault v1"
_VERIFIER_AD = b"vault"
_HANDOVER_AD = b"hand-over"
_INDEX_AD = b"record-index"
_DRAFT_AD = b"unsaved draft"
DEFAULT_IDLE_MINUTES = 5


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise RecordsError(_("A passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE))
    if passphrase != repeated:
        raise RecordsError(_("The two passphrases are not the same."))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- versions ----------------------------------------------------------------------

SealedRow = tuple[str, int, bytes]  # (record ID, version, sealed bytes), as the store keeps them


def _record_ad(record_id: str, version: int) -> bytes:
    # Version 0 is a record sealed before versions were kept: bound to its ID alone.
    return record_id.encode() if version == 0 else f"record:{record_id}:{version}".encode()


def _sealed_row(key: bytes, record_id: str, version: int, plaintext: bytes) -> SealedRow:
    return record_id, version, seal(key, plaintext, _record_ad(record_id, version))


@dataclass
class _Index:
    """The current version of every record, and a counter that only goes up.

    ``state`` says what the stored index could vouch for: "ok" (versions must
    match), "missing" (a vault from before versions were kept: only records
    sealed the old way open) or "damaged" (nothing to check against; said so).
    """

    counter: int = 0
    versions: dict[str, int] = field(default_factory=dict)
    state: Literal["ok", "missing", "damaged"] = "ok"

    def vouches_for(self, record_id: str, version: int) -> bool:
        if self.state == "ok":
            return self.versions.get(record_id) == version
        return version == 0 if self.state == "missing" else True

    def next_version(self, record_id: str) -> int:
        self.counter += 1
        self.versions[record_id] = self.counter
        return self.counter

    def sealed(self, key: bytes) -> bytes:
        document = {"counter": self.counter, "versions": self.versions}
        return seal(key, json.dumps(document, sort_keys=True).encode(), _INDEX_AD)

    @classmethod
    def opened(cls, key: bytes, box: bytes | None, stored: list[SealedRow]) -> _Index:
        if box is None:  # before versions were kept; but then no record has a version
            return cls(state="missing" if all(row[1] == 0 for row in stored) else "damaged")
        try:
            document = json.loads(open_sealed(key, box, _INDEX_AD))
            counter, versions = document["counter"], document["versions"]
            if type(counter) is not int or not all(type(v) is int for v in versions.values()):
                raise ValueError("not an index")
            return cls(counter, dict(versions))
        except (WrongPassphraseError, ValueError, TypeError, KeyError, AttributeError):
            return cls(state="damaged")


# What a write does to the records: given the index and the rows as stored, the
# rows to write and the IDs to delete (it may take versions from the index).
_Change = Callable[[_Index, dict[str, SealedRow]], tuple[list[SealedRow], list[str]]]


# --- the vault -------------------------------------------------------------------------


class Vault:
    """The sealed records of one data folder, and the key while it is unlocked."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._key: bytes | None = None
        # Set by records() when the version index could not be read: one sentence for the user.
        self.warning: str | None = None

    @property
    def is_set_up(self) -> bool:
        return self.store.vault() is not None

    @property
    def is_unlocked(self) -> bool:
        return self._key is not None

    def set_up(self, passphrase: str, repeated: str) -> None:
        """Choose the passphrase, once; the vault is then unlocked."""
        if self.is_set_up:
            raise RecordsError(_("Field records already have a passphrase."))
        check_new_passphrase(passphrase, repeated)
        params = KdfParams.fresh()
        key = derive_key(passphrase, params)
        self.store.create_vault(
            json.dumps(params.as_json()), seal(key, _VERIFIER, _VERIFIER_AD), _Index().sealed(key)
        )
        self._key = key

    def unlock(self, passphrase: str) -> None:
        stored = self.store.vault()
        if stored is None:
            raise RecordsError(_("Field records have no passphrase yet."))
        kdf, verifier = stored
        try:
            params = KdfParams.from_json(json.loads(kdf))
        except (ValueError, TypeError, RecursionError):  # KdfParamsError too: checked before any work
            raise RecordsError(
                _("The key settings of the field records are damaged; the records cannot be opened.")
            ) from None
        key = derive_key(passphrase, params)
        try:
            open_sealed(key, verifier, _VERIFIER_AD)
        except WrongPassphraseError:
            raise WrongPassphraseError(_("That passphrase is not right; the records stay locked.")) from None
        self._key = key
        index_box, rows = self.store.sealed_records()
        if _Index.opened(key, index_box, rows).state == "missing":
            # Records sealed before versions were kept: reseal them under versions now that
            # the key is at hand. If that cannot be written, they still open as they are.
            try:
                self._write(lambda index, rows: ([], []))
            except RecordsError:
                pass

    def lock(self) -> None:
        self._key = None

    def _unlocked_key(self) -> bytes:
        if self._key is None:
            raise RecordsError(_("The records are locked. Enter the passphrase to open them."))
        return self._key

    # --- records ----------------------------------------------------------------------

    def save(self, record: FieldRecord) -> FieldRecord:
        """Seal and store a new or changed record; returns it with its ID and dates."""
        key = self._unlocked_key()
        now = _now()
        record = replace(
            record,
            case_code=check_case_code(record.case_code),
            id=record.id or uuid.uuid4().hex,
            created_at=record.created_at or now,
            updated_at=now,
        )
        plaintext = record.to_bytes()

        def change(index: _Index, rows: dict[str, SealedRow]) -> tuple[list[SealedRow], list[str]]:
            return [_sealed_row(key, record.id, index.next_version(record.id), plaintext)], []

        self._write(change)
        return record

    def records(self) -> list[FieldRecord | DamagedRecord]:
        """Every record, newest first, then any that do not open (listed by ID, to be deleted)."""
        key = self._unlocked_key()
        index_box, rows = self.store.sealed_records()
        index = _Index.opened(key, index_box, rows)
        self.warning = None
        if index.state == "damaged":
            self.warning = _(
                "The list of record versions is damaged, so a record put back from an older copy "
                "would not be noticed. Saving any record repairs the list."
            )
        opened: list[FieldRecord] = []
        damaged: list[DamagedRecord] = []
        for row in rows:
            entry = self._open_row(key, index, row)
            if isinstance(entry, DamagedRecord):
                damaged.append(entry)
            else:
                opened.append(entry)
        opened.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        return [*opened, *sorted(damaged, key=lambda d: d.id)]

    def get(self, record_id: str) -> FieldRecord:
        key = self._unlocked_key()
        index_box, rows = self.store.sealed_records()
        for row in rows:
            if row[0] == record_id:
                entry = self._open_row(key, _Index.opened(key, index_box, rows), row)
                if isinstance(entry, DamagedRecord):
                    raise RecordsError(entry.reason + " " + _("You can delete it."))
                return entry
        raise RecordsError(_("That record does not exist any more."))

    def delete(self, record_id: str) -> None:
        """Delete a record, damaged or not, and its entry in the version index."""

        def change(index: _Index, rows: dict[str, SealedRow]) -> tuple[list[SealedRow], list[str]]:
            if record_id not in rows:
                raise RecordsError(_("That record does not exist any more."))
            index.versions.pop(record_id, None)
            return [], [record_id]

        self._write(change)

    @staticmethod
    def _open_row(key: bytes, index: _Index, row: SealedRow) -> FieldRecord | DamagedRecord:
        record_id, version, box = row
        damaged = DamagedRecord(record_id, _("This record is damaged and cannot be opened."))
        if not index.vouches_for(record_id, version):
            if version == 0 and record_id not in index.versions:
                return damaged  # sealed the old way and not resealed at the upgrade: it did not open then
            return DamagedRecord(
                record_id, _("This record was replaced by an older copy of itself and is not opened.")
            )
        try:
            record = FieldRecord.from_bytes(open_sealed(key, box, _record_ad(record_id, version)))
        except (WrongPassphraseError, RecordsError):
            return damaged
        return record if record.id == record_id else damaged

    def _write(self, change: _Change) -> None:
        """Apply ``change`` to the records as stored and write the result with the new index.

        One transaction, written only if nobody else wrote in between (else read
        again and retry), so two windows never take the same version. An index
        that was missing or damaged is rebuilt here from the rows, and a record
        still sealed the old way is resealed under a version.
        """
        key = self._unlocked_key()
        for _attempt in range(3):
            index_box, stored = self.store.sealed_records()
            index = _Index.opened(key, index_box, stored)
            resealed: list[SealedRow] = []
            if index.state != "ok":
                index, resealed = self._rebuilt(key, stored)
            rows = {row[0]: row for row in stored}
            puts, deletes = change(index, rows)
            try:
                if self.store.write_sealed_records(
                    resealed + puts, deletes, index.sealed(key), expected_index=index_box
                ):
                    return
            except (StoreError, sqlite3.Error, OSError) as exc:
                problem = _("The records could not be saved ({reason}).").format(reason=exc)
                raise RecordsError(problem) from None
        raise RecordsError(_("The records were being changed elsewhere at the same moment; try again."))

    def _rebuilt(self, key: bytes, stored: list[SealedRow]) -> tuple[_Index, list[SealedRow]]:
        """An index made from the rows as they are, and every record sealed the old way resealed."""
        versions = {record_id: version for record_id, version, _box in stored if version > 0}
        index = _Index(max(versions.values(), default=0), versions)
        resealed: list[SealedRow] = []
        for row in stored:
            legacy = self._open_row(key, _Index(state="missing"), row) if row[1] == 0 else None
            if isinstance(legacy, FieldRecord):  # one that does not open stays as it is: damaged
                resealed.append(_sealed_row(key, legacy.id, index.next_version(legacy.id), legacy.to_bytes()))
        return index, resealed

    # --- other personal data sealed under the same key (the roster) -------------------

    def seal_other(self, plaintext: bytes, associated: str) -> bytes:
        """``plaintext`` sealed under the vault's key, bound to ``associated`` ("participant:...").

        ``associated`` must start with a word and a colon of its own (never "record:"),
        so a box from another table never opens as a record, nor a record as it.
        """
        if associated.startswith("record:") or ":" not in associated:
            raise ValueError(f"associated data {associated!r} could be taken for a record's")
        return seal(self._unlocked_key(), plaintext, associated.encode())

    def open_other(self, box: bytes, associated: str) -> bytes:
        """What :meth:`seal_other` sealed; :class:`WrongPassphraseError` if it does not open."""
        return open_sealed(self._unlocked_key(), box, associated.encode())

    # --- unsaved changes, held in memory while locked ----------------------------------

    def seal_draft(self, base: FieldRecord, draft: FieldRecord) -> bytes:
        """Unsaved changes (and the record they change), sealed under the key to be held in memory."""
        document = {"base": asdict(base), "draft": asdict(draft)}
        return seal(self._unlocked_key(), json.dumps(document).encode(), _DRAFT_AD)

    def open_draft(self, box: bytes) -> tuple[FieldRecord, FieldRecord]:
        document = json.loads(open_sealed(self._unlocked_key(), box, _DRAFT_AD))
        return FieldRecord(**document["base"]), FieldRecord(**document["draft"])

    # --- hand-over ----------------------------------------------------------------------

    def export_handover(self, record_id: str, target: Path, passphrase: str, repeated: str) -> Path:
        """Write one record sealed with a hand-over passphrase; the file appears only complete."""
        check_new_passphrase(passphrase, repeated)
        record = self.get(record_id)
        params = KdfParams.fresh()
        sealed = seal(derive_key(passphrase, params), record.to_bytes(), _HANDOVER_AD)
        document = {"format": HANDOVER_FORMAT, "version": 1, "kdf": params.as_json(), "sealed": sealed.hex()}
        return write_atomically(Path(target), json.dumps(document, indent=1).encode("utf-8"))

    def import_handover(self, source: Path, passphrase: str) -> FieldRecord:
        """Add a handed-over record to these records (unlocked), keeping its ID."""
        key = self._unlocked_key()
        record = read_handover(source, passphrase)
        plaintext = record.to_bytes()

        def change(index: _Index, rows: dict[str, SealedRow]) -> tuple[list[SealedRow], list[str]]:
            if record.id in rows:
                raise RecordsError(_("This record is already among your records."))
            return [_sealed_row(key, record.id, index.next_version(record.id), plaintext)], []

        self._write(change)
        return record


def _read_small_file(source: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, else None (a pipe never blocks us)."""
    try:
        return read_regular_file(source, limit)
    except (NotAFileError, TooLargeError):
        return None


def read_handover(source: Path, passphrase: str) -> FieldRecord:
    """Open a hand-over file; a wrong passphrase or a damaged file gets one clear message.

    The file's scrypt cost is checked against fixed bounds before any key is
    derived (see :class:`companion.core.sealing.KdfParams`), and the record in
    it must pass the same checks as a new one.
    """
    not_handover = RecordsError(_("This file is not a field record hand-over file."))
    data = _read_small_file(Path(source), MAX_HANDOVER_BYTES)
    if data is None:
        raise not_handover
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != HANDOVER_FORMAT or type(document.get("version")) is not int:
            raise ValueError("not a hand-over file")
        if document["version"] != 1:
            raise ValueError("another version of the format")
        params = KdfParams.from_json(document["kdf"])
        sealed = bytes.fromhex(document["sealed"])
    except KdfParamsError:
        raise RecordsError(
            _("This hand-over file asks for key settings outside the accepted bounds; it was not opened.")
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise not_handover from None
    try:
        plaintext = open_sealed(derive_key(passphrase, params), sealed, _HANDOVER_AD)
    except WrongPassphraseError:
        raise WrongPassphraseError(
            _("That hand-over passphrase does not open this file (or the file was changed).")
        ) from None
    return FieldRecord.from_bytes(plaintext)


def default_handover_name(record: FieldRecord) -> str:
    """A file name with nothing about the person: the date and the record's random ID."""
    return f"field-record-{record.created_date}-{record.id[:8]}{HANDOVER_SUFFIX}"

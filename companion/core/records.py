"""Field records: real screenings, kept minimal and sealed with the user's passphrase.

Recording is a deliberate switch; practice stays the default and stores nothing.
A record names its person by a case code (never a name) and holds the tool's
answers and any notes. Everything of a record, its case code and dates
included, is sealed (:mod:`companion.core.sealing`) under a key derived from a
passphrase that is set once; the database holds only a random ID beside the
sealed bytes. The key lives in memory while the :class:`Vault` is unlocked.

A record can be handed over as a file sealed with a separate hand-over
passphrase, which the receiving colleague opens with :func:`read_handover`.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.core.files import write_atomically
from companion.core.sealing import KdfParams, WrongPassphraseError, derive_key, open_sealed, seal
from companion.i18n import _

__all__ = ["FieldRecord", "RecordsError", "Vault", "WrongPassphraseError", "read_handover"]

MIN_PASSPHRASE = 8
# A code has a digit in it, so that a person's name is refused (see check_case_code).
CASE_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9._/-]{1,23}$")
HANDOVER_FORMAT = "training-companion/field-record"
HANDOVER_SUFFIX = ".tcrecord"
_VERIFIER = b"training-companion vault v1"
_VERIFIER_AD = b"vault"
_HANDOVER_AD = b"hand-over"
DEFAULT_IDLE_MINUTES = 5


class RecordsError(Exception):
    """A request about records that cannot be done, in one sentence for the user."""


@dataclass(frozen=True)
class FieldRecord:
    """One real screening. ``id`` is random; nothing in it is derived from the person."""

    case_code: str
    tool_id: str
    tool_version: str
    answers: dict[str, str]
    notes: str = ""
    age: int | None = None
    act: bool = False
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # room for later fields, kept on rewrite

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> FieldRecord:
        return cls(**json.loads(data.decode("utf-8")))

    @property
    def created_date(self) -> str:
        return self.created_at[:10]


def check_case_code(code: str) -> str:
    code = code.strip()
    if not CASE_CODE.match(code):
        raise RecordsError(
            _(
                "A case code is 2 to 24 letters, digits or . _ / - and contains a digit, "
                "for example NN-2026-014. Never use a person's name."
            )
        )
    return code


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise RecordsError(_("A passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE))
    if passphrase != repeated:
        raise RecordsError(_("The two passphrases are not the same."))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Vault:
    """The sealed records of one data folder, and the key while it is unlocked."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._key: bytes | None = None

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
        self.store.create_vault(json.dumps(params.as_json()), seal(key, _VERIFIER, _VERIFIER_AD))
        self._key = key

    def unlock(self, passphrase: str) -> None:
        stored = self.store.vault()
        if stored is None:
            raise RecordsError(_("Field records have no passphrase yet."))
        kdf, verifier = stored
        key = derive_key(passphrase, KdfParams.from_json(json.loads(kdf)))
        try:
            open_sealed(key, verifier, _VERIFIER_AD)
        except WrongPassphraseError:
            raise WrongPassphraseError(_("That passphrase is not right; the records stay locked.")) from None
        self._key = key

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
        self.store.put_sealed_record(record.id, seal(key, record.to_bytes(), record.id.encode()))
        return record

    def records(self) -> list[FieldRecord]:
        """Every record, newest first."""
        key = self._unlocked_key()
        opened = [
            FieldRecord.from_bytes(open_sealed(key, sealed, record_id.encode()))
            for record_id, sealed in self.store.sealed_records()
        ]
        return sorted(opened, key=lambda r: (r.created_at, r.id), reverse=True)

    def get(self, record_id: str) -> FieldRecord:
        key = self._unlocked_key()
        sealed = self.store.sealed_record(record_id)
        if sealed is None:
            raise RecordsError(_("That record does not exist any more."))
        return FieldRecord.from_bytes(open_sealed(key, sealed, record_id.encode()))

    def delete(self, record_id: str) -> None:
        self._unlocked_key()
        if not self.store.delete_record(record_id):
            raise RecordsError(_("That record does not exist any more."))

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
        self._unlocked_key()
        record = read_handover(source, passphrase)
        if self.store.sealed_record(record.id) is not None:
            raise RecordsError(_("This record is already among your records."))
        key = self._unlocked_key()
        self.store.put_sealed_record(record.id, seal(key, record.to_bytes(), record.id.encode()))
        return record


def read_handover(source: Path, passphrase: str) -> FieldRecord:
    """Open a hand-over file; a wrong passphrase or a damaged file gets one clear message."""
    try:
        document = json.loads(Path(source).read_bytes().decode("utf-8"))
        if document.get("format") != HANDOVER_FORMAT or document.get("version") != 1:
            raise ValueError("not a hand-over file")
        params = KdfParams.from_json(document["kdf"])
        sealed = bytes.fromhex(document["sealed"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise RecordsError(_("This file is not a field record hand-over file.")) from None
    try:
        data = open_sealed(derive_key(passphrase, params), sealed, _HANDOVER_AD)
    except WrongPassphraseError:
        raise WrongPassphraseError(
            _("That hand-over passphrase does not open this file (or the file was changed).")
        ) from None
    return FieldRecord.from_bytes(data)


def default_handover_name(record: FieldRecord) -> str:
    """A file name with nothing about the person: the date and the record's random ID."""
    return f"field-record-{record.created_date}-{record.id[:8]}{HANDOVER_SUFFIX}"

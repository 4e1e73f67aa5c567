"""A field record and its serialised form: one model for what is sealed, new or read back.

:class:`FieldRecord` is what the rest of the application handles; what is
sealed is its JSON, and every JSON that becomes a record again (a row of the
store, a hand-over file) passes :class:`_RecordForm` first: strict types, known
fields only, the case-code rule, a random ID, dates that are dates. Anything
else is one :class:`RecordsError` sentence that names the field and never
quotes what is in it. A stored record that does not open is a
:class:`DamagedRecord`, which carries nothing but its random ID.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError, field_validator

from companion.core.model import INDICATOR_ID, ITEM_ID
from companion.i18n import _

# A code has a digit in it, so that a person's name is refused (see check_case_code).
CASE_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9._/-]{1,23}$")
RECORD_ID = r"^[0-9a-f]{32}$"  # uuid4().hex: random, nothing in it about the person
TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2}|Z)$"
# Far above any real record, far below what could hurt: a record is a few
# kilobytes, its notes at most MAX_NOTES characters.
MAX_NOTES = 100_000
MAX_RECORD_BYTES = 1024 * 1024


class RecordsError(Exception):
    """A request about records that cannot be done, in one sentence for the user."""


@dataclass(frozen=True)
class FieldRecord:
    """One real screening. ``id`` is random; nothing in it is derived from the person.

    ``extra`` is the one place for fields a later version adds: an older version
    keeps it as it is when it rewrites the record and never shows it. Any other
    field it does not know makes the record invalid (see :class:`_RecordForm`).
    """

    damaged: ClassVar[bool] = False

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
        """The sealed form; :class:`RecordsError` if the record is not valid (see :class:`_RecordForm`)."""
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
        _validated(data)
        return data

    @classmethod
    def from_bytes(cls, data: bytes) -> FieldRecord:
        """A record from its sealed form; :class:`RecordsError` in one sentence unless valid."""
        return cls(**_validated(data).model_dump())

    @property
    def created_date(self) -> str:
        return self.created_at[:10]


@dataclass(frozen=True)
class DamagedRecord:
    """A stored record that does not open: listed by its random ID only, so it can be deleted."""

    damaged: ClassVar[bool] = True

    id: str
    reason: str  # one sentence for the user, with nothing from the record in it


class _RecordForm(BaseModel):
    """What a sealed record must be, whether this version wrote it or a file brought it.

    Strict types (a list is not an object, ``"3"`` is not an age) and known
    fields only: an unknown field is refused rather than dropped, since a
    misspelt or planted field must neither vanish nor ride along unseen. Later
    fields belong in ``extra``, which is kept as it is.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=RECORD_ID)]
    case_code: str
    tool_id: Annotated[str, Field(pattern=ITEM_ID, max_length=64)]
    tool_version: Annotated[str, Field(min_length=1, max_length=64)]
    answers: Annotated[
        dict[
            Annotated[str, Field(pattern=INDICATOR_ID)],
            Literal["present", "absent", "unknown", "declined"],
        ],
        Field(max_length=1000),
    ]
    notes: Annotated[str, Field(max_length=MAX_NOTES)]
    age: Annotated[int, Field(ge=0, le=130)] | None
    act: bool
    created_at: Annotated[str, Field(pattern=TIMESTAMP)]
    updated_at: Annotated[str, Field(pattern=TIMESTAMP)]
    extra: Annotated[dict[Annotated[str, Field(max_length=64)], JsonValue], Field(max_length=100)]

    @field_validator("case_code")
    @classmethod
    def _a_case_code_not_a_name(cls, code: str) -> str:
        if not CASE_CODE.match(code):  # the rule of check_case_code, with no spaces to strip
            raise ValueError("not a case code")
        return code


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a record holds")


def _validated(data: bytes) -> _RecordForm:
    unreadable = RecordsError(_("The record is not readable as a field record."))
    if len(data) > MAX_RECORD_BYTES:
        raise unreadable
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # invalid UTF-8 or JSON, NaN, nesting too deep
        raise unreadable from None
    if not isinstance(document, dict):
        raise unreadable
    try:
        return _RecordForm.model_validate(document)
    except ValidationError as exc:
        raise RecordsError(_describe(exc)) from None


def _describe(error: ValidationError) -> str:
    """One sentence about the first problem, naming the field but never quoting its value."""
    first = error.errors(include_input=False, include_url=False)[0]
    if first["type"] == "extra_forbidden":  # its name came with the record: not repeated
        return _("The record has a field this version does not know.")
    name = str(first["loc"][0]) if first["loc"] else ""  # a field of the model, never of the record
    if name == "case_code":
        return _("The record's case code is refused: it must contain a digit and never be a person's name.")
    if first["type"] == "missing":
        return _("The record lacks the field {field}.").format(field=name)
    return _("The record's field {field} is not valid.").format(field=name)


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

"""Small JSON files that carry their own checksum: written whole, read without blocking, refused in one line.

Result files (``*.ctresult``) and evaluation response files (``*.ctevaluation``) share one
format: a JSON object in UTF-8 whose ``format`` and ``version`` say what it is, and whose
``sha256`` is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of every
other field, so a truncated or edited file is refused. This module owns that format; what
the fields mean stays with each kind's module. It also reads the plain JSON files the
commands take (answers, specimens).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from companion.core.files import NotAFileError, TooLargeError, read_regular_file

MAX_BYTES = 1_000_000  # a result or a response is a few kilobytes at most; a huge file is not one


@dataclass(frozen=True)
class Kind:
    """One kind of checked file, and how its one-line errors name it."""

    format: str  # "training-companion-result"
    version: int
    suffix: str  # ".ctresult"
    noun: str  # "result file": "the result file is truncated or damaged"
    a_noun: str  # "a result file": "not a result file"
    error: type[ValueError]  # what the kind's readers raise


def digest_of(fields: Mapping[str, object]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def file_bytes(fields: Mapping[str, object]) -> bytes:
    """The file for ``fields`` (``format`` and ``version`` first): the fields and their checksum."""
    data = dict(fields) | {"sha256": digest_of(fields)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def names_itself(raw: bytes, kind: Kind) -> bool:
    """Whether the start of a file says it is of ``kind`` (its format line comes first)."""
    return kind.format.encode() in raw[:400]


def read_bytes(path: Path, kind: Kind) -> bytes:
    """The bytes of ``path``, or ``kind.error`` in one line naming the file (a pipe is refused at once)."""
    name = path.name
    try:
        return read_regular_file(path, MAX_BYTES)
    except TooLargeError:
        raise kind.error(f"{name}: not {kind.a_noun} (too large)") from None
    except NotAFileError as exc:
        raise kind.error(f"{name}: {exc}") from None
    except OSError as exc:
        raise kind.error(f"{name}: cannot be read ({exc.strerror or exc})") from None


def load(raw: bytes, name: str, kind: Kind, named_as_one: bool = False) -> dict[str, object]:
    """The fields in ``raw`` (the bytes of a file called ``name``) once format, version and checksum
    are right, without ``sha256``; else ``kind.error`` in one line.

    ``named_as_one``: the file's name says it is of ``kind``, so bytes that are not JSON are a
    damaged file of that kind, not some other file.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        # The format line comes first in the file, so even a file cut short early names itself.
        if raw.lstrip().startswith(b"{") and (names_itself(raw, kind) or named_as_one):
            raise kind.error(f"{name}: the {kind.noun} is truncated or damaged") from None
        raise kind.error(f"{name}: not {kind.a_noun}") from None
    if not isinstance(data, dict) or data.get("format") != kind.format:
        raise kind.error(f"{name}: not {kind.a_noun}")
    if data.get("version") != kind.version:
        raise kind.error(f"{name}: {kind.noun} version {data.get('version')!r} is not supported")
    stated = data.pop("sha256", None)
    if not isinstance(stated, str) or digest_of(data) != stated:
        raise kind.error(f"{name}: the {kind.noun} was changed or is damaged (its checksum does not match)")
    return data


def text_field(data: Mapping[str, object], key: str, error: type[ValueError]) -> str:
    """``data[key]`` when it is text that is not empty, else ``error`` saying so."""
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise error(f"field {key!r} is missing or not text")
    return value


def read_json(path: Path, error: type[ValueError], not_json: str) -> object:
    """The JSON in a small regular file (a pipe or a device is refused at once), or ``error`` in one line.

    ``not_json`` is the whole line for bytes that are not JSON.
    """
    try:
        return json.loads(read_regular_file(path, MAX_BYTES).decode("utf-8"))
    except NotAFileError as exc:
        raise error(str(exc)) from None
    except OSError as exc:
        raise error(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise error(not_json) from None

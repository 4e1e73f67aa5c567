"""The workshop pack file: its layout, its manifest and the limits a reader keeps.

A pack is one zip file::

    MANIFEST.json              pack metadata and the SHA-256 of every other file
    MANIFEST.sig               optional: an Ed25519 signature of MANIFEST.json's bytes
    content/pack.toml          the workshop, in the layout of resources/content/
    content/agenda/<id>.toml
    content/case-studies/<id>.toml ...

The signature covers the manifest's exact bytes and the manifest covers every
content file's bytes, so one signature vouches for the whole pack. The format
has its own version (``format_version``), separate from the content's
``schema_version``.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from companion.core.model import ITEM_ID, Language, Text
from companion.core.sources import FOLDERS
from companion.i18n import _

FORMAT = "training-companion-pack"
FORMAT_VERSION = 1
# The first application version that reads FORMAT_VERSION 1 packs.
MIN_APP_VERSION = "0.1.0"
MANIFEST_NAME = "MANIFEST.json"
SIGNATURE_NAME = "MANIFEST.sig"
CONTENT_PREFIX = "content/"
SUFFIX = ".ctpack"

# Hard limits for reading a file nobody vouches for yet.
MAX_PACK_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 1_000_000  # the content loader refuses larger files anyway
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 64 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_SIGNATURE_BYTES = 4096

VERSION = r"^\d{1,6}\.\d{1,6}(\.\d{1,6})?$"
SHA256 = r"^[0-9a-f]{64}$"
# What a content entry may be called: nothing else is ever written or read.
_FOLDER = "|".join(re.escape(folder) for folder in FOLDERS)  # the content kinds' folders
CONTENT_NAME = re.compile(rf"^content/(pack\.toml|({_FOLDER})/[a-z0-9]+(-[a-z0-9]+)*\.toml)$")


class PackError(Exception):
    """A pack that cannot be used, with one sentence saying why."""


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sha256: Annotated[str, Field(pattern=SHA256)]
    size: int = Field(ge=0, le=MAX_ENTRY_BYTES)


class PackManifest(BaseModel):
    """What ``MANIFEST.json`` says about a pack, validated strictly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["training-companion-pack"]
    format_version: int = Field(ge=1)
    pack_id: Annotated[str, Field(pattern=ITEM_ID, max_length=64)]
    version: Annotated[str, Field(pattern=VERSION)]
    schema_version: int = Field(ge=1)
    min_app_version: Annotated[str, Field(pattern=VERSION)]
    languages: list[Language] = Field(min_length=1, max_length=2)
    publisher: str = Field(max_length=500)
    title: Text
    edition: Literal["participant", "facilitator"]
    created: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    files: dict[str, FileEntry] = Field(min_length=1, max_length=MAX_ENTRIES)


def version_key(version: str) -> Version:
    """A version to compare: as numbers, part by part (``1.10`` > ``1.9``, ``1.2`` == ``1.2.0``).

    A string that is no version number is a :class:`PackError` saying which.
    """
    try:
        return Version(version)
    except InvalidVersion:
        problem = _("Not a version number (such as 1.2.0): {version}")
        raise PackError(problem.format(version=shown(version))) from None


def manifest_bytes(manifest: PackManifest) -> bytes:
    """The manifest as written: sorted keys, so the same pack gives the same bytes."""
    data = manifest.model_dump(mode="json", by_alias=True, exclude_none=True)
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def shown(name: str) -> str:
    """Text from a pack, safe inside a one-line message: unprintable characters escaped, length capped."""
    text = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in name)
    return text if len(text) <= 80 else text[:77] + "…"


def parse_manifest(data: bytes, app_version: str) -> PackManifest:
    """Decode and check ``MANIFEST.json``; a version this application cannot read says so first."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackError(_("The pack's manifest is too large to be genuine."))
    try:
        raw: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise PackError(_("The pack's manifest is not valid UTF-8 text.")) from None
    except (ValueError, RecursionError):
        raise PackError(_("The pack's manifest is not valid JSON.")) from None
    if not isinstance(raw, dict):
        raise PackError(_("The pack's manifest is not valid JSON."))
    _check_versions(raw, app_version)
    try:
        manifest = PackManifest.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = shown(".".join(str(part) for part in first["loc"])) or "manifest"
        invalid = _("The pack's manifest is invalid: {field}: {problem}")
        raise PackError(invalid.format(field=where, problem=shown(first["msg"]))) from None
    for name in manifest.files:
        if not CONTENT_NAME.match(name):
            raise PackError(
                _("The pack's manifest lists a file with a bad name: {name}").format(name=shown(name))
            )
    if CONTENT_PREFIX + "pack.toml" not in manifest.files:
        raise PackError(_("The pack's manifest does not list content/pack.toml."))
    return manifest


def _check_versions(raw: dict[str, Any], app_version: str) -> None:
    """Refuse a pack from the future before complaining about fields we do not know."""
    from companion.core.content import SCHEMA_VERSION

    if raw.get("format") != FORMAT:
        raise PackError(_("This is not a Training Companion workshop pack."))
    fmt, schema, needs = raw.get("format_version"), raw.get("schema_version"), raw.get("min_app_version")
    if isinstance(needs, str) and re.match(VERSION, needs) and version_key(needs) > version_key(app_version):
        raise PackError(
            _("This pack needs Training Companion {needed} or later; this is {current}.").format(
                needed=needs, current=app_version
            )
        )
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
        raise PackError(
            _("This pack uses pack format {found}; this application reads format {known}.").format(
                found=fmt, known=FORMAT_VERSION
            )
        )
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA_VERSION:
        raise PackError(
            _("This pack uses content schema {found}; this application reads schema {known}.").format(
                found=schema, known=SCHEMA_VERSION
            )
        )

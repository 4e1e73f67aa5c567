"""Exporting the current workshop as a pack file, facilitator or participant edition.

The content is written as the same TOML files an author writes in
``resources/content/``. A participant edition drops the facilitator-only
fields (:mod:`companion.core.editions`) before serialising, so they are not in
the file's bytes at all. The zip is deterministic (sorted entries, fixed
timestamps: the same workshop and date give the same bytes), checked by
loading it back before it is written, and written atomically.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.content import build_from_files
from companion.core.editions import EDITIONS, for_edition, has_facilitator_content
from companion.core.files import AS_UMASK, write_atomically
from companion.core.packs import signing, toml_writer
from companion.core.packs.format import (
    CONTENT_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MIN_APP_VERSION,
    SIGNATURE_NAME,
    FileEntry,
    PackError,
    PackManifest,
    manifest_bytes,
)
from companion.core.progress import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from companion.core.sources import FOLDERS, MANIFEST, ContentError
from companion.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from companion.core.model import Manifest

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks into the bytes
FOLDER_OF_KIND = {kind: folder for folder, kind in FOLDERS.items()}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    edition: str
    items: int
    size: int
    signer: str | None  # fingerprint, when signed


def item_toml(item: Any) -> bytes:
    """One item as its source file: defaults and the folder-given kind left out."""
    data = item.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    data.pop("kind", None)
    return toml_writer.dumps(data).encode("utf-8")


def manifest_toml(manifest: Manifest) -> bytes:
    data = manifest.model_dump(mode="json", by_alias=True, exclude_none=True)
    return toml_writer.dumps(data).encode("utf-8")


def content_files(manifest: Manifest, items: list[Any], edition: str) -> dict[str, bytes]:
    """The pack's content, as ``{"case-studies/cs-01.toml": bytes}`` plus ``pack.toml``."""
    files = {MANIFEST: manifest_toml(manifest)}
    for item in items:
        files[f"{FOLDER_OF_KIND[item.kind]}/{item.id}.toml"] = item_toml(for_edition(item, edition))
    return files


def build_pack(
    manifest: Manifest,
    items: list[Any],
    edition: str,
    key: Ed25519PrivateKey | None = None,
    created: datetime | None = None,
) -> bytes:
    """The bytes of a pack file holding ``items`` as ``edition`` may see them."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    files = content_files(manifest, items, edition)
    try:
        build_from_files(files)  # never hand out a pack this application would refuse
    except ContentError as exc:
        raise PackError(_("The workshop cannot be exported: {problem}").format(problem=str(exc))) from None
    entries = {CONTENT_PREFIX + name: data for name, data in files.items()}
    when = (created or datetime.now(UTC)).astimezone(UTC)
    pack_manifest = PackManifest(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        pack_id=manifest.id,
        version=manifest.version,
        schema_version=manifest.schema_version,
        min_app_version=MIN_APP_VERSION,
        languages=manifest.languages,
        publisher=manifest.publisher,
        title=manifest.workshop.title,
        edition=edition,
        created=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        files={
            name: FileEntry(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
            for name, data in entries.items()
        },
    )
    head = {MANIFEST_NAME: manifest_bytes(pack_manifest)}
    if key is not None:
        head[SIGNATURE_NAME] = signing.sign(head[MANIFEST_NAME], key)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [*head.items(), *sorted(entries.items())]:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.create_system = 3  # Unix: the mode bits below mean what they say
            info.external_attr = 0o100644 << 16  # a regular file, never a link
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def export_pack(
    store: Any,
    target: Path,
    edition: str = "participant",
    key: Ed25519PrivateKey | None = None,
    created: datetime | None = None,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> ExportResult:
    """Write the current workshop to ``target`` (replaced atomically)."""
    pack_id = store.current_pack_id()
    if pack_id is None:
        raise PackError(_("No workshop is installed, so there is nothing to export."))
    manifest = store.manifest(pack_id)
    items = store.items(pack_id=pack_id)
    progress(1, 3)
    studies = [item for item in items if item.kind == "case-study"]
    if edition == "facilitator" and studies and not any(has_facilitator_content(s) for s in studies):
        raise PackError(
            _(
                "This copy of the workshop came from a participant edition: "
                "it has no facilitator notes to export."
            )
        )
    data = build_pack(manifest, items, edition, key, created)
    progress(2, 3)
    if cancelled():
        raise Cancelled()
    try:
        write_atomically(target, data, AS_UMASK)
    except OSError as exc:
        raise PackError(
            _("Cannot write {file}: {reason}").format(file=str(target), reason=exc.strerror or str(exc))
        ) from None
    progress(3, 3)
    signer = None
    if key is not None:
        from cryptography.hazmat.primitives import serialization

        raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        signer = signing.fingerprint(raw)
    return ExportResult(target, edition, len(items), len(data), signer)

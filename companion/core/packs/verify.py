"""Verifying a pack: integrity, signature, schema and version, then the content itself.

:func:`verify` turns the raw entries of a pack into a :class:`VerifiedPack` or
one :class:`PackError` saying plainly what failed and, where a file is to
blame, which one. Nothing is written anywhere: verifying is always safe.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion import __version__
from companion.core.content import ContentPack, build_from_files
from companion.core.editions import has_facilitator_content
from companion.core.names import KIND_NAMES
from companion.core.packs import signing
from companion.core.packs.format import CONTENT_PREFIX, PackError, PackManifest, parse_manifest, shown
from companion.core.packs.reader import RawPack, read_pack
from companion.core.progress import CancelCheck, Progress, never_cancelled, no_progress
from companion.core.sources import ContentError
from companion.i18n import _

MAX_NAMED = 3  # files named in one message before "and N more"


@dataclass(frozen=True)
class VerifiedPack:
    """A pack whose every check passed, ready to be planned and imported."""

    manifest: PackManifest
    content: ContentPack
    signer: str | None  # fingerprint of a valid signature, None when unsigned
    signer_name: str | None  # the trusted publisher's name, None when not trusted

    @property
    def pack_id(self) -> str:
        return self.manifest.pack_id

    @property
    def trusted(self) -> bool:
        return self.signer_name is not None


def verify_file(
    path: Path,
    trusted: dict[str, str],
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> VerifiedPack:
    return verify(read_pack(path, progress, cancelled), trusted)


def verify(raw: RawPack, trusted: dict[str, str], app_version: str = __version__) -> VerifiedPack:
    """Check ``raw`` against its manifest and signature; ``trusted`` maps fingerprints to names."""
    manifest = parse_manifest(raw.manifest, app_version)
    signer = None
    if raw.signature is not None:
        signature = signing.read_signature(raw.signature)
        signing.check(raw.manifest, signature)
        signer = signature.fingerprint
    digests = _check_files(manifest, raw.files)
    content = _load_content(raw.files, digests)
    _check_agrees(manifest, content)
    return VerifiedPack(manifest, content, signer, trusted.get(signer) if signer else None)


def _named(names: list[str]) -> str:
    listed = ", ".join(shown(name) for name in names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        listed += " " + _("and {count} more").format(count=len(names) - MAX_NAMED)
    return listed


def _check_files(manifest: PackManifest, files: dict[str, bytes]) -> dict[str, bytes]:
    """Check every file against the manifest; return their SHA-256 digests by name."""
    missing = sorted(set(manifest.files) - set(files))
    if missing:
        raise PackError(
            _("Files listed in the manifest are missing from the pack: {files}").format(files=_named(missing))
        )
    extra = sorted(set(files) - set(manifest.files))
    if extra:
        raise PackError(
            _("The pack holds files its manifest does not list: {files}").format(files=_named(extra))
        )
    digests = {name: hashlib.sha256(data).digest() for name, data in files.items()}
    changed = [
        name
        for name, entry in sorted(manifest.files.items())
        if len(files[name]) != entry.size or digests[name].hex() != entry.sha256
    ]
    if changed:
        raise PackError(
            _("Changed or damaged since the pack was made (SHA-256 does not match): {files}").format(
                files=_named(changed)
            )
        )
    return digests


def _load_content(files: dict[str, bytes], digests: dict[str, bytes]) -> ContentPack:
    source = {name[len(CONTENT_PREFIX) :]: data for name, data in files.items()}
    # The content's fingerprint reuses the digests just checked: every file is hashed once.
    hashed = {name[len(CONTENT_PREFIX) :]: digest for name, digest in digests.items()}
    try:
        return build_from_files(source, hashed)
    except ContentError as exc:
        raise PackError(
            _("The pack's content is invalid: {problem}").format(problem=f"{CONTENT_PREFIX}{exc}")
        ) from None


def _check_agrees(manifest: PackManifest, content: ContentPack) -> None:
    inner = content.manifest
    for field, outer_value, inner_value in (
        ("id", manifest.pack_id, inner.id),
        ("version", manifest.version, inner.version),
        ("schema_version", manifest.schema_version, inner.schema_version),
    ):
        if outer_value != inner_value:
            raise PackError(
                _("The manifest says {field} {outer} but content/pack.toml says {inner}.").format(
                    field=field, outer=outer_value, inner=inner_value
                )
            )
    if manifest.edition == "participant":
        leaked = [item.id for item in content.items if has_facilitator_content(item)]
        if leaked:
            raise PackError(
                _("A participant edition must not hold facilitator notes or answer keys: {items}").format(
                    items=_named(leaked)
                )
            )


# --- saying what was verified ---------------------------------------------------------


def signature_warning(pack: VerifiedPack) -> str | None:
    """The warning a pack's signature deserves, or None when a trusted publisher signed it."""
    if pack.signer is None:
        return _(
            "This pack is not signed: nothing shows who made it. Import it only if you trust "
            "the person who gave it to you."
        )
    if pack.signer_name is None:
        return _(
            "This pack is signed by a publisher you have not trusted (fingerprint {fingerprint}). "
            "Compare the fingerprint with the publisher before you trust it."
        ).format(fingerprint=signing.short_fingerprint(pack.signer))
    return None


def describe(pack: VerifiedPack) -> list[str]:
    """The verification summary, one plain line per check, in the interface language."""
    from companion.core.content import SCHEMA_VERSION
    from companion.i18n import current_language

    m = pack.manifest
    edition = _("facilitator edition") if m.edition == "facilitator" else _("participant edition")
    if pack.signer is None:
        signature = _("none")
    elif pack.signer_name is None:
        signature = _("valid, by a publisher you have not trusted ({fingerprint})").format(
            fingerprint=signing.short_fingerprint(pack.signer)
        )
    else:
        signature = _("valid, by {publisher} ({fingerprint})").format(
            publisher=pack.signer_name, fingerprint=signing.short_fingerprint(pack.signer)
        )
    rows = [
        (_("Workshop"), m.title.resolve(current_language())[0]),
        (
            _("Pack"),
            _("{pack_id}, version {version}, {edition}").format(
                pack_id=m.pack_id, version=m.version, edition=edition
            ),
        ),
        (_("Publisher"), m.publisher),
        (_("Created"), m.created),
        # The schema is the application's business: named only when it is not the one this reads.
        *(
            [
                (
                    _("Schema"),
                    _(
                        "{schema} (this application reads up to {known}); needs Training Companion "
                        "{needed} or later"
                    ).format(schema=m.schema_version, known=SCHEMA_VERSION, needed=m.min_app_version),
                )
            ]
            if m.schema_version != SCHEMA_VERSION
            else []
        ),
        (_("Integrity"), _("{count} files, every SHA-256 matches").format(count=len(m.files))),
        (_("Signature"), signature),
        (_("Content"), content_summary(pack.content.items)),
    ]
    return [_("{label}: {value}").format(label=label, value=value) for label, value in rows]


def content_summary(items: Any) -> str:
    counts = Counter(item.kind for item in items)
    return ", ".join(
        _("{label}: {value}").format(label=_(name), value=counts[kind])
        for kind, name in KIND_NAMES.items()
        if counts[kind]
    )

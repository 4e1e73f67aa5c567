"""Publishing a workshop of one's own: a new version, a line in its change log, two signed packs.

Only a workshop with no problem and no unsaved draft is published: the whole
workshop is checked as a pack is (:func:`.workshops.checked_pack`). The new
version is the next minor one above both the last published and the one the
copy was made from (``1.2.0`` -> ``1.3.0``). Both editions are built in
memory first (the facilitator's, and the participant's without the
facilitator-only fields) and written atomically into the folder; only then
are the version and the summary recorded, so a failed write records nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from companion.core.authoring.workshops import AuthoringError, checked_pack, editable_pack
from companion.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from companion.core.progress import Progress
    from companion.core.store import Store


class Published(NamedTuple):
    version: str
    facilitator_pack: Path
    participant_pack: Path


def next_version(*versions: str) -> str:
    """The next minor version above every one of ``versions``."""
    from companion.core.packs.format import version_key

    highest = max(versions, key=version_key)
    major, minor = [*version_key(highest).release, 0, 0][:2]
    return f"{major}.{minor + 1}.0"


def changes(store: Store) -> list[tuple[str, str, str]]:
    """(version, date, summary) of the current workshop's published versions, newest first."""
    pack_id = store.current_pack_id()
    return store.workshop_changes(pack_id) if pack_id else []


def publish(
    store: Store,
    summary: str,
    out_dir: Path,
    progress: Progress | None = None,
    key: Ed25519PrivateKey | None = None,
) -> Published:
    """Publish the current working copy into ``out_dir``; one-line :class:`AuthoringError` if it may not."""
    from companion.core.files import AS_UMASK, write_atomically
    from companion.core.packs.exporter import build_pack
    from companion.core.packs.format import SUFFIX
    from companion.core.sources import ContentError

    pack_id = editable_pack(store)
    summary = " ".join(summary.split())
    if not summary:
        raise AuthoringError(_("Say in a few words what changed in this version."))
    waiting = store.drafts(pack_id)
    if waiting:
        raise AuthoringError(
            _("{item} has unsaved changes: fix or discard them before publishing.").format(item=waiting[0][0])
        )
    manifest = store.manifest(pack_id)
    assert manifest is not None  # editable_pack found it installed
    published = [row[0] for row in store.workshop_changes(pack_id)]
    version = next_version(manifest.version, *published)
    manifest = manifest.model_copy(update={"version": version})
    items = store.items(pack_id=pack_id)
    try:
        checked_pack(manifest, items)
    except ContentError as exc:
        first = exc.problems[0]
        raise AuthoringError(
            _("{file}: {field}: {problem} (fix it before publishing)").format(
                file=first.file, field=first.field, problem=first.message
            )
        ) from None
    step = progress or (lambda _done, _total: None)
    step(1, 4)
    when = datetime.now(UTC)
    files: dict[str, tuple[Path, bytes]] = {}
    for edition in ("facilitator", "participant"):
        target = out_dir / f"{pack_id}-{version}-{edition}{SUFFIX}"
        files[edition] = (target, build_pack(manifest, items, edition, key, when))
        step(len(files) + 1, 4)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, data in files.values():
            write_atomically(target, data, AS_UMASK)
    except OSError as exc:
        raise AuthoringError(
            _("Cannot write {file}: {reason}").format(file=str(out_dir), reason=exc.strerror or str(exc))
        ) from None
    store.record_published(manifest, summary, when.strftime("%Y-%m-%d"))
    step(4, 4)
    return Published(version, files["facilitator"][0], files["participant"][0])

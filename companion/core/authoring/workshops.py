"""Workshops of one's own as a whole: copying an installed workshop, and replacing all of the copy.

A *working copy* is an installed workshop whose store source is
:data:`WORKING_COPY`: the user made it with :func:`new_workshop` from any
installed workshop (the bundled one included, which itself is never changed
and stays the pristine template). Only a working copy is edited: its details
(:func:`set_details`), one item (:func:`edit_item`), or all of it from a folder
of TOML files (:func:`import_dir`). Every edit validates the *whole* workshop
exactly as a pack is validated (the same TOML, the same model, the same cross
checks; :func:`checked_pack`), plus one check that spans the manifest and the
agenda (no session on a day the workshop does not have), and then replaces the
stored copy in one transaction: it is all or nothing, item IDs stay as they
were, so notes and bookmarks stay attached, and the search rows follow.

A working copy keeps the version it was copied with; publishing (a later step)
raises it. :func:`export_dir` writes the current workshop as the same layout
as ``resources/content/<pack>/``, for authors who keep it under version control.

Only the standard library is imported here at start: the window imports the
application layer, which names :class:`WorkshopChanges`, before its first paint.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.content import ContentPack
    from companion.core.model import Manifest
    from companion.core.sources import Problem
    from companion.core.store import Store

WORKING_COPY = "working-copy"  # the store's ``packs.source`` of a workshop of one's own
MANIFEST = "pack.toml"  # as companion.core.sources names it (not imported: see the module docstring)


class AuthoringError(Exception):
    """An edit that cannot be made at all (not a working copy, no such item); nothing was changed."""


class WorkshopChanges(NamedTuple):
    """What ``companion workshop set`` changes; None leaves a detail as it is."""

    title_en: str | None = None
    title_zh: str | None = None
    start_date: str | None = None
    days: int | None = None
    venue_en: str | None = None
    venue_zh: str | None = None
    organiser_en: str | None = None
    organiser_zh: str | None = None
    # Each {"role": {...}, "organisation": {...}, "name": "..."}, validated by the model; [] removes all.
    trainers: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class DirExport:
    folder: Path
    files: int  # files written
    removed: list[str]  # item files of an earlier export whose items are gone


# --- which workshop may be edited ---------------------------------------------------


def is_working_copy(store: Store, pack_id: str) -> bool:
    return store.pack_source(pack_id) == WORKING_COPY


def editable_pack(store: Store) -> str:
    """The current workshop's ID if it is a working copy; else why it may not be edited."""
    pack_id = store.current_pack_id()
    if pack_id is None:
        raise AuthoringError(_("No workshop is installed, so there is nothing to edit."))
    if not is_working_copy(store, pack_id):
        raise AuthoringError(
            _(
                "The workshop {id} is not yours to edit: make your own copy first: "
                "companion workshop new NEW_ID --from {id}"
            ).format(id=pack_id)
        )
    return pack_id


# --- validating a whole workshop ----------------------------------------------------


def checked_pack(manifest: Manifest, items: list[Any]) -> ContentPack:
    """``manifest`` and ``items`` validated as the pack they would be written as; every problem at once.

    They are written as a pack's TOML files and read back by the pack loader,
    so a working copy is always one that can be exported and imported again.
    """
    from companion.core.content import build_from_files
    from companion.core.packs.exporter import content_files
    from companion.core.sources import ContentError

    problems = agenda_problems(manifest, items)
    try:
        pack = build_from_files(content_files(manifest, items, "facilitator"))
    except ContentError as exc:
        raise ContentError(exc.problems + problems) from None
    if problems:
        raise ContentError(problems)
    return pack


def agenda_problems(manifest: Manifest, items: list[Any]) -> list[Problem]:
    """What spans the agenda and the manifest: a session after the last day, two sessions at once."""
    from companion.core.sources import Problem

    days = manifest.workshop.days
    sessions = sorted(
        (item for item in items if item.kind == "agenda-item"), key=lambda i: (i.day, i.start, i.id)
    )
    problems = [
        Problem(
            f"agenda/{item.id}.toml",
            "day",
            f"day {item.day} is after the workshop's last day (workshop.days = {days} in {MANIFEST})",
        )
        for item in sessions
        if item.day > days
    ]
    running: Any = None  # the session that ends last among those already started that day
    for session in sessions:
        if running is not None and running.day == session.day and session.start < running.end:
            problems.append(
                Problem(
                    f"agenda/{session.id}.toml",
                    "start",
                    f"{session.start} is before {running.id} ends ({running.end}) on day {session.day}",
                )
            )
        if running is None or running.day != session.day or session.end > running.end:
            running = session
    return problems


def _save(store: Store, pack: ContentPack, make_current: bool = False) -> None:
    store.install_pack(pack, source=WORKING_COPY, make_current=make_current)


# --- a new workshop from an installed one -------------------------------------------


def new_workshop(
    store: Store, new_id: str, from_id: str, title_en: str | None = None, title_zh: str | None = None
) -> Manifest:
    """Copy the installed workshop ``from_id`` as ``new_id``, a working copy, and make it current."""
    import re

    from companion import resources
    from companion.core.model import ITEM_ID

    if len(new_id) > 64 or not re.match(ITEM_ID, new_id):
        raise AuthoringError(
            _(
                "{id} is not a workshop ID: use lower-case letters, digits and single hyphens "
                "(at most 64 characters), e.g. my-workshop-2027"
            ).format(id=repr(new_id[:80]))
        )
    # The bundled workshop's ID is reserved even when it is not installed: reloading the bundled
    # workshop rewrites that ID, and a copy under it would be overwritten.
    if new_id == resources.BUNDLED_PACK or store.pack_version(new_id) is not None:
        raise AuthoringError(
            _("A workshop with ID {id} is installed already; choose another ID.").format(id=new_id)
        )
    manifest = store.manifest(from_id)
    if manifest is None:
        raise AuthoringError(_("No workshop with ID {id} is installed.").format(id=from_id))
    data = manifest.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["id"] = new_id
    for key, value in (("en", title_en), ("zh-Hans", title_zh)):
        if value is not None:
            data["workshop"]["title"][key] = value
    copied = _manifest_from(data)
    pack = checked_pack(copied, store.items(pack_id=from_id))
    _save(store, pack, make_current=True)
    return pack.manifest


# --- the workshop's details -----------------------------------------------------------


def set_details(store: Store, changes: WorkshopChanges) -> Manifest:
    """Change the current working copy's title, dates, venue, organiser or trainers."""
    from companion.core.sources import ContentError, Problem

    pack_id = editable_pack(store)
    manifest = store.manifest(pack_id)
    assert manifest is not None  # editable_pack found it installed
    data = manifest.model_dump(mode="json", by_alias=True, exclude_none=True)
    workshop = data["workshop"]
    for field, lang, value in (
        ("title", "en", changes.title_en),
        ("title", "zh-Hans", changes.title_zh),
        ("venue", "en", changes.venue_en),
        ("venue", "zh-Hans", changes.venue_zh),
        ("organiser", "en", changes.organiser_en),
        ("organiser", "zh-Hans", changes.organiser_zh),
    ):
        if value is not None:
            workshop[field][lang] = value
    if changes.start_date is not None:
        workshop["start_date"] = changes.start_date
    if changes.days is not None:
        workshop["days"] = changes.days
    if changes.trainers is not None:
        workshop.pop("trainers", None)
        if changes.trainers:
            workshop["trainers"] = changes.trainers
    updated = _manifest_from(data, file="workshop", strip="workshop.")
    items = store.items(pack_id=pack_id)
    last_day = max((item.day for item in items if item.kind == "agenda-item"), default=0)
    if last_day > updated.workshop.days:
        raise ContentError(
            [
                Problem(
                    "workshop",
                    "days",
                    f"is {updated.workshop.days}, but the agenda has sessions on day {last_day}; "
                    "move or remove them first",
                )
            ]
        )
    pack = checked_pack(updated, items)
    _save(store, pack)
    return pack.manifest


def _manifest_from(data: dict[str, Any], file: str = MANIFEST, strip: str = "") -> Manifest:
    """A manifest validated as a pack's ``pack.toml`` is; problems name ``file`` and the field."""
    from companion.core.content import parse_manifest
    from companion.core.packs import toml_writer
    from companion.core.sources import ContentError, Problem

    try:
        return parse_manifest(toml_writer.dumps(data).encode("utf-8"), file)
    except ContentError as exc:
        raise ContentError(
            [
                Problem(p.file, p.field.removeprefix(strip), p.message.removeprefix("Value error, "))
                for p in exc.problems
            ]
        ) from None


def read_trainers(path: Path) -> list[dict[str, Any]]:
    """The ``[[trainers]]`` tables of a TOML file, for :attr:`WorkshopChanges.trainers`.

    Only its shape is checked here (a list of tables); the model checks each
    trainer when the changes are set, so problems name the field.
    """
    from companion.core.content import parse_toml
    from companion.core.sources import ContentError, Problem

    raw = parse_toml(_read_limited(path, str(path)), str(path))
    trainers = raw.get("trainers")
    unknown = sorted(set(raw) - {"trainers"})
    if unknown:
        raise ContentError(
            [Problem(str(path), unknown[0], "unknown field; the file holds [[trainers]] only")]
        )
    if not isinstance(trainers, list) or not all(isinstance(t, dict) for t in trainers):
        raise ContentError([Problem(str(path), "trainers", "give each trainer as a [[trainers]] table")])
    return trainers


# --- one item -------------------------------------------------------------------------


def edit_item(store: Store, item_id: str, path: Path) -> Any:
    """Replace item ``item_id`` of the current working copy by the item in TOML file ``path``."""
    from companion.core.content import parse_item, parse_toml
    from companion.core.sources import ContentError, Problem

    pack_id = editable_pack(store)
    old = store.item(item_id, pack_id)
    if old is None:
        raise AuthoringError(
            _("No content item with ID {item} in the workshop {id}.").format(
                item=repr(item_id[:80]), id=pack_id
            )
        )
    file = path.name
    data = _read_limited(path)
    written_id = parse_toml(data, file).get("id")
    if written_id != item_id:
        raise ContentError([Problem(file, "id", f"is {written_id!r}, but the item edited is {item_id!r}")])
    item = parse_item(data, file, old.kind, item_id)
    manifest = store.manifest(pack_id)
    assert manifest is not None
    items = [item if each.id == item_id else each for each in store.items(pack_id=pack_id)]
    _save(store, checked_pack(manifest, items))
    return item


def _read_limited(path: Path, file: str | None = None) -> bytes:
    """A source file's bytes, or :class:`ContentError` naming ``file`` (default: its name).

    Only a regular file of at most a pack file's size is read: a pipe or a
    device is refused at once rather than waited on, a larger file before it is read.
    """
    from companion.core.content import MAX_FILE_BYTES
    from companion.core.files import NotAFileError, TooLargeError, read_regular_file
    from companion.core.sources import ContentError, Problem

    label = file or path.name
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except NotAFileError:
        problem = "not a regular file (a folder, a device or a pipe)"
        raise ContentError([Problem(label, "", problem)]) from None
    except TooLargeError:
        raise ContentError([Problem(label, "", f"file is larger than {MAX_FILE_BYTES} bytes")]) from None


# --- a folder of TOML files, both ways ------------------------------------------------


def export_dir(store: Store, folder: Path) -> DirExport:
    """Write the current workshop (every field, facilitator-only ones too) as a pack's source folder.

    An earlier export in ``folder`` is brought up to date: its item files
    whose items are gone are removed. A folder that holds anything else is refused.
    """
    from companion.core.files import AS_UMASK, write_atomically
    from companion.core.kinds import BY_FOLDER
    from companion.core.packs.exporter import content_files

    pack_id = store.current_pack_id()
    manifest = store.manifest(pack_id) if pack_id else None
    if pack_id is None or manifest is None:
        raise AuthoringError(_("No workshop is installed, so there is nothing to export."))
    if folder.exists() and any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        raise AuthoringError(
            _(
                "{folder} is not empty and holds no pack.toml: choose an empty folder or an earlier export."
            ).format(folder=str(folder))
        )
    files = content_files(manifest, store.items(pack_id=pack_id), "facilitator")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        target = folder / name
        target.parent.mkdir(exist_ok=True)
        write_atomically(target, data, AS_UMASK)
    removed = []
    for sub in sorted(BY_FOLDER):
        for stale in sorted((folder / sub).glob("*.toml")):
            if f"{sub}/{stale.name}" not in files:
                stale.unlink()
                removed.append(f"{sub}/{stale.name}")
    return DirExport(folder, len(files), removed)


def import_dir(store: Store, folder: Path) -> ContentPack:
    """Replace the current working copy by the workshop in ``folder``, all or nothing.

    Every problem of every file is collected (``file: field: problem``) before
    anything is written; with any problem, :class:`ContentError` lists them all
    and the working copy is as it was. A backup is made before the replacement.
    """
    from companion.core.content import cross_check, parse_item, parse_manifest
    from companion.core.sources import FOLDERS, ContentError, Problem
    from companion.core.store.backups import create_backup

    pack_id = editable_pack(store)
    current = store.manifest(pack_id)
    assert current is not None
    if not folder.is_dir():
        raise AuthoringError(_("{folder} is not a folder.").format(folder=str(folder)))
    files, problems = _read_tree(folder)
    manifest, manifest_ok = current, False
    if MANIFEST not in files:
        problems.append(Problem(MANIFEST, "", "manifest file is missing"))
    else:
        try:
            manifest = parse_manifest(files[MANIFEST])
        except ContentError as exc:
            problems.extend(exc.problems)
        else:
            manifest_ok = True
            if manifest.id != pack_id:
                problems.append(
                    Problem(
                        MANIFEST,
                        "id",
                        f"is {manifest.id!r}, but the workshop it would replace is {pack_id!r}",
                    )
                )
    items: list[Any] = []
    file_problems = False
    for name, data in sorted(files.items()):
        if name == MANIFEST:
            continue
        folder_name, _slash, file_name = name.partition("/")
        try:
            items.append(parse_item(data, name, FOLDERS[folder_name], file_name.removesuffix(".toml")))
        except ContentError as exc:
            problems.extend(exc.problems)
            file_problems = True
    if not file_problems:  # links between items are checked once every item could be read
        problems.extend(cross_check(items))
    if manifest_ok:
        problems.extend(agenda_problems(manifest, items))
    if problems:
        raise ContentError(problems)
    pack = checked_pack(manifest, items)
    create_backup(store, "before-import")
    _save(store, pack)
    return pack


def _read_tree(folder: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """Every TOML file under ``folder`` by relative name, and a problem for each that is misplaced.

    Unlike a bundled pack's loader, a file outside the known folders is not
    ignored: a misspelt folder would otherwise drop its items without a word.
    Hidden folders (``.git``) and files that are not TOML (a README) are skipped.
    """
    from companion.core.kinds import BY_FOLDER
    from companion.core.sources import ContentError, Problem

    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    known = ", ".join(sorted(BY_FOLDER))
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            if not name.endswith(".toml") or name.startswith("."):
                continue
            parts = relative.split("/")
            if not (relative == MANIFEST or (len(parts) == 2 and parts[0] in BY_FOLDER)):
                problems.append(Problem(relative, "", f"not in a folder of a content kind ({known})"))
            else:
                try:
                    files[relative] = _read_limited(path, relative)
                except ContentError as exc:
                    problems.extend(exc.problems)
    return files, problems

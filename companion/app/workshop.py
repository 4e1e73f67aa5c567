"""A data folder opened for use, and every workflow the window and the command line share.

:class:`Workshop` wraps the store of one data folder. Reading (items, search,
the installed workshops, settings) is immediate; long work (exporting
handouts, importing a pack, checking the database) takes ``progress(done,
total)`` and ``cancelled()`` (:mod:`companion.core.progress`) so the window can
run it on a worker and the command line in line. Each method says what it
changed in what it returns, so a surface refreshes from that, not by guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.core.progress import CancelCheck, Progress, never_cancelled, no_progress
from companion.core.store import PackInfo, SearchHit, Store
from companion.core.store.search import AUDIENCE, Visibility

if TYPE_CHECKING:
    from datetime import datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    # Re-exported (``as``): the surfaces name these types through this module (see __getattr__).
    from companion.core.authoring import DirExport as DirExport
    from companion.core.authoring import WorkshopChanges as WorkshopChanges
    from companion.core.authoring.drafts import Draft
    from companion.core.authoring.problems import FieldProblem
    from companion.core.authoring.publish import Published
    from companion.core.authoring.translations import TranslationGap
    from companion.core.handouts.preview import HandoutFacts as HandoutFacts  # for the surfaces' types
    from companion.core.model import ContentItem, Manifest
    from companion.core.packs.exporter import ExportResult
    from companion.core.packs.importer import ImportReport
    from companion.core.packs.verify import VerifiedPack
    from companion.core.records import Vault
    from companion.core.store.backups import Backup
    from companion.core.store.check import CheckReport
    from companion.core.store.timing import SessionTimes
    from companion.core.timing import AgendaNow, LiveSession


def __getattr__(name: str) -> Any:
    """The re-exported authoring types, imported when first named: the window imports this module
    before its first paint, and they are needed only when a workshop of one's own is edited."""
    if name in ("DirExport", "WorkshopChanges"):
        from companion.core import authoring

        return getattr(authoring, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# NamedTuples, not dataclasses: the window imports this module before its first paint,
# and a dataclass costs several times more to define.
class HandoutRequest(NamedTuple):
    """What to print: handout kinds (IDs of companion.app.kinds.HANDOUT_KINDS), language, edition, paper."""

    kinds: Sequence[str]
    lang: str
    folder: Path
    edition: str = "participant"
    paper: str = "a4"
    # IDs of the case studies and library documents to print; empty: all of them.
    items: Sequence[str] = ()


# The kinds whose items a HandoutRequest can pick one by one.
SELECTABLE_KINDS = ("case-study", "document")


class HandoutsWritten(NamedTuple):
    files: list[Path]
    total: int  # how many files the request stands for
    stopped: bool  # cancelled before all were written (the written ones are kept)


class Workshop:
    """The installed workshops and the user's data in one data folder."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Workshop:
        """Open (creating, migrating, loading the bundled workshop as needed) ``data_dir``.

        :class:`~companion.core.store.StoreError` or
        :class:`~companion.core.sources.ContentError` in one line when it cannot.
        """
        from companion.core.datafolder import open_data_folder

        return cls(open_data_folder(data_dir))

    @staticmethod
    def default_folder() -> Path:
        from companion.core.datafolder import default_data_dir

        return default_data_dir()

    @property
    def notice(self) -> str | None:
        """One sentence the user must read (a damaged database set aside, a failed daily backup)."""
        return self._store.recovery_message

    @property
    def data_dir(self) -> Path:
        return self._store.data_dir

    @property
    def store(self) -> Store:
        """The store itself, for the core functions this layer hands it to."""
        return self._store

    def close(self) -> None:
        self._store.close()

    # --- the current workshop ------------------------------------------------

    def current_pack_id(self) -> str | None:
        return self._store.current_pack_id()

    def manifest(self, pack_id: str | None = None) -> Manifest | None:
        chosen = pack_id or self.current_pack_id()
        return self._store.manifest(chosen) if chosen else None

    def fingerprint(self, pack_id: str | None = None) -> str:
        chosen = pack_id or self.current_pack_id()
        return (self._store.pack_fingerprint(chosen) if chosen else None) or ""

    def items(self, kind: str | None = None) -> list[ContentItem]:
        return self._store.items(kind)

    def item(self, item_id: str) -> ContentItem | None:
        return self._store.item(item_id)

    def search(self, query: str, lang: str = "en", visibility: Visibility = AUDIENCE) -> list[SearchHit]:
        hits = self._store.search(query, lang, visibility)
        if visibility.facilitator:  # the user's own notes: private, never in what the room may see
            from companion.app.notes import note_hits

            hits += note_hits(self, query, lang)
        return hits

    def packs(self) -> list[PackInfo]:
        return self._store.packs()

    def use(self, pack_id: str) -> None:
        """Make an installed workshop the current one."""
        self._store.set_current_pack(pack_id)

    # --- workshops of one's own (companion.core.authoring) ----------------------

    def is_working_copy(self, pack_id: str | None = None) -> bool:
        """Whether the current (or given) workshop is the user's own, which may be edited."""
        from companion.core.authoring import is_working_copy

        chosen = pack_id or self.current_pack_id()
        return chosen is not None and is_working_copy(self._store, chosen)

    def new_workshop(
        self, new_id: str, from_id: str, title_en: str | None = None, title_zh: str | None = None
    ) -> Manifest:
        """Copy an installed workshop as a workshop of one's own under ``new_id``; it becomes current."""
        from companion.core.authoring import new_workshop

        return new_workshop(self._store, new_id, from_id, title_en, title_zh)

    def set_workshop(self, changes: WorkshopChanges) -> Manifest:
        """Change the current workshop's details (it must be one's own); the new manifest."""
        from companion.core.authoring import set_details

        return set_details(self._store, changes)

    def read_trainers(self, path: Path) -> list[dict[str, object]]:
        """The ``[[trainers]]`` of a TOML file, for :attr:`WorkshopChanges.trainers`."""
        from companion.core.authoring import read_trainers

        return read_trainers(path)

    def edit_item(self, item_id: str, path: Path) -> ContentItem:
        """Replace one item of the current workshop (one's own) by the item in a TOML file."""
        from companion.core.authoring import edit_item

        item: ContentItem = edit_item(self._store, item_id, path)
        return item

    def export_dir(self, folder: Path) -> DirExport:
        """Write the current workshop as a pack's source folder (pack.toml and a folder per kind)."""
        from companion.core.authoring import export_dir

        return export_dir(self._store, folder)

    def import_dir(self, folder: Path) -> int:
        """Replace the current workshop (one's own) by a pack's source folder, all or nothing; items read."""
        from companion.core.authoring import import_dir

        return len(import_dir(self._store, folder).items)

    # --- editing in the window: one item at a time (companion.core.authoring) -----

    @property
    def editable(self) -> bool:
        """Whether the current workshop is a working copy (the user's own), which may be edited."""
        return self.is_working_copy()

    def item_data(self, item_id: str) -> dict[str, Any] | None:
        """The saved item as data (what an editor opens), or None when there is none."""
        from companion.core.authoring.drafts import item_data

        return item_data(self._store, item_id)

    def new_item_data(self, kind: str) -> dict[str, Any]:
        """A template of ``kind`` with a fresh stable ID (never derived from a title)."""
        from companion.core.authoring.drafts import new_item_data

        return new_item_data(self._store, kind)

    def problems(self, kind: str, data: dict[str, Any]) -> list[FieldProblem]:
        """Every problem of ``data`` as an item of the current workshop, by field; nothing is written."""
        from companion.core.authoring.drafts import problems

        return problems(self._store, kind, data)

    def save_draft(self, kind: str, data: dict[str, Any]) -> list[FieldProblem]:
        """Keep ``data`` as the item's draft; when it validates, as the item itself. Its problems."""
        from companion.core.authoring.drafts import save_draft

        return save_draft(self._store, kind, data)

    def drafts(self) -> list[Draft]:
        """The current workshop's unsaved drafts (what a crash left), oldest first."""
        from companion.core.authoring.drafts import drafts

        return drafts(self._store)

    def discard_draft(self, item_id: str) -> None:
        from companion.core.authoring.drafts import discard_draft

        discard_draft(self._store, item_id)

    def delete_item(self, item_id: str) -> None:
        """Remove an item of the working copy; notes, bookmarks and records keep its ID."""
        from companion.core.authoring.drafts import delete_item

        delete_item(self._store, item_id)

    def move_session(self, item_id: str, day: int, start: str) -> list[str]:
        """Move an agenda session and re-flow the rest of that day (lengths kept); the IDs changed."""
        from companion.core.authoring.agenda import move_session

        return move_session(self._store, item_id, day, start)

    def translation_status(self) -> list[TranslationGap]:
        """Every missing or possibly stale language of the current workshop's texts."""
        from companion.core.authoring.translations import translation_status

        pack_id = self.current_pack_id()
        return translation_status(self._store, pack_id) if pack_id else []

    def confirm_translation(self, item_id: str, path: tuple[str | int, ...], lang: str) -> None:
        """Say that ``lang`` of the text at ``path`` agrees with the other language as they are now."""
        from companion.core.authoring.translations import confirm_translation
        from companion.core.authoring.workshops import editable_pack

        confirm_translation(self._store, editable_pack(self._store), item_id, path, lang)

    def publish(
        self,
        summary: str,
        out_dir: Path,
        progress: Progress | None = None,
        key: Ed25519PrivateKey | None = None,
    ) -> Published:
        """A new version of the working copy and its two packs in ``out_dir`` (signed with ``key``)."""
        from companion.core.authoring.publish import publish

        return publish(self._store, summary, out_dir, progress, key)

    def next_version(self) -> str | None:
        """The version :meth:`publish` would give the current workshop now (None: none installed)."""
        from companion.core.authoring.publish import next_version

        manifest = self.manifest()
        if manifest is None:
            return None
        return next_version(manifest.version, *(version for version, _date, _summary in self.changes()))

    def changes(self) -> list[tuple[str, str, str]]:
        """(version, date, summary) of each published version of the current workshop, newest first."""
        from companion.core.authoring.publish import changes

        return changes(self._store)

    # --- settings --------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self._store.get_setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self._store.set_setting(key, value)

    def view_settings(self) -> dict[str, str]:
        """The window's saved view settings (companion.app.view_settings), those that are set."""
        from companion.app.view_settings import VIEW_SETTINGS

        return {key: value for key in VIEW_SETTINGS if (value := self.setting(key)) is not None}

    # --- live timing (companion.core.timing) -------------------------------------

    def time_zone(self) -> str:
        """The workshop's time zone (IANA name); by default the sample venue's, Asia/Shanghai."""
        from companion.core.timing import DEFAULT_TIME_ZONE, TIME_ZONE_SETTING

        return self._store.get_setting(TIME_ZONE_SETTING) or DEFAULT_TIME_ZONE

    def set_time_zone(self, name: str) -> None:
        """Set the workshop's time zone; ``TimingError`` in one line when ``name`` is not one."""
        from companion.core.timing import set_time_zone

        set_time_zone(self._store, name)

    def live_schedule(self) -> list[LiveSession]:
        """The current workshop's sessions at their planned and shifted times."""
        from companion.core.timing import schedule

        return schedule(self._store)

    def agenda_now(self, moment: datetime | None = None) -> AgendaNow:
        """What runs now (or at ``moment``) and next by the shifted times, and the delay."""
        from companion.core.timing import now_next

        return now_next(self._store, moment)

    def shift_agenda(self, item_id: str, minutes: int, moment: datetime | None = None) -> list[LiveSession]:
        """Move the rest of ``item_id``'s day by ``minutes`` (negative: earlier); the new schedule."""
        from companion.core.timing import shift

        return shift(self._store, item_id, minutes, moment)

    def start_session_now(self, item_id: str, moment: datetime | None = None) -> list[LiveSession]:
        """Start ``item_id`` now (or at ``moment``); the rest of its day moves with it."""
        from companion.core.timing import start_now

        return start_now(self._store, item_id, moment)

    def reset_agenda_times(self, moment: datetime | None = None) -> list[LiveSession]:
        """Back to the planned times."""
        from companion.core.timing import reset

        return reset(self._store, moment)

    def timing_log(self) -> list[SessionTimes]:
        """Every session's planned and actual start and end."""
        from companion.core.timing import log

        return log(self._store)

    def export_agenda_calendar(self, out: Path, lang: str = "en", planned: bool = False) -> int:
        """Write the sessions (shifted, or ``planned``) as an iCalendar file; how many it holds."""
        from companion.core.ical import write_agenda_calendar

        return write_agenda_calendar(self._store, out, lang, planned)

    # --- handouts --------------------------------------------------------------

    def handout_count(self, request: HandoutRequest) -> int:
        from companion.core.handouts.builder import plan

        items, manifest, fingerprint = self._handout_source(request.items)
        return sum(
            len(plan(items, manifest, fingerprint, kind, request.lang, request.edition))
            for kind in request.kinds
        )

    def export_handouts(
        self,
        request: HandoutRequest,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> HandoutsWritten:
        """Write the PDFs ``request`` asks for, one kind after another, with one progress for all."""
        from companion.core.handouts import export
        from companion.core.handouts.builder import plan

        items, manifest, fingerprint = self._handout_source(request.items)
        counts = [
            len(plan(items, manifest, fingerprint, kind, request.lang, request.edition))
            for kind in request.kinds
        ]
        total, base, written = sum(counts), 0, []

        def overall(base: int) -> Progress:
            return lambda done, _total: progress(base + done, total)

        for kind, count in zip(request.kinds, counts, strict=True):
            if cancelled():
                break
            written += export(
                items,
                manifest,
                fingerprint,
                kind,
                request.lang,
                request.folder,
                edition=request.edition,
                paper=request.paper,
                progress=overall(base),
                cancelled=cancelled,
            )
            base += count
        return HandoutsWritten(written, total, cancelled())

    def preview_handouts(
        self,
        request: HandoutRequest,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> list[HandoutFacts]:
        """The pages and paper size of each file ``request`` stands for, made in memory, nothing written."""
        from companion.core.handouts.preview import preview

        items, manifest, fingerprint = self._handout_source(request.items)
        found: list[HandoutFacts] = []
        for done, kind in enumerate(request.kinds):
            if cancelled():
                break
            progress(done, len(request.kinds))
            found += preview(items, manifest, fingerprint, kind, request.lang, request.edition, request.paper)
        progress(len(request.kinds), len(request.kinds))
        return found

    def _handout_source(self, chosen: Sequence[str] = ()) -> tuple[list[ContentItem], Manifest, str]:
        """The items to print: of the selectable kinds only the ``chosen`` ones (all when none are)."""
        from companion.core.store import StoreError

        manifest = self.manifest()
        if manifest is None:
            raise StoreError("no workshop is installed in the data folder")
        items = self.items()
        if chosen:
            selectable = {item.id for item in items if item.kind in SELECTABLE_KINDS}
            unknown = [item_id for item_id in chosen if item_id not in selectable]
            if unknown:
                raise ValueError(f"no case study or library document with the ID {unknown[0]}")
            items = [item for item in items if item.kind not in SELECTABLE_KINDS or item.id in chosen]
        return items, manifest, self.fingerprint()

    # --- packs -----------------------------------------------------------------

    def trusted_publishers(self) -> dict[str, str]:
        """Fingerprint -> name of every publisher this installation trusts (the pinned ones too)."""
        from companion.core.packs import trusted

        return trusted(self._store)

    def trust_publisher(self, fingerprint: str, name: str) -> None:
        self._store.trust_publisher(fingerprint, name)

    def verify_pack(
        self, path: Path, progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled
    ) -> VerifiedPack:
        """Read and check a pack file (integrity, signature, schema, version); nothing is written."""
        from companion.core.packs.verify import verify_file

        return verify_file(path, self.trusted_publishers(), progress, cancelled)

    def plan_import(self, pack: VerifiedPack, policy: str = "newer", beside: bool = False) -> ImportReport:
        """What importing ``pack`` under ``policy`` would change, item by item; nothing is written."""
        from companion.core.packs.importer import plan_import

        return plan_import(self._store, pack, policy, beside=beside)

    def import_pack(
        self,
        pack: VerifiedPack,
        policy: str = "newer",
        beside: bool = False,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> ImportReport:
        """Import ``pack`` (after a backup), all or nothing; the report says what changed."""
        from companion.core.packs.importer import import_pack

        return import_pack(self._store, pack, policy, progress=progress, cancelled=cancelled, beside=beside)

    def pack_refusal(self, pack: VerifiedPack) -> Exception | None:
        """Why ``pack`` may not update the workshop of its ID (another publisher); None when it may."""
        from companion.core.packs.publisher import refusal

        return refusal(self._store, pack, pack.pack_id)

    def signer_of(self, pack_id: str) -> str | None:
        """The fingerprint an installed workshop is bound to (the pinned key for the bundled one)."""
        from companion.core.packs.publisher import installed_publisher

        return installed_publisher(self._store, pack_id)

    def publisher_name(self, fingerprint: str, pack_id: str | None = None) -> str:
        """Who holds ``fingerprint``, as people read it: a trusted name, else what the workshop says."""
        from companion.core.packs.publisher import publisher_name

        return publisher_name(self._store, fingerprint, pack_id)

    def export_pack(
        self,
        target: Path,
        edition: str = "participant",
        key: Ed25519PrivateKey | None = None,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> ExportResult:
        """Write the current workshop to a pack file (signed with ``key`` if given)."""
        from companion.core.packs.exporter import export_pack

        return export_pack(self._store, target, edition, key, progress=progress, cancelled=cancelled)

    # --- backups and the check ------------------------------------------------

    def backups(self) -> list[Backup]:
        from companion.core.store.backups import list_backups

        return list_backups(self.data_dir)

    def back_up(self, reason: str = "manual") -> Backup:
        from companion.core.store.backups import create_backup

        return create_backup(self._store, reason)

    def restore(self, backup_id: str) -> Backup:
        """Put a backup back; returns the backup of what was there before."""
        from companion.core.store.backups import restore_backup

        return restore_backup(self._store, backup_id)

    def backups_folder(self) -> Path:
        """The folder the backups are kept in, made (private to the user) if there is none yet.

        There is none before the first backup; a window that shows the folder
        needs it to exist. OSError (its ``filename`` the folder) when it cannot be made.
        """
        from companion.core.store.backups import backups_folder
        from companion.core.store.database import PRIVATE_FOLDER

        folder = backups_folder(self.data_dir)
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        return folder

    def check(self) -> CheckReport:
        from companion.core.store.check import check_store

        return check_store(self._store)

    # --- field records ---------------------------------------------------------

    def vault(self) -> Vault:
        from companion.core.records import Vault

        return Vault(self._store)

"""The user's data folder: where it is, and opening it ready for use.

Opening means: the store is migrated, and the bundled workshop is loaded into
it on first start and again whenever the bundled pack changes (its version or
any byte of its files). An unchanged install only looks at the files' sizes
and times; it neither reads nor validates any content. A pack with the
bundled workshop's ID that the bundled publisher signed and the user imported
(perhaps a newer version) is theirs: the bundled files never overwrite it. A
copy under that ID that the bundled publisher did not sign could only be
imported before the same-publisher rule (see companion.core.packs.publisher);
the bundled workshop replaces it, and notes and bookmarks stay attached.

Before it is opened, :func:`peek_settings` reads a few saved settings with a
plain read-only query: the window draws its frame in the saved language and
size while the store, and everything opening it imports, waits until after
the first paint (docs/architecture.md#start-up-cost). This module imports the
store only when it opens one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from companion import resources
from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.store import Store

APP_DIR_NAME = "TrainingCompanion"
DATABASE_NAME = "companion.db"  # the store's file in the data folder


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def peek_settings(data_dir: Path | None, keys: Iterable[str]) -> dict[str, str]:
    """The saved values of ``keys`` in the data folder, read without opening it; {} on any trouble.

    Read-only, without the folder's lock and without waiting for another program's: opening
    the folder (:func:`open_data_folder`) comes next, and it says what is wrong, if anything.
    """
    # The C module that sqlite3 re-exports: sqlite3 itself imports datetime and its adapters,
    # three times the cost, and this runs before the window's first paint (the store imports
    # sqlite3 right after it).
    import _sqlite3 as sqlite3

    path = (data_dir or default_data_dir()) / DATABASE_NAME
    wanted = list(keys)
    try:
        if not path.is_file():
            return {}
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=0)
        try:
            marks = ", ".join("?" * len(wanted))
            rows = conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", wanted).fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return {}
    return {key: value for key, value in rows if isinstance(value, str)}


def ensure_bundled_content(store: Store) -> bool:
    """(Re)load the bundled workshop when the store's copy differs; True if it did."""
    from companion.core.sources import fingerprint, read_folder, stat_signature

    folder, pack_id = resources.bundled_pack_dir(), resources.BUNDLED_PACK
    source = store.pack_source(pack_id)
    if source not in (None, "bundled"):
        from companion.core.packs.signing import pinned_publishers  # rare: not at every start

        if store.pack_signer(pack_id) in pinned_publishers():
            return False  # the bundled publisher's own pack, perhaps a newer version: never clobbered
    signature = stat_signature(folder)
    if source == "bundled" and store.pack_source_signature(pack_id) == signature:
        return False
    files = read_folder(folder)
    if source == "bundled" and store.pack_fingerprint(pack_id) == fingerprint(files):
        store.set_pack_source_signature(pack_id, signature)  # touched, not changed
        return False
    from companion.core.content import build_from_files

    if source not in (None, "bundled"):
        # An unsigned copy imported over the bundled workshop before the same-publisher rule:
        # it gives way, but stays in a backup, and the user is told where.
        from companion.core.store.backups import create_backup

        kept = create_backup(store, "before-import")
        store.recovery_message = _(
            "The workshop {id} had been replaced by a pack its publisher did not sign; the bundled "
            "workshop is back, and the replaced copy is in backup {backup}."
        ).format(id=pack_id, backup=kept.id)
    store.install_pack(build_from_files(files), source="bundled", source_signature=signature)
    return True


def open_data_folder(data_dir: Path | None) -> Store:
    """The data folder's store: created or migrated, the bundled workshop loaded, backed up today.

    All of it happens under the folder's lock, so any number of processes can
    start on a new data folder at once: the first sets it up, the others wait
    and find it ready.
    """
    from companion.core.store import Store
    from companion.core.store.backups import back_up_daily
    from companion.core.store.folderlock import locked

    folder = data_dir or default_data_dir()
    with locked(folder):
        store = Store.open_unlocked(folder)
        try:
            ensure_bundled_content(store)
            backup_problem = back_up_daily(store)
        except BaseException:
            store.close()
            raise
    store.recovery_message = store.recovery_message or backup_problem
    return store

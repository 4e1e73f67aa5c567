"""The user's data folder: where it is, and opening it ready for use.

Opening means: the store is migrated, and the bundled workshop is loaded into
it on first start and again whenever the bundled pack changes (its version or
any byte of its files). An unchanged install only looks at the files' sizes
and times; it neither reads nor validates any content. Once the user has
imported a pack with the bundled workshop's ID, that copy is theirs: the
bundled files never overwrite it.
"""

from __future__ import annotations

from pathlib import Path

from companion import resources
from companion.core.store import Store

APP_DIR_NAME = "TrainingCompanion"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def ensure_bundled_content(store: Store) -> bool:
    """(Re)load the bundled workshop when the store's copy differs; True if it did."""
    from companion.core.sources import fingerprint, read_folder, stat_signature

    folder, pack_id = resources.bundled_pack_dir(), resources.BUNDLED_PACK
    if store.pack_source(pack_id) not in (None, "bundled"):
        return False  # imported by the user, perhaps a newer version: never clobbered
    signature = stat_signature(folder)
    if store.pack_source_signature(pack_id) == signature:
        return False
    files = read_folder(folder)
    if store.pack_fingerprint(pack_id) == fingerprint(files):
        store.set_pack_source_signature(pack_id, signature)  # touched, not changed
        return False
    from companion.core.content import build_from_files

    store.install_pack(build_from_files(files), source="bundled", source_signature=signature)
    return True


def open_data_folder(data_dir: Path | None) -> Store:
    store = Store.open(data_dir or default_data_dir())
    ensure_bundled_content(store)
    return store

"""The bundled workshop's cheap check at start-up: its files' names, sizes and times."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from companion import resources
from companion.core.sources import FOLDERS, MANIFEST, stat_signature


def _listing_as_stored_before(folder: Path) -> str:
    """How earlier versions wrote the listing (pathlib's glob), kept in every data folder's store."""
    paths = [folder / MANIFEST] + [
        path for name in sorted(FOLDERS) for path in sorted((folder / name).glob("*.toml"))
    ]
    return "".join(
        f"{path.relative_to(folder).as_posix()}\t{path.stat().st_size}\t{path.stat().st_mtime_ns}\n"
        for path in paths
    )


def test_an_unchanged_bundle_matches_what_earlier_versions_stored() -> None:
    """Otherwise the first start after an upgrade would read and hash every file again."""
    folder = resources.bundled_pack_dir()
    assert stat_signature(folder) == _listing_as_stored_before(folder)


def test_every_change_a_file_can_show_changes_the_listing(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(resources.bundled_pack_dir(), folder)
    kind_folder = sorted(name for name in FOLDERS if (folder / name).is_dir())[0]
    first = sorted((folder / kind_folder).glob("*.toml"))[0]
    before = stat_signature(folder)
    (folder / kind_folder / "notes.txt").write_text("not content", "utf-8")
    assert stat_signature(folder) == before  # the loader reads only .toml files
    stat = first.stat()
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    touched = stat_signature(folder)
    assert touched != before
    (folder / kind_folder / "zz-new.toml").write_text("", "utf-8")
    assert stat_signature(folder) != touched
    shutil.rmtree(folder / kind_folder)  # a pack may have no files of a kind
    assert f"{kind_folder}/" not in stat_signature(folder)

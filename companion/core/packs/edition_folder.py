"""A workshop's content folder as one edition sees it: what a participant build bundles.

The copy of the application handed to participants (``build_scripts/bundle.py
--edition participant``) must carry no answer key or facilitator note, not even
behind a checkbox. This module rewrites a content folder for an edition with the
pack exporter's own serialiser (:func:`companion.core.packs.exporter.content_files`),
so the bundled files are exactly what a participant pack would hold; a trainer
gets the rest by importing the signed facilitator pack.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from companion.core.content import build_from_files
from companion.core.editions import check_edition
from companion.core.packs.exporter import content_files
from companion.core.sources import read_folder


def edition_files(folder: Path, edition: str) -> dict[str, bytes]:
    """The files of the content folder ``folder`` as ``edition`` may see them, checked by loading them."""
    check_edition(edition)
    pack = build_from_files(read_folder(folder))
    files = content_files(pack.manifest, list(pack.items), edition)
    build_from_files(files)  # never bundle content this application would refuse
    return files


def write_edition_folder(source: Path, target: Path, edition: str) -> int:
    """Write ``source`` as ``edition`` into ``target`` (emptied first); the number of files."""
    files = edition_files(source, edition)
    if target.exists():
        shutil.rmtree(target)
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(files)

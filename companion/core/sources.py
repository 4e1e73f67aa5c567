"""A pack folder's files, read and fingerprinted without validating anything,
and the error that reports what is wrong with a pack.

Kept apart from :mod:`companion.core.content` (which loads the validation
model) so that start-up can decide cheaply whether the bundled workshop
changed, and can name the error without loading the model.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from companion.core.kinds import CONTENT_KINDS

MANIFEST = "pack.toml"
# Pack folder -> the kind of item its files hold, in the workshop's order (companion.core.kinds).
FOLDERS = {kind.folder: kind.id for kind in CONTENT_KINDS}


class Problem(NamedTuple):
    """One thing wrong with one file of a pack.

    A NamedTuple, not a dataclass: it is the one record the start-up path builds, and importing
    ``dataclasses`` alone costs 9 M instructions before the first paint.
    """

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """A pack that cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0]) if problems else "invalid content"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


def read_folder(folder: Path) -> dict[str, bytes]:
    """Every file of a pack folder that the loader reads, by relative name."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise ContentError([Problem(str(manifest_path), "", "manifest file is missing")])
    files = {MANIFEST: manifest_path.read_bytes()}
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and sub.name in FOLDERS:
            for path in sorted(sub.glob("*.toml")):
                files[f"{sub.name}/{path.name}"] = path.read_bytes()
    return files


def fingerprint(files: dict[str, bytes], digests: Mapping[str, bytes] | None = None) -> str:
    """A SHA-256 over names and bytes: changes whenever any file of the pack does.

    ``digests`` may give the SHA-256 of files already hashed (a pack's, while
    verifying it), so that no file is hashed twice.
    """
    import hashlib  # not at start-up: loading OpenSSL costs more than the stat_signature() check

    known = digests or {}
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0")
        file_digest = known.get(name)
        digest.update(file_digest if file_digest is not None else hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def stat_signature(folder: Path) -> str:
    """A cheap stand-in for :func:`fingerprint`: every file's name, size and time, listed.

    Reading every file of the bundled workshop at each start costs real time
    on a slow disk; when this listing is unchanged, the files are too. The
    listing itself is kept (a few kilobytes), so that comparing it needs no
    hash library at start-up. It lists with ``os.scandir`` and plain strings:
    pathlib's glob and a Path per file cost four times more, before the first paint.
    """
    names = [MANIFEST]
    for sub in sorted(FOLDERS):
        try:
            with os.scandir(folder / sub) as entries:
                names += sorted(f"{sub}/{entry.name}" for entry in entries if entry.name.endswith(".toml"))
        except (FileNotFoundError, NotADirectoryError):
            continue  # a kind the pack has no files of
    lines = []
    for name in names:
        stat = os.stat(os.path.join(folder, name))
        lines.append(f"{name}\t{stat.st_size}\t{stat.st_mtime_ns}\n")
    return "".join(lines)

"""Reading a pack file that nobody vouches for yet, into memory, within hard limits.

Only a regular file is read, and at most :data:`MAX_PACK_BYTES` of it. Nothing
is ever extracted to disk. Before a byte is decompressed every entry is
checked: its name (no ``..``, absolute paths, backslashes or anything outside
the pack layout), its type (no links or special files), no duplicates, no
encryption, and the sizes its header declares. Those sizes are only a first
sieve: :mod:`.inflate` counts the real bytes as they come out. Every problem
becomes one :class:`PackError` sentence; nothing here raises anything else.

Hand-written because no library does this job: :mod:`zipfile` trusts the names
and sizes a file declares, and hardening wrappers (safezip and the like)
extract to disk, which a pack never is, knowing nothing of its layout.
"""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from companion.core.files import NotAFileError, TooLargeError, read_regular_file
from companion.core.packs.format import (
    CONTENT_NAME,
    MANIFEST_NAME,
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_PACK_BYTES,
    MAX_RATIO,
    MAX_SIGNATURE_BYTES,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR,
    SIGNATURE_NAME,
    PackError,
    shown,
)
from companion.core.packs.inflate import inflate
from companion.core.progress import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from companion.i18n import N_, _

# What can go wrong inside zipfile and zlib with a damaged or crafted file.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    struct.error,
    ValueError,
    NotImplementedError,
    OverflowError,
    IndexError,
    KeyError,
    UnicodeDecodeError,
    RuntimeError,
)
DRIVE = re.compile(r"[A-Za-z]:")  # a Windows drive letter starts an absolute path
UNSAFE_PARTS = frozenset(("..", ".", ""))  # path parts that climb out or hide a name


@dataclass(frozen=True)
class RawPack:
    """The entries of a pack file, read and size-checked but not yet trusted."""

    manifest: bytes
    signature: bytes | None
    files: dict[str, bytes]  # every content entry, by its name in the zip


def read_pack(
    path: Path, progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled
) -> RawPack:
    return read_pack_bytes(read_pack_file(path), progress, cancelled)


NOT_REGULAR = N_(
    "This is not a regular file (it is a folder, a device or a pipe), so it cannot be a workshop pack."
)


def read_pack_file(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_PACK_BYTES`; anything else is refused.

    A named pipe would block the read for ever and a device such as
    ``/dev/zero`` never ends, so the file's type is checked before it is
    opened, and again on the opened descriptor (opened without blocking), in
    case the name was swapped in between. The read itself stops one byte past
    the limit, whatever size the file claims.
    """
    try:
        return read_regular_file(path, MAX_PACK_BYTES)
    except NotAFileError:
        raise PackError(_(NOT_REGULAR)) from None
    except TooLargeError:
        raise PackError(_("This file is too large to be a workshop pack.")) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        reason = getattr(exc, "strerror", None) or str(exc)
        raise PackError(_("Cannot read {file}: {reason}").format(file=str(path), reason=reason)) from None


def read_pack_bytes(
    data: bytes, progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled
) -> RawPack:
    if len(data) > MAX_PACK_BYTES:
        raise PackError(_("This file is too large to be a workshop pack."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise PackError(
            _("This file is not a workshop pack, or it is damaged or incomplete (not a readable zip file).")
        ) from None
    with archive:
        wanted = _check_entries(infos)
    # What the whole pack may unpack to, counted as it comes out. Also bounded by the file's
    # own size: entries that share their packed bytes (overlapping entries) cannot multiply it.
    budget = min(MAX_TOTAL_BYTES, MAX_RATIO * max(len(data), RATIO_FLOOR))
    entries: dict[str, bytes] = {}
    for done, info in enumerate(wanted):
        if cancelled():
            raise Cancelled()
        entries[info.filename] = inflate(data, info, _limit(info.filename), budget)
        budget -= len(entries[info.filename])
        progress(done + 1, len(wanted))
    manifest = entries.pop(MANIFEST_NAME, None)
    if manifest is None:
        raise PackError(_("This file is not a workshop pack: it has no {name}.").format(name=MANIFEST_NAME))
    return RawPack(manifest, entries.pop(SIGNATURE_NAME, None), entries)


def _limit(name: str) -> int:
    if name == MANIFEST_NAME:
        return MAX_MANIFEST_BYTES
    if name == SIGNATURE_NAME:
        return MAX_SIGNATURE_BYTES
    return MAX_ENTRY_BYTES


def _check_entries(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """Every check that needs no decompression; returns the file entries to read."""
    if len(infos) > MAX_ENTRIES:
        raise PackError(_("This pack has too many files ({count}) to be genuine.").format(count=len(infos)))
    seen: set[str] = set()
    wanted: list[zipfile.ZipInfo] = []
    total = 0
    for info in infos:
        name = info.filename
        _check_name(info)
        folded = name.casefold()
        if folded in seen:
            raise PackError(_("The pack holds {name} twice.").format(name=shown(name)))
        seen.add(folded)
        kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
        if kind == stat.S_IFLNK:
            raise PackError(
                _("The pack holds a link ({name}); packs hold plain files only.").format(name=shown(name))
            )
        if name.endswith("/") or kind == stat.S_IFDIR:
            if info.file_size:
                raise PackError(_("The pack holds a damaged folder entry ({name}).").format(name=shown(name)))
            continue  # a folder entry from a zip tool: harmless, nothing to read
        if kind not in (0, stat.S_IFREG):
            raise PackError(_("The pack holds a special file ({name}).").format(name=shown(name)))
        if name not in (MANIFEST_NAME, SIGNATURE_NAME) and not CONTENT_NAME.match(name):
            raise PackError(
                _("The pack holds a file that has no place in a workshop pack: {name}").format(
                    name=shown(name)
                )
            )
        if info.flag_bits & 0x1:
            raise PackError(_("The pack holds an encrypted file ({name}).").format(name=shown(name)))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackError(
                _("The pack compresses {name} in a way this application does not read.").format(
                    name=shown(name)
                )
            )
        if name == MANIFEST_NAME and info.file_size > MAX_MANIFEST_BYTES:
            raise PackError(_("The pack's manifest is too large to be genuine."))
        if info.file_size > _limit(name) or (
            info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise PackError(
                _(
                    "{name} would unpack to {size} bytes, more than a pack file may hold (a zip bomb?)."
                ).format(name=shown(name), size=info.file_size)
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackError(_("This pack would unpack to more than a workshop pack may hold (a zip bomb?)."))
        wanted.append(info)
    return wanted


def _check_name(info: zipfile.ZipInfo) -> None:
    name, original = info.filename, info.orig_filename
    if "\x00" in original or "\\" in original or not name:
        raise _unsafe(original)
    if name.startswith("/") or DRIVE.match(name):
        raise PackError(_("The pack holds a file with an absolute path: {name}").format(name=shown(name)))
    if not UNSAFE_PARTS.isdisjoint(name.rstrip("/").split("/")):
        raise _unsafe(original)
    if not info.flag_bits & 0x800 and not name.isascii():
        # Without the UTF-8 flag zipfile guesses an old DOS code page: refuse to guess.
        raise PackError(_("The pack holds a file whose name is not UTF-8: {name}").format(name=shown(name)))


def _unsafe(original: str) -> PackError:
    # Built only when needed: a pack has thousands of names and nearly all are fine.
    return PackError(_("The pack holds a file with an unsafe name: {name}").format(name=shown(original)))

"""Unpacking one zip entry with a running count: nothing a header says is trusted.

A zip's central directory says how large each entry is, packed and unpacked,
and a crafted file can say anything there: a 279 KB file that claimed honest
sizes once unpacked to 250 MB before anything else was checked. :func:`inflate`
reads the entry's own local header, then inflates its data a little at a time,
counting what comes out against the entry's limit and what the pack may still
unpack, and what went in against the compression ratio. A bomb is refused
after at most about one limit's worth of output, whatever the headers claim.
The declared size and CRC are compared only at the end, as a test of damage.

Hand-written because no library does this job: ``ZipFile.open`` can stop at a
size asked for but watches no compression ratio while it inflates, and the
wrappers that do (safezip) come with extraction to disk.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

from companion.core.packs.format import MAX_RATIO, RATIO_FLOOR, PackError, shown
from companion.i18n import _

CHUNK = 64 * 1024  # packed bytes handed to zlib, and unpacked bytes taken from it, at a time
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # as zipfile reads it
LOCAL_SIGNATURE = b"PK\x03\x04"
UTF8_NAME = 0x800


def inflate(data: bytes, info: zipfile.ZipInfo, limit: int, budget: int) -> bytes:
    """The bytes of ``info``'s entry in ``data``.

    ``limit`` caps this entry, ``budget`` what the whole pack may still
    unpack; either is checked as the bytes come out, never beforehand.
    """
    packed = memoryview(data)[_data_start(data, info) :][: info.compress_size]
    cap = min(limit, budget)
    if info.compress_type == zipfile.ZIP_STORED:
        out = bytes(packed[: cap + 1])
        if len(out) > cap:
            raise _too_large(info, limit, budget)
    else:
        out = _inflated(packed, info, cap, limit, budget)
    if len(out) != info.file_size:
        raise PackError(
            _("{name} is damaged inside the pack (its size is wrong).").format(name=shown(info.filename))
        )
    if zlib.crc32(out) != info.CRC:
        raise _damaged(info)
    return out


def _data_start(data: bytes, info: zipfile.ZipInfo) -> int:
    """Where the entry's packed bytes begin, after a local header that must match the directory."""
    offset = info.header_offset
    header = data[offset : offset + LOCAL_HEADER.size] if offset >= 0 else b""
    if len(header) != LOCAL_HEADER.size:
        raise _damaged(info)
    fields = LOCAL_HEADER.unpack(header)
    name_length: int = fields[10]
    extra_length: int = fields[11]
    start = offset + LOCAL_HEADER.size
    try:
        name = data[start : start + name_length].decode("utf-8" if info.flag_bits & UTF8_NAME else "cp437")
    except UnicodeDecodeError:
        raise _damaged(info) from None
    # Two names for one entry is a classic way to show one file to a checker and another to a reader.
    if fields[0] != LOCAL_SIGNATURE or name != info.orig_filename:
        raise _damaged(info)
    return start + name_length + extra_length


def _inflated(packed: memoryview, info: zipfile.ZipInfo, cap: int, limit: int, budget: int) -> bytes:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = fed = 0
    pending = b""
    try:
        while not inflater.eof:
            if not pending and fed < len(packed):
                pending = bytes(packed[fed : fed + CHUNK])
                fed += len(pending)
            before = len(pending)
            # Small steps, so the ratio is checked often; max_length is at least 1 (0 means "no limit"),
            # and one byte past the cap is enough to tell.
            piece = inflater.decompress(pending, min(CHUNK, cap - size + 1))
            pending = inflater.unconsumed_tail
            if not piece and len(pending) == before and not inflater.eof:
                raise _damaged(info)  # no input left and nothing more comes out: the data stops short
            size += len(piece)
            if size > cap:
                raise _too_large(info, limit, budget)
            used = fed - len(pending) - len(inflater.unused_data)
            if size > RATIO_FLOOR and size > MAX_RATIO * used:
                raise PackError(
                    _("{name} unpacks to more than {ratio} times its packed size (a zip bomb?).").format(
                        name=shown(info.filename), ratio=MAX_RATIO
                    )
                )
            parts.append(piece)
    except zlib.error:
        raise _damaged(info) from None
    return b"".join(parts)


def _too_large(info: zipfile.ZipInfo, limit: int, budget: int) -> PackError:
    if budget < limit:
        return PackError(_("This pack would unpack to more than a workshop pack may hold (a zip bomb?)."))
    return PackError(
        _("{name} unpacks to more than {size} bytes, more than a pack file may hold (a zip bomb?).").format(
            name=shown(info.filename), size=limit
        )
    )


def _damaged(info: zipfile.ZipInfo) -> PackError:
    return PackError(
        _("{name} is damaged inside the pack (it cannot be unpacked).").format(name=shown(info.filename))
    )

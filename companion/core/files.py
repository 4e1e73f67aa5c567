"""Writing a file so that a reader sees the old bytes or the new, never half of them."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Final

PRIVATE: Final = 0o600  # records, keys, anything with personal data: the owner alone
AS_UMASK: Final = None  # handouts, packs, calendars: readable as the user's umask says


def write_atomically(target: Path, data: bytes, mode: int | None = PRIVATE) -> Path:
    """Write to a temporary file beside ``target``, then rename it over ``target``.

    Sensitive by default: the file is owner-only (``PRIVATE``) unless the caller passes
    ``AS_UMASK`` for what is meant to be shared, which gets the permissions any program
    gives a new file (``0o666`` less the umask). The mode is set before any byte is written.
    """
    handle, temp = _create_beside(target)
    try:
        if mode is not None:
            os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def _create_beside(target: Path) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder, created ``0o666`` so the kernel applies the umask.

    (``tempfile.mkstemp`` always makes 0600; reading the umask with ``os.umask`` would change it
    for a moment under every other thread.)
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = str(target.parent / f".{target.name}-{secrets.token_hex(4)}.part")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


class NotAFileError(OSError):
    """What was named is a folder, a pipe or a device: refused at once, never waited on."""


class TooLargeError(OSError):
    """The file holds more than the caller will read."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes.

    The name's type is checked before it is opened (opening some devices does
    something), and again on the descriptor, opened without waiting (a named pipe
    with no writer would block for ever), in case the name was swapped in between.
    Anything but a regular file raises :class:`NotAFileError`, more than ``limit``
    bytes :class:`TooLargeError` (whatever size the file claims, the read stops
    one byte past the limit); other failures are the OSError the system gave, or
    ValueError for a name with a NUL character. Callers turn these into their own
    one-line messages.
    """
    import stat

    not_a_file = NotAFileError(f"{path.name} is not a regular file (a folder, a device or a pipe)")
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise not_a_file
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise not_a_file
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"{path.name} is larger than {limit:,} bytes")
    return data

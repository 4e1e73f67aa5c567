"""One process at a time sets up a data folder: an advisory lock on a file in it.

Creating a database, migrating it and loading the bundled workshop are
several transactions; two commands started at the same moment on a new data
folder must not interleave them. The lock is the operating system's (``flock``
on Linux and macOS, ``msvcrt.locking`` on Windows), so it is released when the
process ends, however it ends: a crash never leaves a stale lock behind.

A folder where the lock file cannot be created (read-only, say) is used
without the lock: nothing can be set up there anyway, and reading needs none.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.core.store.database import StoreError, make_folder
from companion.i18n import _

LOCK_NAME = ".companion.lock"
WAIT_SECONDS = 60.0  # ten starts at once on a slow laptop each wait for the others' set-up
_POLL_SECONDS = 0.02


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def locked(folder: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the data folder's lock (creating the folder first); wait at most ``wait`` seconds.

    Not re-entrant: a process that holds the lock and asks again waits for itself.
    """
    make_folder(folder)
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield  # a folder we cannot write to: nothing will be set up in it
        return
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise StoreError(
                    _(
                        "another Training Companion has been setting up the data folder {folder} "
                        "for {seconds:g} seconds; try again when it has finished"
                    ).format(folder=folder, seconds=wait)
                )
            time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)

"""Writing a file so that a reader sees the old bytes or the new, never half of them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> Path:
    """Write to a temporary file beside ``target``, then rename it over ``target``.

    ``mode`` (e.g. ``0o600`` for a private key) is set before any byte is written.
    """
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".part", dir=target.parent)
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

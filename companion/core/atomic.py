"""Writing a file so that it appears only complete: no half-written handout or record.

The bytes go to a temporary file beside the target, are flushed to disk, and
the temporary file is renamed over the target (atomic on every platform we
ship to). On any failure, a full disk included, the target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> Path:
    handle, temp = tempfile.mkstemp(prefix=".companion-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target

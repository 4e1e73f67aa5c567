"""The digest of a workshop's stored items: what `companion check` compares.

It is computed over the rows as stored (ID, kind and JSON of each item, in
the workshop's order), when the workshop is installed and again when it is
checked; a difference means the items changed outside the application.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable


def digest_of(rows: Iterable[tuple[str, str, str]]) -> str:
    """The digest of (ID, kind, JSON) rows in the workshop's order."""
    digest = hashlib.sha256()
    for item_id, kind, data in rows:
        digest.update(f"{item_id}\0{kind}\0{data}\n".encode())
    return digest.hexdigest()


def content_digest(conn: sqlite3.Connection, pack_id: str) -> str:
    """The digest of the items stored for ``pack_id``."""
    rows = conn.execute("SELECT id, kind, data FROM items WHERE pack_id = ? ORDER BY position", (pack_id,))
    return digest_of(rows)

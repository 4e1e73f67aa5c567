"""Schema migrations, append-only: never edit a released one, add the next.

The database's ``PRAGMA user_version`` is the number of migrations applied.
Content tables (``packs``, ``items``, ``search_docs``) are kept apart from user
tables (``settings``, ``notes``, ``bookmarks``, ``vault``, ``field_records``):
reloading content deletes and inserts content rows only, and user rows refer to
items by their stable ID.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the caller only when a migration is due
    import sqlite_utils


def m001_initial(db: sqlite_utils.Database) -> None:
    db["packs"].create(
        {
            "id": str,
            "version": str,
            "fingerprint": str,  # SHA-256 of the pack's files
            "source_signature": str,  # sizes and times of a bundled pack's files
            "manifest": str,  # JSON of the validated manifest
            "source": str,  # "bundled" or "imported"
            "installed_at": str,
        },
        pk="id",
    )
    db["items"].create(
        {
            "pack_id": str,
            "id": str,
            "kind": str,
            "position": int,
            "title_en": str,
            "title_zh": str,
            "data": str,  # JSON of the validated item
        },
        pk=("pack_id", "id"),
        foreign_keys=[("pack_id", "packs", "id")],
    )
    db["items"].create_index(["pack_id", "kind", "position"])
    # One row per item and language: what the full-text index reads.
    db["search_docs"].create(
        {"id": int, "pack_id": str, "item_id": str, "kind": str, "lang": str, "title": str, "body": str},
        pk="id",
    )
    db["search_docs"].create_index(["pack_id", "item_id"])
    db["search_docs"].enable_fts(["title", "body"], tokenize="trigram", create_triggers=True)

    db["settings"].create({"key": str, "value": str}, pk="key")
    db["notes"].create(
        {"pack_id": str, "item_id": str, "body": str, "updated_at": str}, pk=("pack_id", "item_id")
    )
    db["bookmarks"].create({"pack_id": str, "item_id": str, "created_at": str}, pk=("pack_id", "item_id"))


def m002_field_records(db: sqlite_utils.Database) -> None:
    # Field records are user data about real people: every byte of them is sealed
    # (see companion.core.records); only a random ID is stored in the clear.
    db["vault"].create({"id": int, "kdf": str, "verifier": bytes, "created_at": str}, pk="id")
    db["field_records"].create({"id": str, "sealed": bytes}, pk="id")


def m003_pack_provenance(db: sqlite_utils.Database) -> None:
    """Who signed each installed pack, and the publishers the user trusts (by fingerprint)."""
    db["packs"].add_column("signer", str)  # SHA-256 fingerprint of the signing key, NULL if unsigned
    db["trusted_publishers"].create({"fingerprint": str, "name": str, "added_at": str}, pk="fingerprint")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    m001_initial,
    m002_field_records,
    m003_pack_provenance,
]
LATEST = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every pending migration, each in its own transaction; return how many."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with db.conn:
            migration(db)
            db.execute(f"PRAGMA user_version = {number:d}")
    return LATEST - current

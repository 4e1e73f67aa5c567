"""Databases as older releases left them, for upgrade, backup and crash tests."""

from __future__ import annotations

from pathlib import Path


def old_database(path: Path, version: int, settings: dict[str, str] | None = None) -> None:
    """Write ``path`` as schema ``version`` made it (its first migrations), holding ``settings``."""
    import sqlite_utils

    from companion.core.store.migrations import MIGRATIONS

    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    for migration in MIGRATIONS[:version]:
        migration(db)
    db.execute(f"PRAGMA user_version = {version:d}")
    for key, value in (settings or {}).items():
        db["settings"].insert({"key": key, "value": value})
    db.close()

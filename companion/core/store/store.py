"""The store: workshop content and the user's own data in one SQLite file.

Callers get model objects and dataclasses, never rows or SQL. Reads use the
standard library only, so opening the main window stays fast; sqlite-utils is
imported when the schema or the content has to be written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.store.database import Opened, StoreError, open_database
from companion.core.store.search import SearchHit, search

if TYPE_CHECKING:
    import sqlite_utils

    from companion.core.content import ContentPack
    from companion.core.model import Manifest, Text
    from companion.core.progress import CancelCheck, Progress

INSERT_BATCH = 200  # rows per insert: often enough to notice a cancel, few enough to stay fast


@dataclass(frozen=True)
class PackInfo:
    """An installed workshop, as a list of workshops shows it."""

    id: str
    version: str
    title: Text
    publisher: str
    source: str  # "bundled" or "imported"
    signer: str | None  # fingerprint of the key that signed the imported pack
    installed_at: str


ITEM_COLUMNS = ("pack_id", "id", "kind", "position", "title_en", "title_zh", "data")
SEARCH_COLUMNS = ("pack_id", "item_id", "kind", "lang", "title", "body")


def _insert_rows(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """Insert ``rows`` with one statement, the rows travelling as one JSON array.

    One statement rather than one per row (``executemany``): the full-text
    index is kept by a trigger whose work costs more per statement than per
    row, and row by row the search rows of a pack took twice as long to write
    as sqlite-utils' many-row inserts (see bench/import.py).
    """
    import json  # here, not at start-up: only writing content needs it

    values = ", ".join(f"json_extract(value, '$[{n}]')" for n in range(len(columns)))
    conn.execute(
        f"INSERT INTO {table}({', '.join(columns)}) SELECT {values} FROM json_each(?)",
        (json.dumps([[row[column] for column in columns] for row in rows], ensure_ascii=False),),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, opened: Opened, path: Path):
        self.conn = opened.conn
        self.path = path
        # One sentence about a database that was moved aside, for the user.
        self.recovery_message: str | None = None
        if opened.moved_aside is not None:
            self.recovery_message = (
                f"The database could not be used because {opened.reason}; it was kept as "
                f"{opened.moved_aside.name} and a fresh one was started."
            )
        if opened.needs_migration:
            from companion.core.store.migrations import migrate

            migrate(self.db)

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        opened = open_database(data_dir)
        return cls(opened, data_dir / "companion.db")

    def close(self) -> None:
        self.conn.close()

    @property
    def db(self) -> sqlite_utils.Database:
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"could not save to {self.path}: {exc}") from None

    # --- content --------------------------------------------------------------

    def pack_version(self, pack_id: str) -> str | None:
        row = self.conn.execute("SELECT version FROM packs WHERE id = ?", (pack_id,)).fetchone()
        return row[0] if row else None

    def pack_fingerprint(self, pack_id: str) -> str | None:
        row = self.conn.execute("SELECT fingerprint FROM packs WHERE id = ?", (pack_id,)).fetchone()
        return row[0] if row else None

    def pack_source_signature(self, pack_id: str) -> str | None:
        row = self.conn.execute("SELECT source_signature FROM packs WHERE id = ?", (pack_id,)).fetchone()
        return row[0] if row else None

    def set_pack_source_signature(self, pack_id: str, signature: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE packs SET source_signature = ? WHERE id = ?", (signature, pack_id))

    def pack_ids(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT id FROM packs ORDER BY id")]

    def manifest(self, pack_id: str) -> Manifest | None:
        from companion.core.model import Manifest

        row = self.conn.execute("SELECT manifest FROM packs WHERE id = ?", (pack_id,)).fetchone()
        return Manifest.model_validate_json(row[0]) if row else None

    def install_pack(
        self,
        pack: ContentPack,
        source: str = "bundled",
        source_signature: str | None = None,
        signer: str | None = None,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> None:
        """Replace one pack's content in a single transaction; user data is untouched.

        ``cancelled`` is asked between batches of rows: a cancel, like any
        failure, rolls everything back and raises.
        """
        from companion.core.model import title_of
        from companion.core.progress import Cancelled

        pack_id = pack.manifest.id
        batches: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
        for position, item in enumerate(pack.items):
            if position % INSERT_BATCH == 0:
                batches.append(([], []))
            title = title_of(item)
            batches[-1][0].append(
                {
                    "pack_id": pack_id,
                    "id": item.id,
                    "kind": item.kind,
                    "position": position,
                    "title_en": title.get("en"),
                    "title_zh": title.get("zh-Hans"),
                    "data": item.model_dump_json(by_alias=True, exclude_none=True),
                }
            )
            batches[-1][1].extend(_search_docs(pack_id, item))
        db = self.db
        with self.transaction():
            self.conn.execute("DELETE FROM search_docs WHERE pack_id = ?", (pack_id,))
            self.conn.execute("DELETE FROM items WHERE pack_id = ?", (pack_id,))
            db["packs"].upsert(
                {
                    "id": pack_id,
                    "version": pack.manifest.version,
                    "fingerprint": pack.fingerprint,
                    "source_signature": source_signature,
                    "manifest": pack.manifest.model_dump_json(by_alias=True),
                    "source": source,
                    "installed_at": _now(),
                    "signer": signer,
                },
                pk="id",
            )
            for done, (items, docs) in enumerate(batches):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                self._insert_batch(self.conn, items, docs)
                if progress is not None:
                    progress(done + 1, len(batches))
            if self.get_setting("current_pack") is None:
                self._set_setting(self.conn, "current_pack", pack_id)

    @staticmethod
    def _insert_batch(
        conn: sqlite3.Connection, items: list[dict[str, Any]], docs: list[dict[str, Any]]
    ) -> None:
        _insert_rows(conn, "items", ITEM_COLUMNS, items)
        _insert_rows(conn, "search_docs", SEARCH_COLUMNS, docs)

    def pack_source(self, pack_id: str) -> str | None:
        """ "bundled" or "imported"; None when the pack is not installed."""
        row = self.conn.execute("SELECT source FROM packs WHERE id = ?", (pack_id,)).fetchone()
        return row[0] if row else None

    def pack_signer(self, pack_id: str) -> str | None:
        row = self.conn.execute("SELECT signer FROM packs WHERE id = ?", (pack_id,)).fetchone()
        return row[0] if row else None

    def packs(self) -> list[PackInfo]:
        """Every installed workshop, by ID."""
        from companion.core.model import Manifest

        rows = self.conn.execute(
            "SELECT id, version, manifest, source, signer, installed_at FROM packs ORDER BY id"
        ).fetchall()
        found = []
        for pack_id, version, manifest, source, signer, installed_at in rows:
            parsed = Manifest.model_validate_json(manifest)
            found.append(
                PackInfo(
                    pack_id, version, parsed.workshop.title, parsed.publisher, source, signer, installed_at
                )
            )
        return found

    def set_current_pack(self, pack_id: str) -> None:
        if self.pack_version(pack_id) is None:
            raise StoreError(f"no workshop with id {pack_id!r} is installed")
        self.set_setting("current_pack", pack_id)

    def current_pack_id(self) -> str | None:
        chosen = self.get_setting("current_pack")
        if chosen and self.pack_version(chosen) is not None:
            return chosen
        ids = self.pack_ids()
        return ids[0] if ids else None

    def items(self, kind: str | None = None, pack_id: str | None = None) -> list[Any]:
        """Content items of the current (or given) pack, in the pack's order."""
        pack_id = pack_id or self.current_pack_id()
        sql = "SELECT data FROM items WHERE pack_id = ?"
        params: list[Any] = [pack_id]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        rows = self.conn.execute(sql + " ORDER BY position", params).fetchall()
        return [_item_from_json(row[0]) for row in rows]

    def item(self, item_id: str, pack_id: str | None = None) -> Any | None:
        pack_id = pack_id or self.current_pack_id()
        row = self.conn.execute(
            "SELECT data FROM items WHERE pack_id = ? AND id = ?", (pack_id, item_id)
        ).fetchone()
        return _item_from_json(row[0]) if row else None

    def search(self, query: str, lang: str = "en") -> list[SearchHit]:
        pack_id = self.current_pack_id()
        return search(self.conn, pack_id, query, lang) if pack_id else []

    # --- field records (sealed user data; see companion.core.records) -----------

    def vault(self) -> tuple[str, bytes] | None:
        """The key derivation settings and the sealed check value, once set up."""
        row = self.conn.execute("SELECT kdf, verifier FROM vault WHERE id = 1").fetchone()
        return (row[0], bytes(row[1])) if row else None

    def create_vault(self, kdf: str, verifier: bytes) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO vault(id, kdf, verifier, created_at) VALUES(1, ?, ?, ?)", (kdf, verifier, _now())
            )

    def sealed_records(self) -> list[tuple[str, bytes]]:
        return [(row[0], bytes(row[1])) for row in self.conn.execute("SELECT id, sealed FROM field_records")]

    def sealed_record(self, record_id: str) -> bytes | None:
        row = self.conn.execute("SELECT sealed FROM field_records WHERE id = ?", (record_id,)).fetchone()
        return bytes(row[0]) if row else None

    def put_sealed_record(self, record_id: str, sealed: bytes) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO field_records(id, sealed) VALUES(?, ?) "
                "ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed",
                (record_id, sealed),
            )

    def delete_record(self, record_id: str) -> bool:
        # secure_delete overwrites the freed pages, so not even the sealed bytes linger in the file.
        self.conn.execute("PRAGMA secure_delete = ON")
        with self.transaction() as conn:
            deleted = conn.execute("DELETE FROM field_records WHERE id = ?", (record_id,)).rowcount
        return deleted > 0

    # --- publishers the user trusts (user data) ---------------------------------

    def trusted_publishers(self) -> dict[str, str]:
        """Fingerprint -> name of every publisher the user chose to trust."""
        return dict(self.conn.execute("SELECT fingerprint, name FROM trusted_publishers ORDER BY name"))

    def trust_publisher(self, fingerprint: str, name: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO trusted_publishers(fingerprint, name, added_at) VALUES (?, ?, ?) "
                "ON CONFLICT(fingerprint) DO UPDATE SET name = excluded.name",
                (fingerprint, name, _now()),
            )

    def distrust_publisher(self, fingerprint: str) -> bool:
        with self.transaction() as conn:
            return (
                conn.execute("DELETE FROM trusted_publishers WHERE fingerprint = ?", (fingerprint,)).rowcount
                > 0
            )

    # --- settings (user data) ---------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            self._set_setting(conn, key, value)

    @staticmethod
    def _set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _item_from_json(data: str) -> Any:
    from companion.core.content import item_adapter

    return item_adapter.validate_json(data)


def _search_docs(pack_id: str, item: Any) -> list[dict[str, Any]]:
    from companion.core.model import LANGUAGES, texts_of, title_of

    title = title_of(item)
    texts = texts_of(item)
    docs = []
    for lang in LANGUAGES:
        body = "\n".join(t for t in (text.get(lang) for text in texts) if t)
        docs.append(
            {
                "pack_id": pack_id,
                "item_id": item.id,
                "kind": item.kind,
                "lang": lang,
                "title": title.get(lang) or "",
                "body": body,
            }
        )
    return docs

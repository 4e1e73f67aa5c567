"""The store: workshop content and the user's own data in one SQLite file.

Callers get model objects and records (named tuples), never rows or SQL. Reads use the
standard library only, so opening the main window stays fast; sqlite-utils is
imported when the schema or the content has to be written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.core.datafolder import DATABASE_NAME
from companion.core.store.database import (
    Opened,
    StoreError,
    is_damage,
    is_trouble,
    mark_closed,
    open_database,
    store_error,
)
from companion.core.store.folderlock import locked
from companion.core.store.search import AUDIENCE, PUBLIC, SearchHit, Visibility, cjk_grams, parts_of, search
from companion.i18n import _

if TYPE_CHECKING:
    import sqlite_utils

    from companion.core.content import ContentPack
    from companion.core.model import Manifest, Text
    from companion.core.progress import CancelCheck, Progress

INSERT_BATCH = 200  # rows per insert: often enough to notice a cancel, few enough to stay fast
# Rows a statement: within the 999 values SQLite allowed before 3.32 (8 columns at most), and as fast
# as larger statements.
ROWS_PER_INSERT = 100


class PackInfo(NamedTuple):  # not a dataclass: see companion.core.store.search.Visibility
    """An installed workshop, as a list of workshops shows it."""

    id: str
    version: str
    title: Text
    publisher: str
    source: str  # "bundled", "imported" or "working-copy" (a workshop of one's own: companion.core.authoring)
    signer: str | None  # fingerprint of the key that signed the imported pack
    installed_at: str


ITEM_COLUMNS = ("pack_id", "id", "kind", "position", "title_en", "title_zh", "data")
SEARCH_COLUMNS = ("pack_id", "item_id", "kind", "lang", "part", "title", "body", "grams")


def _insert_rows(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """Insert ``rows`` with one statement per :data:`ROWS_PER_INSERT` rows, as sqlite-utils does.

    Many rows a statement rather than one (``executemany``): the full-text
    index is kept by a trigger whose work costs more per statement than per
    row, and row by row the search rows of a pack took twice as long to write.
    Bound values rather than one JSON array read back with ``json_extract()``,
    which parsed each row's array again for every column: a quarter of the
    writing time of a pack (see bench/import.py).
    """
    names = ", ".join(columns)
    for start in range(0, len(rows), ROWS_PER_INSERT):
        batch = rows[start : start + ROWS_PER_INSERT]
        marks = ", ".join(["(" + ", ".join("?" * len(columns)) + ")"] * len(batch))
        values = [row[column] for row in batch for column in columns]
        conn.execute(f"INSERT INTO {table}({names}) VALUES {marks}", values)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, opened: Opened, path: Path):
        self.conn = opened.conn
        self.path = path
        # One sentence about a database that was moved aside, for the user.
        self.recovery_message: str | None = None
        if opened.moved_aside is not None:
            self.recovery_message = _(
                "The database could not be used because {reason}; it was kept as {kept} "
                "and a fresh one was started."
            ).format(reason=opened.reason, kept=opened.moved_aside)
        # True when this process created the database: it holds nothing of the user's yet.
        self.created = opened.needs_migration and self._schema_version() == 0
        if opened.needs_migration:
            self._migrate(back_up_first=not self.created)

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open the data folder's store, creating or migrating it under the folder's lock."""
        with locked(data_dir):
            return cls.open_unlocked(data_dir)

    @classmethod
    def open_unlocked(cls, data_dir: Path) -> Store:
        """:meth:`open` for a caller that already holds :func:`locked` for ``data_dir``."""
        opened = open_database(data_dir)
        try:
            return cls(opened, data_dir / DATABASE_NAME)
        except BaseException:
            opened.conn.close()
            raise

    def _schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _migrate(self, back_up_first: bool) -> None:
        """Bring the schema up to date, after a backup of what the older one held."""
        from companion.core.store.migrations import migrate

        try:
            if back_up_first:
                from companion.core.store.backups import create_backup

                create_backup(self, "before-migration")
            migrate(self.db)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    def migrate_after_restore(self) -> None:
        """A restored backup may hold an older schema: bring it up to date (it is a backup itself)."""
        self._migrate(back_up_first=False)

    def close(self) -> None:
        """Close the database; a clean close lets the next open skip reading every page (closed_whole)."""
        self.conn.close()
        mark_closed(self.path)

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @property
    def db(self) -> sqlite_utils.Database:
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all.

        A database error (locked, disk full, read-only, I/O) becomes a
        :class:`StoreError` that names the cause; the rollback never hides it.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite rolled back already, or will when the file is next opened
            if is_trouble(exc) or is_damage(exc):
                raise store_error(exc, self.path) from None
            raise

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
        make_current: bool = False,
    ) -> None:
        """Replace one pack's content in a single transaction; user data is untouched.

        ``cancelled`` is asked between batches of rows: a cancel, like any
        failure, rolls everything back and raises. ``make_current``: the pack
        becomes the current workshop in the same transaction.
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
        from companion.core.store.digest import digest_of  # hashlib loads OpenSSL: not at start-up

        digest = digest_of((row["id"], row["kind"], row["data"]) for items, _docs in batches for row in items)
        db = self.db
        with self.transaction():
            self.conn.execute("DELETE FROM search_docs WHERE pack_id = ?", (pack_id,))
            self.conn.execute("DELETE FROM items WHERE pack_id = ?", (pack_id,))
            db.table("packs").upsert(
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
            self.conn.execute("UPDATE packs SET content_digest = ? WHERE id = ?", (digest, pack_id))
            if make_current or self.get_setting("current_pack") is None:
                self._set_setting(self.conn, "current_pack", pack_id)

    @staticmethod
    def _insert_batch(
        conn: sqlite3.Connection, items: list[dict[str, Any]], docs: list[dict[str, Any]]
    ) -> None:
        _insert_rows(conn, "items", ITEM_COLUMNS, items)
        _insert_rows(conn, "search_docs", SEARCH_COLUMNS, docs)

    def pack_source(self, pack_id: str) -> str | None:
        """ "bundled", "imported" or "working-copy"; None when the pack is not installed."""
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

    def search(self, query: str, lang: str = "en", visibility: Visibility = AUDIENCE) -> list[SearchHit]:
        """Hits in the current workshop, among the text ``visibility`` shows (by default, an audience's)."""
        pack_id = self.current_pack_id()
        return search(self.conn, pack_id, query, lang, visibility) if pack_id else []

    # --- one item at a time, and what editing keeps (companion.core.authoring) ----

    def replace_items(
        self,
        pack_id: str,
        items: list[Any],
        marks: dict[str, list[tuple[str, str, str]]] | None = None,
    ) -> None:
        """Put ``items`` in place of the items of their IDs (or add them), in one transaction.

        Only their item and search rows are written; the workshop's order is
        renumbered (agenda by day and time, the rest by kind and ID, as
        :func:`companion.core.content.ordered`) and its content digest taken
        again. Their drafts are dropped; ``marks``: item ID -> every translation
        mark (path, en digest, zh digest) that item keeps from now on.
        """
        from companion.core.model import title_of
        from companion.core.store.digest import content_digest

        rows = [
            {
                "pack_id": pack_id,
                "id": item.id,
                "kind": item.kind,
                "position": -1,
                "title_en": title_of(item).get("en"),
                "title_zh": title_of(item).get("zh-Hans"),
                "data": item.model_dump_json(by_alias=True, exclude_none=True),
            }
            for item in items
        ]
        docs = [doc for item in items for doc in _search_docs(pack_id, item)]
        ids = [(pack_id, item.id) for item in items]
        with self.transaction() as conn:
            conn.executemany("DELETE FROM search_docs WHERE pack_id = ? AND item_id = ?", ids)
            conn.executemany("DELETE FROM items WHERE pack_id = ? AND id = ?", ids)
            conn.executemany("DELETE FROM drafts WHERE pack_id = ? AND item_id = ?", ids)
            self._insert_batch(conn, rows, docs)
            for item_id, kept in (marks or {}).items():
                conn.execute(
                    "DELETE FROM translation_marks WHERE pack_id = ? AND item_id = ?", (pack_id, item_id)
                )
                conn.executemany(
                    "INSERT INTO translation_marks(pack_id, item_id, path, en, zh) VALUES (?, ?, ?, ?, ?)",
                    [(pack_id, item_id, *mark) for mark in kept],
                )
            self._renumber(conn, pack_id)
            conn.execute(
                "UPDATE packs SET content_digest = ? WHERE id = ?", (content_digest(conn, pack_id), pack_id)
            )

    def delete_item(self, pack_id: str, item_id: str) -> None:
        """Remove one item, its search rows, draft and marks; notes and bookmarks keep its ID."""
        from companion.core.store.digest import content_digest

        key = (pack_id, item_id)
        with self.transaction() as conn:
            for table, column in (
                ("search_docs", "item_id"),
                ("items", "id"),
                ("drafts", "item_id"),
                ("translation_marks", "item_id"),
            ):
                conn.execute(f"DELETE FROM {table} WHERE pack_id = ? AND {column} = ?", key)
            self._renumber(conn, pack_id)
            conn.execute(
                "UPDATE packs SET content_digest = ? WHERE id = ?", (content_digest(conn, pack_id), pack_id)
            )

    @staticmethod
    def _renumber(conn: sqlite3.Connection, pack_id: str) -> None:
        from companion.core.kinds import KIND_IDS

        kind_order = " ".join(f"WHEN '{kind}' THEN {n:d}" for n, kind in enumerate(KIND_IDS))
        conn.execute(
            f"""
            UPDATE items SET position = (
                SELECT n FROM (
                    SELECT id, row_number() OVER (
                        ORDER BY CASE kind {kind_order} END,
                                 coalesce(json_extract(data, '$.day'), 0),
                                 coalesce(json_extract(data, '$.start'), ''), id
                    ) - 1 AS n
                    FROM items WHERE pack_id = :pack
                ) AS ranked WHERE ranked.id = items.id
            ) WHERE pack_id = :pack
            """,
            {"pack": pack_id},
        )

    def put_draft(self, pack_id: str, item_id: str, kind: str, data: str) -> str:
        """Keep ``data`` (an item as JSON) as the draft of ``item_id``; the time it was saved."""
        saved_at = _now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO drafts(pack_id, item_id, kind, data, saved_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(pack_id, item_id) DO UPDATE SET kind = excluded.kind, data = excluded.data, "
                "saved_at = excluded.saved_at",
                (pack_id, item_id, kind, data, saved_at),
            )
        return saved_at

    def drafts(self, pack_id: str) -> list[tuple[str, str, str, str]]:
        """(item ID, kind, JSON, saved at) of each draft of ``pack_id``, oldest first."""
        return self.conn.execute(
            "SELECT item_id, kind, data, saved_at FROM drafts WHERE pack_id = ? ORDER BY saved_at, item_id",
            (pack_id,),
        ).fetchall()

    def delete_draft(self, pack_id: str, item_id: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM drafts WHERE pack_id = ? AND item_id = ?", (pack_id, item_id))

    def translation_marks(
        self, pack_id: str, item_id: str | None = None
    ) -> dict[tuple[str, str], tuple[str, str]]:
        """(item ID, path) -> the (en, zh) digests when the two languages last agreed (of one item)."""
        sql = "SELECT item_id, path, en, zh FROM translation_marks WHERE pack_id = ?"
        params = (pack_id,) if item_id is None else (pack_id, item_id)
        rows = self.conn.execute(sql + ("" if item_id is None else " AND item_id = ?"), params)
        return {(item_id, path): (en, zh) for item_id, path, en, zh in rows}

    def set_translation_mark(self, pack_id: str, item_id: str, path: str, en: str, zh: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO translation_marks(pack_id, item_id, path, en, zh) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(pack_id, item_id, path) DO UPDATE SET en = excluded.en, zh = excluded.zh",
                (pack_id, item_id, path, en, zh),
            )

    def workshop_changes(self, pack_id: str) -> list[tuple[str, str, str]]:
        """(version, date, summary) of each published version of ``pack_id``, newest first."""
        return self.conn.execute(
            "SELECT version, published_at, summary FROM workshop_changes WHERE pack_id = ? "
            "ORDER BY published_at DESC, rowid DESC",
            (pack_id,),
        ).fetchall()

    def record_published(self, manifest: Manifest, summary: str, published_at: str) -> None:
        """The workshop's new manifest (its new version) and the change log's line, in one transaction."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE packs SET version = ?, manifest = ? WHERE id = ?",
                (manifest.version, manifest.model_dump_json(by_alias=True), manifest.id),
            )
            conn.execute(
                "INSERT INTO workshop_changes(pack_id, version, published_at, summary) VALUES (?, ?, ?, ?)",
                (manifest.id, manifest.version, published_at, summary),
            )

    # --- field records (sealed user data; see companion.core.records) -----------

    def vault(self) -> tuple[str, bytes] | None:
        """The key derivation settings and the sealed check value, once set up."""
        row = self.conn.execute("SELECT kdf, verifier FROM vault WHERE id = 1").fetchone()
        return (row[0], bytes(row[1])) if row else None

    def create_vault(self, kdf: str, verifier: bytes, index: bytes) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO vault(id, kdf, verifier, created_at, record_index) VALUES(1, ?, ?, ?, ?)",
                (kdf, verifier, _now(), index),
            )

    def sealed_records(self) -> tuple[bytes | None, list[tuple[str, int, bytes]]]:
        """The sealed version index and every sealed record as (ID, version, bytes), as one snapshot."""
        self.conn.execute("BEGIN")  # one read transaction: the index and the rows it vouches for agree
        try:
            return self._record_index(), [
                (row[0], row[1], bytes(row[2]))
                for row in self.conn.execute("SELECT id, version, sealed FROM field_records ORDER BY id")
            ]
        finally:
            self.conn.execute("COMMIT")

    def _record_index(self) -> bytes | None:
        row = self.conn.execute("SELECT record_index FROM vault WHERE id = 1").fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def sealed_record(self, record_id: str) -> bytes | None:
        row = self.conn.execute("SELECT sealed FROM field_records WHERE id = ?", (record_id,)).fetchone()
        return bytes(row[0]) if row else None

    def write_sealed_records(
        self,
        puts: list[tuple[str, int, bytes]],
        deletes: list[str],
        index: bytes,
        *,
        expected_index: bytes | None,
    ) -> bool:
        """Write sealed records, delete others and store the new index, all in one transaction.

        Only if the stored index is still ``expected_index`` (each write reseals
        it, so any write in between changes it); otherwise nothing is written and
        the answer is False: the caller reads again, so no two writers take the
        same version.
        """
        # secure_delete overwrites the freed pages, so no earlier sealed bytes linger in the file.
        self.conn.execute("PRAGMA secure_delete = ON")
        with self.transaction() as conn:
            if self.vault() is None or self._record_index() != expected_index:
                return False
            conn.executemany(
                "INSERT INTO field_records(id, version, sealed) VALUES(?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET version = excluded.version, sealed = excluded.sealed",
                puts,
            )
            conn.executemany("DELETE FROM field_records WHERE id = ?", [(gone,) for gone in deletes])
            conn.execute("UPDATE vault SET record_index = ? WHERE id = 1", (index,))
        return True

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
    """The search rows of ``item``: one per language and part (see companion.core.store.search).

    The title is on the public row only, which every item has, so a title is
    found whatever the viewer may see; a row of another part holds only that
    part's text, so its snippet cannot show anything else.
    """
    from companion.core.model import LANGUAGES, title_of

    title = title_of(item)
    parts = parts_of(item)
    docs = []
    for lang in LANGUAGES:
        for part, texts in parts.items():
            body = "\n".join([t for text in texts if (t := text.get(lang))])
            if body or part == PUBLIC:
                shown = (title.get(lang) or "") if part == PUBLIC else ""
                docs.append(
                    {
                        "pack_id": pack_id,
                        "item_id": item.id,
                        "kind": item.kind,
                        "lang": lang,
                        "part": part,
                        "title": shown,
                        "body": body,
                        "grams": cjk_grams(f"{shown}\n{body}"),
                    }
                )
    return docs

"""Schema migrations, append-only: never edit a released one, add the next.

The database's ``PRAGMA user_version`` is the number of migrations applied.
Content tables (``packs``, ``items``, ``search_docs``) are kept apart from user
tables (``settings``, ``notes``, ``bookmarks``, ``marks``, ``vault``, ``field_records``, ``drafts``,
``translation_marks``, ``workshop_changes``, ``agenda_shifts``, ``session_times``, ``results``,
``result_conflicts``):
reloading content deletes and inserts content rows only, and user rows refer to
items by their stable ID.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the caller only when a migration is due
    import sqlite_utils


def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("packs").create(
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
    db.table("items").create(
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
    db.table("items").create_index(["pack_id", "kind", "position"])
    # One row per item and language: what the full-text index reads.
    db.table("search_docs").create(
        {"id": int, "pack_id": str, "item_id": str, "kind": str, "lang": str, "title": str, "body": str},
        pk="id",
    )
    db.table("search_docs").create_index(["pack_id", "item_id"])
    db.table("search_docs").enable_fts(["title", "body"], tokenize="trigram", create_triggers=True)

    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("notes").create(
        {"pack_id": str, "item_id": str, "body": str, "updated_at": str}, pk=("pack_id", "item_id")
    )
    db.table("bookmarks").create(
        {"pack_id": str, "item_id": str, "created_at": str}, pk=("pack_id", "item_id")
    )


def m002_field_records(db: sqlite_utils.Database) -> None:
    # Field records are user data about real people: every byte of them is sealed
    # (see companion.core.records); only a random ID is stored in the clear.
    db.table("vault").create({"id": int, "kdf": str, "verifier": bytes, "created_at": str}, pk="id")
    db.table("field_records").create({"id": str, "sealed": bytes}, pk="id")


def m003_pack_provenance(db: sqlite_utils.Database) -> None:
    """Who signed each installed pack, and the publishers the user trusts (by fingerprint)."""
    db.table("packs").add_column("signer", str)  # SHA-256 fingerprint of the signing key, NULL if unsigned
    db.table("trusted_publishers").create(
        {"fingerprint": str, "name": str, "added_at": str}, pk="fingerprint"
    )


def m004_search_parts(db: sqlite_utils.Database) -> None:
    """Search rows per part (public, each stage, facilitator-only), rebuilt from the stored items.

    One row per item and language held all of an item's text, so a search
    showed an audience facilitator notes and stages not yet revealed (see
    companion.core.store.search). An item the model no longer reads keeps its
    title searchable rather than stopping the store from opening.
    """
    from companion.core.store.store import _insert_rows, _item_from_json, _search_docs

    # The columns as of this migration, not store.SEARCH_COLUMNS: a later migration may add more.
    columns = ("pack_id", "item_id", "kind", "lang", "part", "title", "body")
    conn = db.conn
    conn.execute("ALTER TABLE search_docs ADD COLUMN part TEXT NOT NULL DEFAULT 'public'")
    conn.execute("DELETE FROM search_docs")
    docs: list[dict[str, object]] = []
    items = conn.execute(
        "SELECT pack_id, id, kind, title_en, title_zh, data FROM items ORDER BY pack_id, position"
    ).fetchall()
    for pack_id, item_id, kind, title_en, title_zh, data in items:
        try:
            docs.extend(_search_docs(pack_id, _item_from_json(data)))
        except ValueError:  # pydantic's ValidationError is one
            for lang, title in (("en", title_en), ("zh-Hans", title_zh)):
                row = {"pack_id": pack_id, "item_id": item_id, "kind": kind, "lang": lang, "part": "public"}
                docs.append(row | {"title": title or "", "body": ""})
        if len(docs) >= 1000:  # written a thousand rows at a time: see _insert_rows
            _insert_rows(conn, "search_docs", columns, docs)
            docs = []
    if docs:
        _insert_rows(conn, "search_docs", columns, docs)


def m005_record_versions(db: sqlite_utils.Database) -> None:
    """A version beside each sealed field record, and the vault's sealed index of current versions.

    A record sealed before this has version 0 (sealed under its ID alone); the
    vault reseals those under (ID, version) the first time it is unlocked, since
    only then is the key at hand (see companion.core.records).
    """
    db.execute("ALTER TABLE field_records ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE vault ADD COLUMN record_index BLOB")


def m006_content_digests(db: sqlite_utils.Database) -> None:
    """A digest of each installed workshop's stored items, so `companion check` can tell if they changed."""
    from companion.core.store.digest import content_digest

    db.table("packs").add_column("content_digest", str)
    for (pack_id,) in db.execute("SELECT id FROM packs").fetchall():
        digest = content_digest(db.conn, pack_id)
        db.execute("UPDATE packs SET content_digest = ? WHERE id = ?", (digest, pack_id))


def m007_authoring(db: sqlite_utils.Database) -> None:
    """What editing a workshop of one's own keeps: drafts, translation marks and the change log.

    A draft is an item as an editor last autosaved it while it did not validate
    (companion.core.authoring.drafts); a translation mark holds the digests of a
    text's two languages when they were last known to agree (...translations);
    the change log lists each published version with its summary (...publish).
    All are user data: reloading a workshop's content leaves them.
    """
    db.table("drafts").create(
        {"pack_id": str, "item_id": str, "kind": str, "data": str, "saved_at": str},
        pk=("pack_id", "item_id"),
        not_null={"kind", "data", "saved_at"},
    )
    db.table("translation_marks").create(
        {"pack_id": str, "item_id": str, "path": str, "en": str, "zh": str},
        pk=("pack_id", "item_id", "path"),
        not_null={"en", "zh"},
    )
    db.table("workshop_changes").create(
        {"pack_id": str, "version": str, "published_at": str, "summary": str},
        pk=("pack_id", "version"),
        not_null={"published_at", "summary"},
    )


def m008_agenda_timing(db: sqlite_utils.Database) -> None:
    """The day's live timing (companion.core.timing): the shifts made, and each session's times.

    A shift moves the rest of a day from one session by some minutes; the live
    schedule is the planned agenda replayed with them, so a reset deletes them.
    ``session_times`` logs each session's planned and actual start and end, and
    when the trainer started it. Both are user data: reloading content leaves them.
    """
    db.table("agenda_shifts").create(
        {"pack_id": str, "seq": int, "item_id": str, "minutes": int, "made_at": str, "started": int},
        pk=("pack_id", "seq"),
        not_null={"item_id", "minutes", "made_at", "started"},
    )
    db.table("session_times").create(
        {
            "pack_id": str,
            "item_id": str,
            "day": int,
            "planned_start": str,
            "planned_end": str,
            "actual_start": str,
            "actual_end": str,
            "started_at": str,  # the wall clock (ISO) when "start this session now" was chosen
            "updated_at": str,
        },
        pk=("pack_id", "item_id"),
        not_null={"day", "planned_start", "planned_end", "actual_start", "actual_end", "updated_at"},
    )


def m009_roster(db: sqlite_utils.Database) -> None:
    """A workshop's participants and their attendance per half-day session (companion.core.assess).

    A participant's code (P001) is the only thing about them stored in plain;
    names, agency and function are sealed with the field-records vault. Attendance
    names participants by code only. Both are user data: reloading content leaves them.
    """
    db.table("participants").create(
        {"pack_id": str, "code": str, "sealed": bytes, "updated_at": str},
        pk=("pack_id", "code"),
        not_null={"sealed", "updated_at"},
    )
    db.table("attendance").create(
        {"pack_id": str, "code": str, "session_id": str, "present": int, "marked_at": str},
        pk=("pack_id", "code", "session_id"),
        not_null={"present", "marked_at"},
    )


def m010_results(db: sqlite_utils.Database) -> None:
    """Knowledge-check results (companion.core.assess.results): one row per participant, form and attempt.

    ``answers`` is JSON {question ID: choice or null}; ``source`` is where it came from (laptop,
    scan or keyboard, then the file name in brackets); ``digest`` the result's SHA-256. A
    different answer set for a row's key is kept in ``result_conflicts`` for the facilitator,
    never written over the row.
    """
    columns = {
        "workshop_id": str,
        "participant": str,
        "form_id": str,
        "attempt": str,
        "answers": str,
        "source": str,
        "digest": str,
        "received_at": str,
    }
    db.table("results").create(
        columns,
        pk=("workshop_id", "participant", "form_id", "attempt"),
        not_null={"answers", "source", "digest", "received_at"},
    )
    db.table("results").create_index(["digest"], unique=True)
    db.table("result_conflicts").create(
        {"id": int, **columns}, pk="id", not_null={"answers", "source", "digest", "received_at"}
    )
    db.table("result_conflicts").create_index(["digest"], unique=True)


def m011_marks(db: sqlite_utils.Database) -> None:
    """The user's notes, bookmarks and highlights on items (companion.core.notes), several per item.

    A mark names its item by the stable ID and the workshop's ID (not its version), so it
    survives pack updates; ``field`` is where in the item its passage was found ("stages/2").
    The rows of the first, one-note-per-item tables are carried over.
    """
    db.table("marks").create(
        {
            "id": str,
            "pack_id": str,
            "item_id": str,
            "kind": str,  # note, bookmark or highlight
            "field": str,
            "passage": str,
            "body": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"pack_id", "item_id", "kind", "created_at", "updated_at"},
    )
    db.table("marks").create_index(["pack_id", "item_id"])
    db.execute(
        "INSERT INTO marks SELECT lower(hex(randomblob(16))), pack_id, item_id, 'note', '', '', body,"
        " updated_at, updated_at FROM notes"
    )
    db.execute(
        "INSERT INTO marks SELECT lower(hex(randomblob(16))), pack_id, item_id, 'bookmark', '', '', '',"
        " created_at, created_at FROM bookmarks"
    )


def m012_evaluations(db: sqlite_utils.Database) -> None:
    """Evaluation responses (companion.core.assess.evaluations): anonymous, one row per response id.

    ``ratings`` is JSON {row ID: 1..5} and ``comments`` JSON {comment ID: text}, blanks left out;
    ``digest`` is the SHA-256 of that content (two blank sheets share it, so it is not unique
    here). No participant code is stored. A different answer set for a response id is kept in
    ``evaluation_conflicts``, never written over the row.
    """
    columns = {
        "workshop_id": str,
        "form_id": str,
        "response_id": str,
        "ratings": str,
        "comments": str,
        "origin": str,
        "digest": str,
        "saved": str,
        "received_at": str,
    }
    required = {"ratings", "comments", "origin", "digest", "saved", "received_at"}
    db.table("evaluation_responses").create(
        columns, pk=("workshop_id", "form_id", "response_id"), not_null=required
    )
    db.table("evaluation_conflicts").create({"id": int, **columns}, pk="id", not_null=required)
    db.table("evaluation_conflicts").create_index(
        ["workshop_id", "form_id", "response_id", "digest"], unique=True
    )


def m013_search_grams(db: sqlite_utils.Database) -> None:
    """Chinese text indexed as overlapping character pairs, so a two-character word is one lookup.

    ``search_docs.grams`` holds each row's pairs (see
    companion.core.store.search.cjk_grams); ``search_grams`` is an FTS5 index
    of that column alone, kept by triggers as ``search_docs_fts`` is. Rows
    without Chinese text are left out of the index.
    """
    from companion.core.store.search import cjk_grams

    conn = db.conn
    conn.execute("ALTER TABLE search_docs ADD COLUMN grams TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, title, body FROM search_docs").fetchall()
    conn.executemany(
        "UPDATE search_docs SET grams = ? WHERE id = ?",
        [(grams, row_id) for row_id, title, body in rows if (grams := cjk_grams(f"{title}\n{body}"))],
    )
    # Only looked up, never ranked: no positions (detail=none) and no sizes (columnsize=0), which
    # also lets the check compare it with search_docs although rows without Chinese are left out.
    conn.execute(
        "CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='search_docs', content_rowid='id',"
        " tokenize='unicode61', detail='none', columnsize=0)"
    )
    conn.execute("INSERT INTO search_grams(rowid, grams) SELECT id, grams FROM search_docs WHERE grams != ''")
    conn.execute(
        "CREATE TRIGGER search_docs_grams_ai AFTER INSERT ON search_docs WHEN new.grams != '' BEGIN"
        " INSERT INTO search_grams(rowid, grams) VALUES (new.id, new.grams); END"
    )
    conn.execute(
        "CREATE TRIGGER search_docs_grams_ad AFTER DELETE ON search_docs WHEN old.grams != '' BEGIN"
        " INSERT INTO search_grams(search_grams, rowid, grams) VALUES ('delete', old.id, old.grams); END"
    )
    conn.execute(
        "CREATE TRIGGER search_docs_grams_au AFTER UPDATE ON search_docs BEGIN"
        " INSERT INTO search_grams(search_grams, rowid, grams)"
        " SELECT 'delete', old.id, old.grams WHERE old.grams != '';"
        " INSERT INTO search_grams(rowid, grams) SELECT new.id, new.grams WHERE new.grams != ''; END"
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    m001_initial,
    m002_field_records,
    m003_pack_provenance,
    m004_search_parts,
    m005_record_versions,
    m006_content_digests,
    m007_authoring,
    m008_agenda_timing,
    m009_roster,
    m010_results,
    m011_marks,
    m012_evaluations,
    m013_search_grams,
]
LATEST = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every pending migration, each in one transaction of its own; return how many.

    ``BEGIN IMMEDIATE`` takes the write lock before the schema version is read,
    so a second process that started at the same moment waits, then finds the
    work done. A crash between two statements of a migration rolls all of it
    back: sqlite-utils (4.2 and later) nests its own writes in savepoints
    when a transaction is open, rather than committing it.
    """
    conn = db.conn
    applied = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= LATEST:
                conn.execute("ROLLBACK")
                return applied
            MIGRATIONS[current](db)
            conn.execute(f"PRAGMA user_version = {current + 1:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied += 1

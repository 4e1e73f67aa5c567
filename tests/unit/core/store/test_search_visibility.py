"""Projector-safe search: an audience finds only what the room may see.

Facilitator-only text (model answers, common mistakes, answer keys) and case
study stages not yet revealed are hidden from an audience, in hits and in
snippets; titles are always found. The words searched for are picked from the
bundled workshop by reading it (tests/unit/search_support.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from companion.core.model import CaseStudy, texts_of
from companion.core.store import Store
from companion.core.store.search import EVERYTHING, Visibility
from tests.unit.search_support import audience_texts, hidden_sources, seen_by_audience, unseen_word

SOURCES = ["model answer", "common mistake", "answer key", "last stage", "discussion questions"]


@pytest.fixture(scope="module")
def study(bundled_pack: Any) -> CaseStudy:
    found: CaseStudy = bundled_pack.by_kind("case-study")[0]
    return found


def _ids(hits: list[Any]) -> list[str]:
    return [hit.id for hit in hits]


@pytest.mark.parametrize("chinese", [0, 2, 4], ids=["english", "chinese-scan", "chinese-index"])
@pytest.mark.parametrize("source", SOURCES)
def test_text_an_audience_may_not_see_is_not_found(
    store: Store, bundled_pack: Any, study: CaseStudy, source: str, chinese: int
) -> None:
    word = unseen_word(hidden_sources(study)[source], seen_by_audience(bundled_pack), chinese=chinese)
    assert store.search(word) == []  # the default is an audience's view
    assert store.search(word, "zh-Hans", Visibility()) == []
    shown = store.search(word, visibility=EVERYTHING)
    assert study.id in _ids(shown)
    assert word in next(hit.snippet for hit in shown if hit.id == study.id).lower()


def test_a_stage_is_found_once_it_is_revealed(store: Store, bundled_pack: Any, study: CaseStudy) -> None:
    third = texts_of(study.stages[2])
    for chinese in (0, 2):
        word = unseen_word(third, seen_by_audience(bundled_pack, {study.id: 2}), chinese=chinese)
        assert store.search(word, visibility=Visibility(revealed={study.id: 2})) == []
        assert store.search(word, visibility=Visibility(revealed={"cs-other": 3})) == []
        hits = store.search(word, visibility=Visibility(revealed={study.id: 3}))
        assert study.id in _ids(hits)
        assert word in hits[_ids(hits).index(study.id)].snippet.lower()


def test_facilitator_notes_shown_reveal_every_stage(
    store: Store, bundled_pack: Any, study: CaseStudy
) -> None:
    word = unseen_word(texts_of(study.stages[-1]), seen_by_audience(bundled_pack))
    assert study.id in _ids(store.search(word, visibility=Visibility(facilitator=True)))


def test_a_title_is_found_by_an_audience(store: Store, study: CaseStudy) -> None:
    assert study.title.en is not None and study.title.zh_hans is not None
    assert _ids(store.search(study.title.en))[0] == study.id
    assert study.id in _ids(store.search(study.title.zh_hans))


QUERIES = ["debt", "passport", "the", "police", "wage", "债务", "受害人", "工资", "护照", "警"]


@pytest.mark.parametrize("revealed", [{}, {"cs-01": 2, "cs-03": 4}], ids=["first-stages", "some-revealed"])
def test_no_snippet_holds_text_an_audience_may_not_see(
    store: Store, bundled_pack: Any, revealed: dict[str, int]
) -> None:
    by_id = {item.id: item for item in bundled_pack.items}
    visibility = Visibility(revealed=revealed)
    for query in QUERIES:
        for hit in store.search(query, visibility=visibility):
            seen = audience_texts(by_id[hit.id], revealed.get(hit.id, 1))
            flat = [" ".join(t.split()) for text in seen for t in (text.en, text.zh_hans) if t]
            window = hit.snippet.replace("[", "").replace("]", "").removeprefix("…").removesuffix("…")
            assert _made_of(window, flat), (query, hit.id, window)


def _made_of(piece: str, texts: list[str]) -> bool:
    """Whether ``piece`` is ``texts`` joined by spaces, cut anywhere at its two ends only.

    A snippet is a window of one part's texts joined together: it may begin or
    end inside a text, but every text it spans in between is whole.
    """
    words = piece.split(" ")

    def run(start: int, end: int) -> bool:
        joined = " ".join(words[start:end])
        return any(
            joined in t and (start == 0 or t.startswith(joined)) and (end == len(words) or t.endswith(joined))
            for t in texts
        )

    # ends[n]: the first n words are texts so joined.
    ends = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        ends[end] = any(ends[start] and run(start, end) for start in range(end))
    return ends[-1]


def test_hits_are_one_per_item_up_to_the_limit(store: Store) -> None:
    for visibility in (Visibility(), EVERYTHING):
        for query in ("the", "人"):  # the index and the scan
            ids = _ids(store.search(query, visibility=visibility))
            assert len(ids) == len(set(ids)) == 50


# --- the migration that split the search rows into parts -------------------------------------


def _schema_3_store(folder: Path, pack: Any) -> None:
    """A data folder as the application left it at schema 3: one search row per item and language."""
    import sqlite_utils

    from companion.core.model import LANGUAGES, title_of
    from companion.core.store.migrations import MIGRATIONS

    folder.mkdir()
    db = sqlite_utils.Database(folder / "companion.db")
    for migration in MIGRATIONS[:3]:
        migration(db)
    manifest = pack.manifest
    db["packs"].insert(
        {
            "id": manifest.id,
            "version": manifest.version,
            "fingerprint": pack.fingerprint,
            "source_signature": "",
            "manifest": manifest.model_dump_json(by_alias=True),
            "source": "bundled",
            "installed_at": "2026-01-01T00:00:00+00:00",
            "signer": None,
        }
    )
    for position, item in enumerate(pack.items):
        title = title_of(item)
        db["items"].insert(
            {
                "pack_id": manifest.id,
                "id": item.id,
                "kind": item.kind,
                "position": position,
                "title_en": title.get("en"),
                "title_zh": title.get("zh-Hans"),
                "data": item.model_dump_json(by_alias=True, exclude_none=True),
            }
        )
        for lang in LANGUAGES:
            body = "\n".join(t for t in (text.get(lang) for text in texts_of(item)) if t)
            db["search_docs"].insert(
                {
                    "pack_id": manifest.id,
                    "item_id": item.id,
                    "kind": item.kind,
                    "lang": lang,
                    "title": title.get(lang) or "",
                    "body": body,
                }
            )
    db["settings"].insert({"key": "language", "value": "zh-Hans"})
    db.execute("PRAGMA user_version = 3")
    db.conn.commit()
    db.close()


def test_a_schema_3_store_is_searched_safely_after_the_migration(
    tmp_path: Path, bundled_pack: Any, study: CaseStudy
) -> None:
    from companion.core.store.migrations import LATEST

    folder = tmp_path / "data"
    _schema_3_store(folder, bundled_pack)
    word = unseen_word(hidden_sources(study)["model answer"], seen_by_audience(bundled_pack))
    with sqlite3.connect(folder / "companion.db") as old:  # the old rows do show it
        found = old.execute(
            "SELECT d.item_id FROM search_docs_fts JOIN search_docs AS d ON d.rowid = search_docs_fts.rowid "
            "WHERE search_docs_fts MATCH ?",
            (f'"{word}"',),
        ).fetchall()
        assert (study.id,) in found
    store = Store.open(folder)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert store.get_setting("language") == "zh-Hans"
        assert store.search(word) == []
        assert study.id in _ids(store.search(word, visibility=EVERYTHING))
        assert _ids(store.search(study.title.en or ""))[0] == study.id
        # The rows are those a fresh install writes, and the full-text index agrees with them.
        migrated = _search_rows(store.conn)
        store.install_pack(bundled_pack)
        assert _search_rows(store.conn) == migrated
        store.conn.execute("INSERT INTO search_docs_fts(search_docs_fts) VALUES('integrity-check')")
    finally:
        store.close()


def test_a_fresh_store_indexes_content_in_parts(store: Store, study: CaseStudy) -> None:
    parts = {
        row[0] for row in store.conn.execute("SELECT part FROM search_docs WHERE item_id = ?", (study.id,))
    }
    stages = {f"stage:{n}" for n in range(1, len(study.stages) + 1)}
    assert parts == {"public", "facilitator"} | stages
    titled = store.conn.execute(
        "SELECT DISTINCT part FROM search_docs WHERE item_id = ? AND title != ''", (study.id,)
    ).fetchall()
    assert titled == [("public",)]


def test_the_migration_keeps_the_title_of_an_item_it_cannot_read(tmp_path: Path, bundled_pack: Any) -> None:
    folder = tmp_path / "data"
    _schema_3_store(folder, bundled_pack)
    glossary = bundled_pack.by_kind("glossary-term")[0]
    with sqlite3.connect(folder / "companion.db") as conn:
        conn.execute('UPDATE items SET data = \'{"kind": "nothing-known"}\' WHERE id = ?', (glossary.id,))
    store = Store.open(folder)
    try:
        assert glossary.id in _ids(store.search(glossary.term.en or ""))
    finally:
        store.close()


def _search_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT pack_id, item_id, kind, lang, part, title, body FROM search_docs "
        "ORDER BY pack_id, item_id, lang, part"
    ).fetchall()


# --- the command line: a facilitator's tool, searching everything unless told --audience --------


def test_the_cli_searches_everything_and_as_an_audience_when_asked(
    capsys: pytest.CaptureFixture[str], data_dir: Path, bundled_pack: Any, study: CaseStudy
) -> None:
    import json

    from companion.__main__ import main

    word = unseen_word(hidden_sources(study)["model answer"], seen_by_audience(bundled_pack))
    assert main(["--data-dir", str(data_dir), "search", word, "--json"]) == 0
    assert study.id in [hit["id"] for hit in json.loads(capsys.readouterr().out)]
    assert main(["--data-dir", str(data_dir), "search", word, "--audience", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("chinese", [0, 2, 4], ids=["english", "chinese-scan", "chinese-index"])
def test_an_explanation_of_a_question_is_not_found_by_an_audience(
    store: Store, bundled_pack: Any, chinese: int
) -> None:
    # The answer and its explanation are facilitator-only: a participant searching the bank
    # must not find the key of the knowledge check they are about to take.
    explanations = [q.explanation for q in bundled_pack.by_kind("question") if q.explanation is not None]
    word = unseen_word(explanations, seen_by_audience(bundled_pack), chinese=chinese)
    assert store.search(word) == []
    shown = {hit.kind for hit in store.search(word, visibility=EVERYTHING)}
    assert "question" in shown

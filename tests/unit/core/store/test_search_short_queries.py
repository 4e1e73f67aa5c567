"""Queries shorter than a trigram: Chinese through the pairs index, letters by an ordered scan.

Both must list what a plain scan of every visible row lists, in the same order
(title matches first, then in content order), in a folder made before the
pairs index existed too, and after an item is edited or deleted.
"""

from __future__ import annotations

import sqlite3

import pytest

from companion.core.model import GlossaryTerm, Text
from companion.core.store import Store
from companion.core.store.migrations import LATEST
from companion.core.store.search import AUDIENCE, EVERYTHING, MAX_HITS, Visibility, _visible

QUERIES = ["债务", "债", "的", "人", "工作", "a", "e", "z", "de", "TH", "q"]


def _scanned(store: Store, query: str, visibility: Visibility) -> list[str]:
    """Item IDs a scan of every visible row of the current workshop ranks for ``query``."""
    visible, params = _visible(visibility)
    rows = store.conn.execute(
        f"""
        SELECT item_id FROM (
            SELECT *, row_number() OVER (PARTITION BY item_id ORDER BY score, id) AS nth FROM (
                SELECT d.id, d.item_id,
                       CASE WHEN instr(lower(d.title), lower(:query)) > 0 THEN 0 ELSE 1 END AS score
                FROM search_docs AS d
                WHERE d.pack_id = :pack AND {visible}
                  AND (instr(lower(d.title), lower(:query)) > 0 OR instr(lower(d.body), lower(:query)) > 0)
            )
        ) WHERE nth = 1 ORDER BY score, id LIMIT :limit
        """,
        {**params, "query": query, "pack": store.current_pack_id(), "limit": MAX_HITS},
    )
    return [item_id for (item_id,) in rows]


@pytest.mark.parametrize("visibility", [AUDIENCE, EVERYTHING], ids=["audience", "facilitator"])
def test_short_queries_list_what_a_full_scan_lists(store: Store, visibility: Visibility) -> None:
    for query in QUERIES:
        assert [hit.id for hit in store.search(query, visibility=visibility)] == _scanned(
            store, query, visibility
        ), query
    assert len(store.search("e")) == MAX_HITS  # a letter in nearly every item: the list is cut


def test_a_single_chinese_character_is_found_with_its_snippet(store: Store) -> None:
    hits = store.search("债", visibility=EVERYTHING)
    assert hits and all("[债]" in hit.snippet for hit in hits)


def _as_before_the_pairs_index(path: sqlite3.Connection) -> None:
    for trigger in ("search_docs_grams_ai", "search_docs_grams_ad", "search_docs_grams_au"):
        path.execute(f"DROP TRIGGER {trigger}")
    path.execute("DROP TABLE search_grams")
    path.execute("ALTER TABLE search_docs DROP COLUMN grams")
    path.execute(f"PRAGMA user_version = {LATEST - 1:d}")
    path.commit()


def test_a_folder_made_before_the_pairs_index_finds_two_character_words(store: Store) -> None:
    before = [(hit.id, hit.snippet) for hit in store.search("债务", visibility=EVERYTHING)]
    assert before
    data_dir = store.data_dir
    store.close()
    with sqlite3.connect(data_dir / "companion.db") as conn:
        _as_before_the_pairs_index(conn)
    reopened = Store.open(data_dir)
    try:
        assert [(hit.id, hit.snippet) for hit in reopened.search("债务", visibility=EVERYTHING)] == before
    finally:
        reopened.close()


def test_an_edited_or_deleted_item_is_found_by_its_new_words_only(store: Store) -> None:
    pack_id = store.current_pack_id()
    assert pack_id is not None
    term = next(item for item in store.items("glossary-term"))
    edited = GlossaryTerm(
        id=term.id, term=Text(en="Zq term", zh_hans="鑫淼"), definition=Text(en="Zq.", zh_hans="鑫淼。")
    )
    old_word = term.term.zh_hans[:2]
    store.replace_items(pack_id, [edited])
    assert [hit.id for hit in store.search("鑫淼")] == [term.id]
    assert [hit.id for hit in store.search("鑫")] == [term.id]
    assert term.id not in [hit.id for hit in store.search(old_word, visibility=EVERYTHING)]
    store.delete_item(pack_id, term.id)
    assert store.search("鑫淼") == []
    assert store.search("zq") == []

"""Search reads only what it lists, and lists what ranking every matching row would.

A query of three characters or more is ranked by FTS5, which hands the rows
over best first; the reading stops once the items to list are known. A one- or
two-character Chinese word is read from the pairs' index in row order. Either
way the list must be the one a ranking of every visible matching row gives (one
row per item, its best; equal ranks in content order), and a rare word must not
cost more in a larger library.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from companion.core.content import ContentPack
from companion.core.model import GlossaryTerm, Text
from companion.core.store import Store
from companion.core.store.search import (
    AUDIENCE,
    EVERYTHING,
    MAX_HITS,
    SearchHit,
    Visibility,
    _fts_phrase,
    _hits,
    _visible,
)
from tests.unit.pack_support import library_of

QUERIES = ["the", "and", "debt", "Debt Bondage", "recruitment", "passport", "受害人", "人口贩运", "工作的"]


def _ranked_over_every_row(store: Store, query: str, visibility: Visibility, lang: str) -> list[SearchHit]:
    """The hits a ranking of every visible matching row gives, one row per item (the search before bounds)."""
    visible, params = _visible(visibility)
    pack_id = store.current_pack_id()
    assert pack_id is not None
    rows = store.conn.execute(
        f"""
        SELECT id FROM (
            SELECT id, score, row_number() OVER (PARTITION BY item_id ORDER BY score, id) AS nth FROM (
                SELECT d.id, d.item_id, bm25(search_docs_fts, 10.0, 1.0) AS score
                FROM search_docs_fts JOIN search_docs AS d ON d.rowid = search_docs_fts.rowid
                WHERE search_docs_fts MATCH :phrase AND d.pack_id = :pack AND {visible}
            )
        ) WHERE nth = 1 ORDER BY score, id LIMIT :limit
        """,
        {**params, "phrase": _fts_phrase(query), "pack": pack_id, "limit": MAX_HITS},
    )
    return _hits(store.conn, pack_id, [row_id for (row_id,) in rows], query, lang)


@pytest.mark.parametrize(
    "visibility",
    [AUDIENCE, EVERYTHING, Visibility(revealed={"cs-01": 3})],
    ids=["audience", "facilitator", "stages revealed"],
)
def test_ranked_queries_list_what_ranking_every_row_lists(store: Store, visibility: Visibility) -> None:
    for query in QUERIES:
        for lang in ("en", "zh-Hans"):
            expected = _ranked_over_every_row(store, query, visibility, lang)
            assert store.search(query, lang, visibility) == expected, query
    assert len(store.search("the")) == MAX_HITS  # a word in most items: the list is cut


def _library(count: int, text: Text, rare: int = 0) -> ContentPack:
    """A workshop of ``count`` glossary terms defined by ``text``, the first ``rare`` with 鑫淼 too."""
    items = [
        GlossaryTerm(
            id=f"gl-{n:05d}",
            term=Text(en=f"Term {n}", zh_hans=f"术语{n}"),
            definition=Text(en=text.en, zh_hans=("鑫淼" if n < rare else "") + (text.zh_hans or "")),
        )
        for n in range(count)
    ]
    return library_of(items)


def test_items_that_rank_equally_are_listed_in_content_order(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    try:
        same = Text(en="Fees withheld from wages.", zh_hans="工资被扣押。")
        store.install_pack(_library(2 * MAX_HITS, same), make_current=True)
        expected = [f"gl-{n:05d}" for n in range(MAX_HITS)]
        assert [hit.id for hit in store.search("wages")] == expected
        assert [hit.id for hit in store.search("被扣押")] == expected
        assert [hit.id for hit in store.search("工资")] == expected
    finally:
        store.close()


def _steps(conn: sqlite3.Connection, search: Callable[[], object]) -> int:
    """How many hundreds of SQLite instructions ``search`` runs: a count, not a time."""
    counted = [0]

    def count() -> int:
        counted[0] += 1
        return 0

    conn.set_progress_handler(count, 100)
    try:
        search()
    finally:
        conn.set_progress_handler(None, 0)
    return counted[0]


def test_a_rare_two_character_word_costs_the_same_in_a_library_ten_times_larger(tmp_path: Path) -> None:
    text = Text(en="Workers described the fees they paid.", zh_hans="工人讲述了他们支付的费用。")
    steps = []
    for count in (200, 2000):
        store = Store.open(tmp_path / f"library-{count}")
        try:
            store.install_pack(_library(count, text, rare=3), make_current=True)
            assert [hit.id for hit in store.search("鑫淼")] == ["gl-00000", "gl-00001", "gl-00002"]
            steps.append(_steps(store.conn, partial(store.search, "鑫淼")))
        finally:
            store.close()
    small, large = steps
    assert large < 2 * small + 10, steps  # not read row by row: ten times the rows would cost ten times


def test_another_workshop_installed_beside_is_skipped_not_listed(store: Store) -> None:
    words = Text(en="The debt and the recruitment passport.", zh_hans="受害人的人口贩运工作的。")
    library = _library(3 * MAX_HITS, words, rare=3)
    store.install_pack(library, make_current=False)
    assert store.current_pack_id() != "library"
    bundled = {item.id for item in store.items()}
    for query in QUERIES:
        listed = store.search(query)
        assert listed == _ranked_over_every_row(store, query, AUDIENCE, "en"), query
        assert {hit.id for hit in listed} <= bundled, query
    assert store.search("鑫淼") == []

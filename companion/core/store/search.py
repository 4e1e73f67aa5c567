"""Full-text search over every item, in both languages.

FTS5 with the trigram tokenizer finds any substring of three characters or
more, which suits Chinese (no word segmentation needed) as well as English.
Most Chinese words have two characters, below what trigrams can match, so a
shorter query falls back to a plain ``instr()`` scan of the same rows.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

SNIPPET_CHARS = 80
MAX_HITS = 50


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    title: str
    snippet: str  # with the match wrapped in [ and ]
    lang: str  # language the match was found in


def _fts_phrase(query: str) -> str:
    # A quoted FTS5 string matches as a substring under trigram; quotes are doubled.
    return '"' + query.replace('"', '""') + '"'


def _cut_snippet(text: str, query: str) -> str:
    """A window of ``text`` around the first match, with the match bracketed."""
    flat = re.sub(r"\s+", " ", text)
    at = flat.lower().find(query.lower())
    if at < 0:
        return flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else "")
    start = max(0, at - SNIPPET_CHARS // 2)
    end = min(len(flat), at + len(query) + SNIPPET_CHARS // 2)
    return (
        ("…" if start else "")
        + flat[start:at]
        + "["
        + flat[at : at + len(query)]
        + "]"
        + flat[at + len(query) : end]
        + ("…" if end < len(flat) else "")
    )


def search(conn: sqlite3.Connection, pack_id: str, query: str, lang: str = "en") -> list[SearchHit]:
    """Ranked hits, one per item; title matches rank first.

    Both languages are searched whatever ``lang`` is (a Chinese word finds an
    item while the interface is in English); ``lang`` chooses the language of
    the titles returned, falling back to the other when one is missing.
    """
    query = " ".join(query.split())
    if not query:
        return []
    if len(query) >= 3:
        rows = conn.execute(
            """
            SELECT d.kind, d.item_id, d.title, d.body, d.lang,
                   bm25(search_docs_fts, 10.0, 1.0) AS score
            FROM search_docs_fts
            JOIN search_docs AS d ON d.rowid = search_docs_fts.rowid
            WHERE search_docs_fts MATCH ? AND d.pack_id = ?
            ORDER BY score
            LIMIT ?
            """,
            [_fts_phrase(query), pack_id, MAX_HITS * 2],
        ).fetchall()
    else:
        # Short query: scan, ranking title matches before body matches.
        rows = conn.execute(
            """
            SELECT kind, item_id, title, body, lang,
                   CASE WHEN instr(lower(title), lower(?)) > 0 THEN 0 ELSE 1 END AS score
            FROM search_docs
            WHERE pack_id = ?
              AND (instr(lower(title), lower(?)) > 0 OR instr(lower(body), lower(?)) > 0)
            ORDER BY score, id
            LIMIT ?
            """,
            [query, pack_id, query, query, MAX_HITS * 2],
        ).fetchall()
    titles = {
        item_id: (en, zh)
        for item_id, en, zh in conn.execute(
            "SELECT id, title_en, title_zh FROM items WHERE pack_id = ?", (pack_id,)
        )
    }
    hits: list[SearchHit] = []
    seen: set[str] = set()
    for kind, item_id, title, body, found_lang, _score in rows:
        if item_id in seen:
            continue
        seen.add(item_id)
        en, zh = titles.get(item_id, (title, title))
        shown = (zh or en) if lang == "zh-Hans" else (en or zh)
        text = title if query.lower() in title.lower() else body
        hits.append(SearchHit(kind, item_id, shown or "", _cut_snippet(text, query), found_lang))
        if len(hits) == MAX_HITS:
            break
    return hits

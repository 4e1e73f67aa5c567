"""Full-text search over every item, in both languages.

FTS5 with the trigram tokenizer finds any substring of three characters or
more, which suits Chinese (no word segmentation needed) as well as English.
Most Chinese words have two characters, below what trigrams can match: a second
FTS5 table (``search_grams``) indexes each Chinese character as the pair it
starts (Lucene's CJK bigrams), so a one- or two-character Chinese query is one
index lookup. Any other query shorter than a trigram (one or two letters) scans
the rows in order and stops at the last hit shown. Both only narrow the rows an
``instr()`` test then confirms, so every path finds what a scan would.

Search is projector-safe. Each item is indexed in *parts*: what everyone may
read (``public``), each stage of a case study (``stage:N``, revealed one by one
in the room) and what only facilitators may read (``facilitator``, the fields
:data:`companion.core.editions.FACILITATOR_ONLY` names). A search is told what
the viewer may see (:class:`Visibility`) and reads only those parts, so a hit
whose only match is hidden is not listed and a snippet never holds hidden
text. Titles are public.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the model (pydantic) loads only when content is indexed
    from pydantic import BaseModel

    from companion.core.model import Text

SNIPPET_CHARS = 80
MAX_HITS = 50

# Chinese characters (the CJK ideograph blocks): what search_grams indexes, in pairs.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UTF32 = f"utf-32-{sys.byteorder[0]}e"  # the machine's order, as array("I") holds code points
_SPACE = array("I", [ord(" ")])
_AFTER_SPACE = re.compile("(?<= )[^ ]")
_WHITE_SPACE = re.compile(r"\s+")


@functools.cache
def _not_cjk() -> re.Pattern[str]:
    """A run of anything but Chinese characters. Compiled when first used: at import, before the
    window's first paint, compiling these ranges cost 13 M instructions (bench/startup.py)."""
    return re.compile(f"[^{_CJK}]+")


def cjk_grams(text: str) -> str:
    """What ``search_grams`` indexes of ``text``: each Chinese character with the one after it.

    A run of Chinese characters ``ABCD`` gives the tokens ``AB BC CD D``, so
    every character starts a token: a two-character word is a token, one
    character a token prefix. Everything else in ``text`` is left out.

    Installing a pack pairs every Chinese character, so no Python object is made per pair:
    the runs, one space between them, are interleaved (as UTF-32 code points) with the
    same text shifted by one and a space, ``A B ␣ B C ␣ C D ␣ D ␣ ␣``, the shifted
    character blanked where a run starts. The spaces between tokens vary; the tokenizer
    only splits on them. Half the time of a list of pairs (bench/import.py).
    """
    if text.isascii():  # most English rows: no Chinese to look for, and this check costs far less
        return ""
    runs = _not_cjk().sub(" ", text).strip()
    if not runs:
        return ""
    after = _AFTER_SPACE.sub(" ", runs[1:] + " ")  # after[i] follows runs[i], or is blank at a run's end
    points = array("I", bytes(12 * len(runs)))
    points[0::3] = array("I", runs.encode(_UTF32))
    points[1::3] = array("I", after.encode(_UTF32))
    points[2::3] = _SPACE * len(runs)
    return points.tobytes().decode(_UTF32)


PUBLIC = "public"
FACILITATOR = "facilitator"
STAGE_PREFIX = "stage:"
# Item kind -> the field whose entries are revealed one by one, and the fields shown only once
# every stage is (the discussion questions: see companion.gui.render.case_study).
STAGED: dict[str, tuple[str, tuple[str, ...]]] = {"case-study": ("stages", ("questions",))}
# Stages a viewer sees of a case study nobody has revealed further: opening it shows the first.
FIRST_STAGES_SHOWN = 1


def stage_part(number: int) -> str:
    """The part holding stage ``number`` (from 1) of a staged item."""
    return f"{STAGE_PREFIX}{number:d}"


# NamedTuples, not dataclasses, here and for the store's other records: the window imports
# the store before its first paint, and a dataclass costs several times more to define.
class Visibility(NamedTuple):
    """What the person in front of the screen may see; by default, an audience.

    ``facilitator``: facilitator-only text and every stage are shown (notes
    ticked). ``revealed``: item ID -> how many stages of that case study have
    been revealed; a case study not listed shows :data:`FIRST_STAGES_SHOWN`.
    """

    facilitator: bool = False
    revealed: Mapping[str, int] = MappingProxyType({})  # read-only: the default is shared

    def shows(self, item_id: str, part: str) -> bool:
        """Whether text of ``part`` of item ``item_id`` may be shown."""
        if part == PUBLIC or self.facilitator:
            return True
        if part.startswith(STAGE_PREFIX):
            return int(part[len(STAGE_PREFIX) :]) <= self.revealed.get(item_id, FIRST_STAGES_SHOWN)
        return False


AUDIENCE = Visibility()
EVERYTHING = Visibility(facilitator=True)


def parts_of(item: Any) -> dict[str, list[Text]]:
    """Every text of ``item`` grouped by the part it belongs to, public first, in field order."""
    from companion.core.editions import FACILITATOR_ONLY
    from companion.core.model import collect_texts, field_names

    hidden = FACILITATOR_ONLY.get(item.kind, ())
    staged, after_last = STAGED.get(item.kind, ("", ()))
    stages = getattr(item, staged) if staged else []
    public: list[Text] = []
    parts: dict[str, list[Text]] = {PUBLIC: public}
    model: type[BaseModel] = type(item)
    for name in field_names(model):
        value = getattr(item, name)
        if name in hidden:
            collect_texts(value, parts.setdefault(FACILITATOR, []))
        elif name == staged:
            for number, stage in enumerate(value, start=1):
                collect_texts(stage, parts.setdefault(stage_part(number), []))
        elif name in after_last and stages:
            collect_texts(value, parts.setdefault(stage_part(len(stages)), []))
        else:
            collect_texts(value, public)
    return parts


class SearchHit(NamedTuple):
    kind: str
    id: str
    title: str
    snippet: str  # with the match wrapped in [ and ]
    lang: str  # language the match was found in


def _fts_phrase(query: str) -> str:
    # A quoted FTS5 string matches as a substring under trigram; quotes are doubled.
    return '"' + query.replace('"', '""') + '"'


def _cut_snippet(text: str, query: str) -> str:
    """A window of ``text`` around the first match, with the match bracketed.

    Cut here rather than by FTS5's ``snippet()``: a query shorter than three
    characters is a plain scan, where ``snippet()`` cannot run, and for the
    others it costs more. It runs inside the full-text query, so on every
    matching row before one row per item is kept (or in a second query for the
    hits kept): on the bundled workshop, eleven queries take 34 ms of CPU that
    way against 25 ms here, a three-character Chinese word two to three times
    as long. Its window is counted in trigrams, at most 64, and a short one cuts
    the match itself (``[debt bonda]…``).
    """
    wanted = query.lower()
    at = text.lower().find(wanted)
    if at < 0:  # the match crosses a line break, or is not in this text
        text = _flat(text)
        at = text.lower().find(wanted)
    if at < 0:
        return _flat(text[:SNIPPET_CHARS]) + ("…" if len(text) > SNIPPET_CHARS else "")
    start = max(0, at - SNIPPET_CHARS // 2)
    end = min(len(text), at + len(query) + SNIPPET_CHARS // 2)
    # Only the window is flattened: a hit's whole text was a third of a search's time in Python.
    return (
        ("…" if start else "")
        + _flat(text[start:at])
        + "["
        + _flat(text[at : at + len(query)])
        + "]"
        + _flat(text[at + len(query) : end])
        + ("…" if end < len(text) else "")
    )


def _flat(text: str) -> str:
    """Every run of white space as one space."""
    return _WHITE_SPACE.sub(" ", text)


def _visible(visibility: Visibility) -> tuple[str, dict[str, str]]:
    """A condition on ``d`` (a search_docs row) that holds for the parts ``visibility`` shows."""
    if visibility.facilitator:
        return "1", {}
    import json  # here, not at start-up: the window's first search needs it, its first paint does not

    # A stage row is shown up to the number revealed for its item (json_each reads the mapping),
    # as Visibility.shows() says.
    revealed = "(SELECT value FROM json_each(:revealed) WHERE key = d.item_id)"
    stage = f"CAST(substr(d.part, {len(STAGE_PREFIX) + 1:d}) AS INTEGER)"
    return (
        f"""(d.part = '{PUBLIC}' OR (d.part GLOB '{STAGE_PREFIX}*'
             AND {stage} <= coalesce({revealed}, {FIRST_STAGES_SHOWN:d})))""",
        {"revealed": json.dumps(dict(visibility.revealed))},
    )


def search(
    conn: sqlite3.Connection,
    pack_id: str,
    query: str,
    lang: str = "en",
    visibility: Visibility = AUDIENCE,
) -> list[SearchHit]:
    """Ranked hits, one per item; title matches rank first.

    Both languages are searched whatever ``lang`` is (a Chinese word finds an
    item while the interface is in English); ``lang`` chooses the language of
    the titles returned, falling back to the other when one is missing. Only
    the parts ``visibility`` shows are searched (the default: an audience's).
    """
    query = " ".join(query.split())
    if not query:
        return []
    visible, params = _visible(visibility)
    params["pack"] = pack_id
    if len(query) >= 3:
        ranked = _ranked_by_bm25(conn, visible, {**params, "phrase": _fts_phrase(query)})
    elif not _not_cjk().search(query):  # Chinese characters only
        # One or two Chinese characters: the pairs' index gives the rows holding them, in row order.
        grams = f'"{query}"' if len(query) == 2 else f'"{query}"*'
        among = "d.id IN (SELECT rowid FROM search_grams WHERE search_grams MATCH :grams)"
        ranked = _scan_in_order(conn, among, visible, {**params, "query": query, "grams": grams})
    else:
        # One or two letters are in too many rows for an index to help: the rows in order.
        ranked = _scan_in_order(conn, "1", visible, {**params, "query": query})
    return _hits(conn, pack_id, ranked, query, lang)


def _ranked_by_bm25(conn: sqlite3.Connection, visible: str, params: dict[str, str]) -> list[int]:
    """The best row of each of the :data:`MAX_HITS` best-ranked items (title matches weigh ten times).

    One row per item (an item has a row per language and part): its best
    ranked, ties by row ID, as a window over every matching row would keep.
    FTS5 hands the rows over best first (``ORDER BY rank``; SQLite's sort
    keeps equal ranks in row order), so reading stops once enough items are
    found: a common word is in thousands of rows, and looking each one up in
    ``search_docs`` for its workshop and part cost more than the ranking. The
    rank is not selected: FTS5 would compute it a second time for every row.
    """
    rows = conn.execute(
        f"""
        SELECT d.id, d.item_id
        FROM search_docs_fts AS f CROSS JOIN search_docs AS d ON d.id = f.rowid
        WHERE search_docs_fts MATCH :phrase AND f.rank MATCH 'bm25(10.0, 1.0)'
          AND d.pack_id = :pack AND {visible}
        ORDER BY f.rank
        """,
        params,
    )
    return list(_first_items(rows).values())


def _scan_in_order(
    conn: sqlite3.Connection, among: str, visible: str, params: dict[str, str]
) -> list[int]:
    """The best row of each of the first :data:`MAX_HITS` items matching a short query, in rank order.

    The rank a window over every matching row would give (title matches first,
    then by row ID), read in row order from the rows ``among`` names and
    stopped once enough items are found: a single letter is in nearly every
    row, a common Chinese character in thousands. Titles first: an item whose
    title matches is not looked at again with the bodies. ``instr()`` confirms
    every row, so the pairs' index only narrows what a scan would find.
    """
    title = "instr(lower(d.title), lower(:query)) > 0"
    body = "instr(lower(d.body), lower(:query)) > 0"
    kept: dict[str, int] = {}
    for condition in (title, f"({title} OR {body})"):
        # "+d.pack_id": read in row order, not through the (pack, item) index and a sort of every row.
        rows = conn.execute(
            f"SELECT d.id, d.item_id FROM search_docs AS d WHERE {among} AND +d.pack_id = :pack"
            f" AND {condition} AND {visible} ORDER BY d.id",
            params,
        )
        kept = _first_items(rows, kept)
        if len(kept) == MAX_HITS:
            break
    return list(kept.values())


def _first_items(rows: Iterable[tuple[int, str]], kept: dict[str, int] | None = None) -> dict[str, int]:
    """Item ID -> its first row, for ``kept`` and then ``rows`` (in rank order) until there are enough."""
    kept = {} if kept is None else kept
    for row_id, item_id in rows:
        kept.setdefault(item_id, row_id)
        if len(kept) == MAX_HITS:
            break
    return kept


def _hits(
    conn: sqlite3.Connection, pack_id: str, ranked: list[int], query: str, lang: str
) -> list[SearchHit]:
    """The hits for search rows ``ranked`` (in rank order): titles in ``lang``, snippets cut."""
    if not ranked:
        return []
    marks = ",".join("?" * len(ranked))
    found = {
        row[0]: row[1:]
        for row in conn.execute(
            f"SELECT id, kind, item_id, title, body, lang FROM search_docs WHERE id IN ({marks})", ranked
        )
    }
    item_ids = sorted({found[row_id][1] for row_id in ranked})
    # The titles of the hits only: reading every item's title cost more than the search itself.
    titles = {
        item_id: (en, zh)
        for item_id, en, zh in conn.execute(
            "SELECT id, title_en, title_zh FROM items WHERE pack_id = ? AND id IN"
            f" ({','.join('?' * len(item_ids))})",
            (pack_id, *item_ids),
        )
    }
    hits: list[SearchHit] = []
    for row_id in ranked:
        kind, item_id, title, body, found_lang = found[row_id]
        en, zh = titles.get(item_id, (title, title))
        shown = (zh or en) if lang == "zh-Hans" else (en or zh)
        text = title if query.lower() in title.lower() else body
        hits.append(SearchHit(kind, item_id, shown or "", _cut_snippet(text, query), found_lang))
    return hits

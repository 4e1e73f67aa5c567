"""Search speed at scale: a generated library of 10,000 items against a ranked FTS5 MATCH.

Generates a workshop of N items (library documents and glossary terms) whose
text is drawn at random from a real vocabulary: the English words and the
Chinese words of the bundled workshop (its glossary terms in both languages,
and its Chinese text cut into runs of two to four characters). Installs it in a
fresh store, then times, per kind of query,

- *search*: the app's search (``Store.search``: hits, titles and snippets, as
  an audience sees them), and
- *floor*: a ranked FTS5 MATCH of the same query over the same rows, 50 rowids
  and nothing else. A query of three characters or more matches the store's
  trigram table; a shorter one, which a trigram cannot match, a reference FTS5
  table the bench builds beside the store (unicode61, every Chinese character
  a token: a two-character word is a phrase of two tokens, a single letter a
  prefix query).

Kinds of query: English words, two-character Chinese words, four-character
Chinese phrases, single letters. Each run times every query once per kind;
prints median and p95 per kind as the median over the runs, with the spread
over runs (the noise of a shared machine). Usage:
``python bench/search.py [--items N] [--runs N] [--queries N]``.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from generated import generated_pack  # bench/generated.py, beside this script

from companion.core.content import ContentPack, load_folder
from companion.core.model import Document, GlossaryTerm, Section, Source, Text, texts_of
from companion.core.store import Store

BUNDLED = Path(__file__).resolve().parent.parent / "resources" / "content" / "nanning-workshop"
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
WORD = re.compile(r"[A-Za-z]{3,}")
KINDS = ("english word", "chinese 2 chars", "chinese 4 chars", "single letter")


def vocabulary(rng: random.Random) -> tuple[list[str], list[str]]:
    """English words and Chinese words of the bundled workshop."""
    pack = load_folder(BUNDLED)
    english: set[str] = set()
    chinese: set[str] = set()
    for item in pack.items:
        for text in texts_of(item):
            english.update(w.lower() for w in WORD.findall(text.en or ""))
            for run in CJK_RUN.findall(text.zh_hans or ""):
                at = 0
                while at + 2 <= len(run):
                    size = rng.choice((2, 2, 2, 3, 4))
                    chinese.add(run[at : at + size])
                    at += size
        if isinstance(item, GlossaryTerm):
            chinese.update(CJK_RUN.findall(item.term.zh_hans or ""))
    return sorted(english), sorted(chinese)


def generate(count: int, seed: int = 23) -> tuple[ContentPack, list[str], list[str]]:
    rng = random.Random(seed)
    english, chinese = vocabulary(rng)

    def text(words: int) -> Text:
        en = " ".join(rng.choices(english, k=words)).capitalize() + "."
        zh = "".join(rng.choices(chinese, k=words)) + "。"
        return Text(en=en, zh_hans=zh)

    def title() -> Text:
        n = rng.randint(2, 4)
        en = " ".join(rng.choices(english, k=n)).title()
        return Text(en=en, zh_hans="".join(rng.choices(chinese, k=n)))

    items: list[object] = []
    for n in range(count):
        if n % 4 == 0:
            items.append(
                Document(
                    id=f"doc-{n:06d}",
                    title=title(),
                    category="referral",
                    summary=text(30),
                    sections=[Section(heading=title(), body=text(80)) for _ in range(2)],
                    sources=[Source(citation=f"Generated source {n}, 2027")],
                    to_verify=[text(12)] if n % 8 == 0 else [],  # facilitator-only
                )
            )
        else:
            items.append(GlossaryTerm(id=f"gl-{n:06d}", term=title(), definition=text(40)))
    name = Text(en="Generated library", zh_hans="生成的资料库")
    return generated_pack("bench-library", name, items), english, chinese


def queries(pack: ContentPack, english: list[str], count: int, seed: int = 7) -> dict[str, list[str]]:
    """``count`` queries of each kind, each found in the library."""
    rng = random.Random(seed)
    zh_texts = [t.zh_hans for item in pack.items[:500] for t in texts_of(item) if t.zh_hans]

    def chinese(size: int) -> str:
        while True:
            run = rng.choice(CJK_RUN.findall(rng.choice(zh_texts)))
            if len(run) >= size:
                at = rng.randrange(len(run) - size + 1)
                return run[at : at + size]

    return {
        "english word": rng.sample([w for w in english if len(w) >= 4], count),
        "chinese 2 chars": [chinese(2) for _ in range(count)],
        "chinese 4 chars": [chinese(4) for _ in range(count)],
        "single letter": [rng.choice("abcdefghilmnoprstuw") for _ in range(count)],
    }


def _spaced(text: str) -> str:
    return CJK_RUN.sub(lambda m: " " + " ".join(m.group(0)) + " ", text)


def floor_table(store: Store, path: Path) -> sqlite3.Connection:
    """The reference FTS5 table for queries shorter than a trigram, over the store's search rows."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE floor USING fts5(title, body, tokenize='unicode61')")
    rows = store.conn.execute("SELECT id, title, body FROM search_docs").fetchall()
    with conn:
        conn.executemany(
            "INSERT INTO floor(rowid, title, body) VALUES (?, ?, ?)",
            ((rowid, _spaced(title), _spaced(body)) for rowid, title, body in rows),
        )
    return conn


def floor_query(store: Store, reference: sqlite3.Connection, query: str) -> Callable[[], object]:
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        sql = "SELECT rowid FROM search_docs_fts WHERE search_docs_fts MATCH ? ORDER BY rank LIMIT 50"
        conn = store.conn
    else:
        phrase = f'"{" ".join(query)}"' if CJK_RUN.fullmatch(query) else f"{query}*"
        sql, conn = "SELECT rowid FROM floor WHERE floor MATCH ? ORDER BY rank LIMIT 50", reference
    return lambda: conn.execute(sql, (phrase,)).fetchall()


def _time(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", type=int, default=40, help="queries of each kind per run")
    args = parser.parse_args()
    pack, english, _chinese = generate(args.items)
    asked = queries(pack, english, args.queries)
    with tempfile.TemporaryDirectory(prefix="companion-bench-search-") as tmp:
        store = Store.open(Path(tmp) / "store")
        start = time.perf_counter()
        store.install_pack(pack, make_current=True)
        installed = time.perf_counter() - start
        rows = store.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        reference = floor_table(store, Path(tmp) / "floor.db")
        for kind in KINDS:  # warm the page cache and the statement cache
            for query in asked[kind][:3]:
                store.search(query)
                floor_query(store, reference, query)()
        # per kind: one (median, p95) per run, for the app's search and for the floor
        figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _run in range(args.runs):
            for kind in KINDS:
                ours, floor = [], []
                for query in asked[kind]:  # alternate, so a burst of load hits both sides
                    ours.append(_time(lambda q=query: store.search(q)))  # type: ignore[misc]
                    floor.append(_time(floor_query(store, reference, query)))
                for side, values in (("search", ours), ("floor", floor)):
                    figures.setdefault((kind, side), []).append((statistics.median(values), p95(values)))
        hits = {kind: statistics.mean(len(store.search(q)) for q in asked[kind]) for kind in KINDS}
        store.close()
        reference.close()
    print(
        f"library: {args.items} items, {rows} search rows, installed in {installed:.1f} s; "
        f"{args.runs} runs x {args.queries} queries per kind"
    )
    print("ms, median over runs [min-max over runs]")
    print(f"{'query kind':<17} {'hits':>5}  {'search median':<20} {'search p95':<20} "
          f"{'floor median':<20} {'floor p95':<20}")
    for kind in KINDS:
        cells = []
        for side in ("search", "floor"):
            for n in (0, 1):
                values = [run[n] for run in figures[(kind, side)]]
                cells.append(f"{statistics.median(values):6.2f} [{min(values):.2f}-{max(values):.2f}]")
        print(f"{kind:<17} {hits[kind]:5.1f}  " + " ".join(f"{c:<20}" for c in cells))
    print("goal: search p95 at most 5 ms at 10,000 items for every kind of query")
    return 0


if __name__ == "__main__":
    sys.exit(main())

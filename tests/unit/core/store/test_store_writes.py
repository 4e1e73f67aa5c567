"""Installing a pack writes every item and search row exactly, many rows to a statement."""

from __future__ import annotations

from pathlib import Path

from companion.core.content import ContentPack
from companion.core.model import GlossaryTerm, Text
from companion.core.store import Store
from companion.core.store.store import INSERT_BATCH, ROWS_PER_INSERT, _search_docs
from tests.unit.pack_support import library_of

# Text a JSON or SQL round trip could bend: quotes, backslashes, a NUL, tabs, emoji, both scripts.
AWKWARD = 'He said "fees\\wages" it\'s 100% \x00 done\t—移民工人 🧾 [1]'


def _pack(count: int) -> ContentPack:
    items = [
        GlossaryTerm(
            id=f"gl-{n:05d}",
            term=Text(en=f"Term {n} {AWKWARD}", zh_hans=f"术语{n}"),
            definition=Text(en=f"Definition {n}: {AWKWARD}", zh_hans=None if n % 3 else f"定义{n}。"),
        )
        for n in range(count)
    ]
    return library_of(items)


def test_every_item_and_search_row_is_written_exactly(tmp_path: Path) -> None:
    count = INSERT_BATCH + 3 * ROWS_PER_INSERT + 7  # batches and statements of every size, one short
    pack = _pack(count)
    store = Store.open(tmp_path / "data")
    try:
        store.install_pack(pack, make_current=True)
        assert store.items(pack_id="library") == list(pack.items)
        columns = "pack_id, item_id, kind, lang, part, title, body, grams"
        written = store.conn.execute(f"SELECT {columns} FROM search_docs ORDER BY id").fetchall()
        expected = [tuple(doc.values()) for item in pack.items for doc in _search_docs("library", item)]
        assert written == expected
        assert [hit.id for hit in store.search("定义9。")] == ["gl-00009"]
        assert len(store.search('"fees\\wages"')) == 50
    finally:
        store.close()

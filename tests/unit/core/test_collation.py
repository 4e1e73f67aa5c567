"""Chinese lists in pinyin order, on paper and in the window, and pypinyin loaded only for them."""

from __future__ import annotations

import subprocess
import sys

from companion.core.collation import sort_key
from companion.core.handouts import builder
from companion.core.model import GlossaryTerm

# Code-point order would be 保护 (U+4FDD), 安置 (U+5B89), 拐卖 (U+62D0).
PINYIN_ORDER = ["安置", "保护", "拐卖"]


def _term(n: int, zh: str) -> GlossaryTerm:
    return GlossaryTerm.model_validate(
        {"id": f"gl-9{n:02d}", "term": {"en": f"term {n}", "zh-Hans": zh}, "definition": {"en": "d"}}
    )


def _listed(handout: builder.Handout) -> list[str]:
    """The terms in the order the handout's table lists them (each row's first cell)."""
    (table,) = [b for b in handout.blocks if isinstance(b, builder.Table)]
    return [row[0][0].text for row in table.rows]  # type: ignore[union-attr]


def test_a_chinese_glossary_handout_lists_terms_in_pinyin_order(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    terms = [_term(n, zh) for n, zh in enumerate(reversed(PINYIN_ORDER))]
    handout = builder.glossary(terms, bundled_pack.manifest, "", "zh-Hans")
    assert _listed(handout) == PINYIN_ORDER
    english = builder.glossary(terms, bundled_pack.manifest, "", "en")
    assert _listed(english) == ["term 0", "term 1", "term 2"]


def test_the_bundled_chinese_glossary_is_in_pinyin_order(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    listed = _listed(builder.glossary(bundled_pack.items, bundled_pack.manifest, "", "zh-Hans"))
    # an < bao < guai; a title in 《》 is filed under its first word (ba before bao), and 国际 before
    # 国家 (ji before jia), syllable by syllable as a dictionary does.
    for before, after in (
        ("案例", "保密"),
        ("保密", "拐卖妇女、儿童罪"),
        ("《巴勒莫议定书》", "保密"),
        ("国际劳工组织", "国家报告员"),
        ("强指标", "切除器官"),
    ):
        assert listed.index(before) < listed.index(after), (before, after)


def test_sort_keys() -> None:
    assert sorted(["b", "A", "c"], key=lambda t: sort_key(t, "en")) == ["A", "b", "c"]
    assert sorted(["“团圆”平台", "推定", "同意"], key=lambda t: sort_key(t, "zh-Hans")) == [
        "同意",
        "“团圆”平台",
        "推定",
    ]
    assert sort_key("安", "zh-Hans") < sort_key("案", "zh-Hans")  # ān before àn


def test_pypinyin_is_loaded_only_for_a_chinese_sort() -> None:
    code = (
        "import sys\n"
        "from companion.core.collation import sort_key\n"
        "from companion.core.handouts import builder\n"
        "sort_key('Debt bondage', 'en')\n"
        "print('pypinyin' in sys.modules)\n"
        "sort_key('债务奴役', 'zh-Hans')\n"
        "print('pypinyin' in sys.modules, 'pypinyin.phrases_dict' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "False"]  # light mode: no phrase dictionary

"""English text never carries the quotation marks of Chinese typography (“ ” 「 」, full width in CJK)."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from companion.core.model import Text
from companion.core.screening import evaluate

CHINESE_QUOTES = re.compile("[“”「」『』＂]")


def english_texts(value: object) -> list[str]:
    if isinstance(value, Text):
        return [value.en] if value.en else []
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in english_texts(getattr(value, name))]
    if isinstance(value, list | tuple):
        return [t for inner in value for t in english_texts(inner)]
    if isinstance(value, dict):
        return [t for inner in value.values() for t in english_texts(inner)]
    return []


def test_no_english_field_of_the_bundled_content_uses_chinese_quotes(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    texts = [(item.id, t) for item in bundled_pack.items for t in english_texts(item)]
    assert texts  # the walk reaches the content
    found = [(item_id, t[:60]) for item_id, t in texts if CHINESE_QUOTES.search(t)]
    assert found == []


@pytest.mark.parametrize("age", [None, 15, 30])
@pytest.mark.parametrize("answer", ["present", "absent", "unknown"])
def test_no_english_result_text_uses_chinese_quotes(bundled_pack, age: int | None, answer: str) -> None:  # type: ignore[no-untyped-def]
    for tool in bundled_pack.by_kind("screening-tool"):
        if tool.style == "guide":
            continue
        answers = {i.id: answer for d in tool.dimensions for i in d.indicators}
        result = evaluate(tool, answers, age=age)
        for text in (result.label, result.explanation, *result.caveats):
            assert not CHINESE_QUOTES.search(text.en or ""), (tool.id, text.en)

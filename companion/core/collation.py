"""The order in which terms are listed: one sort key for every list a reader scans by eye.

English (and any other language) sorts by case-folded text. Chinese sorts by pinyin, as a
Chinese dictionary or index does, not by code point (which puts 拐卖 before 保护). Both the
glossary handout and the window's glossary list use :func:`sort_key`, so paper and screen agree.

pypinyin is imported on the first Chinese key only, never at start-up, and in its light mode:
the single-character dictionary without the phrase dictionary. Measured on the development
machine, the full import took about 160 ms and 55 MB; the light one about 45 ms and 11 MB. The
price: a character with several readings sorts under its commonest one (重新 under zhong, as
Unicode's own pinyin collation does), where the phrase dictionary would have read chong.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

# Leading marks a reader skips when looking a term up: quotation marks, title marks, brackets.
_SKIPPED = "\"'“”‘’《》〈〉「」『』（）()[]【】 \u3000"

Key = tuple[tuple[str, ...], str]

_pinyin: Callable[[str], list[str]] | None = None


def _load_pinyin() -> Callable[[str], list[str]]:
    """pypinyin's TONE3 reading of a text, one item per Chinese character, other runs as they are."""
    global _pinyin
    if _pinyin is None:
        if "pypinyin" not in sys.modules:
            # Read when pypinyin is first imported: skip the 2.5 MB phrase dictionary (four fifths of
            # the import's time and memory) and the copy it makes of its dictionaries.
            os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
            os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
        from pypinyin import Style, lazy_pinyin

        def reading(text: str) -> list[str]:
            return list(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))

        _pinyin = reading
    return _pinyin


def sort_key(text: str, lang: str) -> Key:
    """The key that puts ``text`` in its place in a list in ``lang`` ("en" or "zh-Hans").

    Chinese: syllable by syllable, by pinyin and then tone (安 ān before 案 àn), with
    the text itself breaking ties, so that the order never depends on the input's order.
    """
    stripped = text.lstrip(_SKIPPED) or text
    if lang != "zh-Hans":
        return ((stripped.casefold(),), text)
    syllables = tuple(s.casefold() for s in _load_pinyin()(stripped))
    return (syllables, text)

"""Where lines of Chinese text may break: between any two characters, with the usual exceptions.

Owns the rules for breaking Chinese (and Chinese mixed with English) into lines
of given widths. reportlab's own CJK breaking follows Japanese rules, which miss
most Chinese punctuation, so a line could start with a full-width comma or
colon. Here, as in Chinese typesetting practice (line-start and line-end
prohibitions, 避头尾):

- a line never starts with closing punctuation (，。、：；！？ ） 》 ” …) and
  never ends with opening punctuation (（ 《 “);
- English words and numbers inside Chinese text are not cut, unless one is
  wider than a whole line;
- spaces at a break are dropped;
- a heading (``heading=True``) breaks only after punctuation (，、：；。！？) or
  at a space, so that no word of a title is cut in two ("国/际"); only a
  heading with no such place in a line's width is broken as text is.

Pure text and numbers: the caller measures characters (in points).

Hand-written because no library does this job: Unicode line breaking (UAX #14,
in uniseg or PyICU) lets a line start with a dash (—), which the rules above
forbid, and fits nothing to widths; PyICU would also bring ICU into the bundle.
"""

from __future__ import annotations

from collections.abc import Sequence

# Closing and trailing marks: never the first character of a line.
NO_LINE_START = frozenset(
    "，。、：；！？）］｝〕〉》」』】〗〙〛”’…—～·‧％‰℃"
    "々〻ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.:;!?)]}%"
)
# Opening marks: never the last character of a line.
NO_LINE_END = frozenset("（［｛〔〈《「『【〖〘〚“‘([{")
# Punctuation set among Chinese characters though coded below the CJK blocks.
_CJK_PUNCTUATION = frozenset("“”‘’—…·")
_FUZZ = 1e-6  # widths are sums of floats; reportlab allows the same slack
# Where a heading may end a line: after these, or next to a space.
HEADING_BREAK_AFTER = frozenset("，、：；。！？")


def is_cjk(char: str) -> bool:
    """A character that may stand next to a line break on either side (Chinese, Japanese, full-width)."""
    return char >= "\u2e80" or char in _CJK_PUNCTUATION


def break_lines(
    text: str, advances: Sequence[float], widths: Sequence[float], heading: bool = False
) -> list[tuple[float, str]]:
    """``text`` in lines: each line's unused width and its text. ``advances``: each character's width.

    ``widths`` gives each line's width; the last applies to all further lines.
    ``heading``: break by :func:`may_break_heading` wherever it allows a break.
    """
    lines: list[tuple[float, str]] = []
    start, count = 0, len(text)
    while start < count and text[start] == " ":
        start += 1
    while start < count:
        width = widths[min(len(lines), len(widths) - 1)]
        end, used = start, 0.0
        while end < count and used + advances[end] <= width + _FUZZ:
            used += advances[end]
            end += 1
        if end < count:
            end = _last_break(text, start, end, heading)
        line_end = end
        while line_end > start and text[line_end - 1] == " ":
            line_end -= 1
        lines.append((width - sum(advances[start:line_end]), text[start:line_end]))
        start = end
        while start < count and text[start] == " ":
            start += 1
    return lines


def _last_break(text: str, start: int, end: int, heading: bool = False) -> int:
    """The latest break at or before ``end`` that leaves ``start`` a line of at least one character.

    Without one (a word wider than the line), the word is cut, still never
    before closing punctuation; as a last resort, at ``end``.
    """
    rules = (may_break_heading, may_break, _may_cut) if heading else (may_break, _may_cut)
    for allowed in rules:
        for position in range(end, start, -1):
            if allowed(text, position):
                return position
    return max(end, start + 1)


def _may_cut(text: str, position: int) -> bool:
    return text[position] not in NO_LINE_START and text[position - 1] not in NO_LINE_END


def may_break(text: str, position: int) -> bool:
    """Whether a line may end before ``text[position]``."""
    before, after = text[position - 1], text[position]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return before == " " or after == " " or is_cjk(before) or is_cjk(after)


def may_break_heading(text: str, position: int) -> bool:
    """Whether a heading may end a line before ``text[position]``: after punctuation or at a space."""
    before, after = text[position - 1], text[position]
    return may_break(text, position) and (before in HEADING_BREAK_AFTER or before == " " or after == " ")

"""Paragraphs of plain text, laid out and drawn by reportlab at a fraction of its usual cost.

Owns :class:`Para`, the paragraph every handout is made of, and
:class:`CellText`, the lighter one of table cells. A print pack holds over a
thousand paragraphs, most of them one line in a table cell or a form row, and
reportlab's general machinery (markup parsing, word-by-word line breaking, a
saved and translated graphics state per paragraph) made those the bulk of an
export. Each shortcut here applies only where reportlab's own result is known
in advance, and the paragraph falls back to reportlab everywhere else; the
tests compare the two. The one deliberate difference: Chinese lines break by
Chinese rules (:mod:`.linebreak`). What the shortcuts need of reportlab's
undocumented paragraph (its fragments and broken-lines records) is reached
through :mod:`.reportlab_private` only.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from companion.core.handouts import reportlab_private
from companion.core.handouts.linebreak import break_lines
from companion.core.handouts.reportlab_private import Line, collapsed, split, strip
from companion.core.handouts.reportlab_public import (
    TA_LEFT,
    Canvas,
    Color,
    Flowable,
    ParagraphStyle,
    TextObject,
    getAscentDescent,
    getFont,
)

if TYPE_CHECKING:
    from companion.core.handouts.reportlab_private import Lines

__all__ = ["MARK_COLOR", "CellText", "Para", "cell_text", "collapsed"]

MARK_COLOR = "#a33333"  # the fallback mark: "shown in the other language"


class Para(reportlab_private.Paragraph):
    """A reportlab paragraph with shortcuts, each giving reportlab's own result.

    - Lines are broken once per width (:class:`.reportlab_private.Paragraph`).
    - Plain text is broken by :func:`_greedy`, reportlab's rule without its
      general machinery (hyphenation, bidi, markup), with each distinct word
      measured once per process; plain Chinese text by :mod:`.linebreak`.
      Anything else goes to reportlab.
    - Plain left-aligned lines are drawn as one text object, without the two
      saved and one translated graphics states reportlab puts around each
      paragraph.
    """

    heading = False  # a heading's Chinese lines break only between phrases (:mod:`.linebreak`)

    # --- line breaking ---

    def english_lines(self, widths: Sequence[float]) -> Lines | None:
        """reportlab's broken-lines record for plain text, or None to leave the text to reportlab."""
        frag = self.plain_fragment()
        if frag is None or self.style.wordWrap:
            return None
        words = split(strip(frag.text))
        if not words:
            return None
        font, size = frag.fontName, frag.fontSize
        broken = _english_lines(words, font, size, widths, self.style.spaceShrinkage)
        if broken is None:
            return None
        lines, widest = broken
        ascent, descent = _ascent_descent(font, size)
        return self.lines_record(frag, lines, ascent, descent, widest)

    def chinese_lines(self, widths: Sequence[float]) -> Lines | None:
        """The broken-lines record for plain Chinese text (reportlab's form), or None: reportlab breaks it.

        Broken by :mod:`.linebreak`'s rules for Chinese rather than reportlab's,
        which let a line start with a full-width comma or colon.
        """
        frag = self.plain_fragment()
        if frag is None:
            return None
        text = " ".join(split(strip(frag.text)))
        lines = _chinese_lines(text, frag.fontName, frag.fontSize, widths, self.heading)
        return self.lines_record(frag, lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)

    # --- drawing ---

    def draw_plain(self, canvas: Canvas, x: float, y: float) -> None:
        _draw_alone(canvas, self, x, y)

    def add_lines(self, text: TextObject, x: float, y: float, previous: _Lined | None = None) -> None:
        """Add this paragraph's lines, in its font and colour, to a text object; its bottom left at x, y.

        Only for a :meth:`plain` paragraph. Several paragraphs can share one text
        object (a table row's cells do): ``previous`` is the one added last,
        whose font and colour still hold. The colour outlasts the text object,
        so whoever draws it saves and restores the graphics state around it.
        """
        _, size, _ = self.font()
        text.setTextOrigin(x + self.style.leftIndent, y + self.height - size)
        _add_lines(text, self.broken_lines(), self, previous)


class CellText(Flowable):
    """Plain text in one style in a table cell or form row: laid out and drawn as :class:`Para`, cheaper.

    A print pack has over a thousand cells, most one or two lines long. As
    paragraphs each was a fragment, a reportlab ``Paragraph`` and a broken-lines
    record; this keeps only the text, its style and its lines. English breaks
    by the same greedy rule and sums as :class:`Para`, so into the same lines;
    Chinese by :mod:`.linebreak`. A word wider than its cell, which reportlab
    would cut, is cut by :mod:`.linebreak`. Only for text :func:`cell_text`
    accepts, in rows that are never split (a row taller than a page is made of
    paragraphs again, see ``Renderer._paragraphs``).
    """

    def __init__(
        self, text: str, style: ParagraphStyle, lines: list[Line] | None = None, width: float = -1
    ) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.lines = lines  # (width left, [words]) per line, as in reportlab's broken-lines record
        self._broken_for = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        if self.lines is None or availWidth != self._broken_for:
            self.lines, self._broken_for = _cell_lines(self.text, self.style, availWidth), availWidth
        self.width, self.height = availWidth, len(self.lines) * self.style.leading
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return self.style.spaceAfter

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 (reportlab's names)
        _draw_alone(canvas, self, x, y)

    def add_lines(self, text: TextObject, x: float, y: float, previous: _Lined | None = None) -> None:
        """As :meth:`Para.add_lines`."""
        text.setTextOrigin(x, y + self.height - self.style.fontSize)
        _add_lines(text, self.lines or [], self, previous)

    def font(self) -> tuple[str, float, float]:
        return self.style.fontName, self.style.fontSize, self.style.leading

    def color(self) -> Color:
        return self.style.textColor

    def plain(self) -> bool:
        return bool(self.lines)


def cell_text(text: str, style: ParagraphStyle) -> bool:
    """Whether ``text`` in ``style`` can be a :class:`CellText` rather than a :class:`Para`."""
    if "\xa0" in text or "\xad" in text or style.alignment != TA_LEFT:
        return False
    return not (style.leftIndent or style.rightIndent or style.firstLineIndent)


def _cell_lines(text: str, style: ParagraphStyle, width: float) -> list[Line]:
    font, size = style.fontName, style.fontSize
    if not text:
        return []
    if style.wordWrap != "CJK":
        broken = _english_lines(text.split(), font, size, [width], style.spaceShrinkage)
        if broken is not None:
            return broken[0]
    return _chinese_lines(text, font, size, [width])  # also cuts a word wider than the cell


def _english_lines(
    words: list[str], font: str, size: float, widths: Sequence[float], shrinkage: float
) -> tuple[list[Line], float] | None:
    """:func:`_greedy` over the words' measured widths."""
    (space,) = _word_widths([" "], font, size)
    return _greedy(words, _word_widths(words, font, size), widths, space, shrinkage)


def _chinese_lines(
    text: str, font: str, size: float, widths: Sequence[float], heading: bool = False
) -> list[Line]:
    """:func:`.linebreak.break_lines` over the characters' measured widths, in reportlab's record form."""
    advances = _word_widths(list(text), font, size)
    return [(left, [line]) for left, line in break_lines(text, advances, widths, heading)]


class _Lined(Protocol):
    """Text drawn as lines into a text object: :class:`Para` and :class:`CellText`."""

    def font(self) -> tuple[str, float, float]: ...
    def color(self) -> Color: ...
    def add_lines(self, text: TextObject, x: float, y: float, previous: _Lined | None = None) -> None: ...


def _draw_alone(canvas: Canvas, source: _Lined, x: float, y: float) -> None:
    """``source``'s lines as a text object of their own, its bottom left at x, y."""
    canvas.saveState()  # the colour is this text's only
    text = canvas.beginText()
    source.add_lines(text, x, y)
    canvas.drawText(text)
    canvas.restoreState()


def _add_lines(text: TextObject, lines: list[Line], source: _Lined, previous: _Lined | None) -> None:
    """Lines (width left, words) into a text object, in ``source``'s font and colour.

    ``previous`` is what was added to the text object last: its font and colour
    still hold and are not set again.
    """
    if previous is None or source.font() != previous.font():
        text.setFont(*source.font())
    if previous is None or source.color() != previous.color():
        text.setFillColor(source.color())
    for left, words in lines:
        line = " ".join(words)
        spaces = len(words) - 1 + line.count("\xa0")
        if left < -1e-8 and spaces > 0:  # a line squeezed to fit, as reportlab does: its spaces are narrower
            text.setWordSpace(left / spaces)
            text.textLine(line)
            text.setWordSpace(0)
        else:
            text.textLine(line)


@functools.cache
def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    return getAscentDescent(font, size)


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}  # font and size: word (or character) -> width


def _word_widths(words: list[str], font: str, size: float) -> list[float]:
    """The width of each word (or character), as reportlab measures it, each measured once per process.

    Handout text repeats its words ("the", "of", an indicator's terms) and
    Chinese characters thousands of times; each measurement is three calls deep
    in reportlab.
    """
    known = _WIDTHS.setdefault((font, size), {})
    new = [word for word in words if word not in known]
    if new:
        width = getFont(font).stringWidth
        known.update((word, width(word, size)) for word in new)
    return list(map(known.__getitem__, words))


def _greedy(
    words: list[str], word_widths: list[float], widths: Sequence[float], space: float, shrinkage: float
) -> tuple[list[Line], float] | None:
    """Words broken into lines by reportlab's greedy rule: the lines and the widest, or None.

    A word joins the line while the line stays within its width plus the little
    each space may shrink; otherwise it starts the next line. The sums are
    reportlab's, in its order, so the result is the same to the last bit. A
    word wider than its line is left to reportlab (None), which cuts it.
    """
    shrink = shrinkage * space
    last = len(widths) - 1
    line_width = widths[0]
    lines: list[Line] = []
    line: list[str] = []
    used = -space  # no space before a line's first word
    widest = 0.0
    for word, word_width in zip(words, word_widths, strict=True):
        if word_width > line_width:
            return None
        extended = used + space + word_width
        if extended <= line_width + shrink * len(line) or not line:
            line.append(word)
            used = extended
            continue
        widest = max(widest, used)
        lines.append((line_width - used, line))
        line, used = [word], word_width
        line_width = widths[min(last, len(lines))]
    lines.append((line_width - used, line))
    return lines, max(widest, used)

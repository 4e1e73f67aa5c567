"""Every private or undocumented reportlab name the handouts use: where reportlab defines it, and why.

The handouts reach past reportlab's documented API only here, each time
because the public API has no way to do it, or one that costs much more (an
export spent most of its time in the code these replace). Nothing else in the
package may use these names; it calls the classes and functions below.
reportlab is pinned to one minor version in pyproject.toml, and the tests
compare every shortcut made with these names against reportlab's own result
(``tests/unit/core/handouts/test_handout_paragraphs.py``), split tables over pages
(``tests/unit/core/handouts/test_handout_tables.py``) and render every handout
(``tests/unit/core/handouts/test_handouts.py``), so that an upgrade that moves one
fails loudly.

Files are named inside the reportlab package (reportlab 5.1).

Paragraph (``platypus/paragraph.py``), for :class:`Paragraph`:

- ``frags``, the paragraph's fragments (``ParaFrag``, ``platypus/paraparser.py``),
  and the constructor's ``frags`` argument: a paragraph made from fragments
  skips the markup parser, built anew for every paragraph (:class:`Fragments`).
  Fragment attributes read: ``text``, ``fontName``, ``fontSize``,
  ``textColor``, ``cbDefn``, ``backColor``; ``clone()`` (``lib/abag.py``).
- ``breakLines(widths)`` and ``breakLinesCJK(widths)``: the methods ``wrap``
  breaks lines with; overridden to break plain text without reportlab's
  general machinery (hyphenation, bidi, markup). Public API: none.
- ``blPara``, the broken-lines record ``wrap`` leaves: ``kind`` 0 (one font),
  ``lines`` of (width left, words), ``fontName``, ``fontSize``,
  ``textColor``, ``ascent``, ``descent``; ``us_lines`` and ``link`` when
  underlined or linked. Made by cloning the fragment, as reportlab does; read
  to keep a wrap per width and to draw plain lines as one text object.
- ``_wrapWidths`` and ``_width_max``, also left by ``wrap``, kept and put
  back with ``blPara``; ``_splitLongWordCount`` and ``_hyphenations``,
  counters ``breakLines`` resets, reset by ours too.
- ``_splitpara``: marks the first piece of a split paragraph, whose lines are
  already broken; such a piece is never wrapped from the kept record.
- ``_offsets``: per-line indents ``ImageAndFlowables`` sets
  (``platypus/flowables.py``); a paragraph that has them is drawn by reportlab.
- ``split``, ``strip`` and ``cleanBlockQuotedText``: how reportlab splits
  paragraph text into words and collapses white space.

Flowable (``platypus/flowables.py``): ``_hAlignAdjust(x, sW)``, where
``drawOn`` puts a flowable of a given ``hAlign``; :class:`Paragraph` draws
plain lines itself and places them the same way.

Canvas (``pdfgen/canvas.py``), for :class:`PagesHeldCanvas`:
``_startPage()``, which begins the next page without emitting the one just
drawn, and the canvas's instance dictionary, where a page's drawing and
resources live: with both, every page is kept until the end and "page x of
y" added then, in one build pass (the common recipe). Public ways: build
twice (all the layout work twice), or draw the total as a form defined at the
end, which would no longer let the label be centred as one string.

Table (``platypus/tables.py``): ``_rowHeights``, each row's height once the
table is laid out, read to cut a row only when it could not fit on a page of
its own; the public API has no accessor (:func:`row_heights`).

TTFont (``pdfbase/ttfonts.py``), for :class:`HandoutFont`:
``state[doc].assignments``, each character's code in a document's subsets,
read to encode a string with one lookup a character (reportlab's
``splitString`` loops in Python: the largest single cost of an export), and
``face.get_table(tag)``, which reads a table out of the font file, cached
(each embedded subset copied over 4 MB out of the file again). Overriding
``splitString`` itself is public: reportlab.pdfbase.ttfonts documents it.

Replaced by public API when this module was made, with the same PDFs to the
byte: ``Frame._width`` and its paddings (``Frame.width``,
``Frame.leftPadding``...), ``Canvas._pageNumber`` (``getPageNumber()``),
and ``Table._calc`` with ``_splitRows`` (``split`` with ``splitInRow`` off,
see ``render._Grid``).
"""

# ruff: noqa: N802, N803, N815 (reportlab's names)

from __future__ import annotations

import functools
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, Self, cast

from companion.core.handouts.reportlab_public import (
    TA_LEFT,
    Canvas,
    Color,
    ParagraphStyle,
    Table,
    TTFont,
)
from companion.core.handouts.reportlab_public import Paragraph as PublicParagraph

Line = tuple[float, list[str]]  # a line of a broken-lines record of kind 0: width left, words

if TYPE_CHECKING:
    from collections.abc import Callable

    class Frag:
        """A paragraph fragment (``ParaFrag``): text in one style."""

        text: str
        fontName: str
        fontSize: float
        textColor: Color

        def clone(self, **changes: object) -> Frag: ...

    class Lines(Frag):
        """A broken-lines record (``blPara``) of kind 0 (one font): a clone of the paragraph's fragment."""

        kind: int
        lines: list[Line]
        ascent: float
        descent: float

    def split(text: str, delim: str | None = None) -> list[str]: ...
    def strip(text: str) -> str: ...
    def cleanBlockQuotedText(text: str, joiner: str = " ") -> str: ...

    class _ReportlabParagraph(PublicParagraph):
        """The undocumented members of reportlab's ``Paragraph``."""

        frags: list[Frag]
        blPara: Lines
        _wrapWidths: list[float]
        _width_max: float
        _splitLongWordCount: int
        _hyphenations: int

        def __init__(
            self,
            text: str | None,
            style: ParagraphStyle,
            bulletText: str | None = None,
            frags: list[Frag] | None = None,
        ) -> None: ...
        def breakLines(self, width: float | Sequence[float]) -> Lines: ...
        def breakLinesCJK(self, maxWidths: float | Sequence[float]) -> Lines: ...
        def _hAlignAdjust(self, x: float, sW: float = 0) -> float: ...

    class _ReportlabCanvas(Canvas):
        def _startPage(self) -> None: ...

    class _FontState:
        assignments: dict[int, int]

    class _FontFace:
        get_table: Callable[[str], bytes]

    class _ReportlabTTFont(TTFont):
        face: _FontFace
        state: dict[object, _FontState]

else:
    from reportlab.platypus.paragraph import cleanBlockQuotedText, split, strip

    _ReportlabParagraph = PublicParagraph
    _ReportlabCanvas = Canvas
    _ReportlabTTFont = TTFont


# --- Paragraphs --------------------------------------------------------------------


class Fragments:
    """Paragraph fragments of plain text, made without reportlab's markup parser.

    Every handout paragraph is plain text, sometimes followed by a coloured
    mark. reportlab parses paragraph markup with an HTML parser built anew for
    each paragraph; here the parser runs once per style, to make the fragments
    a text and a mark in that style start from, and each paragraph copies them.
    ``mark_color`` is the mark's colour, as markup (``#a33333``).
    """

    def __init__(self, mark_color: str) -> None:
        self._mark_color = mark_color
        self._templates: dict[str, tuple[Frag, Frag]] = {}

    def __call__(self, text: str, style: ParagraphStyle, mark: str = "") -> list[Frag]:
        """The fragments of ``text`` and then ``mark``, their white space collapsed as reportlab does."""
        templates = self._templates.get(style.name)
        if templates is None:
            markup = f'x <font color="{self._mark_color}">x</font>'
            frags = _ReportlabParagraph(markup, style).frags
            templates = self._templates[style.name] = (frags[0], frags[-1])
        plain, marked = templates
        text, mark = collapsed(text), collapsed(mark)
        frags = [plain.clone(text=f"{text} " if mark else text)] if text else []
        if mark:
            frags.append(marked.clone(text=mark))
        return frags


def collapsed(text: str) -> str:
    """What reportlab does to a paragraph's text before parsing: white space runs become one space.

    That is ``str.split()`` and a join, unless the text holds a no-break space,
    which reportlab keeps and ``str.split()`` would not.
    """
    return cleanBlockQuotedText(text) if "\xa0" in text else " ".join(text.split())


class Paragraph(_ReportlabParagraph):
    """reportlab's paragraph, wrapped once per width, whose lines a subclass may break and draw.

    - ``wrap`` keeps its result per width. A table cell is wrapped to the same
      width again and again (to size its row, for each piece of a table split
      over pages, and to draw it); the result depends only on the width.
    - reportlab's ``wrap`` breaks lines with ``breakLines`` (``breakLinesCJK``
      for ``wordWrap="CJK"``). Both ask :meth:`english_lines` or
      :meth:`chinese_lines` first, which return a record made with
      :meth:`lines_record`, or None to leave the text to reportlab.
    - ``drawOn`` gives a :meth:`plain` paragraph to :meth:`draw_plain`.
    """

    _wrapped: tuple[float, Lines, float, list[float], float] | None = None

    @classmethod
    def of_fragments(cls, style: ParagraphStyle, frags: list[Frag]) -> Self:
        """A paragraph of fragments made by :class:`Fragments`: no markup to parse."""
        return cls(None, style, frags=frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self._wrapped
        # ``split`` may drop ``blPara`` to force a fresh wrap; the kept one is the same.
        if kept is not None and kept[0] == availWidth and not getattr(self, "_splitpara", 0):
            _, self.blPara, self.height, self._wrapWidths, self._width_max = kept
            self.width = availWidth
            return availWidth, self.height
        width, height = super().wrap(availWidth, availHeight)
        if width == availWidth and hasattr(self, "blPara"):  # not the "cannot fit here" answer
            width_max: float = getattr(self, "_width_max", 0.0)
            self._wrapped = (availWidth, self.blPara, height, self._wrapWidths, width_max)
        return width, height

    # --- line breaking ---

    def breakLines(self, width: float | Sequence[float]) -> Lines:
        lines = self.english_lines([width] if isinstance(width, (int, float)) else width)
        return lines if lines is not None else super().breakLines(width)

    def breakLinesCJK(self, maxWidths: float | Sequence[float]) -> Lines:
        lines = self.chinese_lines([maxWidths] if isinstance(maxWidths, (int, float)) else maxWidths)
        return lines if lines is not None else super().breakLinesCJK(maxWidths)

    def english_lines(self, widths: Sequence[float]) -> Lines | None:
        """The broken-lines record for lines of ``widths`` (the last repeats), or None: reportlab's rule."""
        return None

    def chinese_lines(self, widths: Sequence[float]) -> Lines | None:
        """As :meth:`english_lines`, for a style with ``wordWrap="CJK"``."""
        return None

    def plain_fragment(self) -> Frag | None:
        """This paragraph's one fragment, if reportlab would break it as plain words; else None.

        Not plain: several fragments (a mark), bullets, hyphenation,
        decorations, no-break spaces and soft hyphens (which reportlab treats
        specially), and the first piece of a split paragraph (already broken).
        """
        style = self.style
        if len(self.frags) != 1 or self.bulletText:
            return None
        if getattr(self, "_splitpara", 0):
            return None
        if style.endDots or style.shaping or style.hyphenationLang or style.embeddedHyphenation:
            return None
        frag = self.frags[0]
        text = getattr(frag, "text", None)
        if not text or style.uriWasteReduce or "\xa0" in text or "\xad" in text:
            return None
        return None if hasattr(frag, "cbDefn") or hasattr(frag, "backColor") else frag

    def lines_record(
        self, frag: Frag, lines: list[Line], ascent: float, descent: float, widest: float | None = None
    ) -> Lines:
        """A broken-lines record of ``frag``'s text in ``lines``, as reportlab makes it.

        ``widest`` is the widest line, which English breaking records (as
        reportlab's ``breakLines`` does, with its counters) and Chinese not.
        """
        if widest is not None:
            self._width_max = widest
            self._splitLongWordCount = self._hyphenations = 0
        record = frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent)
        return cast("Lines", record)

    # --- drawing ---

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if not self.plain():
            super().drawOn(canvas, x, y, _sW)
            return
        self.draw_plain(canvas, self._hAlignAdjust(x, _sW), y)

    def draw_plain(self, canvas: Canvas, x: float, y: float) -> None:
        """Draw this :meth:`plain` paragraph, its bottom left at x, y."""
        raise NotImplementedError

    def plain(self) -> bool:
        """Whether reportlab would draw this wrapped paragraph as only left-aligned lines of one font."""
        paragraph = getattr(self, "blPara", None)
        style = self.style
        if paragraph is None or paragraph.kind != 0 or not paragraph.lines or self.bulletText:
            return False
        if style.alignment != TA_LEFT or style.firstLineIndent or style.backColor or style.borderWidth:
            return False
        if getattr(paragraph, "us_lines", None) or getattr(paragraph, "link", None):
            return False
        leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return leading not in ("max", "min") and not getattr(self, "_offsets", None)

    def broken_lines(self) -> list[Line]:
        """The lines of this wrapped :meth:`plain` paragraph: (width left, words) each."""
        return self.blPara.lines

    def font(self) -> tuple[str, float, float]:
        """The font name, size and leading this wrapped paragraph is drawn in."""
        return self.blPara.fontName, self.blPara.fontSize, self.style.leading

    def color(self) -> Color:
        return self.blPara.textColor


# --- Pages -------------------------------------------------------------------------


class PagesHeldCanvas(_ReportlabCanvas):
    """A canvas that holds every page until it is saved, so that each can show the number of pages.

    A subclass draws what depends on the total in :meth:`finish_page`, called
    for each page in turn once all are drawn, after :meth:`before_pages`
    (where what every page shows can be made once, as a form).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # whatever the document template passes
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, object]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        self.before_pages(total)
        for state in self._held:
            self.__dict__.update(state)
            self.finish_page(total)
            super().showPage()
        super().save()

    def before_pages(self, total: int) -> None:
        """Called once, when all ``total`` pages are drawn, before :meth:`finish_page`."""

    def finish_page(self, total: int) -> None:
        """Add to the current page (``getPageNumber()``) what depends on the ``total`` of pages."""


# --- Tables --------------------------------------------------------------------------


def row_heights(table: Table) -> list[float | None]:
    """Each row's height, as the table's last ``wrap`` or ``split`` laid it out."""
    heights: list[float | None] = table.__dict__["_rowHeights"]
    return heights


# --- The font ------------------------------------------------------------------------


class HandoutFont(_ReportlabTTFont):
    """A TrueType font as reportlab's ``TTFont``, made cheaper where an export spends most.

    - **Encoding.** Every string drawn goes through ``splitString``: each
      character's code in the document's font subset, grouped into runs of one
      subset. reportlab looks each character up in a Python loop, the largest
      single cost of an export. Once a document has used every character of a
      string, the codes are one dictionary lookup each, done by ``map``; a
      string with a character not seen before goes to reportlab, which assigns it.
    - **Subsetting.** Each subset embedded in each PDF read the glyph, metric
      and name tables out of the font file again, copying over 4 MB each time
      (an English print pack embeds seven). The tables are read once per process.
    """

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:
        super().__init__(name, filename, subfontIndex=subfontIndex)
        self.face.get_table = functools.cache(self.face.get_table)  # the file's tables never change

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            try:
                codes = list(map(state.assignments.__getitem__, map(ord, text)))
            except KeyError:  # new to this document (or a no-break space, which reportlab maps itself)
                pass
            else:
                if not codes or max(codes) < 256:
                    return [(0, bytes(codes))] if codes else []
                return [(subset, bytes(n & 0xFF for n in run)) for subset, run in groupby(codes, _subset)]
        return super().splitString(text, doc, encoding)


def _subset(code: int) -> int:
    return code >> 8


__all__ = [
    "Fragments",
    "HandoutFont",
    "Line",
    "PagesHeldCanvas",
    "Paragraph",
    "collapsed",
    "row_heights",
    "split",
    "strip",
]

"""reportlab's documented API as the handouts use it: typed for the type checker, reportlab's own at run time.

reportlab ships no type information. For mypy this module declares the part
of reportlab's public API the handouts call, with the types reportlab
documents; at run time it only re-exports reportlab's own names, so it costs
nothing and changes nothing. What reportlab does not document is in
:mod:`.reportlab_private`. Only these two modules import reportlab, and only
the renderer imports them: the window and the command line start without it.

A declaration here says what the handouts rely on, not all reportlab offers:
add a name when the handouts start to use it.
"""

# ruff: noqa: N802, N803, N815 (reportlab's names)

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = [
    "A4",
    "LETTER",
    "TA_LEFT",
    "BaseDocTemplate",
    "Canvas",
    "Color",
    "CondPageBreak",
    "Flowable",
    "Frame",
    "HexColor",
    "ListFlowable",
    "ListItem",
    "PageBreak",
    "PageTemplate",
    "Paragraph",
    "ParagraphStyle",
    "PathObject",
    "Spacer",
    "StyleSheet1",
    "TTFont",
    "Table",
    "TextObject",
    "black",
    "getAscentDescent",
    "getFont",
    "mm",
    "registerFont",
    "stringWidth",
]

if TYPE_CHECKING:  # declarations for mypy; the else branch is what runs
    from collections.abc import Callable, Sequence
    from typing import BinaryIO

    # --- reportlab.lib ---

    class Color:
        """reportlab.lib.colors.Color: compared, never looked into."""

    def HexColor(val: str) -> Color: ...

    black: Color
    A4: tuple[float, float]
    LETTER: tuple[float, float]
    mm: float
    TA_LEFT: int

    class ParagraphStyle:
        """reportlab.lib.styles.ParagraphStyle: the attributes the handouts set or read."""

        name: str
        fontName: str
        fontSize: float
        leading: float
        spaceBefore: float
        spaceAfter: float
        leftIndent: float
        rightIndent: float
        firstLineIndent: float
        alignment: int
        textColor: Color
        backColor: Color | None
        borderWidth: float
        wordWrap: str | None
        spaceShrinkage: float
        endDots: object
        shaping: int
        hyphenationLang: str
        embeddedHyphenation: int
        uriWasteReduce: float
        autoLeading: str

        def __init__(self, name: str, parent: ParagraphStyle | None = None, **attributes: object) -> None: ...

    class StyleSheet1:
        byName: dict[str, ParagraphStyle]

        def add(self, style: ParagraphStyle, alias: str | None = None) -> None: ...
        def __getitem__(self, key: str) -> ParagraphStyle: ...

    # --- reportlab.pdfbase ---

    class TTFont:
        """reportlab.pdfbase.ttfonts.TTFont: a TrueType font, embedded as subsets."""

        fontName: str

        def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None: ...
        def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float: ...
        # Documented in reportlab.pdfbase.ttfonts for dynamic fonts: each run of one subset and its codes.
        def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]: ...

    def registerFont(font: TTFont) -> None: ...
    def getFont(fontName: str) -> TTFont: ...
    def getAscentDescent(fontName: str, fontSize: float) -> tuple[float, float]: ...
    def stringWidth(text: str, fontName: str, fontSize: float) -> float: ...

    # --- reportlab.pdfgen ---

    class TextObject:
        """reportlab.pdfgen.textobject.PDFTextObject."""

        def setTextOrigin(self, x: float, y: float) -> None: ...
        def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None: ...
        def setFillColor(self, aColor: Color) -> None: ...
        def setWordSpace(self, wordSpace: float) -> None: ...
        def textLine(self, text: str = "") -> None: ...
        def textOut(self, text: str) -> None: ...

    class PathObject:
        """reportlab.pdfgen.pathobject.PDFPathObject."""

        def rect(self, x: float, y: float, width: float, height: float) -> None: ...
        def moveTo(self, x: float, y: float) -> None: ...
        def lineTo(self, x: float, y: float) -> None: ...

    class Canvas:
        """reportlab.pdfgen.canvas.Canvas."""

        def __init__(
            self,
            filename: str | BinaryIO,
            pagesize: tuple[float, float] | None = None,
            *,
            invariant: int | None = None,
            initialFontName: str | None = None,
        ) -> None: ...
        def showPage(self) -> None: ...
        def save(self) -> None: ...
        def getPageNumber(self) -> int: ...
        def saveState(self) -> None: ...
        def restoreState(self) -> None: ...
        def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None: ...
        def setFillColor(self, aColor: Color) -> None: ...
        def setStrokeColor(self, aColor: Color) -> None: ...
        def setLineWidth(self, width: float) -> None: ...
        def drawString(self, x: float, y: float, text: str) -> None: ...
        def drawRightString(self, x: float, y: float, text: str) -> None: ...
        def drawCentredString(self, x: float, y: float, text: str) -> None: ...
        def line(self, x1: float, y1: float, x2: float, y2: float) -> None: ...
        def rect(
            self, x: float, y: float, width: float, height: float, stroke: int = 1, fill: int = 0
        ) -> None: ...
        def beginText(self, x: float = 0, y: float = 0) -> TextObject: ...
        def drawText(self, aTextObject: TextObject) -> None: ...
        def beginPath(self) -> PathObject: ...
        def drawPath(self, aPath: PathObject, stroke: int = 1, fill: int = 0) -> None: ...
        def hasForm(self, name: str) -> bool: ...
        def beginForm(self, name: str) -> None: ...
        def endForm(self) -> None: ...
        def doForm(self, name: str) -> None: ...
        def bookmarkPage(self, key: str) -> None: ...
        def addOutlineEntry(
            self, title: str, key: str, level: int = 0, closed: bool | None = None
        ) -> None: ...

    # --- reportlab.platypus ---

    class Flowable:
        """reportlab.platypus.Flowable: measured by ``wrap``, cut by ``split``, drawn by ``drawOn``."""

        width: float
        height: float
        canv: Canvas

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]: ...
        def split(self, availWidth: float, availHeight: float) -> list[Flowable]: ...
        def draw(self) -> None: ...
        def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None: ...
        def getSpaceBefore(self) -> float: ...
        def getSpaceAfter(self) -> float: ...

    class Paragraph(Flowable):
        style: ParagraphStyle
        bulletText: str | None

        def __init__(self, text: str, style: ParagraphStyle, bulletText: str | None = None) -> None: ...

    class Table(Flowable):
        repeatRows: int | Sequence[int]
        splitInRow: int

        def __init__(
            self,
            data: Sequence[Sequence[str | Flowable | Sequence[Flowable]]],
            colWidths: Sequence[float] | None = None,
            rowHeights: Sequence[float | None] | None = None,
            *,
            repeatRows: int = 0,
            splitInRow: int = 0,
        ) -> None: ...
        def setStyle(self, tblstyle: Sequence[tuple[object, ...]]) -> None: ...

    class CondPageBreak(Flowable):
        def __init__(self, height: float) -> None: ...

    class PageBreak(Flowable): ...

    class Spacer(Flowable):
        def __init__(self, width: float, height: float) -> None: ...

    class ListItem(Flowable):
        def __init__(self, flowables: Sequence[Flowable]) -> None: ...

    class ListFlowable(Flowable):
        def __init__(
            self,
            flowables: Sequence[Flowable],
            *,
            bulletType: str,
            start: str | None,
            bulletFontName: str,
            bulletFontSize: float,
            leftIndent: float,
        ) -> None: ...

    class Frame:
        """reportlab.platypus.Frame; its geometry is public as ``width``, ``leftPadding`` and so on."""

        width: float
        height: float
        leftPadding: float
        rightPadding: float
        topPadding: float
        bottomPadding: float

        def __init__(self, x1: float, y1: float, width: float, height: float, *, id: str) -> None: ...

    class PageTemplate:
        def __init__(self, *, id: str, frames: Sequence[Frame]) -> None: ...

    class BaseDocTemplate:
        canv: Canvas

        def __init__(self, filename: str | BinaryIO, **options: object) -> None: ...
        def addPageTemplates(self, pageTemplates: Sequence[PageTemplate]) -> None: ...
        def build(self, flowables: list[Flowable], canvasmaker: Callable[..., Canvas] = ...) -> None: ...
        def afterFlowable(self, flowable: Flowable) -> None: ...

else:
    from reportlab.lib.colors import Color, HexColor, black
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle, StyleSheet1
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, registerFont, stringWidth
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.pathobject import PDFPathObject as PathObject
    from reportlab.pdfgen.textobject import PDFTextObject as TextObject
    from reportlab.platypus import (
        BaseDocTemplate,
        CondPageBreak,
        Flowable,
        Frame,
        ListFlowable,
        ListItem,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
    )

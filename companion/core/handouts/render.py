"""The PDF renderer: lays a :class:`~companion.core.handouts.builder.Handout` out with platypus.

Owns everything about how handouts look: the page template (running header,
"page x of y" footer, the PRACTICE mark), the one stylesheet, tables and form
rows, and the PDF outline and metadata. It decides nothing about content.
This module, :mod:`.paragraphs` (the paragraph every handout is made of) and
:mod:`.fonts` (the one font) use reportlab, through :mod:`.reportlab_public`
and :mod:`.reportlab_private`; the package imports them lazily, so the window
and the CLI start without it.

All text is set in the bundled font (:mod:`.fonts`). Text becomes paragraph
fragments directly, never markup, except headings with a fallback mark,
whose text is XML-escaped first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from itertools import pairwise
from typing import BinaryIO
from xml.sax.saxutils import escape

from companion.core.handouts.builder import (
    Block,
    Bullets,
    Cell,
    FormRow,
    Handout,
    Heading,
    PageBreak,
    Paragraph,
    SignatureGrid,
    Table,
    Words,
)
from companion.core.handouts.fonts import FONT, register_fonts
from companion.core.handouts.paragraphs import MARK_COLOR, CellText, Para, cell_text, collapsed
from companion.core.handouts.reportlab_private import Fragments, PagesHeldCanvas, row_heights
from companion.core.handouts.reportlab_public import (
    A4,
    LETTER,
    BaseDocTemplate,
    Canvas,
    Color,
    CondPageBreak,
    Flowable,
    Frame,
    HexColor,
    ListFlowable,
    ListItem,
    PageTemplate,
    ParagraphStyle,
    Spacer,
    StyleSheet1,
    black,
    mm,
    stringWidth,
)
from companion.core.handouts.reportlab_public import PageBreak as RLPageBreak
from companion.core.handouts.reportlab_public import Table as RLTable

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
GRID = HexColor("#9a9a9a")
SHADE = HexColor("#ececec")
MUTED = HexColor("#555555")
ALERT = HexColor("#a33333")
FORM_COLUMNS = (0.75, 4.6, 1.3)  # a form row's code, question and boxes, in proportion
LINES_AFTER_HEADING = 4  # lines of body text that must fit under a heading on the same page
# Base font sizes per role; the wall agenda multiplies them.
SIZES = {"h0": 17, "h1": 13.5, "h2": 11.5, "body": 10, "strong": 10.5, "small": 8.5, "notice": 10}
WALL_SCALE = 1.6
HEADER_LEADING = 9  # points between the lines of a two-line running header


def _stylesheet() -> StyleSheet1:
    """Every style, named ``role:lang:size``; Chinese styles wrap between characters."""
    sheet = StyleSheet1()
    for size_name, scale in (("n", 1.0), ("L", WALL_SCALE)):
        for lang in ("en", "zh-Hans"):
            for role, size in SIZES.items():
                heading = role.startswith("h")
                # Inside table cells ("…:c") paragraphs sit closer: a day must fit on one page.
                sheet.add(
                    ParagraphStyle(
                        f"{role}:{lang}:{size_name}:c",
                        fontName=FONT,
                        fontSize=size * scale,
                        leading=size * scale * 1.25,
                        spaceAfter=1.5 * scale,
                        textColor=MUTED if role == "small" else black,
                        wordWrap="CJK" if lang == "zh-Hans" else None,
                        splitLongWords=1,
                    )
                )
                sheet.add(
                    ParagraphStyle(
                        f"{role}:{lang}:{size_name}",
                        fontName=FONT,
                        fontSize=size * scale,
                        leading=size * scale * (1.3 if heading else 1.4),
                        spaceBefore=(size * 0.8 if heading else 0) * scale,
                        spaceAfter=size * 0.45 * scale,
                        textColor=ALERT if role == "notice" else (MUTED if role == "small" else black),
                        wordWrap="CJK" if lang == "zh-Hans" else None,
                        splitLongWords=1,
                        allowWidows=0,
                    )
                )
    return sheet


class _Heading(Para):
    """A heading paragraph that knows its outline entry (set by ``Renderer._heading``).

    Its Chinese lines break between phrases, never inside a word.
    """

    heading = True

    outline: str
    outline_level: int


class _Boxes(Flowable):
    """Tick boxes with labels, one under the other (present / absent / unknown)."""

    def __init__(self, labels: Sequence[str], size: float) -> None:
        super().__init__()
        self.labels = list(labels)
        self.size = size
        self.line = size * 1.9

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.line * len(self.labels)

    def draw(self) -> None:
        # A form has hundreds of rows with the same boxes: they are drawn once per
        # document, as a PDF form (XObject), and every row places that form.
        canvas = self.canv
        name = "boxes-" + hashlib.sha1(repr((self.labels, self.size)).encode()).hexdigest()[:12]
        if not canvas.hasForm(name):
            canvas.beginForm(name)
            self._draw_boxes(canvas)
            canvas.endForm()
        canvas.doForm(name)

    def _draw_boxes(self, canvas: Canvas) -> None:
        canvas.setLineWidth(0.6)
        boxes = canvas.beginPath()
        labels = canvas.beginText()
        labels.setFont(FONT, self.size)
        for n, label in enumerate(self.labels):
            y = self.line * (len(self.labels) - n - 1) + self.size * 0.4
            boxes.rect(0, y - 1, self.size * 1.1, self.size * 1.1)
            labels.setTextOrigin(self.size * 1.7, y)
            labels.textOut(label)
        canvas.drawPath(boxes, stroke=1, fill=0)
        canvas.drawText(labels)


class _Row(Flowable):
    """One ruled table row: cells of flowables side by side, each column a share of the width.

    Tables and screening forms are made of these rather than of reportlab
    tables, which measure every cell again whenever a table is split over
    pages and draw each cell in a graphics state of its own; a form of
    hundreds of rows was the slowest handout of the print pack. A row is
    measured once per width and goes to the next page whole; a row taller than
    a page is made a reportlab table instead (``Renderer._table``, ``_form``).
    """

    PADDING_X, PADDING_Y = 4, 3  # as in a reportlab table cell

    def __init__(
        self, cells: Sequence[Sequence[Flowable]], fractions: Sequence[float], shade: Color | None = None
    ) -> None:
        super().__init__()
        self.cells = cells
        self.fractions = fractions
        self.shade = shade
        self.columns: list[float] = []
        self.width = self.height = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self.width:
            self.width = avail_width
            self.columns = [avail_width * fraction for fraction in self.fractions]
            inner = [width - 2 * self.PADDING_X for width in self.columns]
            self.height = 2 * self.PADDING_Y + max(map(self._stack, self.cells, inner))
        return avail_width, self.height

    @staticmethod
    def _stack(cell: Sequence[Flowable], width: float) -> float:
        """The height of ``cell``'s flowables one under the other, as a table cell stacks them."""
        heights = [f.wrap(width, 72000)[1] for f in cell]
        gaps = [f.getSpaceAfter() + g.getSpaceBefore() for f, g in pairwise(cell)]
        return sum(heights) + sum(gaps)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()  # the colours and line width set here are this row's only
        if self.shade is not None:
            canvas.setFillColor(self.shade)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        text = canvas.beginText()  # one text object for the row's plain paragraphs, not one each
        previous = None
        x = 0.0
        for cell, width in zip(self.cells, self.columns, strict=True):
            y = self.height - self.PADDING_Y
            for n, flowable in enumerate(cell):
                if n:
                    y -= flowable.getSpaceBefore()
                y -= flowable.wrap(width - 2 * self.PADDING_X, 72000)[1]  # kept from wrap(): no new work
                if isinstance(flowable, (Para, CellText)) and flowable.plain():
                    flowable.add_lines(text, x + self.PADDING_X, y, previous)
                    previous = flowable
                else:
                    flowable.drawOn(canvas, x + self.PADDING_X, y)
                y -= flowable.getSpaceAfter()
            x += width
        canvas.drawText(text)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        rules = canvas.beginPath()
        rules.rect(0, 0, self.width, self.height)
        x = 0.0
        for width in self.columns[:-1]:
            x += width
            rules.moveTo(x, 0)
            rules.lineTo(x, self.height)
        canvas.drawPath(rules, stroke=1, fill=0)
        canvas.restoreState()


class _Rows(Flowable):
    """Table rows under a header row: split between rows, with the header again on every page.

    No page holds a single spilled row: a split that would leave one row alone under the
    header of the next page breaks a row earlier, so that two go over. ``page_height`` is
    the height of an empty frame: two rows that could not share one stay split.
    """

    def __init__(self, header: _Row, rows: Sequence[Flowable], page_height: float = 0.0) -> None:
        super().__init__()
        self.header = header
        self.rows = list(rows)
        self.page_height = page_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = sum(row.wrap(avail_width, avail_height)[1] for row in (self.header, *self.rows))
        return avail_width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        room = availHeight - self.header.wrap(availWidth, availHeight)[1]
        taken = 0
        for row in self.rows:
            room -= row.wrap(availWidth, availHeight)[1]
            if room < 0:
                break
            taken += 1
        if not taken:  # not even one row here: the next page (no row is taller than a page)
            return []
        if len(self.rows) - taken == 1:  # the last row would spill alone: send another with it
            if taken > 1:
                taken -= 1
            elif self.wrap(availWidth, availHeight)[1] <= self.page_height:
                return []  # both rows, whole, on the next page
        return [
            _Rows(self.header, self.rows[:taken], self.page_height),
            _Rows(self.header, self.rows[taken:], self.page_height),
        ]

    def draw(self) -> None:
        y = self.height
        for row in (self.header, *self.rows):
            y -= row.height
            row.drawOn(self.canv, 0, y)


class _Grid(RLTable):
    """A reportlab table, for what :class:`_Row` cannot hold: a row taller than a page, and the sign-in sheet.

    reportlab cuts a row in two whenever a sliver of it fits at the foot of a
    page, which would separate a term from the end of its definition. Here a
    row is cut only when it could not fit on a page of its own anyway.
    ``page_height`` is the height of an empty frame; reportlab makes the pieces of
    a split table with its own arguments, so it is handed on to them.
    """

    page_height = 0.0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        parts = self._between_rows(availWidth, availHeight)
        if not parts:
            head = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
            first = [height for height in row_heights(self)[: head + 1] if height is not None]
            if len(first) == head + 1 and sum(first) > self.page_height:
                parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _Grid):
                part.page_height = self.page_height
        return parts

    def _between_rows(self, width: float, height: float) -> list[Flowable]:
        """reportlab's split with ``splitInRow`` off: between rows only. The pieces keep this table's own."""
        in_row = self.splitInRow
        self.splitInRow = 0
        try:
            parts = super().split(width, height)
        finally:
            self.splitInRow = in_row
        for part in parts:
            if isinstance(part, RLTable):
                part.splitInRow = in_row
        return parts


def _shares(widths: Sequence[float]) -> list[float]:
    """Relative column widths as shares of the whole."""
    total = sum(widths)
    return [width / total for width in widths]


def _numbered_canvas(handout: Handout, pagesize: tuple[float, float]) -> type[Canvas]:
    """A canvas class that keeps pages until the end, to print "page x of y".

    One build pass: each finished page's drawing is kept, and the header and
    footer are added to all of them at ``save``, when the total is known. What
    is the same on every page (header, rule, mark) is drawn once, as a PDF
    form (XObject) that each page places; only the page number is drawn per page.
    """
    width, height = pagesize
    version_width = stringWidth(handout.version, FONT, 7.5)
    header = _header_lines(handout.header, 7.5, width - 2 * MARGIN - version_width - 12)

    class NumberedCanvas(PagesHeldCanvas):
        def before_pages(self, total: int) -> None:
            self.beginForm("furniture")
            self._furniture()
            self.endForm()

        def finish_page(self, total: int) -> None:
            self.doForm("furniture")
            self._number(total)

        def _furniture(self) -> None:
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN, height - 11 * mm, handout.version)
            for n, line in enumerate(reversed(header)):  # the last line sits on the rule
                self.drawString(MARGIN, height - 11 * mm + n * HEADER_LEADING, line)
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(MARGIN, height - 12.5 * mm, width - MARGIN, height - 12.5 * mm)
            if handout.mark:
                self.setFont(FONT, 10)
                self.setFillColor(ALERT)
                self.drawString(MARGIN, 10 * mm, handout.mark)

        def _number(self, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            label = handout.page_label.format(page=self.getPageNumber(), pages=total)
            self.drawCentredString(width / 2, 10 * mm, label)
            self.restoreState()

    return NumberedCanvas


def _header_lines(text: str, size: float, width: float) -> list[str]:
    """The running header: one line, or a bilingual title in two ("English / 中文") rather than cut.

    Only a line that still does not fit is shortened, with an ellipsis.
    """
    if stringWidth(text, FONT, size) <= width or " / " not in text:
        return [_fit(text, size, width)]
    first, second = text.split(" / ", 1)
    return [_fit(first, size, width), _fit(second, size, width)]


def _fit(text: str, size: float, width: float) -> str:
    """Shorten a header line with an ellipsis so that it never runs off the page."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


class _Document(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, _Heading) and flowable.outline_level <= 1:
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline, key, level=flowable.outline_level, closed=True)


class Renderer:
    """Turns handout descriptions into PDF files; one instance can render many."""

    def __init__(self, paper: str = "a4", invariant: bool = False) -> None:
        if paper not in PAPERS:
            raise ValueError(f"unknown paper size {paper!r} (a4 or letter)")
        register_fonts()
        self.paper = paper
        self.pagesize = PAPERS[paper]
        self.invariant = invariant
        self.styles = _stylesheet()
        self._fragments = Fragments(MARK_COLOR)

    # --- document ---

    def render(self, handout: Handout, target: BinaryIO) -> None:
        width, height = self.pagesize
        doc = _Document(
            target,
            pagesize=self.pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=handout.title,
            author=handout.author,
            subject=handout.subject,
            creator="Training Companion",
            lang="zh-Hans" if handout.lang == "zh-Hans" else "en",
            invariant=1 if self.invariant else 0,
            initialFontName=FONT,  # otherwise every page declares the unembedded Helvetica
        )
        frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._size = "L" if handout.large else "n"
        self._width = frame.width - frame.leftPadding - frame.rightPadding
        self._frame_height = frame.height - frame.topPadding - frame.bottomPadding
        story = self._story(handout.blocks)
        doc.build(story, canvasmaker=_numbered_canvas(handout, self.pagesize))

    def _story(self, blocks: Sequence[Block]) -> list[Flowable]:
        story: list[Flowable] = []
        rows: list[FormRow] = []
        joined: int | None = None  # where the story's last joined heading starts
        for block in blocks:
            # Consecutive form rows go together: the first needs room under their heading.
            if isinstance(block, FormRow):
                rows.append(block)
                continue
            if rows:
                story.extend(self._form(rows, story))
                rows = []
            start = len(story)
            story.extend(self._block(block))
            if isinstance(block, Heading) and block.joined:
                joined = start
            elif joined is not None:  # the block after a joined heading is in: keep them on one page
                self._join(story, joined, block)
                joined = None
        if rows:
            story.extend(self._form(rows, story))
        return story

    def _block(self, block: Block) -> list[Flowable]:
        if isinstance(block, Heading):
            heading = self._heading(block)
            return [CondPageBreak(self._room_after(heading)), heading]
        if isinstance(block, Paragraph):
            return [p for w in block.parts for p in self._paras(w, block.role)]
        if isinstance(block, Bullets):
            return [self._bullets(block)]
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, SignatureGrid):
            return [self._signatures(block)]
        if isinstance(block, PageBreak):
            return [RLPageBreak()]
        raise TypeError(f"unknown block {block!r}")

    # --- text ---

    def _style(self, role: str, lang: str, cell: bool = False) -> ParagraphStyle:
        name = f"{role}:{'zh-Hans' if lang == 'zh-Hans' else 'en'}:{self._size}"
        return self.styles[name + ":c" if cell else name]

    @staticmethod
    def _markup(words: Words) -> str:
        body = escape(words.text)
        if words.mark:
            body += f' <font color="{MARK_COLOR}">{escape(words.mark)}</font>'
        return body

    def _paras(self, words: Words, role: str | None = None, cell: bool = False) -> list[Flowable]:
        """The paragraphs of ``words``; in a table cell (``cell``), plain ones are :class:`CellText`."""
        style = self._style(role or words.role, words.lang, cell)
        parts = words.text.split("\n\n")
        # The fallback mark goes after the last paragraph only.
        last = len(parts) - 1
        flowables: list[Flowable] = []
        for n, part in enumerate(parts):
            mark = words.mark if n == last else ""
            if cell and not mark and cell_text(part, style):
                flowables.append(CellText(collapsed(part), style))
            else:
                flowables.append(Para.of_fragments(style, self._fragments(part, style, mark)))
        return flowables

    def _cell(self, cell: Cell, in_table: bool = True) -> list[Flowable]:
        return [p for w in cell for p in self._paras(w, cell=in_table)]

    def _paragraphs(self, cells: list[list[Flowable]]) -> list[list[Flowable]]:
        """Cells for a reportlab table row, which may cut them: :class:`CellText` back into paragraphs."""
        return [
            [
                Para.of_fragments(f.style, self._fragments(f.text, f.style)) if isinstance(f, CellText) else f
                for f in cell
            ]
            for cell in cells
        ]

    def _room_after(self, heading: _Heading) -> float:
        """The space a heading needs below it: itself and the first lines of what it introduces.

        A page with less room left ends before the heading. reportlab's keepWithNext
        would do the same by wrapping the heading and the whole next flowable
        together (a copy of the frame each time, and never with a list), which
        made case studies the slowest handout to lay out.
        """
        body = self._style("body", "en")
        return heading.style.spaceBefore + heading.style.leading * 2 + body.leading * LINES_AFTER_HEADING

    def _heading(self, block: Heading) -> _Heading:
        lang = "zh-Hans" if any(w.lang == "zh-Hans" for w in block.parts) else "en"
        style = self._style(f"h{min(block.level, 2)}", lang)
        outline = " · ".join(w.text for w in block.parts)
        if not any(w.mark for w in block.parts):  # plain text: no markup to parse
            heading = _Heading.of_fragments(style, self._fragments(outline, style))
        else:
            heading = _Heading(" · ".join(self._markup(w) for w in block.parts), style)
        heading.outline, heading.outline_level = outline, block.level
        return heading

    def _bullets(self, block: Bullets) -> ListFlowable:
        items = [ListItem(self._cell(cell, in_table=False) or [Spacer(1, 1)]) for cell in block.items]
        size = self._style("body", "en").fontSize
        return ListFlowable(
            items,
            bulletType="1" if block.numbered else "bullet",
            start=None if block.numbered else "•",
            bulletFontName=FONT,
            bulletFontSize=size,
            leftIndent=self._indent(),
        )

    # --- tables ---

    def _grid(
        self,
        data: Sequence[Sequence[str | Sequence[Flowable]]],
        widths: Sequence[float],
        header: bool,
        heights: Sequence[float | None] | None = None,
    ) -> _Grid:
        total = sum(widths)
        columns = [self._width * w / total for w in widths]
        repeat = 1 if header else 0
        table = _Grid(data, colWidths=columns, rowHeights=heights, repeatRows=repeat, splitInRow=1)
        table.page_height = self._frame_height
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty cells too: no unembedded Helvetica
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        table.setStyle(commands)
        return table

    def _table(self, block: Table) -> list[Flowable]:
        """Ruled rows under a shaded header row that every page of the table repeats."""
        fractions = _shares(block.widths)
        header_cells = [self._cell(c) for c in block.header]
        header = _Row(header_cells, fractions, shade=SHADE)
        room = self._frame_height - header.wrap(self._width, self._frame_height)[1]
        flowables: list[Flowable] = []
        run: list[_Row] = []
        for cells in ([self._cell(c) for c in row] for row in block.rows):
            row = _Row(cells, fractions)
            if row.wrap(self._width, self._frame_height)[1] <= room:
                run.append(row)
                continue
            # Taller than a page under the header: a reportlab table, which can cut a row in two.
            if run:
                flowables.append(_Rows(header, run, self._frame_height))
                run = []
            tall = [self._paragraphs(header_cells), self._paragraphs(cells)]
            flowables.append(self._grid(tall, block.widths, header=True))
        if run or not flowables:
            flowables.append(_Rows(header, run, self._frame_height))
        return flowables

    def _form(self, rows: list[FormRow], before: list[Flowable]) -> list[Flowable]:
        """Form rows, with room kept under the heading before them for the first.

        Without that, a dimension's heading and description could end a page whose
        next page starts with their indicators.
        """
        size = self._style("small", "en").fontSize
        fractions = _shares(FORM_COLUMNS)
        flowables: list[Flowable] = []
        for row in rows:
            middle = self._cell(row.text) + self._cell(row.guidance) + self._cell(row.note)
            code = self._paras(Words(row.indicator, "en", role="strong"), cell=True) + self._cell(row.grade)
            boxes: list[Flowable] = [_Boxes([w.text for w in row.boxes], size)]
            cells = [code, middle or [Spacer(1, 1)], boxes]
            flowable: Flowable = _Row(cells, fractions)
            if flowable.wrap(self._width, self._frame_height)[1] > self._frame_height:
                # Taller than a page: a table row, which reportlab can cut in two.
                flowable = self._grid([self._paragraphs(cells)], FORM_COLUMNS, header=False)
            flowables.append(flowable)
        if flowables:
            self._make_room(before, flowables[0])
        return flowables

    def _join(self, story: list[Flowable], start: int, after: Block) -> None:
        """Keep the paragraph before the joined heading at ``story[start]`` on the page of it and ``after``.

        The heading and the block after it move to a new page only together with
        the paragraph before them, so no page holds them alone. Never more than a
        page holds is asked for, or the break would repeat on every page.
        """
        if start < 1 or not isinstance(story[start - 1], Para):
            return
        # A list cannot be measured before it is on a canvas: its items are, less the bullets' indent.
        items = after.items if isinstance(after, Bullets) else ()
        end = len(story) - 1 if items else len(story)
        needed = self._height(story[start - 1 : end], self._width)
        for cell in items:
            needed += self._height(self._cell(cell, in_table=False), self._width - self._indent())
        story.insert(start - 1, CondPageBreak(min(needed, self._frame_height * 0.9)))

    def _height(self, flowables: Sequence[Flowable], width: float) -> float:
        """The height ``flowables`` take one after another, spaces included."""
        return sum(
            f.wrap(width, self._frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in flowables
            if not isinstance(f, CondPageBreak)
        )

    def _indent(self) -> float:
        """How far a list's items stand in from its bullets."""
        return self._style("body", "en").fontSize * 1.6

    def _make_room(self, story: list[Flowable], first: Flowable) -> None:
        """Widen the room kept under the heading before ``first`` to hold the text between and ``first``."""
        needed = first.wrap(self._width, self._frame_height)[1]
        for index in range(len(story) - 1, 0, -1):  # back to the heading that introduces the form
            flowable = story[index]
            if not isinstance(flowable, Para):
                return
            needed += flowable.wrap(self._width, self._frame_height)[1]
            needed += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            room = story[index - 1]
            if isinstance(flowable, _Heading) and isinstance(room, CondPageBreak):
                # Never more than a page holds, or the break would repeat on every page.
                room.height = max(room.height, min(needed, self._frame_height * 0.9))
                return

    def _signatures(self, block: SignatureGrid) -> _Grid:
        header: list[str | list[Flowable]] = [self._cell(c) for c in block.columns]
        data: list[list[str | list[Flowable]]] = [header]
        if block.first:  # numbered rows: number, name, organisation, signature
            widths: tuple[float, ...] = (0.5, 3, 3, 2.2)
            data.extend([str(n), "", "", ""] for n in range(block.first, block.first + block.rows))
            # 9 mm rows: a session of 85 on four pages (A4 and Letter), still room to write.
            return self._grid(data, widths, header=True, heights=[None] + [9 * mm] * block.rows)
        days = len(block.columns) - 2
        widths = (3, 3, *([max(1.2, 4 / max(days, 1))] * days))
        data.extend([""] * len(header) for _ in range(block.rows))
        return self._grid(data, widths, header=True, heights=[None] + [11 * mm] * block.rows)

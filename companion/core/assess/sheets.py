"""Paper answer sheets: one A4 PDF per participant, with a QR code, registration marks and bubbles.

Owns drawing the sheet; where each thing sits is :mod:`.sheet_layout`, shared
with the scan reader. The QR code carries the participant code, the form and a
sheet ID (never a name). With a specimen the bubbles are printed already filled,
to show participants how to mark and to test the reader. reportlab is imported
only when sheets are written (the QR code is :mod:`companion.core.qr_drawing`'s).
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from companion.core.assess import sheet_layout as layout
from companion.core.files import write_atomically
from companion.core.qr_drawing import draw_qr

MM = 72 / 25.4  # points per millimetre
INSTRUCTIONS = (
    "Fill the circle of your answer completely, with a dark pen. To change an answer, cross the",
    "wrong circle out with an X and fill the right one: a crossed-out circle is checked by the facilitator.",
    "用深色笔把所选答案的圆圈完全涂满。如需修改，请在错误的圆圈上画“X”，再涂满正确的圆圈；",
    "画“X”的圆圈由主持人核对。",
)


@dataclass(frozen=True)
class SheetForm:
    """What a sheet needs of a form: its id, bilingual title and ``(question id, choices)`` in order."""

    id: str
    title_en: str
    title_zh: str
    questions: tuple[tuple[str, int], ...]
    # An evaluation form's rows: (first line, second line) printed after each row's bubbles.
    labels: tuple[tuple[str, str], ...] = ()


class _Canvas(Protocol):
    def setFont(self, name: str, size: float) -> None: ...  # noqa: N802 (reportlab's names)
    def setFillGray(self, gray: float) -> None: ...  # noqa: N802
    def setStrokeGray(self, gray: float) -> None: ...  # noqa: N802
    def setLineWidth(self, width: float) -> None: ...  # noqa: N802
    def drawString(self, x: float, y: float, text: str) -> None: ...  # noqa: N802
    def stringWidth(self, text: str, font: str, size: float) -> float: ...  # noqa: N802
    def drawRightString(self, x: float, y: float, text: str) -> None: ...  # noqa: N802
    def drawCentredString(self, x: float, y: float, text: str) -> None: ...  # noqa: N802
    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None: ...
    def circle(self, x: float, y: float, r: float, stroke: int = 1, fill: int = 0) -> None: ...
    def setTitle(self, title: str) -> None: ...  # noqa: N802
    def save(self) -> None: ...


def sheet_id(workshop: str, participant: str, form: str) -> str:
    """A short ID for one participant's sheet of one form, the same each time it is printed."""
    return hashlib.sha256(f"{workshop}|{participant}|{form}".encode()).hexdigest()[:10]


def sheet_name(form: str, participant: str) -> str:
    """The sheet's file name: codes only, no names (they would leak from a folder listing)."""
    return f"{form}-{participant}.pdf"


def write_sheets(
    out_dir: Path,
    workshop: str,
    form: SheetForm,
    participants: Sequence[str],
    specimen: Mapping[str, Mapping[str, str | None]] | None = None,
) -> list[Path]:
    """One answer sheet per participant in ``out_dir``; ``specimen`` marks the given answers filled."""
    layout.rows(form.questions)  # too many questions: one clear error before any file is written
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in participants:
        marks = dict((specimen or {}).get(code, {}))
        data = sheet_pdf(workshop, form, code, marks)
        written.append(write_atomically(out_dir / sheet_name(form.id, code), data))
    return written


def sheet_pdf(
    workshop: str, form: SheetForm, participant: str, marks: Mapping[str, str | None], sheet: str = ""
) -> bytes:
    """One sheet as PDF bytes; each letter in ``marks[question]`` is printed as a filled bubble.

    An evaluation sheet (participant :data:`~.sheet_layout.ANONYMOUS`) is given its ``sheet`` ID.
    """
    import io

    from companion.core.handouts.fonts import FONT, register_fonts

    register_fonts()
    canvas_module = importlib.import_module("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    c = cast(
        _Canvas, canvas_module.Canvas(buffer, pagesize=(layout.PAGE_W * MM, layout.PAGE_H * MM), invariant=1)
    )
    anonymous = participant == layout.ANONYMOUS
    c.setTitle(form.id if anonymous else f"{form.id} {participant}")
    _marks(c)
    text = layout.qr_text(participant, form.id, sheet or sheet_id(workshop, participant, form.id))
    draw_qr(c, text, layout.QR_LEFT, layout.QR_TOP, layout.QR_SIZE, layout.PAGE_H)
    if anonymous:
        _evaluation_header(c, FONT, form)
    else:
        _header(c, FONT, form, participant)
    _bubbles(c, FONT, form, marks)
    c.save()
    return buffer.getvalue()


EVALUATION_NOTE = (
    "Anonymous: do not write your name or code. Fill one circle per row: 1 = poor, 5 = very good.",
    "Comments cannot be read from this sheet: write them on the laptop or on the separate comments form.",
    "匿名填写：请勿写姓名或编号。每行涂满一个圆圈：1 = 很差，5 = 很好。",
    "本表无法识别手写意见：请在电脑上或另附的意见表上填写。",
)


def new_sheet_id() -> str:
    """A random ID for one anonymous evaluation sheet: it identifies the sheet, never a person."""
    import secrets

    return "S" + secrets.token_hex(5)


def evaluation_sheet_name(form: str, sheet: str) -> str:
    """An evaluation sheet's file name: the form and the random sheet ID (no participant)."""
    return f"{form}-{sheet}.pdf"


def write_evaluation_sheets(
    out_dir: Path,
    form: SheetForm,
    count: int,
    specimen: Sequence[Mapping[str, str | None]] = (),
) -> list[Path]:
    """``count`` anonymous evaluation sheets, each with a new sheet ID; ``specimen[i]`` marks sheet i.

    A specimen maps row ids to "1".."5" (printed filled, to show how to mark and for tests).
    """
    layout.rows(form.questions)  # too many rows: one clear error before any file is written
    if count < 1:
        raise ValueError("the number of evaluation sheets must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(count):
        marks = dict(specimen[n]) if n < len(specimen) else {}
        letters = {row: _letters(value) for row, value in marks.items()}
        sheet = new_sheet_id()
        data = sheet_pdf("", form, layout.ANONYMOUS, letters, sheet)
        written.append(write_atomically(out_dir / evaluation_sheet_name(form.id, sheet), data))
    return written


def _letters(value: str | None) -> str | None:
    """A rating "1".."5" as the bubble letter A-E the drawing and the reader use."""
    if value is None:
        return None
    return "".join("ABCDE"[layout.SCALE.index(digit)] for digit in value if digit in layout.SCALE)


def _x(mm: float) -> float:
    return mm * MM


def _y(mm: float) -> float:
    """reportlab measures from the bottom; the layout from the top."""
    return (layout.PAGE_H - mm) * MM


def _marks(c: _Canvas) -> None:
    c.setFillGray(0)
    for x, y in layout.MARKS:
        c.rect(
            _x(x - layout.MARK / 2),
            _y(y + layout.MARK / 2),
            layout.MARK * MM,
            layout.MARK * MM,
            stroke=0,
            fill=1,
        )


def _header(c: _Canvas, font: str, form: SheetForm, participant: str) -> None:
    c.setFillGray(0)
    c.setFont(font, 15)
    c.drawString(_x(25), _y(30), "Answer sheet  答题卡")
    c.setFont(font, 11)
    c.drawString(_x(25), _y(38), f"{form.title_en}  {form.title_zh}")
    c.setFont(font, 20)
    c.drawString(_x(25), _y(49), participant)
    c.setFont(font, 11)
    c.drawString(_x(60), _y(49), f"Form 问卷: {form.id}")
    c.setFont(font, 8)
    for n, line in enumerate(INSTRUCTIONS):
        c.drawString(_x(25), _y(62 + n * 4), line)


def _evaluation_header(c: _Canvas, font: str, form: SheetForm) -> None:
    c.setFillGray(0)
    c.setFont(font, 15)
    c.drawString(_x(25), _y(30), "Evaluation sheet  评估表")
    c.setFont(font, 11)
    c.drawString(_x(25), _y(38), f"{form.title_en}  {form.title_zh}")
    c.drawString(_x(25), _y(46), f"Form 问卷: {form.id}")
    c.setFont(font, 8)
    for n, line in enumerate(EVALUATION_NOTE):
        c.drawString(_x(25), _y(58 + n * 4), line)


def _label(c: _Canvas, font: str, row: layout.Row, lines: tuple[str, str]) -> None:
    """A row's two label lines after its bubbles, cut to the space before the next column."""
    x = row.centres[-1][0] + layout.LABEL_GAP
    column_end = next((c0 - 12 for c0 in layout.COLUMNS if c0 > x), layout.PAGE_W - 8)
    room = (column_end - x) * MM
    y = row.centres[0][1]
    c.setFillGray(0)
    for text, dy, size in ((lines[0], -0.4, 6.5), (lines[1], 2.4, 5.5)):
        while text and c.stringWidth(text, font, size) > room:
            text = text[:-2] + "…"
        c.setFont(font, size)
        c.drawString(_x(x), _y(y + dy), text)


def _bubbles(c: _Canvas, font: str, form: SheetForm, marks: Mapping[str, str | None]) -> None:
    radius = layout.BUBBLE_R * MM
    labels = form.labels
    for row in layout.rows(form.questions):
        if labels:
            _label(c, font, row, labels[row.number - 1])
        x0, y = row.centres[0]
        c.setFillGray(0)
        c.setFont(font, 10)
        c.drawRightString(_x(x0 - 6.5), _y(y + 1.3), str(row.number))
        filled = marks.get(row.question) or ""
        for n, (x, cy) in enumerate(row.centres):
            letter = "ABCDE"[n]
            shown = layout.SCALE[n] if labels else letter
            c.setLineWidth(0.7)
            c.setStrokeGray(0.35)
            if letter in filled:
                c.setFillGray(0)
                c.circle(_x(x), _y(cy), radius, stroke=1, fill=1)
            else:
                c.circle(_x(x), _y(cy), radius, stroke=1, fill=0)
                # The letter in light grey: readable by a person, below the reader's ink threshold.
                c.setFillGray(0.72)
                c.setFont(font, 7)
                c.drawCentredString(_x(x), _y(cy + 1.0), shown)

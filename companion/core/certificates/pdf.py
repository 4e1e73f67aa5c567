"""A certificate as one A4 landscape PDF page: both scripts, the workshop, roles, the signed QR code.

The page is bilingual whatever the interface language, like the answer
sheets: English and Simplified Chinese side by side. Names come from the
roster; a participant without a Chinese name gets the Latin name alone,
closed up (no blank line). Signatures are asked for by role (the workshop's
trainers' roles), never by an invented name. reportlab is imported only when
a page is drawn (through importlib, as :mod:`companion.core.assess.sheets` does).
"""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from companion.core.qr_drawing import draw_qr

if TYPE_CHECKING:
    from companion.core.certificates.payload import Certificate
    from companion.core.model import Manifest

MM = 72 / 25.4
PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, millimetres
MARGIN = 18.0
QR_SIZE = 46.0  # mm: modules near 0.7 mm for a typical payload, read by a phone at arm's length
MONTHS = ("January February March April May June July August September October November December").split()


class _Canvas(Protocol):
    def setFont(self, name: str, size: float) -> None: ...  # noqa: N802 (reportlab's names)
    def setFillGray(self, gray: float) -> None: ...  # noqa: N802
    def setStrokeGray(self, gray: float) -> None: ...  # noqa: N802
    def setLineWidth(self, width: float) -> None: ...  # noqa: N802
    def drawString(self, x: float, y: float, text: str) -> None: ...  # noqa: N802
    def drawCentredString(self, x: float, y: float, text: str) -> None: ...  # noqa: N802
    def line(self, x1: float, y1: float, x2: float, y2: float) -> None: ...
    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None: ...
    def setTitle(self, title: str) -> None: ...  # noqa: N802
    def save(self) -> None: ...


@dataclass(frozen=True)
class _Line:
    text: str
    size: float
    gap: float  # mm from the previous line's baseline


def file_name(code: str) -> str:
    """The certificate's file name: the participant's code, never a name (folder listings leak)."""
    return f"certificate-{code}.pdf"


def dates_en(start: str, days: int) -> str:
    first = date.fromisoformat(start)
    last = date.fromordinal(first.toordinal() + days - 1)
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {MONTHS[last.month - 1]} {last.year}"
    head = f"{first.day} {MONTHS[first.month - 1]}" + (f" {first.year}" if first.year != last.year else "")
    return f"{head} - {last.day} {MONTHS[last.month - 1]} {last.year}"


def dates_zh(start: str, days: int) -> str:
    first = date.fromisoformat(start)
    last = date.fromordinal(first.toordinal() + days - 1)
    text = f"{first.year}年{first.month}月{first.day}日"
    if last == first:
        return text
    if last.year != first.year:
        return f"{text}至{last.year}年{last.month}月{last.day}日"
    if last.month != first.month:
        return f"{text}至{last.month}月{last.day}日"
    return f"{text}至{last.day}日"


def certificate_pdf(manifest: Manifest, cert: Certificate, payload: str, short: str) -> bytes:
    """One certificate page as PDF bytes (the text of ``cert``, the QR code of ``payload``)."""
    from companion.core.handouts.fonts import FONT, register_fonts

    register_fonts()
    canvas_module = importlib.import_module("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    c = cast(_Canvas, canvas_module.Canvas(buffer, pagesize=(PAGE_W * MM, PAGE_H * MM), invariant=1))
    c.setTitle(f"Certificate {cert.id}")
    _frame(c)
    _body(c, FONT, manifest, cert)
    _signatures(c, FONT, manifest)
    _qr_block(c, FONT, payload, short)
    c.save()
    return buffer.getvalue()


def _x(mm: float) -> float:
    return mm * MM


def _y(mm: float) -> float:
    """reportlab measures from the bottom; this layout from the top."""
    return (PAGE_H - mm) * MM


def _frame(c: _Canvas) -> None:
    c.setStrokeGray(0.35)
    c.setLineWidth(2.2)
    c.rect(_x(8), _y(PAGE_H - 8), (PAGE_W - 16) * MM, (PAGE_H - 16) * MM)
    c.setLineWidth(0.6)
    c.rect(_x(11), _y(PAGE_H - 11), (PAGE_W - 22) * MM, (PAGE_H - 22) * MM)


def _wrap(font: str, text: str, size: float, width_mm: float) -> list[str]:
    """``text`` in lines no wider than ``width_mm``: at spaces, or between any characters for Chinese."""
    metrics = importlib.import_module("reportlab.pdfbase.pdfmetrics")

    def fits(value: str) -> bool:
        return bool(metrics.stringWidth(value, font, size) <= width_mm * MM)

    lines: list[str] = []
    current = ""
    units = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if fits(candidate) or not current:
            current = candidate
        else:
            lines.append(current)
            current = unit
    return [*lines, current] if current else lines


def _body(c: _Canvas, font: str, manifest: Manifest, cert: Certificate) -> None:
    workshop = manifest.workshop
    width = PAGE_W - 2 * MARGIN
    lines = [
        _Line("Certificate of participation", 26, 30),
        _Line("培训证书", 20, 11),
        _Line("This is to certify that    兹证明", 11, 14),
    ]
    # The name in both scripts; one missing: the other alone, no gap where it would be.
    names = [n for n in (cert.name_latin, cert.name_zh) if n]
    for number, name in enumerate(names):
        lines.append(_Line(name, 26 if number == 0 else 22, 15 if number == 0 else 11))
    lines.append(_Line("took part in the workshop    参加了以下培训", 11, 12))
    for lang, size in (("en", 14), ("zh-Hans", 14)):
        title = workshop.title.get(lang)
        for index, text in enumerate(_wrap(font, title or "", size, width) if title else []):
            lines.append(_Line(text, size, 9 if lang == "en" or index else 8))
    start, days = workshop.start_date, workshop.days
    lines.append(_Line(f"{dates_en(start, days)}    {dates_zh(start, days)}", 11, 10))
    for field in (workshop.venue, workshop.organiser):
        for lang in ("en", "zh-Hans"):
            value = field.get(lang)
            for part in _wrap(font, value, 9.5, width) if value else []:
                lines.append(_Line(part, 9.5, 5.5))
    y = 0.0
    c.setFillGray(0)
    for line in lines:
        y += line.gap
        c.setFont(font, line.size)
        c.drawCentredString(_x(PAGE_W / 2), _y(y), line.text)


def _signatures(c: _Canvas, font: str, manifest: Manifest) -> None:
    trainers = manifest.workshop.trainers or []
    roles = [(t.role.get("en") or "", t.role.get("zh-Hans") or "") for t in trainers][:3]
    if not roles:
        roles = [("For the organiser", "主办方")]
    slot = 62.0
    c.setStrokeGray(0)
    c.setLineWidth(0.6)
    for index, (en, zh) in enumerate(roles):
        left = MARGIN + 6 + index * (slot + 6)
        c.line(_x(left), _y(178), _x(left + slot), _y(178))
        c.setFont(font, 8.5)
        rows = (_wrap(font, en, 8.5, slot)[:2] if en else []) + (_wrap(font, zh, 8.5, slot)[:1] if zh else [])
        for row, text in enumerate(rows):
            c.drawString(_x(left), _y(183 + row * 4), text)


def _qr_block(c: _Canvas, font: str, payload: str, short: str) -> None:
    left = PAGE_W - MARGIN - QR_SIZE
    top = PAGE_H - MARGIN - QR_SIZE - 11
    draw_qr(c, payload, left, top, QR_SIZE, PAGE_H)
    c.setFont(font, 10)
    c.drawCentredString(_x(left + QR_SIZE / 2), _y(top + QR_SIZE + 5), f"Code 编号  {short}")
    c.setFont(font, 6.5)
    c.drawCentredString(
        _x(left + QR_SIZE / 2),
        _y(top + QR_SIZE + 9),
        "Verify offline  离线验证: companion certificate verify",
    )

"""The workshop report (and the certificates, when that module is there) for 85 participants, timed.

Fills a fresh data folder with 85 participants, their attendance, pre and post
results, evaluation responses and a day's timing (tests/unit/report_support.py),
then times, alternately and several times each:

- **companion**: ``companion.app.report.write`` (gathering from the store, the
  figures, the PDF) and, if ``companion.app.certificates`` exists, issuing every
  certificate;
- **bare**: the same pages as a bare reportlab document: the same tables (the
  report's own rows, as the spreadsheet holds them) and the same bar charts,
  with the same font; and one bare page per eligible participant with a name,
  a title and a QR code.

Prints the medians and the ratio (goal: at most 1.5). Usage: ``python bench/report.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PARTICIPANTS = 85


def bare_report(tables: dict[str, list[Any]], charts: list[list[list[float]]], font_path: str) -> bytes:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    if "BareCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareCJK", font_path, subfontIndex=0))
    style = ParagraphStyle("b", fontName="BareCJK", fontSize=8.5, leading=11, wordWrap="CJK")
    story: list[Any] = []
    for rows in tables.values():
        story.append(Table([[Paragraph(str("" if v is None else v), style) for v in row] for row in rows]))
    for series in charts:
        drawing = Drawing(480, 300)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 40, 20, 420, 260
        chart.data = series
        chart.categoryAxis.labels.fontName = "BareCJK"
        drawing.add(chart)
        story.append(drawing)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def bare_certificates(names: list[str], font_path: str) -> int:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "BareCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareCJK", font_path, subfontIndex=0))
    for name in names:
        buffer = io.BytesIO()
        c = Canvas(buffer, pagesize=landscape(A4), invariant=1)
        c.setFont("BareCJK", 28)
        c.drawCentredString(421, 380, name)
        c.setFont("BareCJK", 14)
        c.drawCentredString(421, 330, "Certificate of participation 结业证书")
        widget = QrCodeWidget("CTC1." + "X" * 200)
        drawing = Drawing(120, 120)
        drawing.add(widget)
        renderPDF.draw(drawing, c, 680, 40)
        c.showPage()
        c.save()
    return len(names)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from companion import resources
    from companion.app import report
    from companion.app.workshop import Workshop
    from companion.core.report.xlsx import tables
    from tests.unit.report_support import name_of, populate

    try:
        from companion.app import certificates
    except ImportError:
        certificates = None  # type: ignore[assignment]

    font = str(resources.path(resources.CJK_FONT))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        workshop = Workshop.open(tmp / "data")
        vault = populate(workshop, PARTICIPANTS, tmp)
        figures = report.figures(workshop, vault)
        rows = tables(figures, "facilitator")
        k, f = figures.knowledge, figures.feedback
        charts = [[[s.present for s in figures.participation.sessions]]]
        if k is not None:
            charts += [[list(map(float, k.pre.bins)), list(map(float, k.post.bins))]]
            charts += [[[o.pre or 0 for o in k.objectives], [o.post or 0 for o in k.objectives]]]
        if f is not None:
            charts += [[[s.means[a] or 0 for s in f.sessions] for a in range(3)]]
        charts += [[[t.planned_minutes for t in figures.timing], [t.actual_minutes for t in figures.timing]]]
        key = None
        if certificates is not None:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            key = Ed25519PrivateKey.generate()
        names = [" ".join(name_of(i)) for i in range(1, PARTICIPANTS + 1)]

        ours: list[float] = []
        bare: list[float] = []
        ours_report: list[float] = []
        bare_only: list[float] = []
        issued = 0
        for run in range(args.runs + 1):  # the first run of each warms up (fonts, imports) and is dropped
            start = time.perf_counter()
            report.write(workshop, tmp / "report.pdf", "pdf", "bilingual", "facilitator", vault)
            written = time.perf_counter()
            if certificates is not None and key is not None:
                done = certificates.issue(workshop, vault, key, tmp / f"certs{run}")
                issued = len(getattr(done, "written", []) or [])
            middle = time.perf_counter()
            bare_report(rows, charts, font)
            bare_written = time.perf_counter()
            if certificates is not None:
                bare_certificates(names[: issued or PARTICIPANTS], font)
            end = time.perf_counter()
            if run:
                ours.append(middle - start)
                bare.append(end - middle)
                ours_report.append(written - start)
                bare_only.append(bare_written - middle)
        workshop.close()
    what = "report + certificates" if certificates is not None else "report only"
    print(f"{what}, {PARTICIPANTS} participants, {args.runs} runs")
    print(f"companion: median {statistics.median(ours):.3f} s (min {min(ours):.3f}, max {max(ours):.3f})")
    print(f"bare:      median {statistics.median(bare):.3f} s (min {min(bare):.3f}, max {max(bare):.3f})")
    print(f"ratio:     {statistics.median(ours) / statistics.median(bare):.2f}")
    report_ratio = statistics.median(ours_report) / statistics.median(bare_only)
    print(f"the report alone: companion {statistics.median(ours_report):.3f} s, bare "
          f"{statistics.median(bare_only):.3f} s, ratio {report_ratio:.2f}")


if __name__ == "__main__":
    main()

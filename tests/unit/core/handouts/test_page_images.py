"""Page images of a PDF for the print preview: drawn page by page, Qt-free, with sizes and count."""

from __future__ import annotations

import io
from pathlib import Path

import pytest


def _pdf(pages: int, size: tuple[float, float]) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=size)
    for n in range(pages):
        drawing.setFont("Helvetica-Bold", 72)
        drawing.drawString(40, size[1] / 2, f"P{n + 1}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def test_every_page_is_counted_measured_and_drawn_with_ink_on_white(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4, letter

    from companion.core.handouts.preview import PdfPages

    pages = PdfPages(_pdf(3, letter))
    assert len(pages) == 3 and pages.size_mm(2) == (216, 279)
    image = pages.render(1, 0.5)
    assert (image.width, image.height) == (306, 396)  # 612 × 792 points at half a pixel each
    assert len(image.pixels) == image.stride * image.height
    blue = image.pixels[0::4]
    assert blue[0] == 255 and min(blue) < 64  # white paper with black ink on it
    pages.close()
    (tmp_path / "a4.pdf").write_bytes(_pdf(1, A4))
    assert PdfPages(tmp_path / "a4.pdf").size_mm() == (210, 297)


def test_a_file_that_is_not_a_pdf_is_one_clear_error() -> None:
    from companion.core.handouts.preview import PdfPages

    with pytest.raises(ValueError, match="not a PDF"):
        PdfPages(b"%PDF-1.4 this is no PDF")


def test_the_handout_preview_carries_the_pdf_it_measured(store) -> None:  # type: ignore[no-untyped-def]
    from companion.app.workshop import HandoutRequest, Workshop
    from companion.core.handouts.preview import PdfPages

    request = HandoutRequest(kinds=["sign-in"], lang="en", folder=Path("unused"), paper="a4")
    (facts,) = Workshop(store).preview_handouts(request)
    pages = PdfPages(facts.pdf)
    assert len(pages) == facts.pages and pages.size_mm() == (facts.width_mm, facts.height_mm)

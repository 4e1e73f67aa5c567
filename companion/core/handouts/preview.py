"""What a handout will be on paper before it is written: its pages, their size and their images.

Read from the PDF the renderer made in memory, so the count is the printed one,
not an estimate. The numbers are read from the page objects reportlab writes
(their dictionaries are never compressed, only their content streams are); a
PDF from elsewhere is not read by :func:`facts_of`.

Page images come from :class:`PdfPages` (pypdfium2, imported only when a page is
drawn). Measured: Qt's QPrintPreviewDialog (QtPrintSupport, 0.8 MB) only shows what
a QPrinter paints and cannot show a reportlab PDF; Qt's PDF module is in the PySide6
Addons wheel, not in Essentials, and carries PDFium too; pypdfium2 is a 3.7 MB
wheel, 8.3 MB installed (7.7 MB of it libpdfium), so it is the lighter of the two.
Images are plain bytes (no Qt here): the window wraps them in a QImage.
"""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import pypdfium2

from companion.core.handouts.builder import plan

_PAGE = re.compile(rb"/Type /Page\b(?!s)")
_MEDIA_BOX = re.compile(rb"/MediaBox \[ *([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) *\]")
POINTS_PER_MM = 72 / 25.4


class HandoutFacts(NamedTuple):
    stem: str  # the file's name without the paper and extension: "documents-en"
    pages: int
    width_mm: int
    height_mm: int
    pdf: bytes = b""  # the file as it would be written, for drawing its pages


class PageImage(NamedTuple):
    """One page drawn: ``width`` × ``height`` pixels, 4 bytes each in B, G, R, unused order."""

    width: int
    height: int
    stride: int  # bytes a row
    pixels: bytes


# PDFium is not safe to call from two threads at once, not even on two documents (pypdfium2's
# documentation says so): every call into it in the program goes through PdfPages and takes this
# lock. Re-entrant: a document dropped while the lock is held is closed in __del__ under it.
_PDFIUM = threading.RLock()


class PdfPages:
    """A PDF opened for drawing its pages, from any thread: the program's one door to PDFium."""

    def __init__(self, pdf: bytes | Path) -> None:
        import pypdfium2

        self._document: pypdfium2.PdfDocument | None = None  # __del__ runs even if this fails
        data = pdf.read_bytes() if isinstance(pdf, Path) else bytes(pdf)
        with _PDFIUM:
            try:
                self._document = pypdfium2.PdfDocument(data)
            except pypdfium2.PdfiumError as exc:
                raise ValueError(f"not a PDF that can be shown: {exc}") from None
            document = self._document
            # Sizes in points (1/72 inch), read once: the window lays out every page before drawing any.
            self.sizes: list[tuple[float, float]] = [
                document.get_page_size(index) for index in range(len(document))
            ]
        self._data = data  # PDFium reads from this buffer while the document is open

    def __len__(self) -> int:
        return len(self.sizes)

    def size_mm(self, index: int = 0) -> tuple[int, int]:
        """The paper of page ``index`` in whole millimetres (width, height)."""
        width, height = self.sizes[index]
        return round(width / POINTS_PER_MM), round(height / POINTS_PER_MM)

    def render(self, index: int, scale: float) -> PageImage:
        """Page ``index`` (from 0) at ``scale`` pixels a point, on white."""
        import pypdfium2.raw as pdfium_c

        with _PDFIUM:
            if self._document is None:
                raise ValueError("the PDF was closed")
            page = self._document[index]
            try:
                bitmap = page.render(
                    scale=max(scale, 0.01),
                    force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                    fill_color=(255, 255, 255, 255),
                )
                image = PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
                bitmap.close()
            finally:
                page.close()
        return image

    def close(self) -> None:
        with _PDFIUM:
            if self._document is not None:
                self._document.close()
                self._document = None

    def __del__(self) -> None:
        # Dropped without close() (a preview window deleted), on whichever thread let go of it
        # last: closed here under the lock, never by pypdfium2's own finaliser outside it.
        self.close()


def facts_of(pdf: bytes, stem: str = "") -> HandoutFacts:
    """Pages and paper size (in whole millimetres) of a PDF the handout renderer wrote."""
    pages = len(_PAGE.findall(pdf))
    box = _MEDIA_BOX.search(pdf)
    if not pages or box is None:
        raise ValueError("not a handout PDF")
    x0, y0, x1, y1 = (float(value) for value in box.groups())
    return HandoutFacts(stem, pages, round((x1 - x0) / POINTS_PER_MM), round((y1 - y0) / POINTS_PER_MM))


def preview(
    items: Any,
    manifest: Any,
    fingerprint: str,
    kind: str,
    lang: str,
    edition: str = "participant",
    paper: str = "a4",
) -> list[HandoutFacts]:
    """Each file ``kind`` stands for, rendered in memory and measured; nothing is written."""
    from companion.core.handouts.render import Renderer  # reportlab: only now

    renderer = Renderer(paper)
    found = []
    for build in plan(items, manifest, fingerprint, kind, lang, edition):
        handout = build()
        buffer = io.BytesIO()
        renderer.render(handout, buffer)
        data = buffer.getvalue()
        found.append(facts_of(data, handout.file_stem)._replace(pdf=data))
    return found

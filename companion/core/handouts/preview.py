"""What a handout will be on paper before it is written: its pages and their size.

Read from the PDF the renderer made in memory, so the count is the printed one,
not an estimate. The numbers are read from the page objects reportlab writes
(their dictionaries are never compressed, only their content streams are); a
PDF from elsewhere is not read here.

Page images are not offered: they need a PDF rasteriser, and none is bundled.
Measured: Qt's QPrintPreviewDialog (QtPrintSupport, 0.8 MB) only shows what a
QPrinter paints and cannot show a reportlab PDF; Qt's PDF module is in the
PySide6 Addons wheel, not in Essentials, and carries PDFium; pypdfium2 is a
3.7 MB wheel, 8.3 MB installed (7.7 MB of it libpdfium). Either is a new
bundled component for the lead to decide on.
"""

from __future__ import annotations

import io
import re
from typing import Any, NamedTuple

from companion.core.handouts.builder import plan

_PAGE = re.compile(rb"/Type /Page\b(?!s)")
_MEDIA_BOX = re.compile(rb"/MediaBox \[ *([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) *\]")
POINTS_PER_MM = 72 / 25.4


class HandoutFacts(NamedTuple):
    stem: str  # the file's name without the paper and extension: "documents-en"
    pages: int
    width_mm: int
    height_mm: int


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
        found.append(facts_of(buffer.getvalue(), handout.file_stem))
    return found

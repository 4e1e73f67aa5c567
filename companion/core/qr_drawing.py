"""Drawing a QR code on a reportlab canvas, as the answer sheets and the certificates print theirs.

reportlab is imported only when a code is drawn (through importlib, like the pages that call this),
so nothing that merely imports this module pays for it.
"""

from __future__ import annotations

import importlib
from typing import Protocol, cast

MM = 72 / 25.4  # points per millimetre


class QrCanvas(Protocol):
    """What of a reportlab canvas a QR code needs."""

    def setFillGray(self, gray: float) -> None: ...  # noqa: N802 (reportlab's names)
    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None: ...


class _QrCode(Protocol):
    def addData(self, data: str) -> None: ...  # noqa: N802
    def make(self) -> None: ...
    def getModuleCount(self) -> int: ...  # noqa: N802
    def isDark(self, row: int, col: int) -> bool: ...  # noqa: N802


def draw_qr(c: QrCanvas, text: str, left: float, top: float, size: float, page_h: float) -> None:
    """Draw ``text`` as a QR code (error correction M), a black square ``size`` mm wide.

    ``left`` and ``top`` place its top-left corner in millimetres from the top-left of a page
    ``page_h`` mm tall (reportlab measures from the bottom). The quiet zone is the caller's.
    """
    encoder = importlib.import_module("reportlab.graphics.barcode.qrencoder")
    qr = cast(_QrCode, encoder.QRCode(None, encoder.QRErrorCorrectLevel.M))
    qr.addData(text)
    qr.make()
    count = qr.getModuleCount()
    module = size / count
    side = module * MM + 0.2  # a hair wider: neighbouring modules print as one dark area
    c.setFillGray(0)
    for row in range(count):
        for col in range(count):
            if qr.isDark(row, col):
                bottom = top + (row + 1) * module
                c.rect((left + col * module) * MM, (page_h - bottom) * MM, side, side, stroke=0, fill=1)

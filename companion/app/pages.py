"""A PDF's pages as images, for the window's print preview (a handout's, a report's).

Thin: the drawing is :class:`companion.core.handouts.preview.PdfPages` (PDFium, no Qt);
the window wraps each :class:`PageImage` in a QImage.
"""

from __future__ import annotations

from companion.core.handouts.preview import PageImage, PdfPages

__all__ = ["PageImage", "PdfPages"]

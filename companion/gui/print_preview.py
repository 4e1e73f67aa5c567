"""A PDF shown as page images before it is printed or saved: the reusable :class:`PdfPreview`.

``PdfPreview(parent).show_pdf(path_or_bytes)`` lays out every page at once (sizes
only) and draws the pages on a worker (:mod:`companion.gui.worker`), the ones in
view first, one at a time, so a 40-page handout never freezes the window. The
drawing is :class:`companion.core.handouts.preview.PdfPages` (no Qt there); this
module wraps its bytes in a QImage. :class:`HandoutPreviewDialog` is the export
dialog's preview: a choice of file, the pages, and Export.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.gui.worker import run_in_background
from companion.i18n import _, ngettext

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, Progress
    from companion.app.pages import PageImage, PdfPages
    from companion.app.workshop import HandoutFacts

MARGIN = 12  # pixels around and between the pages
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0  # pixels a point
PAPERS = {(210, 297): "A4", (297, 210): "A4", (216, 279): "Letter", (279, 216): "Letter"}


def paper_name(width_mm: int, height_mm: int) -> str:
    """ "A4 (210 × 297 mm)", or the size alone for a paper without a name here."""
    name = PAPERS.get((width_mm, height_mm))
    size = _("{width} × {height} mm").format(width=width_mm, height=height_mm)
    return f"{name} ({size})" if name else size


class PdfPreview(QWidget):
    """The pages of one PDF, drawn lazily, with page count, paper, zoom and page keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf-preview")
        self.pages: PdfPages | None = None
        self.labels: list[QLabel] = []
        self.drawn: dict[int, float] = {}  # page -> the zoom it was drawn at
        self.mode = "width"  # "width", "page" or "zoom" (a zoom the user chose)
        self.zoom = 1.0  # logical pixels a point
        self.busy = False  # a page is being drawn on the worker
        self.generation = 0  # which show_pdf a drawn page belongs to (an older one is dropped)
        self.failed = ""

        self.previous_button = self._tool("previous-page", "◀", lambda: self.go_to(self.current_page() - 1))
        self.next_button = self._tool("next-page", "▶", lambda: self.go_to(self.current_page() + 1))
        self.page_label = QLabel()
        self.page_label.setObjectName("page-label")
        self.paper_label = QLabel()
        self.paper_label.setObjectName("paper-label")
        self.fit_width_button = self._tool("fit-width", "", lambda: self.set_mode("width"))
        self.fit_page_button = self._tool("fit-page", "", lambda: self.set_mode("page"))
        self.zoom_out_button = self._tool("zoom-out", "−", lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = self._tool("zoom-in", "+", lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_label = QLabel()
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.paper_label)
        bar.addStretch(1)
        for widget in (
            self.fit_width_button,
            self.fit_page_button,
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
        ):
            bar.addWidget(widget)

        self.sheet = QWidget()
        self.sheet.setObjectName("preview-sheet")
        self.area = QScrollArea()
        self.area.setWidget(self.sheet)
        self.area.setWidgetResizable(False)
        # Always there: a scroll bar that came and went would change the width the pages fit.
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setStyleSheet("QScrollArea, #preview-sheet { background: #808080; }")
        self.area.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.area.horizontalScrollBar().valueChanged.connect(self._scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)

        self.area.installEventFilter(self)  # its own PgUp/PgDn would scroll by a screen, not a page
        self.retranslate()
        self._update_bar()

    def _key(self, event: QKeyEvent) -> bool:
        """Page and zoom keys: PgUp/PgDn/Home/End a page at a time, Ctrl+= and Ctrl+- the zoom."""
        key, control = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        larger = control and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or larger:
            self.zoom_by(ZOOM_STEP)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (control and key == Qt.Key.Key_Minus):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_PageDown:
            self.go_to(self.current_page() + 1)
        elif key == Qt.Key.Key_PageUp:
            self.go_to(self.current_page() - 1)
        elif key == Qt.Key.Key_Home and not control:
            self.go_to(0)
        elif key == Qt.Key.Key_End and not control:
            self.go_to(len(self.labels) - 1)
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.area and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if not self._key(event):
            super().keyPressEvent(event)

    def _tool(self, name: str, text: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.previous_button.setToolTip(_("Previous page (PgUp)"))
        self.next_button.setToolTip(_("Next page (PgDn)"))
        self.fit_width_button.setText(_("Fit width"))
        self.fit_page_button.setText(_("Fit page"))
        self.zoom_out_button.setToolTip(_("Smaller (Ctrl+-)"))
        self.zoom_in_button.setToolTip(_("Larger (Ctrl+=)"))
        self._update_bar()

    # --- the document --------------------------------------------------------------------------

    def show_pdf(self, source: bytes | Path) -> None:
        """Show the pages of ``source`` (a PDF's bytes or file); a PDF that cannot be read says so."""
        from companion.app.pages import PdfPages

        self.generation += 1
        if self.pages is not None:
            self.pages.close()
        self.pages, self.failed = None, ""
        try:
            self.pages = PdfPages(source)
        except (ValueError, OSError) as exc:
            self.failed = getattr(exc, "strerror", None) or str(exc)
        for label in self.labels:
            label.deleteLater()
        self.labels, self.drawn = [], {}
        for index in range(len(self.pages) if self.pages is not None else 0):
            label = QLabel(self.sheet)
            label.setObjectName(f"page-{index + 1}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; color: #808080;")
            label.setText(_("Page {page}").format(page=index + 1))
            label.show()
            self.labels.append(label)
        self._lay_out()
        self.area.verticalScrollBar().setValue(0)
        self._update_bar()
        self._draw_next()

    def page_count(self) -> int:
        return len(self.labels)

    # --- zoom and layout -----------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """Fit the widest page to the width ("width") or a whole page to the view ("page")."""
        page = self.current_page()
        self.mode = mode
        self._lay_out()
        self.go_to(page)

    def zoom_by(self, factor: float) -> None:
        page = self.current_page()
        self.mode = "zoom"
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        self._lay_out()
        self.go_to(page)

    def _fitted_zoom(self) -> float:
        if self.pages is None or not len(self.pages):
            return self.zoom
        viewport = self.area.viewport()
        widest = max(width for width, _height in self.pages.sizes)
        tallest = max(height for _width, height in self.pages.sizes)
        across = (viewport.width() - 2 * MARGIN) / widest
        if self.mode == "page":
            return max(MIN_ZOOM, min(across, (viewport.height() - 2 * MARGIN) / tallest))
        return max(MIN_ZOOM, across)

    def _lay_out(self) -> None:
        if self.mode != "zoom":
            self.zoom = self._fitted_zoom()
        sizes = self.pages.sizes if self.pages is not None else []
        width = max((round(w * self.zoom) for w, _h in sizes), default=0) + 2 * MARGIN
        y = MARGIN
        for label, (page_width, page_height) in zip(self.labels, sizes, strict=True):
            w, h = round(page_width * self.zoom), round(page_height * self.zoom)
            label.setGeometry(QRect((width - w) // 2, y, w, h))
            y += h + MARGIN
        self.sheet.resize(max(width, 1), max(y, 1))
        self._update_bar()
        self._draw_next()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.mode != "zoom":
            page = self.current_page()
            self._lay_out()
            self.go_to(page)

    # --- pages ---------------------------------------------------------------------------------

    def current_page(self) -> int:
        """The page (from 0) at the top third of the view."""
        line = self.area.verticalScrollBar().value() + self.area.viewport().height() // 3
        current = 0
        for index, label in enumerate(self.labels):
            if label.y() <= line:
                current = index
        return current

    def go_to(self, index: int) -> None:
        if not self.labels:
            return
        index = min(max(index, 0), len(self.labels) - 1)
        self.area.verticalScrollBar().setValue(self.labels[index].y() - MARGIN)
        self._update_bar()

    def _scrolled(self, _value: int) -> None:
        self._update_bar()
        self._draw_next()

    def _update_bar(self) -> None:
        count = len(self.labels)
        if self.failed:
            self.page_label.setText(_("This PDF cannot be shown: {reason}").format(reason=self.failed))
        elif count:
            self.page_label.setText(
                ngettext("Page {page} of {count}", "Page {page} of {count}", count).format(
                    page=self.current_page() + 1, count=count
                )
            )
        else:
            self.page_label.setText("")
        shown = self.pages.size_mm(self.current_page()) if self.pages is not None and count else None
        paper = paper_name(*shown) if shown else ""
        self.paper_label.setText(paper)
        self.zoom_label.setText(f"{round(self.zoom * 72 / 96 * 100)}%" if count else "")  # 100% = paper size
        self.previous_button.setEnabled(count > 0 and self.current_page() > 0)
        self.next_button.setEnabled(count > 0 and self.current_page() < count - 1)
        self.fit_width_button.setEnabled(count > 0)
        self.fit_page_button.setEnabled(count > 0)

    def _wanted(self) -> int | None:
        """The next page to draw: the ones in view first, then the next one below; None when done."""
        if not self.labels:
            return None
        top = self.area.verticalScrollBar().value()
        view = QRect(0, top, self.sheet.width(), self.area.viewport().height())
        in_view = [n for n, label in enumerate(self.labels) if label.geometry().intersects(view)]
        after = [in_view[-1] + 1] if in_view and in_view[-1] + 1 < len(self.labels) else []
        for index in in_view + after:
            if self.drawn.get(index) != self.zoom:
                return index
        return None

    def _draw_next(self) -> None:
        if self.busy or self.pages is None:
            return
        index = self._wanted()
        if index is None:
            return
        pages, zoom, generation = self.pages, self.zoom, self.generation
        scale = zoom * self.devicePixelRatioF()

        def work(_progress: Progress, _cancelled: CancelCheck) -> tuple[int, float, int, PageImage | str]:
            try:
                return generation, zoom, index, pages.render(index, scale)
            except ValueError as exc:  # closed meanwhile (another PDF shown), or a page PDFium refuses
                return generation, zoom, index, str(exc)

        self.busy = True
        # The task belongs to the application, not to this widget: closing the preview while a
        # page is being drawn must not delete the object the worker is about to signal from.
        owner = QCoreApplication.instance()
        assert owner is not None
        run_in_background(owner, work, self._drawn, self._not_drawn)

    def _drawn(self, result: tuple[int, float, int, PageImage | str]) -> None:
        self.busy = False
        generation, zoom, index, image = result
        if generation != self.generation:
            pass  # drawn (or refused) for a PDF no longer shown: dropped
        elif isinstance(image, str):
            self.failed = image
            self._update_bar()
            return
        elif index < len(self.labels):
            rgb = QImage.Format.Format_RGB32  # B, G, R, unused in memory (little-endian machines)
            picture = QImage(image.pixels, image.width, image.height, image.stride, rgb)
            pixmap = QPixmap.fromImage(picture.copy())  # copied: the bytes go with the result
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            label = self.labels[index]
            label.setPixmap(pixmap)
            self.drawn[index] = zoom
        self._draw_next()

    def _not_drawn(self, error: BaseException) -> None:
        self.busy = False
        self.failed = str(error)
        self._update_bar()


class HandoutPreviewDialog(QDialog):
    """The handouts the export dialog would write, page by page, before anything is written."""

    def __init__(self, found: Sequence[HandoutFacts], export: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("handout-preview")
        self.found = list(found)
        self.files = QComboBox()
        self.files.setObjectName("preview-files")
        self.preview = PdfPreview(self)
        self.files.currentIndexChanged.connect(self._show)
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton()
        self.export_button.setObjectName("preview-export")
        self.export_button.clicked.connect(self.accept)
        self.export_button.clicked.connect(export)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(760, 900)
        self._show(0)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print preview"))
        current = self.files.currentIndex()
        self.files.blockSignals(True)
        self.files.clear()
        for facts in self.found:
            pages = ngettext("{count} page", "{count} pages", facts.pages).format(count=facts.pages)
            self.files.addItem(f"{facts.stem} · {pages}")
        self.files.setCurrentIndex(max(current, 0))
        self.files.blockSignals(False)
        self.export_button.setText(_("Export"))
        self.close_button.setText(_("Close"))
        self.preview.retranslate()

    def _show(self, index: int) -> None:
        if 0 <= index < len(self.found):
            self.preview.show_pdf(self.found[index].pdf)

"""The print preview: a handout's pages as images, drawn lazily, with count, paper, zoom and page keys."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt


def _pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    for n in range(pages):
        drawing.setFont("Helvetica-Bold", 96)
        drawing.drawString(60, 400, f"P{n + 1}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def _preview(qtbot):  # type: ignore[no-untyped-def]
    from companion.gui.print_preview import PdfPreview
    from companion.i18n import set_language

    set_language("en")
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(600, 700)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def test_a_long_pdf_shows_its_first_pages_without_drawing_all_of_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = _preview(qtbot)
    preview.show_pdf(_pdf(40))
    assert preview.page_count() == 40
    assert preview.page_label.text() == "Page 1 of 40"
    assert preview.paper_label.text() == "A4 (210 × 297 mm)"
    qtbot.waitUntil(lambda: 0 in preview.drawn and not preview.busy, timeout=30_000)
    first = preview.labels[0].pixmap()
    assert not first.isNull() and first.toImage().pixelColor(2, 2).name() == "#ffffff"
    assert len(preview.drawn) < 40  # the pages out of view wait until they are scrolled to
    # Fit width: the page fills the view across, less the margins.
    assert abs(preview.labels[0].width() - (preview.area.viewport().width() - 24)) <= 2


def test_page_keys_move_page_by_page_and_zoom_keys_resize(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = _preview(qtbot)
    preview.show_pdf(_pdf(5))
    preview.area.setFocus()
    qtbot.keyClick(preview.area, Qt.Key.Key_PageDown)
    qtbot.keyClick(preview.area, Qt.Key.Key_PageDown)
    assert preview.current_page() == 2 and preview.page_label.text() == "Page 3 of 5"
    qtbot.waitUntil(lambda: 2 in preview.drawn and not preview.busy, timeout=30_000)
    qtbot.keyClick(preview.area, Qt.Key.Key_PageUp)
    assert preview.current_page() == 1
    width = preview.labels[0].width()
    qtbot.keyClick(preview.area, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert preview.labels[0].width() > width and preview.current_page() == 1
    qtbot.keyClick(preview.area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.labels[0].width() < width
    preview.fit_page_button.click()  # a whole page in view
    assert preview.labels[0].height() <= preview.area.viewport().height()
    qtbot.waitUntil(lambda: preview.drawn.get(preview.current_page()) == preview.zoom, timeout=30_000)


def test_a_file_that_is_not_a_pdf_says_so_and_shows_no_pages(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    preview = _preview(qtbot)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    preview.show_pdf(broken)
    assert preview.page_count() == 0 and "cannot be shown" in preview.page_label.text()


def test_the_export_dialog_previews_the_pages_and_exports_from_there(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.export_action.trigger()
    dialog = window.export_dialog
    qtbot.waitExposed(dialog)
    dialog.folder.setText(str(tmp_path / "out"))
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "sign-in")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview_window is not None, timeout=90_000)
    shown = dialog.preview_window
    assert shown.preview.page_count() >= 1 and "sign-in-en" in shown.files.currentText()
    qtbot.waitUntil(lambda: 0 in shown.preview.drawn, timeout=30_000)
    assert not (tmp_path / "out").exists()  # nothing written by looking
    shown.export_button.click()
    qtbot.waitUntil(lambda: dialog.files.count() == 1, timeout=90_000)
    assert (tmp_path / "out" / "sign-in-en-a4.pdf").exists()


def test_a_pdf_replaced_while_its_page_is_drawn_leaves_the_new_one_drawn(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The report dialog does this when the passphrase is entered: a new PDF while the old one draws.
    preview = _preview(qtbot)
    preview.show_pdf(_pdf(3))
    preview.show_pdf(_pdf(2))  # the first is closed at once, under the worker's feet
    qtbot.waitUntil(lambda: 0 in preview.drawn and not preview.busy, timeout=30_000)
    assert preview.page_label.text() == "Page 1 of 2"
    assert not preview.failed

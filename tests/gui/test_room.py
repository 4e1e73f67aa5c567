"""The window in a real room: a 1366x768 laptop, larger text, a washed-out projector, and the
participants' take-home copy, which offers no facilitator box at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QScreen, QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication, QStyleFactory

from companion import resources
from companion.gui import room

LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less a 40-pixel task bar
ZOOM_STEP = 1.15


def _new_window(qtbot: Any, workshop: Any) -> Any:
    from companion.gui.app import create_application
    from companion.gui.main_window import MainWindow

    _app, font = create_application()
    window = MainWindow.of(workshop, font)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.sig_content_loaded):
        window.load_content()
    return window


@pytest.fixture(autouse=True)
def ordinary_look(window: Any) -> Iterator[None]:
    """Every test ends in the ordinary look and text size: the palette is the application's."""
    yield
    window.high_contrast_action.setChecked(False)
    window.zoom(None)


def _larger_text(window: Any, qtbot: Any) -> None:
    for _step in range(3):
        window.zoom_plus_action.trigger()  # Ctrl+=
    assert window.scale == pytest.approx(ZOOM_STEP**3, rel=1e-3)


def test_the_first_window_fits_a_laptop_with_a_task_bar(
    qtbot: Any, workshop: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(LAPTOP))
    workshop.set_setting("window_geometry", "")  # a first start: no size saved yet
    fresh = _new_window(qtbot, workshop)
    frame = QRect(fresh.pos(), fresh.size() + room.FRAME_ALLOWANCE)
    assert LAPTOP.contains(frame), frame
    # At a projector's text size, in high contrast, in every section, it still fits.
    _larger_text(fresh, qtbot)
    fresh.high_contrast_action.setChecked(True)
    for item_id in ("ag-01", "cs-01", "ilo-adult-labour", "doc-01"):
        fresh.open_item(item_id)
        assert fresh.catalogue.by_id[item_id]
        QApplication.processEvents()  # the layouts take the new font's size
        needed = fresh.minimumSizeHint() + room.FRAME_ALLOWANCE
        assert needed.width() <= LAPTOP.width() and needed.height() <= LAPTOP.height(), (item_id, needed)
    frame = QRect(fresh.pos(), fresh.size() + room.FRAME_ALLOWANCE)
    assert LAPTOP.contains(frame), frame
    fresh.high_contrast_action.setChecked(False)
    fresh.zoom(None)


def test_a_size_saved_on_a_large_monitor_shrinks_to_the_laptop(
    qtbot: Any, workshop: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.resize(1900, 1000)
    window.close()  # saves its geometry
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(LAPTOP))
    fresh = _new_window(qtbot, workshop)
    assert fresh.width() + room.FRAME_ALLOWANCE.width() <= LAPTOP.width()
    assert fresh.height() + room.FRAME_ALLOWANCE.height() <= LAPTOP.height()


def _table_lines(document: QTextDocument) -> Iterator[tuple[str, int]]:
    """(text of a block in a table cell, where a wrapped line starts) for every line but the first."""
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            for row in range(frame.rows()):
                for column in range(frame.columns()):
                    cell = frame.cellAt(row, column).begin()
                    while not cell.atEnd():
                        block = cell.currentBlock()
                        layout = block.layout()
                        for n in range(1, layout.lineCount()):
                            yield block.text(), layout.lineAt(n).textStart()
                        cell += 1


def test_at_larger_text_table_cells_wrap_between_words(window: Any, qtbot: Any) -> None:
    _larger_text(window, qtbot)
    window.open_item("ilo-adult-labour")
    reader = window.tools.reader
    wrapped = 0
    for width in (200, 320, 480):  # a reader squeezed beside the list, at a projector's text size
        document = reader.document().clone()
        document.setDefaultTextOption(reader.document().defaultTextOption())
        document.setTextWidth(width)
        document.size()  # lays it out
        for text, start in _table_lines(document):
            wrapped += 1
            split = text[start - 1 : start + 1]
            assert not (split.isascii() and split.isalnum()), f"inside a word: {text[:start]}|{text[start:]}"
    assert wrapped > 0  # the cells did wrap: the check above had lines to look at


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # offscreen: a popup
def test_drop_down_popups_are_as_wide_as_their_longest_entry(window: Any, qtbot: Any) -> None:
    _larger_text(window, qtbot)
    window.open_item("ilo-adult-labour")
    combo = window.tools.case_choice
    assert combo.count() > 1
    combo.setFixedWidth(120)  # narrower than its entries, as in a crowded row at larger text
    # The Windows style, like Windows' own, opens a popup only as wide as the combo (Fusion widens it).
    windows = QStyleFactory.create("Windows")
    assert windows is not None
    combo.setStyle(windows)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(lambda: view.isVisible())
    metrics = QFontMetrics(view.font())
    longest = max(metrics.horizontalAdvance(combo.itemText(n)) for n in range(combo.count()))
    assert view.viewport().width() >= longest
    combo.hidePopup()


def test_high_contrast_toggles_and_is_remembered(qtbot: Any, workshop: Any, window: Any) -> None:
    window.open_item("ilo-adult-labour")
    before = window.tools.reader.toHtml()
    assert "#555555" in before  # guidance in grey: faint on a washed-out projector
    window.high_contrast_action.trigger()
    palette = window.palette()
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#000000"
    assert palette.color(QPalette.ColorRole.Base).name() == "#ffffff"
    assert QApplication.font().weight() > QFont.Weight.Normal  # heavier type
    shown = window.tools.reader.toHtml()
    assert "#555555" not in shown
    assert "font-weight: 600" in window.tools.reader.document().defaultStyleSheet()
    assert workshop.setting("high_contrast") == "1"
    window.close()
    fresh = _new_window(qtbot, workshop)
    assert fresh.high_contrast_action.isChecked()
    fresh.high_contrast_action.trigger()
    assert workshop.setting("high_contrast") == "0"
    assert fresh.palette().color(QPalette.ColorRole.Base) == fresh.style().standardPalette().color(
        QPalette.ColorRole.Base
    )


def test_a_participant_install_offers_no_facilitator_box_until_the_facilitator_pack_comes(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.app.workshop import Workshop
    from companion.core.datafolder import open_data_folder
    from companion.core.packs.edition_folder import write_edition_folder
    from companion.core.packs.importer import import_pack
    from companion.core.packs.reader import read_pack_bytes
    from companion.core.packs.verify import verify
    from companion.core.sources import read_folder
    from tests.unit.pack_support import pack_of, stand_in_bundled_publisher

    assert not window.case_studies.notes_box.isHidden()  # the facilitator build offers it
    source = resources.bundled_pack_dir()
    key = stand_in_bundled_publisher(monkeypatch)
    folder = tmp_path / "participant" / resources.BUNDLED_PACK
    write_edition_folder(source, folder, "participant")
    monkeypatch.setattr(resources, "bundled_pack_dir", lambda: folder)
    store = open_data_folder(tmp_path / "data")
    try:
        participant = _new_window(qtbot, Workshop(store))
        for section in (participant.case_studies, participant.agenda):
            assert section.notes_box.isHidden() and not section.notes_box.isChecked()
        pack = verify(read_pack_bytes(pack_of(read_folder(source), "facilitator", key)), {})
        import_pack(store, pack, "newer")
        participant.load_content()
        assert not participant.case_studies.notes_box.isHidden()
        assert not participant.agenda.notes_box.isHidden()
        participant.close()
    finally:
        store.close()

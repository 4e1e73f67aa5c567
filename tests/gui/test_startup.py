"""Starting the window: the frame paints first, the workshop fills it right after."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintSpy(QObject):
    """Records, at the window's first paint, whether the workshop was loaded yet."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.loaded_at_first_paint: list[bool] = []
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.loaded_at_first_paint:
            self.loaded_at_first_paint.append(self.window.manifest is not None)
        return False


def test_the_frame_paints_before_the_workshop_is_read(qtbot, data_dir) -> None:
    from companion.gui.app import open_main_window, show_main_window

    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    spy = PaintSpy(window)
    with qtbot.waitSignal(window.sig_content_loaded, timeout=20_000):
        show_main_window(window)
    assert spy.loaded_at_first_paint == [False]
    assert window.catalogue.of_kind("case-study")
    assert window.nav.item(0).text() == "Agenda"

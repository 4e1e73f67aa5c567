"""The window in a real room: the laptop's screen, larger text and a washed-out projector.

Owns three things the main window applies: a first size that fits the screen's
available area (a 1366x768 laptop with a task bar leaves about 1366x728);
drop-down lists whose popup is never narrower than their longest entry, whatever
the text size; and the high-contrast look (black on white, heavier type, strong
borders) for the window and for the HTML its readers show.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QComboBox

# The window imports this module before its first paint for fit_window and contrast_font; the
# classes of the drop-downs and the palette are imported where used, because PySide builds each
# class's Python type (and its enums) when first named: 5 M instructions before the paint.

DEFAULT_SIZE = QSize(1280, 760)
# What the window's frame and title bar take beyond its contents, on the desktops we know.
FRAME_ALLOWANCE = QSize(16, 40)
SMALLEST = QSize(640, 480)

HIGH_CONTRAST_STYLE = """
QListWidget, QTextBrowser, QLineEdit, QComboBox, QPushButton, QCheckBox::indicator {
    border: 2px solid #000000;
}
QPushButton { padding: 3px 6px; background: #ffffff; color: #000000; }
QPushButton:pressed, QPushButton:checked { background: #000000; color: #ffffff; }
QListWidget::item:selected { background: #000000; color: #ffffff; }
"""
# The readers' HTML in high contrast: every colour gone but black, white and the links' blue.
READER_STYLE = "body { color: #000000; background-color: #ffffff; font-weight: 600; } a { color: #0000b0; }"
# Patterns compiled when first used (re keeps them): not before the first paint.
_COLOUR = r"(?<![-\w])(color|background(?:-color)?)\s*:\s*#[0-9a-fA-F]{3,6}\s*;?\s*"
_BORDER = r'border="1"'

_high_contrast = False
_usual_palette: QPalette | None = None


def default_size(available: QRect) -> QSize:
    """The first window's size: the usual one, shrunk to what the screen has room for."""
    room = available.size() - FRAME_ALLOWANCE
    return DEFAULT_SIZE.boundedTo(room).expandedTo(SMALLEST.boundedTo(room))


def fit_window(window: QWidget, restored: bool) -> None:
    """Give ``window`` its first size (or shrink a restored one) inside its screen's available area."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    room = available.size() - FRAME_ALLOWANCE
    if not restored:
        window.resize(default_size(available))
    elif window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room))  # saved on a larger screen (a desk monitor)
    else:
        return
    left = available.left() + max(0, (available.width() - window.width() - FRAME_ALLOWANCE.width()) // 2)
    top = available.top() + max(0, (available.height() - window.height() - FRAME_ALLOWANCE.height()) // 2)
    window.move(left, top)


def popup_width(combo: QComboBox) -> int:
    """The width a combo's popup needs to show its longest entry whole."""
    view = combo.view()
    text = max((view.sizeHintForColumn(0), 0))
    scroll = view.verticalScrollBar().sizeHint().width()
    return text + scroll + 2 * view.frameWidth() + 8


class _PopupFitter(QObject):
    """Widens a combo's popup, as it opens, to its longest entry (Qt keeps it the combo's width).

    It watches only the popups of combos it was given (:func:`watch`), never the whole
    application: a filter on every event of every object would cost at every paint.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        from PySide6.QtWidgets import QComboBox, QFrame

        if event.type() == QEvent.Type.Show and isinstance(watched, QFrame):
            combo = watched.parent()
            if isinstance(combo, QComboBox):
                needed = popup_width(combo)
                if watched.width() < needed:
                    watched.resize(needed, watched.height())
                    _keep_on_screen(watched)
        return False


def _keep_on_screen(popup: QWidget) -> None:
    screen = popup.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    overflow = popup.geometry().right() - area.right()
    if overflow > 0:
        popup.move(max(area.left(), popup.x() - overflow), popup.y())


_fitter: _PopupFitter | None = None
_WATCHED = "companionPopupFitted"  # a property on each combo already watched


def watch(combo: QComboBox) -> None:
    """Fit ``combo``'s popup to its entries whenever it opens."""
    global _fitter
    if combo.property(_WATCHED):
        return
    if _fitter is None:
        _fitter = _PopupFitter(QApplication.instance())
    container = combo.view().parentWidget()  # Qt's popup frame, created with the view
    if container is not None:
        container.installEventFilter(_fitter)
        combo.setProperty(_WATCHED, True)


def fit_popups(root: QWidget) -> None:
    """Watch every combo under ``root`` (the window's own, at each retranslation)."""
    from PySide6.QtWidgets import QComboBox

    for combo in root.findChildren(QComboBox):
        watch(combo)


def install_popup_fitter(app: QApplication) -> None:
    """Combos in any window or dialog are watched when they take the focus (a click gives it first)."""
    from PySide6.QtWidgets import QComboBox

    global _fitter
    if _fitter is None:
        _fitter = _PopupFitter(app)
        app.focusChanged.connect(lambda _old, new: watch(new) if isinstance(new, QComboBox) else None)


def high_contrast() -> bool:
    return _high_contrast


def high_contrast_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    for role in (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.Button,
        QPalette.ColorRole.AlternateBase,
        QPalette.ColorRole.ToolTipBase,
        QPalette.ColorRole.Light,
    ):
        palette.setColor(role, white)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.ToolTipText,
        QPalette.ColorRole.Highlight,
        QPalette.ColorRole.Dark,
        QPalette.ColorRole.Shadow,
        QPalette.ColorRole.Mid,
        QPalette.ColorRole.PlaceholderText,
    ):
        palette.setColor(role, black)
    palette.setColor(QPalette.ColorRole.HighlightedText, white)
    palette.setColor(QPalette.ColorRole.Link, QColor("#0000b0"))
    return palette


def set_high_contrast(window: QWidget, on: bool) -> None:
    """Apply (or take off) the high-contrast look: the palette for every window, borders for ``window``."""
    from PySide6.QtGui import QPalette

    global _high_contrast, _usual_palette
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if on and not _high_contrast:
        _usual_palette = QPalette(app.palette())  # the desktop's own colours, to go back to
    _high_contrast = on
    app.setPalette(high_contrast_palette() if on else (_usual_palette or app.style().standardPalette()))
    window.setStyleSheet(HIGH_CONTRAST_STYLE if on else "")


def contrast_font(font: QFont) -> QFont:
    """``font``, heavier in high contrast: thin strokes vanish on a washed-out projector."""
    if _high_contrast:
        font = QFont(font)
        font.setWeight(QFont.Weight.DemiBold)
    return font


def reader_html(html: str) -> str:
    """The readers' HTML as the current look shows it: in high contrast, black, bold and heavily ruled."""
    if not _high_contrast:
        return html
    html = re.sub(_COLOUR, "", html)
    return re.sub(_BORDER, 'border="2"', html)


def reader_style() -> str:
    """The readers' default style sheet for the current look."""
    return READER_STYLE if _high_contrast else ""

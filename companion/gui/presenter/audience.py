"""The audience view: one slide in large type, or black, and nothing else.

It shows only a :class:`~companion.gui.presenter.slides.Slide`, which is built
from participant-edition items; it has no way to be handed an item itself. Type
scales with the window's height, so it reads from the back of the room on a
projector and still fits when it is a small window on the laptop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from companion.gui.presenter.slides import Slide
from companion.i18n import _


class AudienceView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("audience-view")
        self.setWindowTitle(_("Audience view"))
        self.setStyleSheet("#audience-view, #audience-page, #audience-black { background: #000; }")
        self.slide: Slide | None = None
        self.black = False
        self.title = QLabel()
        self.subtitle = QLabel()
        self.body = QLabel()
        self.footer = QLabel()
        page = QWidget()
        page.setObjectName("audience-page")
        column = self.column = QVBoxLayout(page)
        for label in (self.title, self.subtitle, self.body, self.footer):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # content is text, never markup
            column.addWidget(label)
        column.insertStretch(3, 1)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.footer.setAlignment(Qt.AlignmentFlag.AlignRight)
        blank = QWidget()
        blank.setObjectName("audience-black")
        self.pages = QStackedWidget()
        self.pages.addWidget(page)
        self.pages.addWidget(blank)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.resize(960, 540)
        self._style()

    def show_slide(self, slide: Slide | None) -> None:
        self.slide = slide
        self.title.setText(slide.title if slide else "")
        self.subtitle.setText(slide.subtitle if slide else "")
        self.subtitle.setVisible(bool(slide and slide.subtitle))
        self.body.setText("\n\n".join(slide.body) if slide else "")
        self.footer.setText(slide.footer if slide else "")
        self._style()

    def set_black(self, black: bool) -> None:
        self.black = black
        self.pages.setCurrentIndex(1 if black else 0)

    def texts(self) -> list[str]:
        """Every text the view holds (for the test that nothing facilitator-only is in it)."""
        return [label.text() for label in self.findChildren(QLabel)]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._style()

    def _style(self) -> None:
        # Sizes follow the height: a 1080-line projector gets 60 px titles, a small window less.
        unit = max(self.height(), 300) / 1080
        body = 40 if self.slide is None or len("".join(self.slide.body)) < 600 else 30
        margin = int(64 * unit)
        self.column.setContentsMargins(margin, margin, margin, int(32 * unit))
        for label, size, colour, weight in (
            (self.title, 60, "#fff", 700),
            (self.subtitle, 44, "#ffd866", 600),
            (self.body, body, "#fff", 400),
            (self.footer, 28, "#aaa", 400),
        ):
            label.setStyleSheet(f"color:{colour}; font-size:{int(size * unit)}px; font-weight:{weight};")

"""The list-and-reader pair that every content section is built from; a reader shows the user's highlights."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
# The user's highlights: a pale green, so that a search hit (find_in_text's yellow, drawn as an
# extra selection over the text) still shows on a highlighted passage and is told apart from it.
MARK_COLOUR = "#c8ecc4"


def mark_passages(view: QTextEdit, passages: Iterable[str]) -> int:
    """Give every occurrence of each passage in ``view`` the highlight background; how many were found.

    The colour is set in the document itself (the next render starts clean), not as an extra
    selection: the search's hits are extra selections and replace each other, never these.
    A passage is matched whatever its spacing and case: the stored one was a selection's text,
    and a paragraph break in it is a line break there.
    """
    document = view.document()
    text = document.toPlainText()  # one character a document position (breaks and frames included)
    marked = QTextCharFormat()
    marked.setBackground(QColor(MARK_COLOUR))
    found = 0
    for passage in passages:
        words = passage.split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
        for match in pattern.finditer(text):
            cursor = QTextCursor(document)
            cursor.setPosition(match.start())
            cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(marked)
            found += 1
    return found


class _RowDelegate(QStyledItemDelegate):
    """Every row sized for a line one space narrower than the list.

    At some widths Qt sized a wrapped row one line short of what drawing it
    took (the row came out a few pixels, about a space, wider than the list)
    and drew its last line cut short with "…". Sized one space narrower, no
    row is cut at any width (tests/gui/test_main_window.py sweeps them).
    """

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self.view.viewport().width()
        narrower = QStyleOptionViewItem(option)
        narrower.rect.setWidth(width - option.fontMetrics.horizontalAdvance(" ") - 1)
        size = super().sizeHint(narrower, index)
        return QSize(min(size.width(), width), size.height())


class ItemList(QListWidget):
    """A list of content items by ID; header rows group them and are not selectable."""

    sig_item_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setItemDelegate(_RowDelegate(self))
        self.currentItemChanged.connect(self._on_current)

    def add_header(self, text: str) -> None:
        row = QListWidgetItem(text)
        row.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.font())
        font.setBold(True)
        row.setFont(font)
        row.setForeground(QColor("#1f5c99"))
        self.addItem(row)

    def add_entry(self, item_id: str, text: str, tooltip: str = "") -> QListWidgetItem:
        row = QListWidgetItem(text)
        row.setData(ID_ROLE, item_id)
        if tooltip:
            row.setToolTip(tooltip)
        self.addItem(row)
        return row

    def current_id(self) -> str | None:
        row = self.currentItem()
        item_id = row.data(ID_ROLE) if row is not None else None
        return item_id if isinstance(item_id, str) else None  # a header row has none

    def select_id(self, item_id: str) -> bool:
        for n in range(self.count()):
            if self.item(n).data(ID_ROLE) == item_id:
                self.setCurrentRow(n)
                return True
        return False

    def select_first(self) -> None:
        for n in range(self.count()):
            if self.item(n).flags() & Qt.ItemFlag.ItemIsSelectable:
                self.setCurrentRow(n)
                return

    def rebuild(self, fill: Callable[[], None]) -> None:
        """Refill the list (new language, new content) keeping the selection."""
        keep = self.current_id()
        self.blockSignals(True)
        self.clear()
        fill()
        self.blockSignals(False)
        if keep is None or not self.select_id(keep):
            self.select_first()
        else:
            self.sig_item_chosen.emit(keep)

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None and current.data(ID_ROLE):
            self.sig_item_chosen.emit(current.data(ID_ROLE))


class Reader(QTextBrowser):
    """Read-only rich text; ``item:<id>`` links are handed to the window."""

    sig_link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # The highlighted passages of what is shown, asked for at every render (the notes set it).
        self.passages: Callable[[], list[str]] | None = None
        self.shown_html = ""  # as given to setHtml, to draw again without a deleted highlight
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Between words only (Qt's default also breaks inside one): a table too wide for the
        # reader at a projector's text size scrolls sideways instead of splitting "exploit|ation".
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.anchorClicked.connect(self._on_anchor)

    def setHtml(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Show ``text`` in the current look (high contrast takes the colours off, see room)."""
        from companion.gui import room

        self.shown_html = text
        self.document().setDefaultStyleSheet(room.reader_style())
        super().setHtml(room.reader_html(text))
        self.show_marks()

    def show_marks(self) -> int:
        """Draw the user's highlights on the text shown; how many passages were found in it."""
        return mark_passages(self, self.passages()) if self.passages is not None else 0

    def redraw_marks(self) -> None:
        """Draw the text shown again with the highlights stored now, where the reader was scrolled to.

        A highlight's colour is in the document, so one deleted is only gone from a fresh render.
        """
        bars = (self.horizontalScrollBar(), self.verticalScrollBar())
        where = [bar.value() for bar in bars]
        self.setHtml(self.shown_html)
        for bar, value in zip(bars, where, strict=True):
            bar.setValue(value)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "item":
            self.sig_link_activated.emit(url.path())


class ListReader(QWidget):
    """A list of items on the left and the chosen one rendered on the right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = ItemList()
        self.reader = Reader()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.list.setMinimumWidth(220)  # with the controls under the reader, fits 1366 pixels at +3 text
        self.list.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

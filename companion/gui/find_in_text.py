"""Highlighting a search's hits in the text a reader shows, and scrolling to the first."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

HIT_COLOUR = "#ffe066"


def highlight(view: QTextEdit, query: str) -> int:
    """Mark every occurrence of ``query`` (any case) in ``view`` and scroll to the first; how many.

    Extra selections leave the document as it is, so the next render clears them.
    """
    document: QTextDocument = view.document()
    selections: list[QTextEdit.ExtraSelection] = []
    # Each word of a query of several is searched on its own, as the store's search matches them.
    words = [word for word in query.split() if word]
    for word in words:
        cursor = document.find(word, 0)
        while not cursor.isNull():
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(QColor(HIT_COLOUR))
            selections.append(selection)
            cursor = document.find(word, cursor)
    view.setExtraSelections(selections)
    if selections:
        first = min(selections, key=lambda s: s.cursor.position())
        cursor = QTextCursor(document)
        cursor.setPosition(first.cursor.selectionStart())
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
    return len(selections)

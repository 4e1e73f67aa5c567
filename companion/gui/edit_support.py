"""What the workshop page, agenda editor, translation status and Publish dialog share.

A refusal from the application layer shown as one line, the error label that
shows it, the undo command for one field of a form (merged while typing) and the
undo and redo keys, wired one way for every form (the item editor's text boxes too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

# Above any id Qt gives: a command's id lets the stack merge consecutive edits of one field.
_FIELD_IDS: dict[str, int] = {}


def one_line(error: BaseException) -> str:
    """The first line of an error's text (the app's refusals say everything in it)."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def error_label(parent: QWidget | None = None) -> QLabel:
    """The dialogs' error line (companion.gui.fields), hidden while empty."""
    from companion.gui import fields

    label = fields.error_label()
    label.setParent(parent)
    label.setStyleSheet("color:#b00020;")
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class FieldEdit(QUndoCommand):
    """One change of one field of a form; consecutive changes of a typed field merge into one step."""

    def __init__(
        self,
        key: str,
        old: object,
        new: object,
        apply: Callable[[str, object, bool], None],
        merge: bool = True,
    ) -> None:
        super().__init__(key)
        self.key, self.old, self.new = key, old, new
        self._apply = apply
        self._merge = merge
        self._first = True

    def id(self) -> int:
        if not self._merge:
            return -1
        return _FIELD_IDS.setdefault(self.key, 1000 + len(_FIELD_IDS))

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, FieldEdit) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        # The first redo is the edit the user just made: the widget shows it already, and
        # setting it again would move the cursor.
        self._apply(self.key, self.new, not self._first)
        self._first = False

    def undo(self) -> None:
        self._apply(self.key, self.old, True)


@cache  # asked for by every text box of a form; the platform's keys do not change while running
def _undo_and_redo_keys() -> tuple[list[QKeySequence], list[QKeySequence]]:
    """The keys listed for undo and redo in Help ▸ Keyboard shortcuts (the platform's own included)."""
    from companion.gui.shortcuts import keys_of

    return keys_of("undo"), keys_of("redo")


class _PassUndoKeys(QObject):
    """Lets the undo and redo keys go past a text box, whose own undo would not reach the stack.

    A text box claims Ctrl+Z for itself (a ShortcutOverride): its text would go back while the
    stack, and what was saved, stayed where they were.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        undo, redo = _undo_and_redo_keys()
        self.keys = [*undo, *redo]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            return QKeySequence(event.keyCombination()) in self.keys
        return False


def pass_undo_keys(field: QWidget) -> None:
    """Send the undo and redo keys pressed in ``field`` (a text box) to the form's stack instead."""
    field.installEventFilter(_PassUndoKeys(field))


def add_undo_keys(widget: QWidget, stack: QUndoStack) -> None:
    """The undo and redo keys act on ``stack`` anywhere in ``widget``, its text boxes included.

    The one way the forms wire them; a text box made later passes them on with pass_undo_keys.
    """
    undo_keys, redo_keys = _undo_and_redo_keys()
    undo, redo = QAction(widget), QAction(widget)
    undo.setShortcuts(undo_keys)
    undo.triggered.connect(stack.undo)
    redo.setShortcuts(redo_keys)
    redo.triggered.connect(stack.redo)
    widget.addActions([undo, redo])
    for field in widget.findChildren(QLineEdit) + widget.findChildren(QPlainTextEdit):
        pass_undo_keys(field)

"""What the workshop page, agenda editor, translation status and Publish dialog share.

A refusal from the application layer shown as one line, the error label that
shows it, and the undo command for one field of a form (merged while typing).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QWidget

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


def add_undo_keys(widget: QWidget, stack: QUndoStack) -> None:
    """Ctrl+Z undoes and Ctrl+Shift+Z (and the platform's redo keys) redoes on ``stack`` in ``widget``."""
    undo, redo = QAction(widget), QAction(widget)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(stack.undo)
    shift_z = QKeySequence("Ctrl+Shift+Z")
    redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    redo.setShortcuts([shift_z, *(key for key in redo_keys if key != shift_z)])
    redo.triggered.connect(stack.redo)
    widget.addActions([undo, redo])

"""The editor's undo commands: set a value, and add, remove or move a list entry.

Each command changes the editor's data through :class:`Target` and tells it
what to refresh. A field's edits merge while one types in it (``mergeWith`` by
the field's key), so one Ctrl+Z takes back a burst of typing, not one letter.
"""

from __future__ import annotations

import copy
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

Path = tuple[str | int, ...]
SET_VALUE = 1


class Target(Protocol):
    data: dict[str, Any]

    def value_changed(self, path: Path, structural: bool) -> None: ...


def get_at(data: Any, path: Path) -> Any:
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def set_at(data: dict[str, Any], path: Path, value: Any) -> None:
    """Put ``value`` at ``path``, making the dicts on the way; None removes a dict's key."""
    node: Any = data
    for n, key in enumerate(path[:-1]):
        child = node[int(key)] if isinstance(node, list) else node.get(key)
        if child is None:
            child = [] if isinstance(path[n + 1], int) else {}
            node[key] = child
        node = child
    last = path[-1]
    if isinstance(node, dict) and value is None:
        node.pop(last, None)
    else:
        node[last] = value


class SetValue(QUndoCommand):
    """One field's new value; merges with the next edit of the same field (same ``merge_key``)."""

    def __init__(self, target: Target, path: Path, value: Any, structural: bool = False) -> None:
        super().__init__()
        self.target, self.path, self.structural = target, path, structural
        self.old = copy.deepcopy(get_at(target.data, path))
        self.new = copy.deepcopy(value)
        self.merge_key = path
        self._from_widget = True  # the first redo() is the edit itself: the widget shows it already

    def id(self) -> int:
        return SET_VALUE

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, SetValue) or other.merge_key != self.merge_key or self.structural:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        set_at(self.target.data, self.path, copy.deepcopy(self.new))
        quiet, self._from_widget = self._from_widget, False
        if not quiet or self.structural:
            self.target.value_changed(self.path, self.structural)

    def undo(self) -> None:
        set_at(self.target.data, self.path, copy.deepcopy(self.old))
        self.target.value_changed(self.path, self.structural)


class ListEdit(QUndoCommand):
    """Add, remove or move one entry of the list at ``path``."""

    def __init__(self, target: Target, path: Path, op: str, index: int, value: Any = None) -> None:
        super().__init__()
        self.target, self.path, self.op, self.index = target, path, op, index
        self.value = copy.deepcopy(value)

    def _list(self) -> list[Any]:
        found = get_at(self.target.data, self.path)
        if not isinstance(found, list):
            found = []
            set_at(self.target.data, self.path, found)
        return found

    def redo(self) -> None:
        entries, n = self._list(), self.index
        if self.op == "add":
            entries.insert(n, copy.deepcopy(self.value))
        elif self.op == "remove":
            self.value = entries.pop(n)
        else:  # "down": swap with the next entry ("up" is a move down of the one before)
            entries[n], entries[n + 1] = entries[n + 1], entries[n]
        self.target.value_changed(self.path, True)

    def undo(self) -> None:
        entries, n = self._list(), self.index
        if self.op == "add":
            entries.pop(n)
        elif self.op == "remove":
            entries.insert(n, copy.deepcopy(self.value))
        else:
            entries[n], entries[n + 1] = entries[n + 1], entries[n]
        self.target.value_changed(self.path, True)

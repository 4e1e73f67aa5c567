"""The main window's way into the editor: Edit this item, and New item, in an Edit menu.

Both act on the section shown: Edit opens the item it shows, New item makes
an item of its kind (the library's tab chooses document or glossary term).
Only one's own workshop may be edited; otherwise the status bar says how to get one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from companion.app.kinds import CONTENT_KINDS
from companion.i18n import _

if TYPE_CHECKING:
    from companion.gui.editor.window import ItemEditor
    from companion.gui.main_window import MainWindow

# Ctrl+E exports handouts and Ctrl+N reveals a case's next stage, so editing takes the shifted keys.
EDIT_KEY, NEW_KEY = "Ctrl+Shift+E", "Ctrl+Shift+N"


class EditActions:
    """The Edit menu of the main window and the editor windows it opened (one per item)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.editors: dict[str, ItemEditor] = {}
        self.menu = QMenu(window)
        self.menu.setObjectName("edit-menu")
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        self.edit_action = QAction(window)
        self.edit_action.setShortcuts([QKeySequence(EDIT_KEY)])
        self.edit_action.triggered.connect(self.edit_current)
        self.new_action = QAction(window)
        self.new_action.setShortcuts([QKeySequence(NEW_KEY)])
        self.new_action.triggered.connect(self.new_item)
        self.menu.addAction(self.edit_action)
        self.menu.addAction(self.new_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Edit"))
        self.edit_action.setText(_("Edit this item…"))
        self.new_action.setText(_("New item…"))

    def _shown(self) -> QWidget | None:
        shown = self.window.stack.currentWidget()
        tabs = getattr(shown, "tabs", None)  # the library: documents and glossary in tabs
        return tabs.currentWidget() if tabs is not None else shown

    def current_item(self) -> str | None:
        shown = self._shown()
        listing = getattr(shown, "list", None)
        return listing.current_id() if listing is not None else None

    def current_kind(self) -> str | None:
        """The kind of item the section shown lists."""
        from companion.gui.main_window import SECTION_INDEX

        index = self.window.stack.currentIndex()
        section_id = next((sid for sid, n in SECTION_INDEX.items() if n == index), None)
        kinds = [kind.id for kind in CONTENT_KINDS if kind.section == section_id]
        if len(kinds) > 1:  # the library: its tab says which
            from companion.gui.sections import GlossarySection

            kinds = [k for k in kinds if (k == "glossary-term") == isinstance(self._shown(), GlossarySection)]
        return kinds[0] if kinds else None

    def _may_edit(self) -> bool:
        if self.window.workshop.editable:
            return True
        self.window.statusBar().showMessage(_("Make your own copy first (File ▸ New workshop from…)"), 10_000)
        return False

    def edit_current(self) -> ItemEditor | None:
        item_id = self.current_item()
        item = self.window.catalogue.by_id.get(item_id or "")
        if not self._may_edit() or item is None:
            return None
        return self.open(item.kind, item.id)

    def new_item(self) -> ItemEditor | None:
        kind = self.current_kind()
        if not self._may_edit() or kind is None:
            return None
        data = self.window.workshop.new_item_data(kind)
        return self.open(kind, str(data["id"]), data)

    def open(self, kind: str, item_id: str, data: dict[str, object] | None = None) -> ItemEditor:
        """The editor of ``item_id``, opened (or raised, when it is open already)."""
        from companion.gui.editor.window import ItemEditor

        editor = self.editors.get(item_id)
        if editor is None:
            editor = ItemEditor(self.window.workshop, kind, item_id, dict(data) if data else None)
            self.editors[item_id] = editor
            editor.sig_closed.connect(self._closed)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _closed(self, item_id: str) -> None:
        self.editors.pop(item_id, None)
        self.window.load_content()  # show what the editor saved
        self.window.open_item(item_id)

"""Notes, bookmarks and highlights in the window: the actions, the note dialog and "My notes".

The actions work on the item shown (the current row of the visible section's list);
a reader's context menu adds "Highlight" and "Note on this passage…" for its selection.
Storing is :mod:`companion.app.notes`; this module only asks and shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import title_of
from companion.gui.reader import Reader
from companion.i18n import N_, _, current_language

if TYPE_CHECKING:
    from companion.app.notes import Mark
    from companion.gui.main_window import MainWindow

KIND_LABELS = {"note": N_("Note"), "bookmark": N_("Bookmark"), "highlight": N_("Highlight")}
MARK_ROLE = Qt.ItemDataRole.UserRole


def shown_item(window: MainWindow) -> str | None:
    """The ID of the item the window shows: the current row of the visible section (or result)."""
    from companion.gui.sections import Section

    current = window.stack.currentWidget()
    if current is None:
        return None
    if current is window.results:
        return window.results.current_id()
    candidates = [current] if isinstance(current, Section) else current.findChildren(Section)
    for section in candidates:
        if section.isVisible() or section is current:
            found = section.list.current_id()
            if found:
                return found
    return None


def _item_of_reader(reader: Reader) -> str | None:
    from companion.gui.sections import Section

    widget: QWidget | None = reader.parentWidget()
    while widget is not None and not isinstance(widget, Section):
        widget = widget.parentWidget()
    return widget.list.current_id() if isinstance(widget, Section) else None


class NoteDialog(QDialog):
    """Write a note on an item, or on a passage of it."""

    def __init__(self, title: str, passage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note-dialog")
        self.setWindowTitle(_("Note"))
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{_('On: {title}').format(title=title)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        from companion.app.notes import quoted

        self.passage = QLabel(quoted(passage) if passage else "")
        self.passage.setWordWrap(True)
        self.passage.setTextFormat(Qt.TextFormat.PlainText)
        self.passage.setStyleSheet("background:#fff7c2; padding:4px;")
        self.passage.setVisible(bool(passage))
        layout.addWidget(self.passage)
        self.text = QPlainTextEdit()
        self.text.setObjectName("note-text")
        self.text.setPlaceholderText(_("Your note (only you see it; it is never shown to the room)"))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 300)


class MyNotesDialog(QDialog):
    """Every note, bookmark and highlight of the workshop; double-click opens the item."""

    def __init__(self, actions: NoteActions) -> None:
        super().__init__(actions.window)
        self.owner = actions
        self.setObjectName("my-notes")
        self.setWindowTitle(_("My notes"))
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setHeaderLabels([_("Item"), _("Kind"), _("Passage"), _("Note")])
        self.tree.itemActivated.connect(self._open)
        layout.addWidget(self.tree)
        self.empty = QLabel(
            _("No notes yet. Select text in a reader and right-click, or press Ctrl+Shift+M.")
        )
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox()
        self.remove_button = QPushButton(_("Delete"))
        self.remove_button.clicked.connect(self._remove)
        self.export_button = QPushButton(_("Export my notes…"))
        self.export_button.clicked.connect(actions.export)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.fill()

    def fill(self) -> None:
        from companion.app.notes import marks_of

        self.tree.clear()
        marks = marks_of(self.owner.window.workshop).all()
        lang = current_language()
        for mark in marks:
            item = self.owner.window.catalogue.by_id.get(mark.item_id)
            title = title_of(item).resolve(lang)[0] if item is not None else mark.item_id
            # One line a row; the whole note and passage show on hover.
            passage, body = " ".join(mark.passage.split()), " ".join(mark.body.split())
            row = QTreeWidgetItem([title, _(KIND_LABELS.get(mark.kind, "Note")), passage, body])
            row.setToolTip(2, mark.passage)
            row.setToolTip(3, mark.body)
            row.setData(0, MARK_ROLE, (mark.id, mark.item_id, mark.kind))
            self.tree.addTopLevelItem(row)
        self.empty.setVisible(not marks)
        self.remove_button.setEnabled(bool(marks))
        for column, width in enumerate((220, 90, 200)):
            self.tree.setColumnWidth(column, width)

    def _open(self, row: QTreeWidgetItem) -> None:
        _mark_id, item_id, _kind = row.data(0, MARK_ROLE)
        self.accept()
        self.owner.window.open_item(item_id)

    def _remove(self) -> None:
        from companion.app.notes import HIGHLIGHT, marks_of

        row = self.tree.currentItem()
        if row is None:
            return
        mark_id, item_id, kind = row.data(0, MARK_ROLE)
        marks_of(self.owner.window.workshop).remove(mark_id)
        self.fill()
        if kind == HIGHLIGHT:
            # A reader showing the item loses the colour now, not only when the item is next opened.
            for reader in self.owner.window.findChildren(Reader):
                if _item_of_reader(reader) == item_id:
                    reader.redraw_marks()


class NoteActions:
    """The notes' actions in the File menu and in every reader's context menu."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: QDialog | None = None  # the last note dialog or list opened (tests look at it)
        self.menu: QMenu | None = None  # the last reader menu opened
        self.note_action = self._action("add-note", lambda: self.note(shown_item(window)))
        self.bookmark_action = self._action("bookmark", self.bookmark)
        self.list_action = self._action("my-notes", self.show_list)
        self.export_action = self._action("export-notes", self.export)
        menu = window.file_menu
        before = window.backups_action
        menu.insertSeparator(before)  # one's own notes: a group of their own
        for act in (self.note_action, self.bookmark_action, self.list_action, self.export_action):
            menu.insertAction(before, act)
        menu.insertSeparator(before)
        for reader in window.findChildren(Reader):
            reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            reader.customContextMenuRequested.connect(
                lambda point, reader=reader: self._reader_menu(reader, point)
            )
            reader.passages = lambda reader=reader: self.passages(reader)
        self.retranslate()

    def _action(self, name: str, slot: object) -> QAction:
        from companion.gui.shortcuts import BY_ID, keys_of

        act = QAction(self.window)
        act.setObjectName(name)
        if name in BY_ID:  # the keys are listed once, with Help ▸ Keyboard shortcuts
            act.setShortcuts(keys_of(name))
        act.triggered.connect(slot)
        self.window.addAction(act)
        return act

    def retranslate(self) -> None:
        self.note_action.setText(_("Note on this item…"))
        self.bookmark_action.setText(_("Bookmark this item"))
        self.list_action.setText(_("My notes…"))
        self.export_action.setText(_("Export my notes…"))

    def _title(self, item_id: str) -> str:
        item = self.window.catalogue.by_id.get(item_id)
        return title_of(item).resolve(current_language())[0] if item is not None else item_id

    def _reader_menu(self, reader: Reader, point: QPoint) -> None:
        menu = reader.createStandardContextMenu(point)
        passage = reader.textCursor().selectedText().replace("\u2029", "\n").strip()
        item_id = _item_of_reader(reader)
        if passage and item_id:
            menu.addSeparator()
            menu.addAction(_("Highlight"), lambda: self.highlight(item_id, passage, reader))
            menu.addAction(_("Note on this passage…"), lambda: self.note(item_id, passage))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(reader.viewport().mapToGlobal(point))
        self.menu = menu

    def _store(self, item_id: str, body: str, passage: str, kind: str | None = None) -> Mark | None:
        from companion.app.domain import StoreError
        from companion.app.notes import NoteError, marks_of

        try:
            mark = marks_of(self.window.workshop).add(item_id, body, passage, kind=kind)
        except (NoteError, StoreError) as exc:
            QMessageBox.warning(self.window, _("Note"), str(exc))
            return None
        kind_label = _(KIND_LABELS.get(mark.kind, "Note"))
        self.window.statusBar().showMessage(
            _("{kind} saved: {title}").format(kind=kind_label, title=self._title(item_id)), 4000
        )
        return mark

    def highlight(self, item_id: str, passage: str, reader: Reader | None = None) -> Mark | None:
        mark = self._store(item_id, "", passage, "highlight")
        if mark is not None and reader is not None:
            reader.show_marks()  # shown at once, not only when the item is opened again
        return mark

    def passages(self, reader: Reader) -> list[str]:
        """The highlighted passages of the item ``reader`` shows (none outside a section or workshop)."""
        from companion.app.domain import StoreError
        from companion.app.notes import HIGHLIGHT, NoteError, marks_of

        item_id = _item_of_reader(reader)
        if not item_id:
            return []
        try:
            marks = marks_of(self.window.workshop).all(item_id)
        except (NoteError, StoreError):
            return []  # no workshop or an unreadable store: the text shows without highlights
        return [mark.passage for mark in marks if mark.kind == HIGHLIGHT]

    def bookmark(self) -> Mark | None:
        item_id = shown_item(self.window)
        return self._store(item_id, "", "", "bookmark") if item_id else None

    def note(self, item_id: str | None, passage: str = "") -> NoteDialog | None:
        """Open the note dialog on ``item_id`` (and ``passage``); saving stores the note."""
        if not item_id:
            return None
        dialog = NoteDialog(self._title(item_id), passage, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            body = dialog.text.toPlainText()
            if body.strip() or passage:
                self._store(item_id, body, passage)

        dialog.accepted.connect(save)
        dialog.open()
        self.dialog = dialog
        return dialog

    def show_list(self) -> MyNotesDialog:
        dialog = MyNotesDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def export(self, target: Path | None = None) -> Path | None:
        from companion.app.domain import StoreError
        from companion.app.notes import NoteError, export_notes

        if not isinstance(target, Path):
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window,
                _("Export my notes"),
                str(Path.home() / "Documents" / "my-notes.pdf"),
                _("PDF files (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen).with_suffix(".pdf")
        try:
            written = export_notes(self.window.workshop, target)
        except (NoteError, StoreError, OSError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            QMessageBox.warning(
                self.window, _("Export my notes"), _("The PDF was not saved: {reason}").format(reason=reason)
            )
            return None
        self.window.statusBar().showMessage(_("Notes saved to {path}").format(path=written), 6000)
        return written

"""The editor window of one item: the form, undo/redo, autosave, problems and crash recovery.

Every edit is an undo command; 500 ms after the last one the item goes to
``Workshop.save_draft``, which keeps it as a draft and, when it validates,
saves it as the item. What it reports is shown at each field. An item that
has a draft when the window opens (the app stopped before it was saved)
opens as that draft, with a bar to discard it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.gui.editor.commands import ListEdit, Path, SetValue
from companion.gui.editor.form import Form
from companion.gui.editor.schema import model_of, prune, spec_of_model
from companion.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from companion.app.domain import TranslationGap
    from companion.app.workshop import Workshop

AUTOSAVE_MS = 500


class ItemEditor(QMainWindow):
    """Edits one item of the current (own) workshop; ``data`` opens a new item not saved yet."""

    sig_saved = Signal(str)  # the item's ID, after each save (as a draft or as the item)
    sig_closed = Signal(str)  # the item's ID, when the window has closed (and saved)

    def __init__(
        self, workshop: Workshop, kind: str, item_id: str, data: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("item-editor")
        self.workshop, self.kind, self.item_id = workshop, kind, item_id
        self.spec = spec_of_model(model_of(kind))
        self.toggled: set[Path] = set()
        self.dirty = False
        self.problems: list[tuple[Path, str]] = []
        self.gaps: list[TranslationGap] = []  # the item's missing and possibly stale languages
        self.undo_stack = QUndoStack(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save)

        draft = next((d for d in workshop.drafts() if d.item_id == item_id), None)
        saved = workshop.item_data(item_id)
        self.is_new = saved is None and draft is None
        self.data: dict[str, Any] = copy.deepcopy(draft.data if draft else saved or data or {})
        self.data.setdefault("kind", kind)

        self.recovery = QFrame()
        self.recovery.setObjectName("recovery")
        self.recovery.setStyleSheet("QFrame#recovery { background:#fff3cd; }")
        bar = QHBoxLayout(self.recovery)
        self.recovery_label = QLabel()
        self.discard_button = QPushButton(_("Discard them"))
        self.discard_button.clicked.connect(self.discard_draft)
        bar.addWidget(self.recovery_label, 1)
        bar.addWidget(self.discard_button)
        self.recovery.setVisible(draft is not None)
        if draft is not None:
            when = draft.saved_at.replace("T", " ")[:16]
            self.recovery_label.setText(_("Recovered unsaved changes from {time}").format(time=when))

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.recovery)
        column.addWidget(self.summary)
        column.addWidget(self.scroller, 1)
        self.setCentralWidget(body)
        self._build_menu()
        self.form = self._rebuild()
        self._read_marks()
        self._show_problems(self._problems_now())
        self._set_summary(None)
        self.resize(1000, 760)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, _("Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, _("Redo"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        self.save_action = QAction(_("Save now"), self)
        self.save_action.setShortcuts(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        menu.addAction(self.save_action)
        self.close_action = QAction(_("Close"), self)
        self.close_action.setShortcuts(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close)
        menu.addAction(self.close_action)

    # --- the form's host (companion.gui.editor.form.Host) ---------------------------------

    def edit(self, path: Path, value: Any, structural: bool = False) -> None:
        self.undo_stack.push(SetValue(self, path, value, structural))
        self._changed()

    def list_edit(self, path: Path, op: str, index: int, value: Any = None) -> None:
        self.undo_stack.push(ListEdit(self, path, op, index, value))
        self._changed()

    def value_changed(self, path: Path, structural: bool) -> None:
        """An undo command changed the data: show it (a list's change rebuilds the form)."""
        if structural or not self.form.put(path):
            self.form = self._rebuild()
            self._show_problems(self.problems)
        self._changed()

    def item_choices(self, kind: str) -> list[tuple[str, str]]:
        from companion.app.domain import title_of

        lang = current_language()
        return [(item.id, title_of(item).resolve(lang)[0]) for item in self.workshop.items(kind or None)]

    def tool_indicators(self, tool_id: str) -> list[tuple[str, str]]:
        from companion.app.domain import GRADE_NAMES, ScreeningTool

        tool = self.workshop.item(tool_id) if tool_id else None
        if not isinstance(tool, ScreeningTool):
            return []
        lang, found = current_language(), []
        for dimension in tool.dimensions:
            for indicator in dimension.indicators:
                text = indicator.text.resolve(lang)[0]
                text = text if len(text) <= 60 else text[:59] + "…"
                grade = f" ({_(GRADE_NAMES[indicator.grade])})" if indicator.grade else ""
                found.append((indicator.id, text + grade))
        return found

    def rows_added(self) -> None:
        """A folded entry was unfolded: show the problems and marks of its new fields."""
        self._show_problems(self.problems)
        self._show_marks()

    def confirm(self, path: Path, lang: str) -> None:
        self.workshop.confirm_translation(self.item_id, path, lang)
        self._read_marks()

    # --- saving --------------------------------------------------------------------------

    def _changed(self) -> None:
        self.dirty = True
        self.timer.start()  # restarted on each edit: the item is saved 500 ms after the last one

    def _to_save(self) -> dict[str, Any]:
        kept = prune(copy.deepcopy(self.data), self.spec)
        assert isinstance(kept, dict)
        return kept

    def _problems_now(self) -> list[tuple[Path, str]]:
        return [(tuple(p.path), p.message) for p in self.workshop.problems(self.kind, self._to_save())]

    def save(self) -> None:
        """Hand the item to save_draft now; show what it found."""
        from companion.app.domain import StoreError

        self.timer.stop()
        try:
            found = self.workshop.save_draft(self.kind, self._to_save())
        except (StoreError, OSError) as error:
            self.summary.setText(_("Not saved: {error}").format(error=error))
            self.summary.setStyleSheet("color:#b00")
            return
        self.dirty = False
        self.is_new = False
        self._show_problems([(tuple(p.path), p.message) for p in found])
        self._set_summary(len(found))
        self._read_marks()
        self.sig_saved.emit(self.item_id)

    def discard_draft(self) -> None:
        """Drop the recovered draft and show the item as it was last saved."""
        self.timer.stop()
        self.workshop.discard_draft(self.item_id)
        self.recovery.hide()
        saved = self.workshop.item_data(self.item_id)
        self.dirty = False
        if saved is None:  # a new item that was never saved: nothing is left to edit
            self.undo_stack.clear()
            self.close()
            return
        self.data = copy.deepcopy(saved)
        self.undo_stack.clear()
        self.form = self._rebuild()
        self._show_problems(self._problems_now())
        self._set_summary(None)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.dirty:
            self.save()  # at once: closing must not lose the last half second
        super().closeEvent(event)
        self.sig_closed.emit(self.item_id)

    # --- showing -------------------------------------------------------------------------

    def _rebuild(self) -> Form:
        position = self.scroller.verticalScrollBar().value()
        form = Form(self, self.spec)
        old = self.scroller.takeWidget()
        self.scroller.setWidget(form)
        if old is not None:
            old.deleteLater()
        self.form = form
        self._show_marks()
        QTimer.singleShot(0, lambda: self.scroller.verticalScrollBar().setValue(position))
        title = self.data.get("term") or self.data.get("title") or {}
        name = title.get(current_language()) or title.get("en") or title.get("zh-Hans") or self.item_id
        self.setWindowTitle(_("Edit: {title}").format(title=name))
        return form

    def _show_problems(self, problems: list[tuple[Path, str]]) -> None:
        self.problems = problems
        by_row: dict[int, tuple[Any, list[str]]] = {}
        for row in self.form.rows.values():
            by_row[id(row)] = (row, [])
        for path, message in problems:
            row = self.form.row_for(path)
            by_row[id(row)][1].append(message)
        for row, messages in by_row.values():
            row.set_problems(messages)

    def _read_marks(self) -> None:
        """Ask for the item's translation marks again (after a save or a confirmation)."""
        if not self.is_new:
            self.gaps = [gap for gap in self.workshop.translation_status() if gap.item_id == self.item_id]
        self._show_marks()

    def _show_marks(self) -> None:
        gaps = self.gaps
        marks: dict[Path, list[tuple[str, str]]] = {}
        for gap in gaps:
            marks.setdefault(tuple(gap.path), []).append((gap.lang, gap.state))
        for path, row in self.form.rows.items():
            if path in marks or row.mark.isVisible():
                row.set_marks(marks.get(path, []), self._confirmer(path))

    def _confirmer(self, path: Path) -> Callable[[str], None]:
        return lambda lang: self.confirm(path, lang)

    def _set_summary(self, count: int | None) -> None:
        if count is None:
            n = len(self.problems)
            text = ngettext("{n} problem", "{n} problems", n).format(n=n) if n else ""
        elif count == 0:
            text = _("Saved")
        else:
            text = ngettext(
                "Saved as a draft: {n} problem, not published",
                "Saved as a draft: {n} problems, not published",
                count,
            ).format(n=count)
        self.summary.setText(text)
        self.summary.setStyleSheet("color:#b00; font-weight:600" if self.problems else "color:#1a7f37")

"""The agenda day editor (Agenda ▸ Edit agenda…): a column of sessions per day, moved in place.

A session is moved by drag and drop or by keys (Alt+Up/Down within its day,
Alt+Left/Right to the day before or after) through
:meth:`companion.app.workshop.Workshop.move_session`, which re-flows the rest
of that day keeping each session's length. Every move and every change of a
length is one step on a QUndoStack whose undo moves it back the same way. A
move the application refuses (two sessions at once, a day after the last)
changes nothing and is said in one line in the status line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import AgendaItem, day_date
from companion.gui import render
from companion.gui.edit_support import add_undo_keys, one_line
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.workshop import Workshop

ID_ROLE = Qt.ItemDataRole.UserRole
# Alt+arrow -> (days, rows) to move the selected session.
KEY_MOVES = {
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
}


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


class DayList(QListWidget):
    """One day's sessions; a drop or an Alt+arrow asks the editor to move one."""

    sig_dropped = Signal(str, int, int)  # item ID, this day, the row dropped on (-1: after the last)
    sig_key_move = Signal(int, int)  # days to move, rows to move

    def __init__(self, day: int) -> None:
        super().__init__()
        self.day = day
        self.setObjectName(f"day-{day}")
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        move = KEY_MOVES.get(Qt.Key(event.key()))
        if move is not None and event.modifiers() == Qt.KeyboardModifier.AltModifier:
            self.sig_key_move.emit(*move)
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        source = event.source()
        if not isinstance(source, DayList) or source.currentItem() is None:
            event.ignore()
            return
        row = self.indexAt(event.position().toPoint()).row()
        # The editor re-reads the agenda after the move: Qt must not move the row itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.sig_dropped.emit(source.currentItem().data(ID_ROLE), self.day, row)


Slot = tuple[int, str, str]  # day, start, end
Snapshot = dict[str, Slot]  # every session of the agenda by ID


class AgendaStep(QUndoCommand):
    """A move or a change of length, as the agenda before and after it; undo puts back the one before.

    Putting back the whole agenda, not moving one session back, matters: the
    re-flow may have pushed other sessions, and they must return too.
    """

    def __init__(self, editor: AgendaEditor, label: str, before: Snapshot, after: Snapshot) -> None:
        super().__init__(label)
        self.editor, self.before, self.after = editor, before, after
        self.done_once = True  # pushed after the change was made

    def redo(self) -> None:
        if self.done_once:
            self.done_once = False
            return
        self.editor.restore(self.after)

    def undo(self) -> None:
        self.editor.restore(self.before)


class AgendaEditor(QDialog):
    """The agenda, a column per day, edited by moving sessions."""

    sig_changed = Signal()  # the agenda in the store changed

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda-editor")
        self.workshop = workshop
        self.undo_stack = QUndoStack(self)
        self.sessions: dict[int, list[AgendaItem]] = {}
        self.lists: dict[int, DayList] = {}
        self.selected = ""
        self.days_row = QHBoxLayout()
        self.length = QSpinBox()
        self.length.setObjectName("length")
        self.length.setRange(5, 600)
        self.length.setSingleStep(5)
        self.length.setSuffix(" min")
        self.length.editingFinished.connect(self.length_edited)
        self.length_label = QLabel()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.undo_button, self.redo_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.close_button.clicked.connect(self.accept)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(self.length_label)
        controls.addWidget(self.length)
        controls.addStretch(1)
        controls.addWidget(self.undo_button)
        controls.addWidget(self.redo_button)
        controls.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addWidget(self.hint)
        column.addLayout(self.days_row, 1)
        column.addLayout(controls)
        column.addWidget(self.status)
        add_undo_keys(self, self.undo_stack)
        self.retranslate()
        self.refresh()
        self.resize(max(560, 380 * len(self.lists)), 600)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Edit agenda"))
        self.hint.setText(
            _("Drag a session, or move it with Alt+Up and Alt+Down within its day and Alt+Left and "
              "Alt+Right to another day. The rest of the day follows, each session keeping its length.")
        )  # fmt: skip
        self.length_label.setText(_("Length of the selected session"))
        self.undo_button.setText(_("Undo"))
        self.redo_button.setText(_("Redo"))
        self.close_button.setText(_("Close"))

    # --- showing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the agenda again and show it, keeping the selected session selected."""
        manifest = self.workshop.manifest()
        days = manifest.workshop.days if manifest is not None else 1
        start_date = manifest.workshop.start_date if manifest is not None else "2000-01-01"
        self.sessions = {day: [] for day in range(1, days + 1)}
        for item in self.workshop.items("agenda-item"):
            if isinstance(item, AgendaItem):
                self.sessions.setdefault(item.day, []).append(item)
        editable = self.workshop.is_working_copy()
        lang = current_language()
        if sorted(self.lists) != sorted(self.sessions):
            self._build_columns(start_date)
        for day, sessions in self.sessions.items():
            sessions.sort(key=lambda item: (item.start, item.id))
            view = self.lists[day]
            view.blockSignals(True)
            view.clear()
            for item in sessions:
                row = QListWidgetItem(f"{item.start}–{item.end}  {render.plain(item.title, lang)}")
                row.setData(ID_ROLE, item.id)
                view.addItem(row)
                if item.id == self.selected:
                    view.setCurrentItem(row)
            view.setDragEnabled(editable)
            view.setAcceptDrops(editable)
            view.blockSignals(False)
        self.length.setEnabled(editable and self.session(self.selected) is not None)
        if not editable:
            self.status.setText(
                _("This workshop cannot be changed: make your own copy first (File ▸ New workshop from…).")
            )
        self._show_length()

    def _build_columns(self, start_date: str) -> None:
        while self.days_row.count():
            child = self.days_row.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        self.lists = {}
        for day in self.sessions:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            when = day_date(start_date, day).isoformat()
            column.addWidget(QLabel(_("Day {number} · {date}").format(number=day, date=when)))
            view = DayList(day)
            view.currentItemChanged.connect(self._chosen)
            view.sig_dropped.connect(self.dropped)
            view.sig_key_move.connect(self.key_move)
            column.addWidget(view)
            self.lists[day] = view
            self.days_row.addWidget(box, 1)

    def _chosen(self, row: QListWidgetItem | None) -> None:
        if row is not None:
            self.selected = str(row.data(ID_ROLE))
            self.length.setEnabled(self.workshop.is_working_copy())
            self._show_length()

    def _show_length(self) -> None:
        session = self.session(self.selected)
        if session is not None:
            self.length.blockSignals(True)
            self.length.setValue(minutes(session.end) - minutes(session.start))
            self.length.blockSignals(False)

    def session(self, item_id: str) -> AgendaItem | None:
        for sessions in self.sessions.values():
            for item in sessions:
                if item.id == item_id:
                    return item
        return None

    def select(self, item_id: str) -> None:
        self.selected = item_id
        session = self.session(item_id)
        if session is not None:
            view = self.lists[session.day]
            for row in range(view.count()):
                if view.item(row).data(ID_ROLE) == item_id:
                    view.setCurrentRow(row)
                    view.setFocus()

    # --- moving -----------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        return {item.id: (item.day, item.start, item.end) for day in self.sessions.values() for item in day}

    def move_to(self, item_id: str, day: int, start: str) -> bool:
        """Move a session as the user asked: one undo step, or one line saying why not."""
        session = self.session(item_id)
        if session is None or (session.day, session.start) == (day, start):
            return False
        before = self.snapshot()
        try:
            changed = self.workshop.move_session(item_id, day, start)
        except Exception as exc:  # every refusal of the app layer: one line, nothing changed
            self.status.setText(one_line(exc))
            return False
        self._changed(_("{count} sessions changed.").format(count=len(changed)))
        self.undo_stack.push(AgendaStep(self, _("Move session"), before, self.snapshot()))
        return True

    def key_move(self, days: int, rows: int) -> None:
        session = self.session(self.selected)
        if session is None:
            return
        if days:
            self.move_to(session.id, session.day + days, session.start)
            return
        day = self.sessions[session.day]
        target = day.index(session) + rows
        if not 0 <= target < len(day):
            return
        if rows < 0:  # up: it takes the place of the one before, which follows it
            self.move_to(session.id, session.day, day[target].start)
        else:  # down: the one after takes its place, and it follows
            self.move_to(day[target].id, session.day, session.start)

    def dropped(self, item_id: str, day: int, row: int) -> None:
        moved = self.session(item_id)
        if moved is None:
            return
        others = [s for s in self.sessions.get(day, []) if s.id != item_id]
        if 0 <= row < len(self.sessions.get(day, [])):
            start = self.sessions[day][row].start
        else:  # after the last session of the day
            start = others[-1].end if others else moved.start
        self.selected = item_id
        self.move_to(item_id, day, start)

    def _changed(self, message: str) -> None:
        self.status.setText(message)
        self.refresh()
        self.select(self.selected)
        self.sig_changed.emit()

    def restore(self, target: Snapshot) -> bool:
        """Put every session at its ``target`` day, start and end (an undo, a redo, a new length).

        Shorter sessions are shortened first and longer ones lengthened last,
        and sessions are placed from the earliest: so no step overlaps what is
        already in place, and any session a step pushes is placed after it.
        """
        current = self.snapshot()
        try:
            for item_id, (_day, start, end) in target.items():
                now = current.get(item_id)
                if now is not None and minutes(end) - minutes(start) < minutes(now[2]) - minutes(now[1]):
                    self._set_end(item_id, clock(minutes(now[1]) + minutes(end) - minutes(start)))
            days = {slot[0] for item_id, slot in target.items() if current.get(item_id) != slot}
            days |= {current[item_id][0] for item_id, slot in target.items() if item_id in current
                     and current[item_id] != slot}  # fmt: skip
            for item_id, (day, start, _end) in sorted(target.items(), key=lambda row: (row[1][0], row[1][1])):
                if day in days:
                    self.workshop.move_session(item_id, day, start)
            self.refresh()
            for item_id, (_day, _start, end) in target.items():
                session = self.session(item_id)
                if session is not None and session.end != end:
                    self._set_end(item_id, end)
        except Exception as exc:  # every refusal of the app layer: one line
            self.status.setText(one_line(exc))
            self.refresh()
            return False
        self._changed("")
        return True

    def _set_end(self, item_id: str, end: str) -> None:
        data = self.workshop.item_data(item_id)
        if data is None:
            return
        data["end"] = end
        problems = self.workshop.save_draft("agenda-item", data)
        if problems:
            self.workshop.discard_draft(item_id)
            raise ValueError(problems[0].message)

    # --- lengths --------------------------------------------------------------------------

    def length_edited(self) -> None:
        session = self.session(self.selected)
        if session is None:
            return
        if self.length.value() != minutes(session.end) - minutes(session.start):
            before = self.snapshot()
            if self.restore(self.with_length(session, self.length.value())):
                self.undo_stack.push(AgendaStep(self, _("Change length"), before, self.snapshot()))

    def with_length(self, session: AgendaItem, length: int) -> Snapshot:
        """The agenda with ``session`` ``length`` minutes long, the rest of its day following its end.

        Longer: the sessions after it move later only as far as they would
        overlap (a gap takes up the difference). Shorter: the sessions that ran
        on from it without a gap move earlier with it.
        """
        target = self.snapshot()
        old_end, new_end = minutes(session.end), minutes(session.start) + length
        target[session.id] = (session.day, session.start, clock(new_end))
        day = self.sessions[session.day]
        cursor, previous_end = new_end, old_end
        for other in day[day.index(session) + 1 :]:
            start, end = minutes(other.start), minutes(other.end)
            begins = max(start, cursor) if new_end > old_end else (cursor if start == previous_end else start)
            previous_end = end
            cursor = begins + end - start
            target[other.id] = (other.day, clock(begins), clock(cursor))
        return target

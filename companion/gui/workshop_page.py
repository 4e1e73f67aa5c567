"""The Workshop page (File ▸ Workshop details…): title, dates, venue, organiser and trainers.

Each edit is one step on the page's QUndoStack (typing into one field merges
into one step) and is saved through
:meth:`companion.app.workshop.Workshop.set_workshop` half a second after the
last keystroke, so a crash loses at most that. A refusal is shown in one line
under the field it concerns, and nothing typed is lost. A workshop that is
not the user's own copy is shown read-only under a bar saying how to make one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.app.workshop import WorkshopChanges
from companion.gui.edit_support import FieldEdit, add_undo_keys, error_label, one_line, show_error
from companion.gui.trainers_table import Trainers, TrainersTable
from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.domain import Manifest
    from companion.app.workshop import Workshop

SAVE_DELAY_MS = 500
TEXT_FIELDS = ("title_en", "title_zh", "venue_en", "venue_zh", "organiser_en", "organiser_zh")
# Where a problem's field (its first part) is shown.
PROBLEM_ROWS = {"title": "title", "venue": "venue", "organiser": "organiser", "start_date": "start_date",
                "days": "days", "trainers": "trainers"}  # fmt: skip


class WorkshopPage(QDialog):
    """The current workshop's details, edited in place when it is the user's own."""

    sig_saved = Signal(object)  # the new Manifest
    sig_copy_requested = Signal()  # "Make your own copy" on the read-only bar

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshop-page")
        self.workshop = workshop
        self.undo_stack = QUndoStack(self)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save)
        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        for name, edit in self.edits.items():
            edit.setObjectName(name)
            edit.textEdited.connect(lambda _text, name=name: self._edited(name))
        self.start_date = QDateEdit()
        self.start_date.setObjectName("start_date")
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("yyyy-MM-dd")
        self.start_date.dateChanged.connect(lambda _date: self._edited("start_date"))
        self.days = QSpinBox()
        self.days.setObjectName("days")
        self.days.setRange(1, 14)
        self.days.valueChanged.connect(lambda _value: self._edited("days"))
        self.trainers = TrainersTable()
        self.trainers.sig_changed.connect(self._trainers_edited)
        self.problems = {row: error_label() for row in set(PROBLEM_ROWS.values())}
        self.error = error_label()

        self.bar = QWidget()
        self.bar.setObjectName("read-only-bar")
        self.bar.setStyleSheet("#read-only-bar { background:#fff3cd; }")
        self.bar_text = QLabel()
        self.bar_text.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.sig_copy_requested)
        bar_row = QHBoxLayout(self.bar)
        bar_row.addWidget(self.bar_text, 1)
        bar_row.addWidget(self.copy_button)

        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, widgets in (
            ("title_en", [self.edits["title_en"]]),
            ("title_zh", [self.edits["title_zh"], self.problems["title"]]),
            ("start_date", [self.start_date, self.problems["start_date"]]),
            ("days", [self.days, self.problems["days"]]),
            ("venue_en", [self.edits["venue_en"]]),
            ("venue_zh", [self.edits["venue_zh"], self.problems["venue"]]),
            ("organiser_en", [self.edits["organiser_en"]]),
            ("organiser_zh", [self.edits["organiser_zh"], self.problems["organiser"]]),
            ("trainers", [self.trainers, self.problems["trainers"]]),
        ):
            self.labels[key] = QLabel()
            cell = QVBoxLayout()
            cell.setSpacing(2)
            for widget in widgets:
                cell.addWidget(widget)
            self.form.addRow(self.labels[key], cell)
        self.undo_button, self.redo_button = QPushButton(), QPushButton()
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.redo_stack)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addWidget(self.bar)
        column.addLayout(self.form)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self._add_undo_keys()
        self.values: dict[str, Any] = {}
        self.load()
        self.retranslate()
        self.resize(820, self.sizeHint().height())

    def _add_undo_keys(self) -> None:
        add_undo_keys(self, self.undo_stack)

    def redo_stack(self) -> None:
        self.undo_stack.redo()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Workshop details"))
        for key, text in (
            ("title_en", _("Title (English)")),
            ("title_zh", _("Title (Chinese)")),
            ("start_date", _("Start date")),
            ("days", _("Number of days")),
            ("venue_en", _("Venue (English)")),
            ("venue_zh", _("Venue (Chinese)")),
            ("organiser_en", _("Organiser (English)")),
            ("organiser_zh", _("Organiser (Chinese)")),
            ("trainers", _("Trainers")),
        ):
            self.labels[key].setText(text)
        self.bar_text.setText(
            _("This workshop came with the application or a pack and cannot be changed. "
              "Make your own copy first, then edit the copy.")
        )  # fmt: skip
        self.copy_button.setText(_("Make your own copy…"))
        self.undo_button.setText(_("Undo"))
        self.redo_button.setText(_("Redo"))
        self.close_button.setText(_("Close"))
        self.trainers.retranslate()

    # --- reading and showing ----------------------------------------------------------

    def load(self) -> None:
        """Show the current workshop's details; read-only unless it is the user's own copy."""
        manifest = self.workshop.manifest()
        if manifest is None:
            return
        details = manifest.workshop
        self.values = {
            "title_en": details.title.get("en") or "",
            "title_zh": details.title.get("zh-Hans") or "",
            "venue_en": details.venue.get("en") or "",
            "venue_zh": details.venue.get("zh-Hans") or "",
            "organiser_en": details.organiser.get("en") or "",
            "organiser_zh": details.organiser.get("zh-Hans") or "",
            "start_date": details.start_date,
            "days": details.days,
            "trainers": [
                t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in details.trainers or []
            ],
        }
        for key, value in self.values.items():
            self._show(key, value)
        editable = self.workshop.is_working_copy()
        self.bar.setVisible(not editable)
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
        self.start_date.setReadOnly(not editable)
        self.days.setReadOnly(not editable)
        self.trainers.setReadOnly(not editable)
        self.undo_stack.clear()

    def _show(self, key: str, value: Any) -> None:
        """Put ``value`` in the widget of ``key`` without making it an edit."""
        if key in self.edits:
            self.edits[key].setText(str(value))
            self.edits[key].setCursorPosition(0)  # a long title shows its beginning
        elif key == "start_date":
            self.start_date.blockSignals(True)
            self.start_date.setDate(QDate.fromString(str(value), "yyyy-MM-dd"))
            self.start_date.blockSignals(False)
        elif key == "days":
            self.days.blockSignals(True)
            self.days.setValue(int(value))
            self.days.blockSignals(False)
        elif key == "trainers":
            self.trainers.set_trainers(list(value))

    def _current(self, key: str) -> Any:
        if key in self.edits:
            return self.edits[key].text()
        if key == "start_date":
            return self.start_date.date().toString("yyyy-MM-dd")
        if key == "days":
            return self.days.value()
        return self.trainers.trainers()

    # --- editing --------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        new = self._current(key)
        if new != self.values.get(key):
            # Typing merges into one step; a date or a number is a step of its own.
            self.undo_stack.push(FieldEdit(key, self.values.get(key), new, self._apply, key in self.edits))

    def _trainers_edited(self, before: Trainers) -> None:
        self.values["trainers"] = before
        self.undo_stack.push(FieldEdit("trainers", before, self.trainers.trainers(), self._apply, False))

    def _apply(self, key: str, value: object, show: bool) -> None:
        """An undo step done or undone: show ``value`` when asked, then save soon."""
        self.values[key] = value
        if show:
            self._show(key, value)
        self.save_timer.start()

    def changes(self) -> WorkshopChanges:
        # Rows left empty are a trainer being added, not yet one to check.
        trainers = [t for t in self._current("trainers") if t]
        return WorkshopChanges(
            **{key: self._current(key).strip() for key in TEXT_FIELDS},
            start_date=self._current("start_date"),
            days=self._current("days"),
            trainers=trainers,
        )

    def save(self) -> bool:
        """Save what the page shows now; False (the problems shown by their fields) when refused."""
        self.save_timer.stop()
        if not self.workshop.is_working_copy():
            return False
        for label in (*self.problems.values(), self.error):
            show_error(label, "")
        try:
            manifest: Manifest = self.workshop.set_workshop(self.changes())
        except Exception as exc:  # every refusal of the app layer: one line, nothing lost
            self._show_problems(exc)
            return False
        self.sig_saved.emit(manifest)
        return True

    def _show_problems(self, error: Exception) -> None:
        problems = getattr(error, "problems", None) or []
        shown = False
        for problem in problems:
            field = str(getattr(problem, "field", "")).split(".")[0]
            row = PROBLEM_ROWS.get(field)
            if row is not None and not self.problems[row].text():
                show_error(self.problems[row], str(getattr(problem, "message", problem)))
                shown = True
        if not shown:
            show_error(self.error, one_line(error))

    def done(self, result: int) -> None:
        if self.save_timer.isActive():
            self.save()  # the last half second of typing is saved too
        super().done(result)

"""File ▸ Give feedback on the workshop…: one participant fills in the evaluation form on this laptop.

The evaluation is anonymous: no participant code or name is asked, and the response file is
named by the form and a random response id only (companion.app.evaluations). One scrolling
page holds the whole form in both languages, the interface language first: every rated
session with three rows (relevance, clarity, usefulness) of five radio buttons, the overall
statements rated the same way, then the open questions. Digits 1-5 set the focused row and
move on to the next one, so the form can be filled in with the keyboard alone; a progress
bar counts the rated rows. Save writes the response file; a blank row is allowed (after a
question) and stays blank. Afterwards the answers leave the screen and the next person can
start a fresh form on the same laptop.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.app import evaluations
from companion.app.domain import AgendaItem, EvaluationForm
from companion.gui.assess.taking import _both
from companion.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from companion.app.domain import Text
    from companion.app.workshop import Workshop

SCALE = (1, 2, 3, 4, 5)
ASPECT_NAMES = {"relevance": N_("Relevance"), "clarity": N_("Clarity"), "usefulness": N_("Usefulness")}
ROW_STYLE = (
    "QFrame#rating-row { border: 2px solid transparent; border-radius: 4px; }"
    " QFrame#rating-row:focus { border: 2px solid #c78a00; background: #fff6d6; }"
    " QFrame#rating-row QLabel { font-size: 11pt; }"
    " QRadioButton { font-size: 13pt; padding: 4px 10px; }"
    " QRadioButton::indicator { width: 20px; height: 20px; }"
)


def _two_lines(text: Text | None, lang: str, fallback: str = "") -> str:
    """Rich text: the interface language, and the other language smaller and grey below it."""
    first, second = _both(text, lang)
    shown = html.escape(first or fallback)
    if second:
        shown += f'<br><span style="color:#555; font-size:small">{html.escape(second)}</span>'
    return shown


class RatingRow(QFrame):
    """One row rated 1-5: a label and five radio buttons; digits 1-5 set it when it has focus."""

    answered = Signal()  # rated with the keyboard: the form moves the focus on
    changed = Signal()

    def __init__(self, row_id: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_id = row_id
        self.setObjectName("rating-row")
        self.setProperty("row", row_id)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the row, not each button: Tab goes row by row
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.label, 1)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for value in SCALE:
            button = QRadioButton(str(value))
            button.setObjectName(f"rate-{value}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(button, value)
            self.buttons.append(button)
            layout.addWidget(button)
        self.group.idToggled.connect(self._toggled)
        self.group.idClicked.connect(lambda _id: self.setFocus())

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    @property
    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return chosen if chosen in SCALE else None

    def set_value(self, value: int | None) -> None:
        if value in SCALE:
            self.buttons[SCALE.index(value)].setChecked(True)
            return
        self.group.setExclusive(False)  # so the checked button can be cleared
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        text = event.text()
        if text and text in "12345":
            self.set_value(int(text))
            self.answered.emit()
            return
        if event.key() in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_value(None)
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            start = self.value or (0 if step > 0 else 6)
            self.set_value(min(5, max(1, start + step)))
            return
        super().keyPressEvent(event)


class EvaluationDialog(QDialog):
    """A participant answers the evaluation form; Save writes an anonymous response file."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation-dialog")
        self.workshop = workshop
        self.lang = current_language()
        self.forms = evaluations.evaluation_forms(workshop)
        self.rows: list[RatingRow] = []
        self.comments: dict[str, QPlainTextEdit] = {}
        self.saved: Path | None = None
        self.response_id = ""  # kept across a failed save, so a retry is the same response
        self.setWindowTitle(_("Workshop evaluation"))
        self.resize(900, 720)
        self.setStyleSheet(ROW_STYLE)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.show_form()

    # --- the form -----------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.form_choice = QComboBox()
        self.form_choice.setObjectName("evaluation-form-choice")
        for form in self.forms:
            title, _second = _both(form.title, self.lang)
            self.form_choice.addItem(title or form.id, form.id)
        self.form_choice.setVisible(len(self.forms) > 1)
        self.form_choice.currentIndexChanged.connect(lambda _index: self.show_form())
        self.title_label = QLabel()
        self.title_label.setObjectName("evaluation-title")
        self.title_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.title_label.setWordWrap(True)
        intro = QLabel(
            _(
                "This evaluation is anonymous: no name or participant code is asked. Rate each "
                "session from 1 (very low) to 5 (very high). Click a number, or type 1-5: the next "
                "row follows. A row you leave blank stays blank."
            )
        )
        intro.setWordWrap(True)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("evaluation-progress")
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("evaluation-progress-text")
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.problem = QLabel()
        self.problem.setObjectName("evaluation-problem")
        self.problem.setStyleSheet("color: #a33")
        self.problem.setWordWrap(True)
        self.save_button = QPushButton(_("Save my evaluation"))
        self.save_button.setObjectName("save-evaluation")
        self.save_button.setAutoDefault(False)  # Enter never saves by accident
        self.save_button.setMinimumSize(180, 44)
        self.save_button.setStyleSheet("font-size: 13pt;")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.save_button)
        layout.addWidget(self.form_choice)
        layout.addWidget(self.title_label)
        layout.addWidget(intro)
        layout.addLayout(progress_row)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        return page

    @property
    def form(self) -> EvaluationForm | None:
        index = self.form_choice.currentIndex()
        return self.forms[index] if 0 <= index < len(self.forms) else None

    def show_form(self) -> None:
        """A fresh, empty form (the chosen one) on screen."""
        self.rows, self.comments = [], {}
        self.saved, self.response_id = None, ""
        self.problem.clear()
        form = self.form
        body = QWidget()
        column = QVBoxLayout(body)
        if form is None:
            self.title_label.setText("")
            column.addWidget(QLabel(_("This workshop has no evaluation form.")))
            self.save_button.setEnabled(False)
        else:
            self.title_label.setText(_two_lines(form.title, self.lang, form.id))
            self.save_button.setEnabled(True)
            self._fill(form, column)
        column.addStretch(1)
        self.scroll_area.setWidget(body)
        self.pages.setCurrentIndex(0)
        self._count()
        if self.rows:
            self.rows[0].setFocus()

    def _fill(self, form: EvaluationForm, column: QVBoxLayout) -> None:
        rows = iter(evaluations.rating_rows(form))
        if form.sessions:
            column.addWidget(self._scale_hint(_("1 = very low · 5 = very high")))
        for number, session in enumerate(form.sessions, 1):
            item = self.workshop.item(session)
            title = item.title if isinstance(item, AgendaItem) else None
            heading = QLabel(f"<b>{number}.</b> " + _two_lines(title, self.lang, session))
            heading.setObjectName("session-heading")
            heading.setWordWrap(True)
            heading.setStyleSheet("font-size: 12pt; margin-top: 10px;")
            column.addWidget(heading)
            for _aspect in range(3):
                row_id = next(rows)
                aspect = row_id.rpartition("/")[2]
                column.addWidget(self._row(row_id, html.escape(_(ASPECT_NAMES.get(aspect, aspect)))))
        if form.overall:
            column.addWidget(self._section(_("About the workshop as a whole")))
            column.addWidget(self._scale_hint(_("1 = strongly disagree · 5 = strongly agree")))
            for statement in form.overall:
                column.addWidget(self._row(next(rows), _two_lines(statement, self.lang)))
        if form.free_text:
            column.addWidget(self._section(_("Your comments (optional)")))
        for comment_id, question in zip(evaluations.comment_ids(form), form.free_text, strict=True):
            label = QLabel(_two_lines(question, self.lang))
            label.setWordWrap(True)
            box = QPlainTextEdit()
            box.setObjectName(f"comment-{comment_id}")
            box.setTabChangesFocus(True)  # Tab goes on to the next question, as in the rows above
            box.setFixedHeight(80)
            label.setBuddy(box)
            self.comments[comment_id] = box
            column.addWidget(label)
            column.addWidget(box)

    def _row(self, row_id: str, label: str) -> RatingRow:
        row = RatingRow(row_id, label)
        row.changed.connect(self._count)
        row.answered.connect(lambda: self._move_on(row))
        self.rows.append(row)
        return row

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size: 14pt; font-weight: bold; margin-top: 16px;")
        return label

    @staticmethod
    def _scale_hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignRight)
        label.setStyleSheet("color: #555;")
        return label

    def _move_on(self, row: RatingRow) -> None:
        """After a rating typed on the keyboard: the next row, or the first comment box."""
        index = self.rows.index(row)
        target: QWidget | None = self.rows[index + 1] if index + 1 < len(self.rows) else None
        if target is None and self.comments:
            target = next(iter(self.comments.values()))
        if target is not None:
            target.setFocus()
            self.scroll_area.ensureWidgetVisible(target, 0, 60)

    def _count(self) -> None:
        answered = sum(1 for row in self.rows if row.value is not None)
        self.progress.setMaximum(max(1, len(self.rows)))
        self.progress.setValue(answered)
        self.progress_label.setText(
            _("{answered} of {total} rated").format(answered=answered, total=len(self.rows))
        )

    def ratings(self) -> dict[str, int | None]:
        return {row.row_id: row.value for row in self.rows}

    def comment_texts(self) -> dict[str, str]:
        texts = {cid: box.toPlainText().strip() for cid, box in self.comments.items()}
        return {cid: text for cid, text in texts.items() if text}

    def has_answers(self) -> bool:
        return any(v is not None for v in self.ratings().values()) or bool(self.comment_texts())

    # --- saving ---------------------------------------------------------------------

    def save(self) -> None:
        """Write the response file; on failure nothing on screen is lost and Save can be tried again."""
        form = self.form
        if form is None:
            return
        blank = [row for row in self.rows if row.value is None]
        if blank:
            question = ngettext(
                "{count} row is not rated. Save anyway? It stays blank.",
                "{count} rows are not rated. Save anyway? They stay blank.",
                len(blank),
            ).format(count=len(blank))
            answer = QMessageBox.question(self, _("Save my evaluation"), question)
            if answer != QMessageBox.StandardButton.Yes:
                blank[0].setFocus()
                self.scroll_area.ensureWidgetVisible(blank[0], 0, 60)
                return
        try:
            fresh = evaluations.new_response(self.workshop, form.id)
            response = replace(
                fresh,
                response=self.response_id or fresh.response,
                ratings=self.ratings(),
                comments=self.comment_texts(),
            )
            self.response_id = response.response
            self.saved = evaluations.save_taken(self.workshop, response)
        except (OSError, ValueError) as exc:  # EvaluationError is a ValueError: one clear line
            self.problem.setText(_("The evaluation could not be saved: {reason}").format(reason=exc))
            return
        self.done_label.setText(
            _("Thank you. Your evaluation is saved ({file}). It carries no name or code.").format(
                file=self.saved.name
            )
        )
        self.scroll_area.setWidget(QWidget())  # the answers leave the screen before the next person comes
        self.rows, self.comments = [], {}
        self.pages.setCurrentIndex(1)

    # --- after saving ----------------------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_label = QLabel()
        self.done_label.setObjectName("evaluation-saved")
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("font-size: 14pt;")
        self.next_person = QPushButton(_("New evaluation for the next person"))
        self.next_person.setObjectName("next-person")
        self.next_person.clicked.connect(self.show_form)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        for button in (self.next_person, close):
            button.setMinimumHeight(44)  # large targets, as on the form
            button.setStyleSheet("font-size: 13pt; padding: 0 16px;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_person)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # --- closing ------------------------------------------------------------------------

    def _may_close(self) -> bool:
        """Closing with unsaved answers asks first (Escape is easy to press by mistake)."""
        if self.pages.currentIndex() != 0 or not self.has_answers():
            return True
        answer = QMessageBox.question(
            self, _("Workshop evaluation"), _("Your answers are not saved yet. Close and discard them?")
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        # Escape and the window's close button both come here (QDialog.closeEvent calls reject).
        if self._may_close():
            super().reject()

"""File ▸ Take a knowledge check…: one participant answers a form on this laptop.

Three pages: who and which form (participant code, form, pre or post, and where result files
go); then one question at a time in both languages, the interface language first, with the
choices as large radio buttons (keys 1-5 or A-E choose, Enter goes on); then, only once the
result file is saved, each question with the answer given, the correct one and its
explanation. The key and the explanations are facilitator-only content: nothing of them is on
screen before the last answer is saved.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.app import assess
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.domain import Text
    from companion.app.workshop import Workshop

CHOICE_KEYS = "ABCDE"
CHOICE_STYLE = (
    "QRadioButton { font-size: 15pt; padding: 8px; } QRadioButton::indicator { width: 22px; height: 22px; }"
)


def _other(lang: str) -> str:
    return "en" if lang != "en" else "zh-Hans"


def _both(text: Text | None, lang: str) -> tuple[str, str]:
    """The text in the interface language, and in the other one ("" when it is missing or the same)."""
    if text is None:
        return "", ""
    first = text.get(lang) or text.get(_other(lang)) or ""
    second = text.get(_other(lang)) or ""
    return first, "" if second == first else second


class TakingDialog(QDialog):
    """A participant takes one knowledge check; the result file is saved before explanations show."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taking-dialog")
        self.workshop = workshop
        self.lang = current_language()
        self.forms = assess.forms(workshop)
        self.answers: dict[str, str | None] = {}
        self.position = 0
        self.saved: Path | None = None
        self.setWindowTitle(_("Knowledge check"))
        self.resize(820, 620)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._start_page())
        self.pages.addWidget(self._question_page())
        self.pages.addWidget(self._end_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # --- page 1: who, which form, where results go ------------------------------

    def _start_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(_("Type your participant code, choose the form your facilitator named, then Start."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.code_field = QLineEdit()
        self.code_field.setObjectName("participant-code")
        self.code_field.setPlaceholderText("P001")
        form.addRow(_("Participant code"), self.code_field)
        self.form_choice = QComboBox()
        self.form_choice.setObjectName("form-choice")
        for found in self.forms:
            title, _second = _both(found.form.title, self.lang)
            self.form_choice.addItem(title or found.form.id, found.form.id)
        form.addRow(_("Form"), self.form_choice)
        self.attempt_choice = QComboBox()
        self.attempt_choice.setObjectName("attempt-choice")
        self.attempt_choice.addItem(_("Before the workshop (pre-test)"), "pre")
        self.attempt_choice.addItem(_("After the workshop (post-test)"), "post")
        form.addRow(_("Before or after the workshop"), self.attempt_choice)
        folder_row = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setObjectName("results-folder")
        self.folder_label.setWordWrap(True)
        change = QPushButton(_("Change…"))
        change.setAutoDefault(False)
        change.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(change)
        form.addRow(_("Results are saved in"), folder_row)
        self.start_problem = QLabel()
        self.start_problem.setObjectName("start-problem")
        self.start_problem.setStyleSheet("color: #a33")
        form.addRow(self.start_problem)
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        form.addRow(self.start_button)
        self._show_folder()
        if not self.forms:
            self.start_problem.setText(_("This workshop has no knowledge check."))
            self.start_button.setEnabled(False)
        return page

    def _show_folder(self) -> None:
        self.folder_label.setText(str(assess.results_folder(self.workshop)))

    def choose_folder(self) -> None:
        here = str(assess.results_folder(self.workshop))
        chosen = QFileDialog.getExistingDirectory(self, _("Save results in"), here)
        if chosen:
            self.workshop.set_setting(assess.RESULTS_FOLDER_SETTING, chosen)
            self._show_folder()

    def start(self) -> None:
        code = self.code_field.text().strip().upper()
        problem = assess.participant_problem(self.workshop, code)
        if problem:
            self.start_problem.setText(problem)
            self.code_field.setFocus()
            return
        self.code = code
        self.current = self.forms[self.form_choice.currentIndex()]
        self.attempt = str(self.attempt_choice.currentData())
        self.answers = {q.id: None for q in self.current.questions}
        self.position = 0
        self.pages.setCurrentIndex(1)
        self._show_question()

    # --- page 2: one question at a time ------------------------------------------

    def _question_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("question-progress")
        self.progress_label.setStyleSheet("font-size: 12pt; color: #555;")
        self.question_label = QLabel()
        self.question_label.setObjectName("question-text")
        self.question_label.setWordWrap(True)
        self.question_label.setStyleSheet("font-size: 17pt; font-weight: bold;")
        self.question_other = QLabel()
        self.question_other.setObjectName("question-other")
        self.question_other.setWordWrap(True)
        self.question_other.setStyleSheet("font-size: 12pt; color: #555;")
        layout.addWidget(self.progress_label)
        layout.addWidget(self.question_label)
        layout.addWidget(self.question_other)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: list[QRadioButton] = []
        for n, letter in enumerate(CHOICE_KEYS):
            button = QRadioButton()
            button.setObjectName(f"choice-{letter}")
            button.setStyleSheet(CHOICE_STYLE)
            button.setMinimumHeight(48)
            self.choice_group.addButton(button, n)
            self.choice_buttons.append(button)
            layout.addWidget(button)
        self.choice_group.idToggled.connect(self._chosen)
        layout.addStretch(1)
        self.hint_label = QLabel(_("Keys 1-5 or A-E choose an answer; Enter goes to the next question."))
        self.hint_label.setStyleSheet("color: #555;")
        self.question_problem = QLabel()
        self.question_problem.setObjectName("question-problem")
        self.question_problem.setStyleSheet("color: #a33")
        self.question_problem.setWordWrap(True)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.question_problem)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(_("Back"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("next")
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(self.next)
        for nav in (self.back_button, self.next_button):
            nav.setMinimumSize(140, 44)  # large targets: participants are not used to this window
            nav.setStyleSheet("font-size: 13pt;")
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        return page

    def _show_question(self) -> None:
        question = self.current.questions[self.position]
        total = len(self.current.questions)
        self.progress_label.setText(
            _("Question {number} of {total}").format(number=self.position + 1, total=total)
        )
        first, second = _both(question.text, self.lang)
        self.question_label.setText(first)
        self.question_other.setText(second)
        self.question_other.setVisible(bool(second))
        chosen = self.answers.get(question.id)
        self.choice_group.setExclusive(False)  # so every button can be cleared
        for n, button in enumerate(self.choice_buttons):
            if n < len(question.choices):
                choice = question.choices[n]
                top, below = _both(choice.text, self.lang)
                text = f"{n + 1}  {choice.id}.  {top}" + (f"\n          {below}" if below else "")
                button.setText(text)
                button.setVisible(True)
                button.setChecked(choice.id == chosen)
            else:
                button.setVisible(False)
                button.setChecked(False)
        self.choice_group.setExclusive(True)
        self.back_button.setEnabled(self.position > 0)
        last = self.position == total - 1
        self.next_button.setText(_("Finish and save") if last else _("Next"))
        self.next_button.setEnabled(chosen is not None)
        self.question_problem.clear()
        self.setFocus()

    def _chosen(self, index: int, checked: bool) -> None:
        if not checked or self.pages.currentIndex() != 1:
            return
        question = self.current.questions[self.position]
        if index < len(question.choices):
            self.answers[question.id] = question.choices[index].id
            self.next_button.setEnabled(True)

    def choose(self, index: int) -> None:
        """Choose the ``index``-th choice (0 = A) of the question on screen, if it has one."""
        if self.pages.currentIndex() == 1 and index < len(self.current.questions[self.position].choices):
            self.choice_buttons[index].setChecked(True)

    def back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self._show_question()

    def next(self) -> None:
        question = self.current.questions[self.position]
        if self.answers.get(question.id) is None:
            return  # Enter before choosing: nothing happens (no blank answers by accident)
        if self.position < len(self.current.questions) - 1:
            self.position += 1
            self._show_question()
            return
        self.finish()

    def finish(self) -> None:
        """Save the result file; only then show the explanations. A failure loses no answer."""
        result = assess.new_result(self.workshop, self.current.form.id, self.code, self.attempt, self.answers)
        try:
            self.saved = assess.save_taken(self.workshop, result)
        except (OSError, assess.ResultError) as exc:
            self.question_problem.setText(_("The result could not be saved: {reason}").format(reason=exc))
            return
        self._show_explanations()
        self.pages.setCurrentIndex(2)

    # --- page 3: after the end, the explanations -------------------------------------

    def _end_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved")
        self.saved_label.setWordWrap(True)
        self.explanations = QTextBrowser()
        self.explanations.setObjectName("explanations")
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.explanations, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _show_explanations(self) -> None:
        assert self.saved is not None
        correct = sum(1 for q in self.current.questions if q.answer and self.answers.get(q.id) == q.answer)
        done = _("Thank you. Your answers are saved ({file}). You answered {correct} of {total} correctly.")
        total = len(self.current.questions)
        self.saved_label.setText(done.format(file=self.saved.name, correct=correct, total=total))
        parts = []
        for n, question in enumerate(self.current.questions, 1):
            first, second = _both(question.text, self.lang)
            given = self.answers.get(question.id) or "–"
            right = question.answer or "–"
            mark = "✓" if question.answer and given == question.answer else "✗"
            parts.append(f"<h3>{n}. {html.escape(first)}</h3>")
            if second:
                parts.append(f'<p style="color:#555">{html.escape(second)}</p>')
            line = _("Your answer: {given} · Correct answer: {right}").format(given=given, right=right)
            parts.append(f"<p><b>{mark} {html.escape(line)}</b></p>")
            why, why_other = _both(question.explanation, self.lang)
            if why:
                parts.append(f"<p>{html.escape(why)}</p>")
            if why_other:
                parts.append(f'<p style="color:#555">{html.escape(why_other)}</p>')
        self.explanations.setHtml("".join(parts))

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if self.pages.currentIndex() == 1:
            text = event.text().upper()
            if text and text in "12345":
                self.choose(int(text) - 1)
                return
            if text and text in CHOICE_KEYS:
                self.choose(CHOICE_KEYS.index(text))
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.next()
                return
        if self.pages.currentIndex() == 0 and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.start()
            return
        super().keyPressEvent(event)

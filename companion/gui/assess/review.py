"""File ▸ Read scanned answer sheets…: read scans, let the facilitator decide each flagged mark, merge.

The reader never guesses (companion.core.assess.scan): a row with two marks, a faint, erased
or crossed-out mark is flagged. This dialog shows each such row as it was scanned, beside the
question's choices and "Blank", and the facilitator picks one. Pages with a problem (no QR
code, a form this workshop does not have) are listed and not merged. Merging is possible once
every flagged mark is decided.

An evaluation sheet names nobody: it is shown as "Evaluation sheet" and its sheet ID, a flagged
row by its session and aspect (or overall statement), with the ratings 1-5 and "Blank" to choose
from. Pre or post does not apply to it (the choice is disabled when only evaluation sheets are
loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.app import evaluations, scanning
from companion.app.assess import ResultError, forms
from companion.gui import render
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.assess import Form
    from companion.app.domain import Question
    from companion.app.scanning import ScannedPage
    from companion.app.workshop import Workshop

BLANK = "blank"
LETTERS = "ABCDE"
RATINGS = "12345"  # an evaluation sheet's bubbles, in the order of LETTERS


class ScanReviewDialog(QDialog):
    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workshop = workshop
        self.pages: list[ScannedPage] = []
        self.evaluation_ids: set[str] = set()
        self.row_texts: dict[str, dict[str, str]] = {}  # evaluation form -> row id -> label
        self.pending: list[tuple[int, str]] = []  # (page index, question id) still to decide
        self.setWindowTitle(_("Read scanned answer sheets"))
        self.setObjectName("scan-review")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.open_button = QPushButton(_("Open scans…"))
        self.open_button.clicked.connect(self._choose)
        self.attempt = QComboBox()
        self.attempt.addItem(_("Before the workshop (pre)"), "pre")
        self.attempt.addItem(_("After the workshop (post)"), "post")
        self.attempt_note = QLabel()
        self.attempt_note.setObjectName("attempt-note")
        self.attempt_note.setVisible(False)
        top.addWidget(self.open_button)
        top.addWidget(self.attempt)
        top.addWidget(self.attempt_note, 1)
        layout.addLayout(top)
        self.pages_list = QListWidget()
        layout.addWidget(self.pages_list)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.question_text = QLabel()  # the question as the participant read it
        self.question_text.setWordWrap(True)
        self.row_image = QLabel()
        self.row_image.setObjectName("flagged-row")
        choices = QVBoxLayout()  # one choice a line: each shows its text, which may be long
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        for key, text in [(c, c) for c in LETTERS] + [(BLANK, _("Blank"))]:
            button = QRadioButton(text)
            self.choice_buttons[key] = button
            self.choice_group.addButton(button)
            choices.addWidget(button)
        self.decide_button = QPushButton(_("Use this answer"))
        self.decide_button.clicked.connect(self._decide_checked)
        self.review = QWidget()
        review = QVBoxLayout(self.review)
        review.addWidget(self.where)
        review.addWidget(self.question_text)
        scanned = QHBoxLayout()
        scanned.addWidget(self.row_image)
        scanned.addLayout(choices, 1)
        review.addLayout(scanned)
        review.addWidget(self.decide_button)
        layout.addWidget(self.review)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.merge_button = QPushButton(_("Add to the results"))
        self.merge_button.clicked.connect(self.merge)
        layout.addWidget(self.merge_button)
        self._show_next()

    def _choose(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Scanned answer sheets"), "", _("Scans (*.pdf *.png *.jpg *.jpeg)")
        )
        if paths:
            self.load([Path(p) for p in paths])

    def load(self, paths: list[Path]) -> None:
        """Read the scans; list each page, then show the first flagged mark."""
        try:
            self.pages = scanning.read_scans(self.workshop, paths)
        except (scanning.ScanError, ResultError) as exc:
            self.status.setText(str(exc))
            return
        self.pages_list.clear()
        self.evaluation_ids = {found.id for found in evaluations.evaluation_forms(self.workshop)}
        self.row_texts = {}
        for page in self.pages:
            name = Path(page.file).name
            if page.problem:
                line = _("{file}, page {page}: {problem}").format(
                    file=name, page=page.page, problem=page.problem
                )
            elif self.is_evaluation(page):
                line = _("{file}, page {page}: evaluation sheet {sheet}, {form}, {count} to check").format(
                    file=name,
                    page=page.page,
                    sheet=page.sheet,
                    form=self._form_title(page),
                    count=len(page.flagged),
                )
            else:
                line = _("{file}, page {page}: {participant}, {form}, {count} to check").format(
                    file=name,
                    page=page.page,
                    participant=page.participant,
                    form=self._form_title(page),
                    count=len(page.flagged),
                )
            self.pages_list.addItem(line)
        self.pending = [(n, q) for n, page in enumerate(self.pages) for q in page.flagged]
        readable = [page for page in self.pages if page.problem is None]
        some = any(self.is_evaluation(page) for page in readable)
        only = some and all(self.is_evaluation(page) for page in readable)
        self.attempt.setEnabled(not only)
        self.attempt_note.setVisible(some)
        self.attempt_note.setText(
            _("Pre or post does not apply to evaluation sheets.")
            if only
            else _("Pre or post applies to the answer sheets only, not to the evaluation sheets.")
        )
        self.status.clear()
        self._show_next()

    def is_evaluation(self, page: ScannedPage) -> bool:
        """An anonymous evaluation sheet (no participant, one of the workshop's evaluation forms)."""
        return page.participant is None and page.form in self.evaluation_ids

    def _row_text(self, page: ScannedPage, row: str) -> str:
        """A rating row as the facilitator reads it: session and aspect, or the overall statement."""
        form = str(page.form)
        if form not in self.row_texts:
            self.row_texts[form] = evaluations.row_texts(self.workshop, form, current_language())
        return self.row_texts[form].get(row, row)

    def _form(self, page: ScannedPage) -> Form | None:
        return next((found for found in forms(self.workshop) if found.form.id == page.form), None)

    def _form_title(self, page: ScannedPage) -> str:
        found = self._form(page)
        if found is not None:
            return render.plain(found.form.title, current_language())
        for evaluation in evaluations.evaluation_forms(self.workshop):
            if evaluation.id == page.form:
                return render.plain(evaluation.title, current_language())
        return str(page.form)

    def _question(self, page: ScannedPage, question: str) -> tuple[int, Question] | None:
        """The flagged question and its number on the sheet (1-based)."""
        found = self._form(page)
        for number, asked in enumerate(found.questions if found else [], start=1):
            if asked.id == question:
                return number, asked
        return None

    def _show_next(self) -> None:
        self.review.setVisible(bool(self.pending))
        readable = [p for p in self.pages if p.problem is None]
        self.merge_button.setEnabled(bool(readable) and not self.pending)
        if not self.pending:
            return
        index, question = self.pending[0]
        page = self.pages[index]
        if self.is_evaluation(page):
            self._show_rating(page, question)
            return
        lang = current_language()
        asked = self._question(page, question)
        self.where.setText(
            _("{participant}, {form}, question {number}: which answer was meant? ({left} left)").format(
                participant=page.participant,
                form=self._form_title(page),
                number=asked[0] if asked else question,
                left=len(self.pending),
            )
        )
        self.question_text.setText(render.plain(asked[1].text, lang) if asked else "")
        pixmap = QPixmap()
        pixmap.loadFromData(page.crops.get(question, b""), "PNG")
        self.row_image.setPixmap(pixmap)
        labels = {c.id: render.plain(c.text, lang) for c in asked[1].choices} if asked else {}
        for key in LETTERS:
            button = self.choice_buttons[key]
            button.setVisible(key in labels if asked else True)
            button.setText(f"{key}  {labels[key]}" if key in labels else key)
        self._uncheck()

    def _show_rating(self, page: ScannedPage, row: str) -> None:
        """A flagged row of an evaluation sheet: which rating 1-5 was meant."""
        self.where.setText(
            _("Evaluation sheet {sheet}, {form}: which rating was meant? ({left} left)").format(
                sheet=page.sheet, form=self._form_title(page), left=len(self.pending)
            )
        )
        self.question_text.setText(self._row_text(page, row))
        pixmap = QPixmap()
        pixmap.loadFromData(page.crops.get(row, b""), "PNG")
        self.row_image.setPixmap(pixmap)
        scale = {"1": _("1 (lowest)"), "5": _("5 (highest)")}
        for key, rating in zip(LETTERS, RATINGS, strict=True):
            button = self.choice_buttons[key]
            button.setVisible(True)
            button.setText(scale.get(rating, rating))
        self._uncheck()

    def _uncheck(self) -> None:
        self.choice_group.setExclusive(False)
        for button in self.choice_buttons.values():
            button.setChecked(False)
        self.choice_group.setExclusive(True)

    def _decide_checked(self) -> None:
        for key, button in self.choice_buttons.items():
            if button.isChecked():
                self.decide(key)
                return

    def decide(self, choice: str) -> None:
        """The facilitator's answer for the mark shown: a letter, or :data:`BLANK`.

        On an evaluation sheet the buttons A-E are the ratings 1-5; a rating may be given as such.
        """
        if not self.pending:
            return
        index, question = self.pending.pop(0)
        page = self.pages[index]
        if self.is_evaluation(page) and choice in LETTERS:
            choice = RATINGS[LETTERS.index(choice)]
        page.answers[question] = None if choice == BLANK else choice
        self._show_next()

    def merge(self) -> None:
        try:
            report = scanning.merge_pages(self.workshop, self.pages, str(self.attempt.currentData()))
        except ResultError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(
            _("Added {added}, already there {unchanged}, conflicts {conflicts}.").format(
                added=report.added, unchanged=report.unchanged, conflicts=len(report.conflicts)
            )
        )
        self.merge_button.setEnabled(False)

"""The screening interview on screen: one dimension at a time, then the result.

A thin view over :class:`companion.app.domain.Interview`, which
holds every answer. Keys: Up/Down choose an indicator, P / A / U (or 1 / 2 / 3)
answer it, Ctrl+Right and Ctrl+Left move between dimensions, Esc leaves. A guide
(style "guide") is practised as a checklist instead: D ticks the step done, each
step has a notes field, and there is no answer, outcome or score.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import GRADE_NAMES, Interview
from companion.gui import render
from companion.gui.reader import Reader
from companion.i18n import N_, _, current_language

if TYPE_CHECKING:
    from companion.app.domain import CaseStudy, Comparison, Indicator, ScreeningTool

ANSWER_LABELS = {
    "present": N_("Present"),
    "absent": N_("Absent"),
    "unknown": N_("Unknown"),
    "declined": N_("Declined"),
}
# A guide's "D" ticks a step; a guide never shows answers, so the two never meet on one page.
ANSWER_KEYS = {"present": ("P", "1"), "absent": ("A", "2"), "unknown": ("U", "3"), "declined": ("D", "4")}


class _Row(QFrame):
    """A framed row for one indicator or step: its text (see :func:`indicator_html`) and controls."""

    def __init__(self, indicator: Indicator, parent: QWidget | None = None):
        super().__init__(parent)
        self.indicator = indicator
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)

    def set_current(self, current: bool) -> None:
        # Answering moves the cursor on by itself: the row it moved to must be unmistakable, or a
        # Down pressed "to go on" skips an indicator unseen.
        name = type(self).__name__
        self.setProperty("current", current)
        self.setStyleSheet(
            f"{name} {{ border: 3px solid #1f5c99; background: #e8f0fa; }}" if current else ""
        )


class IndicatorRow(_Row):
    """One indicator with its guidance and four answers."""

    sig_answered = Signal(str, str)

    def __init__(self, indicator: Indicator, answer: str, parent: QWidget | None = None):
        super().__init__(indicator, parent)
        self.group = QButtonGroup(self)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QRadioButton] = {}
        for value in ANSWER_LABELS:
            button = QRadioButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the view's keys answer, not Tab stops
            button.toggled.connect(lambda on, value=value: self._toggled(on, value))
            self.group.addButton(button)
            self.buttons[value] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addLayout(buttons)
        self.show_answer(answer)
        self.retranslate()

    def _toggled(self, on: bool, value: str) -> None:
        if on:
            self.sig_answered.emit(self.indicator.id, value)

    def show_answer(self, answer: str) -> None:
        self.buttons[answer].blockSignals(True)
        self.buttons[answer].setChecked(True)
        self.buttons[answer].blockSignals(False)

    def retranslate(self) -> None:
        self.text.setText(indicator_html(self.indicator))
        for value, button in self.buttons.items():
            keys = "/".join(ANSWER_KEYS[value])
            button.setText(f"{_(ANSWER_LABELS[value])} ({keys})")


def indicator_html(indicator: Indicator) -> str:
    """An indicator (or a guide's step) as a row shows it: ID, text, grade if it has one, guidance."""
    lang = current_language()
    first = f"<b>{indicator.id}</b> {render.inline(indicator.text, lang)}"
    if indicator.grade:
        first += f" <i>({_(GRADE_NAMES[indicator.grade])})</i>"
    parts = [first]
    if indicator.guidance:
        parts.append(f'<span style="color:#555">{render.inline(indicator.guidance, lang)}</span>')
    return "<br/>".join(parts)


class GuideStepRow(_Row):
    """One step of a guide: its text and guidance, a "done" tick and a notes field."""

    sig_done = Signal(str, bool)
    sig_note = Signal(str, str)

    def __init__(self, indicator: Indicator, done: bool, note: str, parent: QWidget | None = None):
        super().__init__(indicator, parent)
        self.done = QCheckBox()
        self.done.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # D ticks it, as P / A / U answer a screening
        self.done.setChecked(done)
        self.done.toggled.connect(lambda on: self.sig_done.emit(self.indicator.id, on))
        self.notes = QLineEdit(note)
        self.notes.textEdited.connect(lambda value: self.sig_note.emit(self.indicator.id, value))
        line = QHBoxLayout()
        line.addWidget(self.done)
        line.addWidget(self.notes, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addLayout(line)
        self.retranslate()

    def toggle(self) -> None:
        self.done.toggle()

    def retranslate(self) -> None:
        self.text.setText(indicator_html(self.indicator))
        self.done.setText(_("Done") + " (D)")
        self.notes.setPlaceholderText(_("Notes"))


class InterviewView(QWidget):
    """A screening with one tool: practice (optionally on a case study's persona) or,
    given an :class:`Interview` to continue, a field record's answers."""

    sig_closed = Signal()
    sig_pdf_requested = Signal()
    sig_slip_requested = Signal()  # "Referral slip…" on the result page

    def __init__(
        self,
        tool: ScreeningTool,
        study: CaseStudy | None = None,
        parent: QWidget | None = None,
        record: Interview | None = None,
    ):
        super().__init__(parent)
        key = next((k for k in study.answer_keys if k.tool == tool.id), None) if study else None
        self.study = study
        self.practice = record is None
        self.interview = record or Interview(
            tool, age=key.age if key else None, act=bool(key and key.act_recorded)
        )
        # Practising a guide is a checklist. A field record keeps its answers whatever the tool: the
        # records window still offers every tool (the tools section offers no record of a guide).
        self.checklist = self.practice and self.interview.is_guide
        self.rows: list[IndicatorRow | GuideStepRow] = []
        self.current_row = 0

        self.banner = QLabel()
        self.banner.setStyleSheet("color:#b00; font-weight:bold")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_box)
        self.scroll_area = scroll
        self.summary = Reader()
        self.result_view = Reader()
        self.splitter = QSplitter()
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        self.splitter.setChildrenCollapsible(False)
        scroll.setMinimumWidth(360)

        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.close_button = QPushButton()
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.sig_pdf_requested.emit)
        self.slip_button = QPushButton()
        self.slip_button.clicked.connect(self.sig_slip_requested.emit)
        self.status = QLabel()
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.sig_closed.emit)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.slip_button)
        bar.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.result_view, 1)
        layout.addLayout(bar)

        if self.checklist:
            QShortcut(QKeySequence("D"), self, self.tick_current)
        else:
            for value, keys in ANSWER_KEYS.items():
                for key_name in keys:
                    QShortcut(QKeySequence(key_name), self, lambda value=value: self.answer_current(value))
        QShortcut(QKeySequence("Down"), self, lambda: self.move_cursor(1))
        QShortcut(QKeySequence("Up"), self, lambda: self.move_cursor(-1))
        QShortcut(QKeySequence("Ctrl+Right"), self, self.next)
        QShortcut(QKeySequence("Ctrl+Left"), self, self.previous)
        QShortcut(QKeySequence("Escape"), self, self.sig_closed.emit)
        QShortcut(QKeySequence("Ctrl+P"), self, self._request_pdf)
        self._show_page()

    # --- flow -------------------------------------------------------------------------

    def tick_current(self) -> None:
        """Tick (or untick) the guide step under the cursor, then move on."""
        if self.rows:
            row = self.rows[self.current_row]
            if isinstance(row, GuideStepRow):
                row.toggle()
                self.move_cursor(1)

    def answer_current(self, value: str) -> None:
        if self.rows:
            row = self.rows[self.current_row]
            assert isinstance(row, IndicatorRow)
            self._answered(row.indicator.id, value)
            row.show_answer(value)
            self.move_cursor(1)

    def move_cursor(self, step: int) -> None:
        if self.rows:
            self.current_row = max(0, min(len(self.rows) - 1, self.current_row + step))
            for n, row in enumerate(self.rows):
                row.set_current(n == self.current_row)
            self.scroll_area.ensureWidgetVisible(self.rows[self.current_row])

    def _answered_at(self, index: int) -> None:
        self.current_row = index
        self.move_cursor(1)

    def next(self) -> None:
        self.interview.next()
        self._show_page()

    def previous(self) -> None:
        self.interview.previous()
        self._show_page()

    def _answered(self, indicator_id: str, value: str) -> None:
        self.interview.set_answer(indicator_id, value)
        self._render_summary()

    # --- drawing ----------------------------------------------------------------------

    def _show_page(self) -> None:
        for old in self.rows:
            old.deleteLater()
        self.rows = []
        self.current_row = 0
        dimension = self.interview.current
        if dimension is not None:
            for indicator in dimension.indicators:
                row: IndicatorRow | GuideStepRow
                if self.checklist:
                    done = indicator.id in self.interview.done
                    row = GuideStepRow(indicator, done, self.interview.notes.get(indicator.id, ""))
                    row.sig_done.connect(self._ticked)
                    row.sig_note.connect(self.interview.set_note)
                else:
                    row = IndicatorRow(indicator, self.interview.answer(indicator.id))
                    row.sig_answered.connect(self._answered)
                    # Answered with the mouse: the keyboard's cursor follows, as after a key.
                    index = len(self.rows)
                    row.sig_answered.connect(lambda _id, _value, n=index: self._answered_at(n))
                self.rows_layout.addWidget(row)
                self.rows.append(row)
            self.move_cursor(0)
        on_result = dimension is None
        self.splitter.setVisible(not on_result)
        self.result_view.setVisible(on_result)
        self.pdf_button.setVisible(on_result and not self.checklist)  # a guide has no result to save
        self.slip_button.setVisible(on_result and not self.checklist)
        self.retranslate()

    def retranslate(self) -> None:
        lang = current_language()
        tool = self.interview.tool
        if self.practice:
            self.banner.setText(_("PRACTICE — nothing is stored"))
        else:
            self.banner.setText(_("FIELD RECORD — sealed with your passphrase when you save it"))
        dimension = self.interview.current
        total = len(tool.dimensions)
        if dimension is None:
            heading = render.inline(tool.title, lang)
        else:
            step = _("Step {number} of {total}").format(number=self.interview.position + 1, total=total)
            heading = render.labelled(step, f"{dimension.id} · {render.inline(dimension.title, lang)}")
        if self.study is not None:
            heading = (
                render.labelled(_("Case study"), render.inline(self.study.title, lang)) + "<br/>" + heading
            )
        self.heading.setText(f"<h2>{heading}</h2>")
        for row in self.rows:
            row.retranslate()
        self.previous_button.setText(_("Previous") + " (Ctrl+←)")
        self.previous_button.setEnabled(self.interview.position > 0)
        last = _("Show checklist") if self.checklist else _("Show result")
        self.next_button.setText((last if self.interview.position == total - 1 else _("Next")) + " (Ctrl+→)")
        self.next_button.setEnabled(dimension is not None)
        self.close_button.setText(_("Close") + " (Esc)")
        self.pdf_button.setText(_("Save as PDF…") + " (Ctrl+P)")
        self.slip_button.setText(_("Referral slip…"))
        self._render_summary()

    def _ticked(self, step_id: str, done: bool) -> None:
        self.interview.set_done(step_id, done)
        self._render_summary()

    def _render_guide(self) -> None:
        """Steps done so far; on the last page every step with its notes. A guide has no outcome."""
        steps = [i for d in self.interview.tool.dimensions for i in d.indicators]
        done = len(self.interview.done)
        count = escape(_("{done} of {total} steps done").format(done=done, total=len(steps)))
        no_result = escape(_("A guide gives no result and decides nothing."))
        self.summary.setHtml(f"<p><b>{count}</b></p><p>{no_result}</p>")
        if self.interview.on_result_page:
            lang = current_language()
            items = []
            for step in steps:
                mark = "☑" if step.id in self.interview.done else "☐"
                note = self.interview.notes.get(step.id, "").strip()
                line = f"{mark} <b>{step.id}</b> {render.inline(step.text, lang)}"
                if note:
                    line += f"<br/><i>{escape(_('Notes'))}: {escape(note)}</i>"
                items.append(f"<li>{line}</li>")
            self.result_view.setHtml(
                f"<p><b>{count}</b></p><p>{no_result}</p><ul style='list-style:none'>{''.join(items)}</ul>"
            )

    def _render_summary(self) -> None:
        if self.checklist:
            self._render_guide()
            return
        lang = current_language()
        result = self.interview.result()
        self.summary.setHtml(render.screening_summary(result, lang))
        if self.interview.on_result_page:
            self.result_view.setHtml(
                # The view's banner and heading already say "practice" and the tool: not twice.
                render.screening_result(
                    result, self.interview.tool, lang, self.comparison(), self.practice, header=False
                )
            )

    def show_saved(self, path: Path) -> None:
        self.status.setText(_("Saved: {path}").format(path=path))

    def _request_pdf(self) -> None:
        if self.interview.on_result_page:
            self.sig_pdf_requested.emit()

    def comparison(self) -> Comparison | None:
        """The answers against the case study's answer key, when practising on one."""
        if self.study is None:
            return None
        from companion.app.domain import compare

        return compare(self.study, self.interview.tool, self.interview.answers)

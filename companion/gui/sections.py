"""The sections of the main window: agenda, case studies, tools, library, assessment.

Each section is a thin view over items the window hands it; it renders in the
current language and re-renders on ``retranslate()``. None of them touches
the workshop directly. The window lists them in ``WINDOW_SECTIONS``
(:mod:`companion.gui.main_window`), and each content kind names the section that
shows it (``section`` in :data:`companion.app.kinds.CONTENT_KINDS`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import (
    CATEGORY_NAMES,
    FIRST_STAGES_SHOWN,
    AgendaItem,
    AssessmentForm,
    CaseStudy,
    Document,
    EvaluationForm,
    GlossaryTerm,
    NowNext,
    Question,
    ScreeningTool,
    Visibility,
    day_date,
    now_and_next,
    sort_key,
)
from companion.gui import render
from companion.gui.catalogue import Catalogue
from companion.gui.reader import ListReader
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.gui.screening import InterviewView


class Section(ListReader):
    """A list-and-reader section for one kind of item."""

    sig_navigate = Signal(str)
    kind = ""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.list.sig_item_chosen.connect(self.show_item)
        self.reader.sig_link_activated.connect(self.sig_navigate)

    def fill(self) -> None:
        lang = current_language()
        for item in self.catalogue.of_kind(self.kind):
            self.list.add_entry(item.id, render.plain(self.catalogue.title(item.id), lang))

    def retranslate(self) -> None:
        self.list.rebuild(self.fill)

    def show_item(self, item_id: str) -> None:
        item = self.catalogue.by_id.get(item_id)
        if item is not None:
            self.reader.setHtml(render.any_item(item, current_language(), self.catalogue.title))

    def open_item(self, item_id: str) -> bool:
        return self.list.select_id(item_id)

    def offer_notes(self, box: QCheckBox) -> None:
        """Show the facilitator box only when there are notes to show: a participant install has none."""
        offered = self.catalogue.has_facilitator_content(self.kind)
        if not offered:
            box.setChecked(False)
        box.setHidden(not offered)

    def add_controls(self, *left: QWidget, right: QWidget) -> None:
        """A row of controls under the reader: ``left`` from the left edge, ``right`` at the right."""
        bar = QHBoxLayout()
        for widget in left:
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(right)
        column_widget = QWidget()
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.reader)
        column.addLayout(bar)
        self.splitter.insertWidget(1, column_widget)
        self.splitter.setStretchFactor(1, 5)


class AgendaSection(Section):
    kind = "agenda-item"
    NOW_COLOUR = QColor("#d7ecd9")
    NEXT_COLOUR = QColor("#fff3cd")

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(catalogue, parent)
        self.now_next = NowNext(None, None)
        # Sessions' shifted (start, end) by ID (Workshop.live_schedule), set by the window; empty: as planned.
        self.live: dict[str, tuple[str, str]] = {}
        # A session's model answer (an exercise's) is for the trainer's screen only: off by default.
        self.notes_box = QCheckBox()
        self.notes_box.toggled.connect(lambda _on: self.show_item(self.list.current_id() or ""))
        self.add_controls(right=self.notes_box)
        self.notes_box.setText(_("Facilitator notes"))

    def retranslate(self) -> None:
        self.notes_box.setText(_("Facilitator notes"))
        self.offer_notes(self.notes_box)
        super().retranslate()

    def show_item(self, item_id: str) -> None:
        item = self.catalogue.get(item_id, AgendaItem)
        if item is not None:
            show = self.notes_box.isChecked()
            self.reader.setHtml(render.agenda_item(item, current_language(), self.catalogue.title, show))

    def fill(self) -> None:
        lang = current_language()
        other = "zh-Hans" if lang == "en" else "en"
        day = None
        for item in self.catalogue.of_type(AgendaItem):
            if item.day != day:
                day = item.day
                when = day_date(self.catalogue.start_date, day)
                self.list.add_header(_("Day {number} · {date}").format(number=day, date=when.isoformat()))
            # The other language on a second line: rooms often read both.
            start, end = self.live.get(item.id, (item.start, item.end))
            label = f"{start}–{end}   {render.plain(item.title, lang)}"
            if start != item.start:  # shifted on the day: the plan stays in sight
                label += "   " + _("(planned {time})").format(time=item.start)
            second = item.title.get(other)
            if second:
                label += f"\n{second}"
            if item.id == self.now_next.now:
                label = _("NOW") + "  " + label
            elif item.id == self.now_next.next:
                label = _("NEXT") + "  " + label
            row = self.list.add_entry(item.id, label)
            if item.id == self.now_next.now:
                row.setBackground(self.NOW_COLOUR)
            elif item.id == self.now_next.next:
                row.setBackground(self.NEXT_COLOUR)

    def set_live(self, times: dict[str, tuple[str, str]]) -> None:
        """Show the sessions at their shifted times (companion.gui.live_timing)."""
        self.live = times
        self.now_next = self._now_next(None)
        self.list.rebuild(self.fill)

    def _now_next(self, moment: datetime | None) -> NowNext:
        sessions = self.catalogue.of_type(AgendaItem)
        return now_and_next(sessions, self.catalogue.start_date, moment or datetime.now(), self.live)

    def refresh_now(self, moment: datetime | None = None) -> None:
        status = self._now_next(moment)
        if status != self.now_next:
            self.now_next = status
            self.list.rebuild(self.fill)


RESET_KEY = "Ctrl+Shift+G"  # G for group: Ctrl+Shift+N is the item editor's "new item"


class CaseStudySection(Section):
    """Case studies, revealed stage by stage as a trainer would in the room.

    It owns what the room may see of them: the stages revealed so far and
    whether facilitator notes are shown (:meth:`visibility`). The window's
    search shows no more than that, and hears of every change.
    """

    kind = "case-study"
    sig_visibility_changed = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        self.revealed: dict[str, int] = {}
        super().__init__(catalogue, parent)
        self.reveal_button = QPushButton()
        self.reveal_all_button = QPushButton()
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("reset-stages")
        self.notes_box = QCheckBox()
        self.reveal_button.clicked.connect(self.reveal_next)
        self.reveal_all_button.clicked.connect(self.reveal_all)
        self.reset_button.clicked.connect(self.reset_stages)
        self.notes_box.toggled.connect(lambda _on: self._render())
        self.notes_box.toggled.connect(lambda _on: self.sig_visibility_changed.emit())
        QShortcut(QKeySequence("Ctrl+N"), self, self.reveal_next)
        QShortcut(QKeySequence(RESET_KEY), self, self.reset_stages)
        self.add_controls(self.reveal_button, self.reveal_all_button, self.reset_button, right=self.notes_box)
        self._label_controls()

    def _label_controls(self) -> None:
        self.reveal_button.setText(_("Reveal next stage") + "  (Ctrl+N)")
        self.reveal_all_button.setText(_("Show all stages"))
        self.reset_button.setText(_("Reset for the next group") + f"  ({RESET_KEY})")
        self.notes_box.setText(_("Facilitator notes"))

    def retranslate(self) -> None:
        self._label_controls()
        self.offer_notes(self.notes_box)
        super().retranslate()

    def current_study(self) -> CaseStudy | None:
        return self.catalogue.get(self.list.current_id(), CaseStudy)

    def visibility(self) -> Visibility:
        """What the room may see now: the stages revealed, and facilitator text if notes are shown."""
        return Visibility(facilitator=self.notes_box.isChecked(), revealed=dict(self.revealed))

    def show_item(self, item_id: str) -> None:
        self.revealed.setdefault(item_id, FIRST_STAGES_SHOWN)
        self._render()

    def reveal_next(self) -> None:
        study = self.current_study()
        if study is not None:
            shown = self.revealed.get(study.id, FIRST_STAGES_SHOWN)
            self._reveal(study, min(len(study.stages), shown + 1))

    def reveal_all(self) -> None:
        study = self.current_study()
        if study is not None:
            self._reveal(study, len(study.stages))

    def reveal_at_least(self, study_id: str, shown: int) -> None:
        """Reveal up to stage ``shown`` of ``study_id`` (the audience view has reached it)."""
        study = self.catalogue.get(study_id, CaseStudy)
        if study is not None and shown > self.revealed.get(study_id, FIRST_STAGES_SHOWN):
            self.revealed[study_id] = min(shown, len(study.stages))
            if study_id == self.list.current_id():
                self._render(scroll_to=self.revealed[study_id])
            self.sig_visibility_changed.emit()

    def reset_stages(self) -> None:
        """Hide every revealed stage again, in every case study: the next group starts afresh."""
        self.revealed.clear()
        self._render()
        self.reader.verticalScrollBar().setValue(0)
        self.sig_visibility_changed.emit()

    def _reveal(self, study: CaseStudy, shown: int) -> None:
        self.revealed[study.id] = shown
        self._render(scroll_to=shown)
        self.sig_visibility_changed.emit()

    def _render(self, scroll_to: int = 0) -> None:
        study = self.current_study()
        if study is None:
            return
        shown = self.revealed.get(study.id, FIRST_STAGES_SHOWN)
        scroll = self.reader.verticalScrollBar().value()
        notes = self.notes_box.isChecked()
        self.reader.setHtml(render.case_study(study, current_language(), shown, notes, self.catalogue.title))
        if scroll_to:
            self.reader.scrollToAnchor(f"stage-{scroll_to}")  # the stage just revealed, in view
        else:
            self.reader.verticalScrollBar().setValue(scroll)  # re-rendering keeps the reader's place
        done = shown >= len(study.stages)
        self.reveal_button.setEnabled(not done)
        self.reveal_all_button.setEnabled(not done)


class ToolSection(Section):
    """Each tool readable, and practised: alone or on a case study's persona.

    Recording a real screening is a deliberate step: the record button asks the
    window to open the field records (see :mod:`companion.gui.records`).
    """

    kind = "screening-tool"
    sig_record_requested = Signal(str)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(catalogue, parent)
        self.interview: InterviewView | None = None
        self.practise_button = QPushButton()
        self.practise_button.clicked.connect(lambda: self.start_practice(None))
        self.case_choice = QComboBox()
        # Sized for a short label, not the longest case title: at a projector's text size the row
        # must still fit a laptop. The popup shows every title whole (companion.gui.room).
        self.case_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.case_choice.setMinimumContentsLength(14)
        self.case_button = QPushButton()
        self.case_button.clicked.connect(lambda: self.start_practice(self.case_choice.currentData()))
        self.record_button = QPushButton()
        self.record_button.clicked.connect(
            lambda: self.sig_record_requested.emit(self.list.current_id() or "")
        )
        bar = QHBoxLayout()
        bar.addWidget(self.practise_button)
        bar.addWidget(self.record_button)
        bar.addStretch(1)
        bar.addWidget(self.case_choice)
        bar.addWidget(self.case_button)
        self.page = QStackedWidget()
        reading = QWidget()
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.reader)
        column.addLayout(bar)
        self.page.addWidget(reading)
        self.splitter.insertWidget(1, self.page)
        self.splitter.setStretchFactor(1, 5)
        self._label_controls()

    def _label_controls(self) -> None:
        self.practise_button.setText(_("Practise this tool"))
        self.record_button.setText(_("Record a real screening…"))
        self.case_button.setText(_("Practise on this case study"))

    def retranslate(self) -> None:
        self._label_controls()
        super().retranslate()
        if self.interview is not None:
            self.interview.retranslate()

    def show_item(self, item_id: str) -> None:
        super().show_item(item_id)
        lang = current_language()
        self.case_choice.clear()
        for study in self.catalogue.of_type(CaseStudy):
            if any(key.tool == item_id for key in study.answer_keys):
                self.case_choice.addItem(render.plain(study.title, lang), study.id)
        # No case study has an answer key for this tool: offer nothing, rather than an empty list.
        self.case_choice.setVisible(self.case_choice.count() > 0)
        self.case_button.setVisible(self.case_choice.count() > 0)
        # A guide gives no result: a field record of it would keep notes about a person for nothing.
        tool = self.catalogue.get(item_id, ScreeningTool)
        self.record_button.setVisible(tool is None or tool.style != "guide")

    def start_practice(self, study_id: str | None) -> None:
        from companion.gui.referral import open_slip
        from companion.gui.result_pdf import save_result_pdf
        from companion.gui.screening import InterviewView

        tool = self.catalogue.get(self.list.current_id(), ScreeningTool)
        if tool is None:
            return
        self.close_practice()
        study = self.catalogue.get(study_id, CaseStudy)
        self.interview = view = InterviewView(tool, study)
        view.sig_closed.connect(self.close_practice)
        view.sig_pdf_requested.connect(
            lambda: save_result_pdf(self, self.catalogue, view, on_saved=view.show_saved)
        )
        view.sig_slip_requested.connect(lambda: open_slip(self, self.catalogue, view))
        self.page.addWidget(self.interview)
        self.page.setCurrentWidget(self.interview)
        self.interview.setFocus()

    def close_practice(self) -> None:
        if self.interview is not None:
            self.page.removeWidget(self.interview)
            self.interview.deleteLater()
            self.interview = None


class LibrarySection(QWidget):
    """Documents (grouped by category), the glossary and the referral directory, in three tabs."""

    sig_navigate = Signal(str)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.documents = DocumentList(catalogue)
        self.glossary = GlossarySection(catalogue)
        from companion.gui.referral import ServiceList  # it builds on Section, defined here

        self.services = ServiceList(catalogue)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.documents, "")
        self.tabs.addTab(self.glossary, "")
        self.tabs.addTab(self.services, "")
        for section in (self.documents, self.glossary, self.services):
            section.sig_navigate.connect(self.sig_navigate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._label_tabs()

    def _label_tabs(self) -> None:
        self.tabs.setTabText(0, _("Documents"))
        self.tabs.setTabText(1, _("Glossary"))
        self.tabs.setTabText(2, _("Referral directory"))

    def retranslate(self) -> None:
        self._label_tabs()
        self.documents.retranslate()
        self.glossary.retranslate()
        self.services.retranslate()

    def open_item(self, item_id: str) -> bool:
        for n, section in enumerate((self.documents, self.glossary, self.services)):
            if section.open_item(item_id):
                self.tabs.setCurrentIndex(n)
                return True
        return False


class DocumentList(Section):
    kind = "document"

    def fill(self) -> None:
        lang = current_language()
        category = None
        documents = sorted(
            self.catalogue.of_type(Document),
            key=lambda d: (list(CATEGORY_NAMES).index(d.category), d.id),
        )
        for doc in documents:
            if doc.category != category:
                category = doc.category
                self.list.add_header(_(CATEGORY_NAMES[category]))
            self.list.add_entry(doc.id, render.plain(doc.title, lang))


class GlossarySection(Section):
    """Glossary terms in both languages, with a filter that reads either."""

    kind = "glossary-term"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(catalogue, parent)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _text: self.list.rebuild(self.fill))
        self.count_label = QLabel()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter)
        column.addWidget(self.list)
        column.addWidget(self.count_label)
        self.splitter.insertWidget(0, left)
        self.splitter.setStretchFactor(0, 2)
        self._label_controls()

    def _label_controls(self) -> None:
        self.filter.setPlaceholderText(_("Filter terms (English or 中文)"))

    def retranslate(self) -> None:
        self._label_controls()
        super().retranslate()

    def fill(self) -> None:
        lang = current_language()
        other = "zh-Hans" if lang == "en" else "en"
        needle = self.filter.text().strip().lower()
        # Chinese by pinyin, as in the glossary handout (imports pypinyin on the first Chinese list).
        terms = sorted(
            self.catalogue.of_type(GlossaryTerm), key=lambda t: sort_key(render.plain(t.term, lang), lang)
        )
        shown = 0
        for term in terms:
            first, second = render.plain(term.term, lang), term.term.get(other) or ""
            if needle and needle not in first.lower() and needle not in second.lower():
                continue
            self.list.add_entry(term.id, f"{first}\n    {second}")
            shown += 1
        self.count_label.setText(_("{shown} of {total} terms").format(shown=shown, total=len(terms)))


class AssessmentSection(Section):
    """Knowledge checks, the evaluation form and the question bank, read-only.

    The key and the explanation of each question are facilitator-only: shown
    only while "Facilitator notes" is ticked, like a case study's notes.
    """

    kind = "question"  # whose hidden fields the notes box offers

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(catalogue, parent)
        self.notes_box = QCheckBox()
        self.notes_box.toggled.connect(lambda _on: self.show_item(self.list.current_id() or ""))
        self.add_controls(right=self.notes_box)
        self.notes_box.setText(_("Facilitator notes"))

    def retranslate(self) -> None:
        self.notes_box.setText(_("Facilitator notes"))
        self.offer_notes(self.notes_box)
        super().retranslate()

    def fill(self) -> None:
        lang = current_language()
        groups: list[tuple[str, list[AssessmentForm] | list[EvaluationForm] | list[Question]]] = [
            (_("Knowledge checks"), self.catalogue.of_type(AssessmentForm)),
            (_("Evaluation forms"), self.catalogue.of_type(EvaluationForm)),
            (_("Questions"), self.catalogue.of_type(Question)),
        ]
        for header, items in groups:
            if items:
                self.list.add_header(header)
            for item in items:
                self.list.add_entry(item.id, render.plain(self.catalogue.title(item.id), lang))

    def show_item(self, item_id: str) -> None:
        lang, lookup, show = current_language(), self.catalogue.title, self.notes_box.isChecked()
        form = self.catalogue.get(item_id, AssessmentForm)
        if form is not None:
            questions = [self.catalogue.get(q, Question) for q in form.questions]
            self.reader.setHtml(render.assessment_form(form, questions, lang, lookup, show))
            return
        single = self.catalogue.get(item_id, Question)
        if single is not None:
            self.reader.setHtml(render.question(single, lang, lookup, show_answer=show))
            return
        super().show_item(item_id)

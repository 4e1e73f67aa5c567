"""File ▸ Knowledge check scores…: what participants knew before and after, and which questions to check.

Four tabs over the merged results (companion.app.assess.scores): per participant (code only,
never a name: pre, post, normalised gain and why a gain is missing), per objective (a bar chart
of pre and post beside a table), per question (difficulty and discrimination, with a question
flagged "check this" and the reason in its tooltip) and the distribution of pre and post scores.
With no results the window says what to do instead of showing empty charts. Results still in
conflict are counted as stored; a button opens the conflicts review.

A fifth tab, Feedback, summarises the evaluation responses (companion.app.evaluations.summary):
how many there are, the mean rating of each session on each aspect as a column chart beside a
table, and how often each overall statement got 1..5. Free-text comments are not shown here
(they are in the facilitator's report).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.app import assess, evaluations
from companion.gui.assess.charts import (
    FLAG_COLOUR,
    POST_COLOUR,
    PRE_COLOUR,
    THIRD_COLOUR,
    ColumnChart,
    Guide,
    HorizontalBars,
    Series,
)
from companion.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from companion.app.assess import PrePost, QuestionStats, Score
    from companion.app.evaluations import EvaluationSummary
    from companion.app.workshop import Workshop

TOO_HARD = 0.2  # fewer than this share right: a wrong key or an unclear question
TOO_EASY = 0.95  # more than this share right: the question tells the trainer little
LOW_DISCRIMINATION = 0.2
# Below this many answers a missing discrimination is just a small room, not a sign of a bad question.
ENOUGH_ANSWERS = 5
BINS = 10


def check_reasons(stats: QuestionStats) -> list[str]:
    """Why a question deserves a second look (empty when it looks fine or nobody answered it)."""
    if stats.difficulty is None:
        return []
    reasons = []
    share = f"{stats.difficulty * 100:.0f}%"
    if stats.difficulty < TOO_HARD:
        reasons.append(
            _("Only {share} answered it correctly: the key may be wrong or the question unclear.").format(
                share=share
            )
        )
    elif stats.difficulty > TOO_EASY:
        reasons.append(_("{share} answered it correctly: it tells you little.").format(share=share))
    if stats.discrimination is not None and stats.discrimination < LOW_DISCRIMINATION:
        reasons.append(
            _(
                "Discrimination {value}: those who did well on the other questions "
                "did not do better on this one."
            ).format(value=f"{stats.discrimination:.2f}")
        )
    elif stats.discrimination is None and stats.answered >= ENOUGH_ANSWERS:
        reasons.append(
            _("Discrimination cannot be computed: everyone answered it alike, or scored alike on the rest.")
        )
    return reasons


def score_text(score: Score | None) -> str:
    if score is None or score.total == 0:
        return "–"
    return f"{score.correct}/{score.total} ({score.share * 100:.0f}%)"


def gain_text(row: PrePost) -> str:
    return "–" if row.gain is None else f"{row.gain:+.2f}"


def histogram(shares: Sequence[float]) -> list[float]:
    """How many shares fall in each tenth (the last one includes 100 %)."""
    counts = [0.0] * BINS
    for share in shares:
        counts[min(int(share * BINS), BINS - 1)] += 1
    return counts


def _mean_text(mean: float | None) -> str:
    return "–" if mean is None else f"{mean:.1f}"


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _table(headers: Sequence[str], rows: Sequence[Sequence[QTableWidgetItem]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ScoresWindow(QDialog):
    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workshop = workshop
        self.setObjectName("scores-window")
        self.setWindowTitle(_("Knowledge check scores"))
        self.resize(980, 680)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.conflicts_button = QPushButton(_("Review conflicts…"))
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.conflicts_button)
        top.addWidget(self.refresh_button)
        self.hint = QLabel()
        self.hint.setObjectName("scores-empty-hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the merged results again and rebuild every tab."""
        self.lang = current_language()
        scores = assess.scores(self.workshop)
        conflicts = len(assess.conflicts(self.workshop)) + len(evaluations.conflicts(self.workshop))
        self.conflicts_button.setVisible(conflicts > 0)
        taken = len(assess.results(self.workshop))
        people = len(scores.participants)
        forms = evaluations.evaluation_forms(self.workshop)
        feedback = [evaluations.summary(self.workshop, f.id) for f in forms]
        answered = sum(summary.responses for summary in feedback)
        parts = []
        if taken or not answered:  # with feedback alone, "0 participants · 0 results" says nothing
            parts.append(ngettext("{count} participant", "{count} participants", people).format(count=people))
            parts.append(ngettext("{count} result", "{count} results", taken).format(count=taken))
        if conflicts:
            parts.append(
                ngettext(
                    "{count} conflict waits for your decision (the stored answers are counted)",
                    "{count} conflicts wait for your decision (the stored answers are counted)",
                    conflicts,
                ).format(count=conflicts)
            )
        if answered:
            parts.append(
                ngettext("{count} evaluation response", "{count} evaluation responses", answered).format(
                    count=answered
                )
            )
        self.summary.setText(" · ".join(parts))
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        if not scores.participants and not answered:
            self.hint.setText(
                _(
                    "No knowledge check results yet. Import the result files from the laptops or read the "
                    "scanned answer sheets (File menu), then press Refresh."
                )
            )
            self.pages.setCurrentWidget(self.hint)
            return
        self.pages.setCurrentWidget(self.tabs)
        if scores.participants:
            self.tabs.addTab(self._participants_page(scores.participants), _("Participants"))
            self.tabs.addTab(self._objectives_page(scores.objectives), _("Objectives"))
            self.tabs.addTab(self._questions_page(scores.questions), _("Questions"))
            self.tabs.addTab(self._distribution_page(scores.participants), _("Distribution"))
        self.feedback_page = self._feedback_page(feedback)
        self.tabs.addTab(self.feedback_page, _("Feedback"))

    # --- the tabs -----------------------------------------------------------------------

    def _participants_page(self, rows: Sequence[PrePost]) -> QWidget:
        headers = [_("Code"), _("Pre-test"), _("Post-test"), _("Normalised gain"), _("Note")]
        self.participants_table = _table(
            headers,
            [
                [
                    _item(r.name),
                    _item(score_text(r.pre)),
                    _item(score_text(r.post)),
                    _item(gain_text(r)),
                    _item(r.gain_note),
                ]
                for r in rows
            ],
        )
        self.participants_table.setObjectName("scores-participants")
        return self.participants_table

    def _objective_label(self, name: str, texts: dict[str, tuple[str, str]]) -> str:
        if name not in texts:
            return name
        session, objective = texts[name]
        return _("{session}: {objective}").format(session=session, objective=objective)

    def _objectives_page(self, rows: Sequence[PrePost]) -> QWidget:
        texts = assess.objective_texts(self.workshop, self.lang)
        labels = [self._objective_label(r.name, texts) for r in rows]
        self.objectives_chart = HorizontalBars()
        self.objectives_chart.setObjectName("scores-objectives-chart")
        self.objectives_chart.set_data(
            labels,
            [
                Series(_("Pre-test"), PRE_COLOUR, [r.pre.share if r.pre else None for r in rows]),
                Series(_("Post-test"), POST_COLOUR, [r.post.share if r.post else None for r in rows]),
            ],
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.objectives_chart)
        self.objectives_table = _table(
            [_("Objective"), _("Pre-test"), _("Post-test"), _("Normalised gain")],
            [
                [
                    _item(label, r.name),
                    _item(score_text(r.pre)),
                    _item(score_text(r.post)),
                    _item(gain_text(r)),
                ]
                for label, r in zip(labels, rows, strict=True)
            ],
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.objectives_table)
        split.setSizes([420, 200])
        return split

    def _questions_page(self, rows: Sequence[QuestionStats]) -> QWidget:
        texts = assess.question_texts(self.workshop, self.lang)
        keyed = assess.key(self.workshop)
        reasons = [check_reasons(r) for r in rows]
        self.flagged = [r.question for r, why in zip(rows, reasons, strict=True) if why]
        table_rows = []
        for stats, why in zip(rows, reasons, strict=True):
            entry = keyed.get(stats.question)
            tip = "\n".join(why)
            check = _item(_("Check this question") if why else "", tip)
            if why:
                check.setForeground(QColor(FLAG_COLOUR))
            table_rows.append(
                [
                    _item(stats.question, texts.get(stats.question, "")),
                    _item(f"{entry.session}/{entry.objective}" if entry else ""),
                    _item(str(stats.answered)),
                    _item("–" if stats.difficulty is None else f"{stats.difficulty:.2f}", tip),
                    _item("–" if stats.discrimination is None else f"{stats.discrimination:.2f}", tip),
                    check,
                ]
            )
        headers = [_("Question"), _("Objective"), _("Answers"), _("Difficulty"), _("Discrimination")]
        headers.append(_("Check"))
        self.questions_table = _table(headers, table_rows)
        self.questions_table.setObjectName("scores-questions")
        self.questions_chart = ColumnChart()
        self.questions_chart.setObjectName("scores-questions-chart")
        self.questions_chart.set_data(
            [r.question.removeprefix("q-") for r in rows],
            [
                Series(_("Difficulty (share correct)"), PRE_COLOUR, [r.difficulty for r in rows]),
                Series(_("Discrimination"), POST_COLOUR, [r.discrimination for r in rows]),
            ],
            high=1.0,
            percent=False,
            guides=[Guide(TOO_HARD, "0.2"), Guide(TOO_EASY, "0.95")],
            marked=[n for n, why in enumerate(reasons) if why],
        )
        note = QLabel(
            _(
                "Difficulty is the share who answered correctly; discrimination, whether those who did well "
                "overall got it right. Questions marked in red need a look: hover over a row to see why."
            )
        )
        note.setWordWrap(True)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(note)
        column.addWidget(self.questions_chart)
        column.addWidget(self.questions_table, 1)
        return page

    def _distribution_page(self, rows: Sequence[PrePost]) -> QWidget:
        pre = [r.pre.share for r in rows if r.pre and r.pre.total]
        post = [r.post.share for r in rows if r.post and r.post.total]
        self.distribution = (histogram(pre), histogram(post))
        self.distribution_chart = ColumnChart()
        self.distribution_chart.setObjectName("scores-distribution-chart")
        labels = [f"{n * 10}–{n * 10 + 9}%" if n < BINS - 1 else "90–100%" for n in range(BINS)]
        self.distribution_chart.set_data(
            labels,
            [
                Series(_("Pre-test"), PRE_COLOUR, self.distribution[0]),
                Series(_("Post-test"), POST_COLOUR, self.distribution[1]),
            ],
            percent=False,
            high=max([1.0, *self.distribution[0], *self.distribution[1]]),
        )
        note = QLabel(_("How many participants scored in each range, before and after the workshop."))
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(note)
        column.addWidget(self.distribution_chart, 1)
        return page

    def _feedback_page(self, summaries: Sequence[EvaluationSummary]) -> QWidget:
        """Mean ratings per session and aspect, the overall statements' counts; never the comments."""
        page = QWidget()
        column = QVBoxLayout(page)
        self.feedback_hint = QLabel(
            _(
                "No evaluation responses yet. Import the evaluation files from the laptops or read the "
                "scanned evaluation sheets (File menu), then press Refresh."
            )
        )
        self.feedback_hint.setObjectName("feedback-empty-hint")
        self.feedback_hint.setWordWrap(True)
        self.feedback_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        summary = next((s for s in summaries if s.responses), None)
        self.feedback_chart: ColumnChart | None = None
        if summary is None:
            column.addWidget(self.feedback_hint, 1)
            return page
        form = next(f for f in evaluations.evaluation_forms(self.workshop) if f.id == summary.form)
        texts = evaluations.row_texts(self.workshop, form.id, self.lang)
        means = {r.row: r.mean for r in summary.ratings}
        answered = {r.row: r.answered for r in summary.ratings}
        aspects = [
            ("relevance", _("Relevance"), PRE_COLOUR),
            ("clarity", _("Clarity"), POST_COLOUR),
            ("usefulness", _("Usefulness"), THIRD_COLOUR),
        ]
        count = QLabel(
            ngettext(
                "{count} response. Mean rating of each session (1 lowest, 5 highest); comments are in the "
                "facilitator's report.",
                "{count} responses. Mean rating of each session (1 lowest, 5 highest); comments are in the "
                "facilitator's report.",
                summary.responses,
            ).format(count=summary.responses)
        )
        count.setObjectName("feedback-count")
        count.setWordWrap(True)
        self.feedback_chart = ColumnChart()
        self.feedback_chart.setObjectName("feedback-chart")
        self.feedback_means = {
            aspect: [means.get(f"{session}/{aspect}") for session in form.sessions]
            for aspect, _n, _c in aspects
        }
        self.feedback_chart.set_data(
            [str(n) for n in range(1, len(form.sessions) + 1)],
            [Series(name, colour, self.feedback_means[aspect]) for aspect, name, colour in aspects],
            percent=False,
            high=5.0,
        )
        sessions = _table(
            [_("Session"), *[name for _a, name, _c in aspects], _("Answers")],
            [
                [
                    _item(texts.get(f"{session}/relevance", session).rsplit(":", 1)[0], session),
                    *[_item(_mean_text(means.get(f"{session}/{aspect}"))) for aspect, _n, _c in aspects],
                    _item(str(max(answered.get(f"{session}/{aspect}", 0) for aspect, _n, _c in aspects))),
                ]
                for session in form.sessions
            ],
        )
        sessions.setObjectName("feedback-sessions")
        overall_rows = [r for r in summary.ratings if r.row.startswith("overall/")]
        self.feedback_overall = _table(
            [_("Statement"), "1", "2", "3", "4", "5", _("Mean")],
            [
                [
                    _item(texts.get(r.row, r.row), r.row),
                    *[_item(str(n)) for n in r.counts],
                    _item(_mean_text(r.mean)),
                ]
                for r in overall_rows
            ],
        )
        self.feedback_overall.setObjectName("feedback-overall")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.feedback_chart)
        split.addWidget(sessions)
        split.addWidget(self.feedback_overall)
        split.setSizes([260, 200, 160])
        column.addWidget(count)
        column.addWidget(split, 1)
        return page

    def open_conflicts(self) -> QDialog:
        from companion.gui.assess.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.workshop, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        self.conflicts_dialog = dialog
        return dialog

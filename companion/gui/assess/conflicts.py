"""File ▸ Result conflicts…: two different answer sets for one participant, form and attempt; keep one.

A merge never writes over a stored result (companion.core.assess.results); the different set
waits here. Each conflict is listed by code, form and attempt (never a name); choosing one shows
both answer sets side by side, the questions where they differ highlighted, and where each came
from. Keeping one settles the conflict in one transaction (companion.app.assess.resolve_conflict).
An evaluation response that arrived twice with different ratings is listed the same way, by its
anonymous response id and "evaluation", each row labelled with its session and aspect or statement
(companion.app.evaluations.resolve_conflict settles it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.app import assess, evaluations
from companion.app.domain import StoreError
from companion.gui.fields import error_label
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.assess import Conflict
    from companion.app.workshop import Workshop

DIFFERS = "#fff2b3"  # a soft yellow: the rows to compare


def attempt_text(attempt: str) -> str:
    return _("pre-test") if attempt == "pre" else _("post-test")


def choice_text(choice: str | None) -> str:
    return choice if choice else _("(blank)")


def is_evaluation(conflict: Conflict) -> bool:
    """An evaluation response's conflict: anonymous, so it has no attempt (pre or post)."""
    return conflict.attempt == ""


def kind_text(conflict: Conflict) -> str:
    return _("evaluation") if is_evaluation(conflict) else attempt_text(conflict.attempt)


class ConflictsDialog(QDialog):
    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workshop = workshop
        self.conflicts: list[Conflict] = []
        self.setObjectName("result-conflicts")
        self.setWindowTitle(_("Result conflicts"))
        self.resize(860, 560)
        intro = QLabel(
            _(
                "The same participant, form and attempt arrived twice with different answers. Nothing was "
                "overwritten: compare the two and keep one. Highlighted rows differ."
            )
        )
        intro.setWordWrap(True)
        evaluation_intro = QLabel(
            _("Evaluation responses are anonymous: they are listed by their sheet or response ID.")
        )
        evaluation_intro.setWordWrap(True)
        self.listing = QListWidget()
        self.listing.setObjectName("conflict-list")
        self.listing.currentRowChanged.connect(self._show)
        self.stored_label, self.incoming_label = QLabel(), QLabel()
        for label in (self.stored_label, self.incoming_label):
            label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("conflict-answers")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.keep_stored = QPushButton(_("Keep the stored answers"))
        self.keep_stored.clicked.connect(lambda: self.resolve(keep_incoming=False))
        self.keep_incoming = QPushButton(_("Use the new answers"))
        self.keep_incoming.clicked.connect(lambda: self.resolve(keep_incoming=True))
        self.status = QLabel()
        self.status.setObjectName("conflict-status")
        self.status.setWordWrap(True)
        self.error = error_label()
        sources = QHBoxLayout()
        sources.addWidget(self.stored_label, 1)
        sources.addWidget(self.incoming_label, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_stored)
        buttons.addWidget(self.keep_incoming)
        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.addLayout(sources)
        detail.addWidget(self.table, 1)
        detail.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.listing)
        split.addWidget(self.detail)
        split.setSizes([220, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(evaluation_intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        """List the conflicts still waiting; select the first."""
        self.conflicts = assess.conflicts(self.workshop) + evaluations.conflicts(self.workshop)
        self.sources = assess.stored_sources(self.workshop)
        self.origins = evaluations.stored_origins(self.workshop)
        self.row_texts: dict[str, dict[str, str]] = {}  # evaluation form -> row id -> label
        self.listing.blockSignals(True)
        self.listing.clear()
        for c in self.conflicts:
            self.listing.addItem(f"{c.participant} · {c.form} · {kind_text(c)}")
        self.listing.blockSignals(False)
        self.detail.setEnabled(bool(self.conflicts))
        if not self.conflicts:
            self.table.setRowCount(0)
            self.stored_label.clear()
            self.incoming_label.clear()
            self.listing.addItem(_("No conflicts: every merged result agrees."))
            self.listing.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
            return
        self.listing.setCurrentRow(0)
        self._show(0)

    def current(self) -> Conflict | None:
        row = self.listing.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        labels: dict[str, str] = {}
        if is_evaluation(conflict):
            stored_from = self.origins.get((conflict.participant, conflict.form), "")
            labels = self._row_texts(conflict.form)
            questions = [q for q in labels if q in conflict.stored or q in conflict.incoming]
            questions += [q for q in dict.fromkeys([*conflict.stored, *conflict.incoming]) if q not in labels]
            first = _("Rated")
        else:
            stored_from = self.sources.get((conflict.participant, conflict.form, conflict.attempt), "")
            questions = list(dict.fromkeys([*conflict.stored, *conflict.incoming]))
            first = _("Question")
        self.stored_label.setText(_("Stored: {source}").format(source=stored_from))
        self.incoming_label.setText(_("New: {source}").format(source=conflict.source))
        self.table.setHorizontalHeaderLabels([first, _("Stored"), _("New")])
        self.table.setRowCount(len(questions))
        self.differing = []
        bold = QFont(self.font())
        bold.setBold(True)
        for r, question in enumerate(questions):
            old, new = conflict.stored.get(question), conflict.incoming.get(question)
            differs = old != new
            if differs:
                self.differing.append(question)
            for c, text in enumerate((labels.get(question, question), choice_text(old), choice_text(new))):
                item = QTableWidgetItem(text)
                if c == 0:  # a long label is cut in the column: the whole of it, and its id
                    item.setToolTip(text if text == question else f"{text}\n{question}")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if differs:
                    item.setBackground(QBrush(QColor(DIFFERS)))
                    item.setForeground(QBrush(QColor("#222222")))
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.error.clear()

    def _row_texts(self, form: str) -> dict[str, str]:
        if form not in self.row_texts:
            try:
                self.row_texts[form] = evaluations.row_texts(self.workshop, form, current_language())
            except evaluations.EvaluationError:
                self.row_texts[form] = {}  # a form no longer installed: the row ids stand alone
        return self.row_texts[form]

    def resolve(self, keep_incoming: bool) -> None:
        conflict = self.current()
        if conflict is None:
            return
        try:
            if is_evaluation(conflict):
                evaluations.resolve_conflict(self.workshop, conflict, keep_incoming)
            else:
                assess.resolve_conflict(self.workshop, conflict, keep_incoming)
        except (assess.ResultError, evaluations.EvaluationError, StoreError) as exc:
            self.error.setText(str(exc))
            return
        if is_evaluation(conflict):
            done = (
                _("Evaluation response {response}, {form}: the new answers are now stored.")
                if keep_incoming
                else _("Evaluation response {response}, {form}: the stored answers were kept.")
            )
            self.status.setText(done.format(response=conflict.participant, form=conflict.form))
            self.refresh()
            return
        done = (
            _("{code}, {form} ({attempt}): the new answers are now stored.")
            if keep_incoming
            else _("{code}, {form} ({attempt}): the stored answers were kept.")
        )
        self.status.setText(
            done.format(code=conflict.participant, form=conflict.form, attempt=attempt_text(conflict.attempt))
        )
        self.refresh()

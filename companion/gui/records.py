"""Field records on screen: the deliberate switch from practice to recording real screenings.

A window of its own with four pages over the workshop's vault (:meth:`companion.app.workshop.Workshop.vault`):
choosing the passphrase (once), unlocking, the list (case codes and dates only)
and a recorded interview with notes. It locks itself after a period without
input; an open record is sealed into the database first. If that fails (a full
disk, a busy database) the lock still closes every view: the unsaved changes
are kept sealed under the key, in memory only, and come back in the editor
after the next unlock. The window title and list never show more than a case
code and a date; a record that does not open is listed as damaged, by nothing
but a short random ID, and can be deleted.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import (
    DEFAULT_IDLE_MINUTES,
    HANDOVER_SUFFIX,
    MIN_PASSPHRASE,
    DamagedRecord,
    FieldRecord,
    Interview,
    RecordsError,
    ScreeningTool,
    WrongPassphraseError,
    default_handover_name,
)
from companion.gui import render
from companion.gui.fields import error_label, password_field, show_done, show_problem
from companion.gui.referral import open_slip
from companion.gui.result_pdf import default_folder, save_result_pdf
from companion.gui.screening import InterviewView
from companion.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from companion.app.workshop import Workshop
    from companion.gui.catalogue import Catalogue

IDLE_SETTING = "records_idle_minutes"
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}
CASE_CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the list entry's case code; "" for a damaged record


def _application() -> QCoreApplication:
    application = QApplication.instance()
    assert application is not None  # a window exists only inside a running application
    return application


class RecordsWindow(QDialog):
    def __init__(self, workshop: Workshop, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("records-window")
        self.vault = workshop.vault()
        self.catalogue = catalogue
        self.record: FieldRecord | None = None  # the record open in the editor
        self.pending_tool = ""  # a tool to start a record with, once unlocked
        self.view: InterviewView | None = None
        # Changes the idle lock could not save: sealed under the key, in memory only, with why.
        self.unsaved: bytes | None = None
        self.unsaved_reason = ""
        self.closing_discards = False  # set once closing has warned that it discards them
        minutes = float(workshop.setting(IDLE_SETTING, str(DEFAULT_IDLE_MINUTES)) or DEFAULT_IDLE_MINUTES)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(minutes * 60_000))
        self.idle.timeout.connect(lambda: self.lock(idle=True))

        self.pages = QStackedWidget()
        self._build_setup()
        self._build_unlock()
        self._build_list()
        self._build_new()
        self._build_editor()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(1000, 700)
        _application().installEventFilter(self)
        self.retranslate()
        self.show_start()

    # --- pages --------------------------------------------------------------------------

    def _build_setup(self) -> None:
        self.setup_page = QWidget()
        self.setup_text = QLabel()
        self.setup_text.setWordWrap(True)
        self.new_passphrase, self.repeat_passphrase = password_field(), password_field()
        self.setup_button = QPushButton()
        self.setup_button.clicked.connect(self.set_up)
        self.repeat_passphrase.returnPressed.connect(self.set_up)
        self.setup_error = error_label()
        self.setup_rule = QLabel()  # the rule before the first failure, not only in its message
        self.setup_rule.setObjectName("passphrase-rule")
        for typed in (self.new_passphrase, self.repeat_passphrase):
            typed.textEdited.connect(lambda _text: self.setup_error.clear())
        self.setup_form = QFormLayout()
        self.labels: dict[QWidget, QLabel] = {}
        for field in (self.new_passphrase, self.repeat_passphrase):
            self.labels[field] = QLabel()
            self.setup_form.addRow(self.labels[field], field)
        column = QVBoxLayout(self.setup_page)
        column.addWidget(self.setup_text)
        column.addLayout(self.setup_form)
        column.addWidget(self.setup_rule)
        column.addWidget(self.setup_button)
        column.addWidget(self.setup_error)
        column.addStretch(1)
        self.pages.addWidget(self.setup_page)

    def _build_unlock(self) -> None:
        self.unlock_page = QWidget()
        self.unlock_text = QLabel()
        self.unlock_text.setWordWrap(True)
        self.passphrase = password_field()
        self.passphrase.returnPressed.connect(self.unlock)
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self.unlock)
        self.unlock_error = error_label()
        self.passphrase.textEdited.connect(lambda _text: self.unlock_error.clear())  # a fixed error goes
        column = QVBoxLayout(self.unlock_page)
        column.addWidget(self.unlock_text)
        column.addWidget(self.passphrase)
        column.addWidget(self.unlock_button)
        column.addWidget(self.unlock_error)
        column.addStretch(1)
        self.pages.addWidget(self.unlock_page)

    def _build_list(self) -> None:
        self.list_page = QWidget()
        self.list = QListWidget()
        self.list.setObjectName("records")
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, slot in (
            ("new", self.show_new),
            ("open", self.open_selected),
            ("export", self.export_selected),
            ("import", self.import_handover),
            ("delete", self.delete_selected),
            ("lock", self.lock),
        ):
            button = QPushButton()
            button.clicked.connect(slot)
            self.buttons[name] = button
            bar.addWidget(button)
        bar.insertStretch(5, 1)
        self.list_error = error_label()
        self.damage_notice = error_label()  # records that do not open, and why
        self.list_header = QLabel()  # what the two columns of a row are
        self.list_header.setObjectName("records-header")
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("records-empty")
        self.empty_hint.setWordWrap(True)
        column = QVBoxLayout(self.list_page)
        column.addWidget(self.list_header)
        column.addWidget(self.empty_hint)
        column.addWidget(self.list, 1)
        column.addWidget(self.damage_notice)
        column.addWidget(self.list_error)
        column.addLayout(bar)
        self.pages.addWidget(self.list_page)

    def _build_new(self) -> None:
        self.new_page = QWidget()
        self.tool_choice = QComboBox()
        self.case_code = QLineEdit()
        self.case_code.setPlaceholderText("NN-2026-014")
        self.age = QSpinBox()
        self.age.setRange(-1, 120)
        self.age.setValue(-1)
        self.act = QCheckBox()
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start_record)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.show_list)
        self.new_error = error_label()
        self.new_form = QFormLayout()
        for widget in (self.tool_choice, self.case_code, self.age, self.act):
            self.labels[widget] = QLabel()
            self.new_form.addRow(self.labels[widget], widget)
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.start_button)
        column = QVBoxLayout(self.new_page)
        column.addLayout(self.new_form)
        column.addWidget(self.new_error)
        column.addStretch(1)
        column.addLayout(bar)
        self.pages.addWidget(self.new_page)

    def _build_editor(self) -> None:
        self.editor_page = QWidget()
        self.editor_box = QVBoxLayout()
        self.editor_title = QLabel()
        self.editor_title.setObjectName("case-code")
        self.notes_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(120)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_record)
        self.editor_error = error_label()
        bar = QHBoxLayout()
        bar.addWidget(self.editor_error, 1)
        bar.addWidget(self.save_button)
        column = QVBoxLayout(self.editor_page)
        column.addWidget(self.editor_title)
        column.addLayout(self.editor_box, 1)
        column.addWidget(self.notes_label)
        column.addWidget(self.notes)
        column.addLayout(bar)
        QShortcut(QKeySequence.StandardKey.Save, self.editor_page, self.save_record)
        self.pages.addWidget(self.editor_page)

    # --- words ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Field records"))
        self.setup_text.setText(
            _(
                "Field records keep real screenings. Identify each person by a case code, never by a "
                "name. Everything recorded is encrypted with a passphrase you choose now. Nobody can "
                "open the records without it, you included: keep it safe."
            )
        )
        self.labels[self.new_passphrase].setText(_("Passphrase"))
        self.labels[self.repeat_passphrase].setText(_("Passphrase again"))
        self.setup_button.setText(_("Set the passphrase"))
        if not self.unlock_text.property("idle"):
            self.unlock_text.setText(_("The field records are locked. Enter the passphrase to open them."))
        self.unlock_button.setText(_("Open"))
        labels = {
            "new": _("New record…"),
            "open": _("Open"),
            "export": _("Export for hand-over…"),
            "import": _("Import a hand-over file…"),
            "delete": _("Delete…"),
            "lock": _("Lock"),
        }
        for name, button in self.buttons.items():
            button.setText(labels[name])
        rule = _("A passphrase needs at least {count} characters.")
        self.setup_rule.setText(rule.format(count=MIN_PASSPHRASE))
        self.list_header.setText(_("Case code    Created"))
        self.empty_hint.setText(
            _(
                "No field records yet. 'New record…' starts one; 'Import a hand-over file…' adds one "
                "you were given."
            )
        )
        self.labels[self.tool_choice].setText(_("Screening tool"))
        self.labels[self.case_code].setText(_("Case code (never a name)"))
        self.labels[self.age].setText(_("Age"))
        self.age.setSpecialValueText(_("not known"))
        self.labels[self.act].setText("")
        self.act.setText(_("An act (recruitment, transport, transfer, harbouring or receipt) is recorded"))
        self.start_button.setText(_("Start"))
        self.back_button.setText(_("Back"))
        self.notes_label.setText(_("Notes (sealed with the record)"))
        self.save_button.setText(_("Save record") + " (Ctrl+S)")
        if self.view is not None and self.record is not None:
            title = render.labelled(_("Case code"), self.record.case_code)
            self.editor_title.setText(f"<b>{html.escape(title)}</b>")
            self.view.retranslate()
        if self.vault.is_unlocked:
            self.refresh_list()

    # --- flow -------------------------------------------------------------------------------

    def show_start(self) -> None:
        if not self.vault.is_set_up:
            self.pages.setCurrentWidget(self.setup_page)
            self.new_passphrase.setFocus()
        elif not self.vault.is_unlocked:
            self.pages.setCurrentWidget(self.unlock_page)
            self.passphrase.setFocus()
        else:
            self.show_list()

    def set_up(self) -> None:
        try:
            self.vault.set_up(self.new_passphrase.text(), self.repeat_passphrase.text())
        except RecordsError as exc:
            self.setup_error.setText(str(exc))
            return
        self.new_passphrase.clear()
        self.repeat_passphrase.clear()
        self.setup_error.clear()
        self._unlocked()

    def unlock(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the key derivation takes a moment
        try:
            self.vault.unlock(self.passphrase.text())
        except (WrongPassphraseError, RecordsError) as exc:
            self.unlock_error.setText(str(exc))
            self.passphrase.selectAll()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.passphrase.clear()
        self.unlock_error.clear()
        self.unlock_text.setProperty("idle", False)
        self._unlocked()

    def _unlocked(self) -> None:
        self.idle.start()
        self.retranslate()
        if self.unsaved is not None:
            self._restore_unsaved()
        elif self.pending_tool:
            self.show_new(self.pending_tool)
            self.pending_tool = ""
        else:
            self.show_list()

    def start_with_tool(self, tool_id: str) -> None:
        """Begin a new record with this tool now, or as soon as the records are open."""
        if self.vault.is_unlocked:
            self.show_new(tool_id)
        else:
            self.pending_tool = tool_id

    def lock(self, idle: bool = False) -> None:
        """Forget the key and close every view of the records, whatever happens on the way.

        An open record with changes is sealed into the database first. If that
        fails, its changes are sealed in memory instead (see the module's
        docstring); nothing readable is left on screen either way.
        """
        outcome = ""
        try:
            if self.view is not None and self.vault.is_unlocked and self._changed():
                outcome = self._save_or_keep()
        finally:
            self._close_editor()
            self.vault.lock()
            self.idle.stop()
            self.list.clear()
            for label in (self.list_error, self.damage_notice, self.editor_error, self.new_error):
                label.clear()
            self.case_code.clear()
            message = ""
            if idle:
                minutes = round(self.idle.interval() / 60_000, 1)
                message = _("Locked after {minutes} minutes without use.").format(minutes=f"{minutes:g}")
            if outcome == "saved" and idle:
                message += " " + _("The open record was saved first.")
            elif outcome == "kept":
                message += " " + self.unsaved_reason + " " + _(
                    "The open record's changes are kept encrypted in memory and come back when you "
                    "open the records in this window again."
                )
            if message:
                self.unlock_text.setText(message.strip())
                self.unlock_text.setProperty("idle", True)
            self.show_start()

    def _save_or_keep(self) -> str:
        """Save the open record ("saved"), or seal its changes in memory ("kept")."""
        try:
            problem = self._try_save()
        except Exception as exc:  # whatever failed, the lock must go on and keep the changes
            problem = str(exc) or type(exc).__name__
        if problem is None:
            return "saved"
        assert self.record is not None
        self.unsaved = self.vault.seal_draft(self.record, self._draft())
        self.unsaved_reason = problem
        return "kept"

    def _restore_unsaved(self) -> None:
        """Reopen the changes the lock could not save, in the editor, with a word about them."""
        box, self.unsaved = self.unsaved, None
        self.closing_discards = False
        assert box is not None
        try:
            base, draft = self.vault.open_draft(box)
        except (WrongPassphraseError, ValueError, TypeError, KeyError):
            self.show_list()
            self.list_error.setText(_("The unsaved changes could not be restored and were discarded."))
            return
        self._open_editor(draft)
        self.record = base  # what is stored, so the restored changes count as changes
        self.editor_error.setText(_("These changes were not saved when the records locked. Save them now."))

    def show_list(self) -> None:
        self.list_error.clear()
        self.refresh_list()
        self.pages.setCurrentWidget(self.list_page)
        self.list.setFocus()

    def refresh_list(self) -> None:
        current = self.selected_id()
        self.list.clear()
        try:
            records = self.vault.records()
        except RecordsError as exc:
            records = []
            self.list_error.setText(str(exc))
        for record in records:
            # Only the case code and the date: a list may be seen over a shoulder. A damaged
            # record shows a short random ID, so two of them can be told apart.
            if isinstance(record, DamagedRecord):
                label = _("damaged record")
                entry = QListWidgetItem(f"{label}    {record.id[:8]}")
                entry.setData(CASE_CODE_ROLE, "")
            else:
                entry = QListWidgetItem(f"{record.case_code}    {record.created_date}")
                entry.setData(CASE_CODE_ROLE, record.case_code)
            entry.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(entry)
            if record.id == current:
                self.list.setCurrentItem(entry)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.empty_hint.setVisible(self.list.count() == 0)
        for name in ("open", "export", "delete"):
            self.buttons[name].setEnabled(self.list.count() > 0)
        count = sum(isinstance(record, DamagedRecord) for record in records)
        notices = [self.vault.warning] if self.vault.warning else []
        if count:
            notices.insert(
                0,
                ngettext(
                    "{count} record could not be opened: it was changed, damaged or put back from an "
                    "older copy. You can delete it.",
                    "{count} records could not be opened: they were changed, damaged or put back from an "
                    "older copy. You can delete them.",
                    count,
                ).format(count=count),
            )
        self.damage_notice.setText(" ".join(notices))

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def show_new(self, tool_id: str = "") -> None:
        lang = current_language()
        self.tool_choice.clear()
        for tool in self.catalogue.of_type(ScreeningTool):
            # A guide is a checklist with notes, no answers and no result: nothing to record about a person.
            if tool.style != "guide":
                self.tool_choice.addItem(render.plain(tool.title, lang), tool.id)
        if tool_id:
            self.tool_choice.setCurrentIndex(max(0, self.tool_choice.findData(tool_id)))
        self.case_code.clear()
        self.age.setValue(-1)
        self.act.setChecked(False)
        self.new_error.clear()
        self.pages.setCurrentWidget(self.new_page)
        self.case_code.setFocus()

    def start_record(self) -> None:
        from companion.app.domain import check_case_code

        tool = self.catalogue.get(self.tool_choice.currentData(), ScreeningTool)
        if tool is None:
            return
        try:
            code = check_case_code(self.case_code.text())
        except RecordsError as exc:
            self.new_error.setText(str(exc))
            return
        age = self.age.value() if self.age.value() >= 0 else None
        draft = FieldRecord(code, tool.id, tool.version, {}, age=age, act=self.act.isChecked())
        self._open_editor(draft)

    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        try:
            record = self.vault.get(record_id)
        except RecordsError as exc:
            self.list_error.setText(str(exc))
            return
        self._open_editor(record)

    def _open_editor(self, record: FieldRecord) -> None:
        tool = self.catalogue.get(record.tool_id, ScreeningTool)
        if tool is None:
            self.list_error.setText(_("The tool of this record is not in the current workshop."))
            self.pages.setCurrentWidget(self.list_page)
            return
        self._close_editor()
        self.record = record
        interview = Interview(tool, age=record.age, act=record.act, answers=dict(record.answers))
        if record.id:  # a saved record opens on its result
            interview.go_to(len(tool.dimensions))
        self.view = InterviewView(tool, record=interview)
        self.view.sig_closed.connect(self.leave_editor)
        self.view.sig_pdf_requested.connect(
            lambda: save_result_pdf(
                self, self.catalogue, self.view, case_code=record.case_code, on_saved=self.view.show_saved
            )
        )
        view = self.view
        view.sig_slip_requested.connect(lambda: open_slip(self, self.catalogue, view, record.case_code))
        self.editor_box.addWidget(self.view)
        self.notes.setPlainText(record.notes)
        self.editor_error.clear()
        self.retranslate()
        self.pages.setCurrentWidget(self.editor_page)
        self.view.setFocus()

    def _close_editor(self) -> None:
        if self.view is not None:
            self.editor_box.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self.record = None
        self.editor_title.clear()
        self.notes.clear()

    def _changed(self) -> bool:
        if self.view is None or self.record is None:
            return False
        answers = {k: v for k, v in self.view.interview.answers.items() if v != "unknown"}
        before = {k: v for k, v in self.record.answers.items() if v != "unknown"}
        return not self.record.id or answers != before or self.notes.toPlainText() != self.record.notes

    def _draft(self) -> FieldRecord:
        """The open record with the answers and notes on screen."""
        assert self.view is not None and self.record is not None
        return replace(self.record, answers=dict(self.view.interview.answers), notes=self.notes.toPlainText())

    def _try_save(self) -> str | None:
        """Save the open record; None, or why it could not be saved (one sentence)."""
        if self.view is None or self.record is None:
            return _("No record is open.")
        try:
            self.record = self.vault.save(self._draft())
        except RecordsError as exc:
            return str(exc)
        return None

    def _save(self) -> bool:
        problem = self._try_save()
        if problem is not None:
            show_problem(self.editor_error, problem)
        return problem is None

    def save_record(self) -> None:
        if self._save():
            show_done(self.editor_error, _("Saved and sealed."))

    def leave_editor(self) -> None:
        if self._changed():
            answer = QMessageBox.question(
                self,
                _("Field records"),
                _("Save the changes to this record before closing it?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self._save():
                return
        self._close_editor()
        self.show_list()

    # --- hand-over and deletion ------------------------------------------------------------------

    def _ask_passphrase(self, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, _("Hand-over passphrase"), label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def export_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        try:
            record = self.vault.get(record_id)
        except RecordsError as exc:
            self.list_error.setText(str(exc))
            return
        first = self._ask_passphrase(
            _("A passphrase for the colleague who receives this file (tell it to them separately):")
        )
        if first is None:
            return
        again = self._ask_passphrase(_("The hand-over passphrase again:"))
        if again is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export for hand-over"),
            str(default_folder() / default_handover_name(record)),
            _("Field record files (*{suffix})").format(suffix=HANDOVER_SUFFIX),
        )
        if not target:
            return
        try:
            written = self.vault.export_handover(record_id, Path(target), first, again)
        except (RecordsError, OSError) as exc:
            self.list_error.setText(getattr(exc, "strerror", None) or str(exc))
            return
        self.list_error.setText(_("Exported to {path}").format(path=written))

    def import_handover(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import a hand-over file"),
            str(default_folder()),
            _("Field record files (*{suffix})").format(suffix=HANDOVER_SUFFIX),
        )
        if not source:
            return
        passphrase = self._ask_passphrase(_("The hand-over passphrase for this file:"))
        if passphrase is None:
            return
        try:
            record = self.vault.import_handover(Path(source), passphrase)
        except (RecordsError, WrongPassphraseError, OSError) as exc:
            self.list_error.setText(getattr(exc, "strerror", None) or str(exc))
            return
        self.refresh_list()
        self.list_error.setText(_("Imported record {code}.").format(code=record.case_code))

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        code = self.list.currentItem().data(CASE_CODE_ROLE)
        if code:
            question = _(
                "Delete the record {code} for good? Export it for hand-over first if it is still needed."
            ).format(code=code)
        else:
            question = _("Delete this damaged record for good? It cannot be opened.")
        answer = QMessageBox.question(self, _("Field records"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.vault.delete(record_id)
        except RecordsError as exc:
            self.list_error.setText(str(exc))
            return
        self.refresh_list()

    # --- the idle lock ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in ACTIVITY and self.vault.is_unlocked:
            self.idle.start()
        return False

    def done(self, result: int) -> None:
        self.lock()
        if self.unsaved is not None and not self.closing_discards:
            # Closing would forget what the lock kept in memory: the first close says so and
            # stays open; a second one discards it.
            self.closing_discards = True
            self.unlock_text.setText(
                self.unsaved_reason
                + " "
                + _(
                    "Open the records to get the unsaved changes back, or close this window again "
                    "to discard them."
                )
            )
            self.unlock_text.setProperty("idle", True)
            return
        self.unsaved = None
        _application().removeEventFilter(self)
        super().done(result)

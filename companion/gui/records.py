"""Field records on screen: the deliberate switch from practice to recording real screenings.

A window of its own with four pages over :class:`companion.core.records.Vault`:
choosing the passphrase (once), unlocking, the list (case codes and dates only)
and a recorded interview with notes. It locks itself after a period without
input; an open record is sealed first, so the lock loses nothing. The window
title and list never show more than a case code and a date.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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

from companion.core.records import (
    DEFAULT_IDLE_MINUTES,
    HANDOVER_SUFFIX,
    FieldRecord,
    RecordsError,
    Vault,
    default_handover_name,
)
from companion.core.screening.interview import Interview
from companion.core.sealing import WrongPassphraseError
from companion.gui import render
from companion.gui.fields import error_label, password_field
from companion.gui.result_pdf import default_folder, save_result_pdf
from companion.gui.screening import InterviewView
from companion.i18n import _, current_language

IDLE_SETTING = "records_idle_minutes"
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class RecordsWindow(QDialog):
    def __init__(self, store: Any, catalogue: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("records-window")
        self.vault = Vault(store)
        self.catalogue = catalogue
        self.record: FieldRecord | None = None  # the record open in the editor
        self.pending_tool = ""  # a tool to start a record with, once unlocked
        self.view: InterviewView | None = None
        minutes = float(store.get_setting(IDLE_SETTING, str(DEFAULT_IDLE_MINUTES)) or DEFAULT_IDLE_MINUTES)
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
        QApplication.instance().installEventFilter(self)
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
        self.setup_form = QFormLayout()
        self.labels: dict[QWidget, QLabel] = {}
        for field in (self.new_passphrase, self.repeat_passphrase):
            self.labels[field] = QLabel()
            self.setup_form.addRow(self.labels[field], field)
        column = QVBoxLayout(self.setup_page)
        column.addWidget(self.setup_text)
        column.addLayout(self.setup_form)
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
        column = QVBoxLayout(self.list_page)
        column.addWidget(self.list, 1)
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
        if self.pending_tool:
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
        """Forget the key. An open record is sealed first, if it can be, so nothing is lost."""
        saved_open_record = False
        if self.view is not None and self.vault.is_unlocked and self._changed():
            saved_open_record = self._save(quiet=True)
        self._close_editor()
        self.vault.lock()
        self.idle.stop()
        self.list.clear()
        if idle:
            minutes = round(self.idle.interval() / 60_000, 1)
            message = _("Locked after {minutes} minutes without use.").format(minutes=f"{minutes:g}")
            if saved_open_record:
                message += " " + _("The open record was saved first.")
            self.unlock_text.setText(message)
            self.unlock_text.setProperty("idle", True)
        self.show_start()

    def show_list(self) -> None:
        self.refresh_list()
        self.list_error.clear()
        self.pages.setCurrentWidget(self.list_page)
        self.list.setFocus()

    def refresh_list(self) -> None:
        current = self.selected_id()
        self.list.clear()
        for record in self.vault.records():
            # Only the case code and the date: a list may be seen over a shoulder.
            entry = QListWidgetItem(f"{record.case_code}    {record.created_date}")
            entry.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(entry)
            if record.id == current:
                self.list.setCurrentItem(entry)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        for name in ("open", "export", "delete"):
            self.buttons[name].setEnabled(self.list.count() > 0)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_new(self, tool_id: str = "") -> None:
        lang = current_language()
        self.tool_choice.clear()
        for tool in self.catalogue.of_kind("screening-tool"):
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
        from companion.core.records import check_case_code

        tool = self.catalogue.by_id.get(self.tool_choice.currentData() or "")
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
        tool = self.catalogue.by_id.get(record.tool_id)
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
        self.notes.clear()

    def _changed(self) -> bool:
        if self.view is None or self.record is None:
            return False
        answers = {k: v for k, v in self.view.interview.answers.items() if v != "unknown"}
        before = {k: v for k, v in self.record.answers.items() if v != "unknown"}
        return not self.record.id or answers != before or self.notes.toPlainText() != self.record.notes

    def _save(self, quiet: bool = False) -> bool:
        if self.view is None or self.record is None:
            return False
        draft = FieldRecord(
            **{
                **self.record.__dict__,
                "answers": dict(self.view.interview.answers),
                "notes": self.notes.toPlainText(),
            }
        )
        try:
            self.record = self.vault.save(draft)
        except RecordsError as exc:
            if not quiet:
                self.editor_error.setText(str(exc))
            return False
        return True

    def save_record(self) -> None:
        if self._save():
            self.editor_error.setText(_("Saved and sealed."))

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
        record = self.vault.get(record_id)
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
        code = self.list.currentItem().text().split()[0]
        answer = QMessageBox.question(
            self,
            _("Field records"),
            _(
                "Delete the record {code} for good? Export it for hand-over first if it is still needed."
            ).format(code=code),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.vault.delete(record_id)
        self.refresh_list()

    # --- the idle lock ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in ACTIVITY and self.vault.is_unlocked:
            self.idle.start()
        return False

    def done(self, result: int) -> None:
        QApplication.instance().removeEventFilter(self)
        self.lock()
        super().done(result)

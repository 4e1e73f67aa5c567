"""File ▸ Workshop report…: the donor's or the facilitator's report, previewed, then saved.

Options (language, edition, PDF or spreadsheet) and the roster's passphrase,
optional: without it the report says the agency breakdown needs it. The PDF is
built on a worker (:mod:`companion.gui.worker`) and shown in the reusable
:class:`~companion.gui.print_preview.PdfPreview`; a spreadsheet has no preview.
Save… suggests the user's Documents and a name made of kind, edition and
language only (:func:`companion.app.report.file_name`). Errors: one line here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.app.report import EDITIONS, FORMATS, LANGUAGES, file_name
from companion.gui import result_pdf
from companion.gui.edit_support import error_label, one_line, show_error
from companion.gui.fields import password_field
from companion.gui.print_preview import PdfPreview
from companion.gui.worker import run_in_background, run_with_progress
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, Progress, Vault
    from companion.app.workshop import Workshop
    from companion.gui.worker import Task


def _options() -> dict[str, list[tuple[str, str]]]:
    """Each option's values with their labels, in the interface language."""
    return {
        "lang": list(
            zip(LANGUAGES, (_("English"), _("Chinese (简体中文)"), _("Both languages")), strict=True)
        ),
        "edition": list(
            zip(EDITIONS, (_("Donor (codes and counts only)"), _("Facilitator (with comments)")), strict=True)
        ),
        "format": list(zip(FORMATS, (_("PDF"), _("Spreadsheet (one sheet per table)")), strict=True)),
    }


def open_vault(workshop: Workshop, passphrase: str) -> Vault | None:
    """The records' vault unlocked with ``passphrase``; None without one (the report then says so)."""
    if not passphrase:
        return None
    vault = workshop.vault()
    if vault.is_set_up:
        vault.unlock(passphrase)  # a wrong one raises, and the dialog shows its one line
    return vault


class ReportDialog(QDialog):
    """The workshop report's options, its preview and Save…."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshop-report")
        self.workshop = workshop
        self.preview_task: Task[tuple[int, bytes]] | None = None
        self.save_task: Task[Path] | None = None
        self.generation = 0  # which preview a finished build belongs to (an older one is dropped)
        self.pdf: bytes | None = None  # the preview on screen, for the options it was built with
        self.saved: Path | None = None
        self.combos = {name: QComboBox() for name in ("lang", "edition", "format")}
        for name, combo in self.combos.items():
            combo.setObjectName(f"report-{name}")
            combo.currentIndexChanged.connect(self.refresh)
        self.passphrase = password_field()
        self.passphrase.setObjectName("report-passphrase")
        self.passphrase.editingFinished.connect(self._passphrase_entered)
        self.entered = ""  # the passphrase the preview was built with
        self.labels = [QLabel() for _n in range(4)]
        form = QFormLayout()
        for label, field in zip(self.labels, (*self.combos.values(), self.passphrase), strict=True):
            form.addRow(label, field)
        self.preview = PdfPreview(self)
        self.no_preview = QLabel()
        self.no_preview.setObjectName("no-preview")
        self.no_preview.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.preview)
        self.pages.addWidget(self.no_preview)
        self.status = QLabel()
        self.status.setObjectName("report-status")
        self.status.setWordWrap(True)
        self.error = error_label()
        self.save_button, self.close_button = QPushButton(), QPushButton()
        self.save_button.setObjectName("report-save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.pages, 1)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.retranslate()
        lang = self.combos["lang"]
        lang.blockSignals(True)
        lang.setCurrentIndex(max(lang.findData(current_language()), 0))  # the report in the user's language
        lang.blockSignals(False)
        self.resize(820, 900)
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Workshop report"))
        for label, text in zip(
            self.labels,
            (_("Language"), _("Edition"), _("Format"), _("Records passphrase")),
            strict=True,
        ):
            label.setText(text)
        for name, choices in _options().items():
            combo = self.combos[name]
            current = max(combo.currentIndex(), 0)
            combo.blockSignals(True)
            combo.clear()
            for value, text in choices:
                combo.addItem(text, value)
            combo.setCurrentIndex(current)
            combo.blockSignals(False)
        self.passphrase.setPlaceholderText(
            _("Optional: the breakdown by agency needs it (names are sealed with it)")
        )
        self.no_preview.setText(
            _("A spreadsheet has no preview: Save… writes the report's tables, one sheet per table.")
        )
        self.save_button.setText(_("Save…"))
        self.close_button.setText(_("Close"))
        self.preview.retranslate()

    def choice(self, name: str) -> str:
        return str(self.combos[name].currentData())

    def _passphrase_entered(self) -> None:
        if self.passphrase.text() != self.entered:
            self.refresh()

    # --- the preview ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the PDF for the options shown, on a worker; a spreadsheet shows a hint instead."""
        self.generation += 1
        self.pdf = None
        show_error(self.error, "")
        if self.choice("format") != "pdf":
            self.pages.setCurrentWidget(self.no_preview)
            self.status.clear()
            self._update()
            return
        self.pages.setCurrentWidget(self.preview)
        self.status.setText(_("Building the preview…"))
        workshop, lang, edition = self.workshop, self.choice("lang"), self.choice("edition")
        passphrase = self.entered = self.passphrase.text()
        generation = self.generation

        def work(_progress: Progress, _cancelled: CancelCheck) -> tuple[int, bytes]:
            from companion.app.report import render

            return generation, render(workshop, "pdf", lang, edition, open_vault(workshop, passphrase))[0]

        # Owned by the application, not by this dialog: closing it while the PDF is built must not
        # delete the object the worker is about to signal from (the late result is then dropped).
        owner = QCoreApplication.instance()
        assert owner is not None
        self.preview_task = run_in_background(
            owner, work, self._built, lambda error: self._not_built(generation, error)
        )
        self._update()

    def _built(self, result: tuple[int, bytes]) -> None:
        generation, data = result
        if generation != self.generation:
            return  # the options changed while it was built: a newer preview is on its way
        self.preview_task = None
        self.pdf = data
        self.status.clear()
        self.preview.show_pdf(data)
        self._update()

    def _not_built(self, generation: int, error: BaseException) -> None:
        if generation != self.generation:
            return
        self.preview_task = None
        self.status.clear()
        show_error(self.error, one_line(error))
        self._update()

    def done(self, result: int) -> None:  # closing: a preview still being built is dropped when it comes
        self.generation += 1
        super().done(result)

    def _update(self) -> None:
        self.save_button.setEnabled(self.save_task is None)

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Ask where (Documents, a name of kind, edition and language), then write the file on a worker."""
        fmt, lang, edition = self.choice("format"), self.choice("lang"), self.choice("edition")
        suggested = result_pdf.default_folder() / file_name(fmt, edition, lang)
        filters = _("PDF files (*.pdf)") if fmt == "pdf" else _("Spreadsheets (*.xlsx)")
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), str(suggested), filters)
        if not chosen:
            return
        target = Path(chosen).with_suffix(f".{fmt}")
        show_error(self.error, "")
        workshop, passphrase, ready = self.workshop, self.passphrase.text(), self.pdf
        same = fmt == "pdf" and ready is not None and passphrase == self.entered

        def work(_progress: Progress, _cancelled: CancelCheck) -> Path:
            from companion.app.report import render, save_bytes

            data = ready if same and ready is not None else None
            if data is None:
                data = render(workshop, fmt, lang, edition, open_vault(workshop, passphrase))[0]
            return save_bytes(target, data)

        self.save_task = run_with_progress(self, _("Writing the report…"), work, self._saved, self._not_saved)
        self._update()

    def _saved(self, path: Path) -> None:
        self.save_task = None
        self.saved = path
        self.status.setText(_("Saved: {name}").format(name=path.name))
        self._update()

    def _not_saved(self, error: BaseException) -> None:
        self.save_task = None
        reason = getattr(error, "strerror", None) or one_line(error)
        show_error(self.error, _("The report was not saved: {reason}").format(reason=reason))
        self._update()

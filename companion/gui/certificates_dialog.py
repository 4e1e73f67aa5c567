"""File ▸ Certificates…: issue a signed certificate to every participant who qualified.

The rule (minimum attendance, default the core's; a post-test required or not),
the folder (the user's Documents), the records' passphrase (the names are sealed
with it) and the publisher key's passphrase (the certificates are signed with
it). Issue runs :func:`companion.app.certificates.issue` on a worker behind a
progress dialog, then lists everyone by code (never a name) with whether they
qualified and why. Open folder shows the PDFs and eligibility.csv.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.app.certificates import DEFAULT_MIN_ATTENDANCE
from companion.gui import result_pdf
from companion.gui.edit_support import error_label, one_line, show_error
from companion.gui.fields import FolderRow, password_field
from companion.gui.worker import run_with_progress
from companion.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from companion.app.certificates import Issued
    from companion.app.domain import CancelCheck, Progress
    from companion.app.workshop import Workshop
    from companion.gui.worker import Task

QUALIFIED = QColor("#1b7f3b")
NOT_QUALIFIED = QColor("#b00020")


def default_out() -> Path:
    """Documents/certificates: a folder name without the workshop's title or anyone's name."""
    return result_pdf.default_folder() / "certificates"


class CertificatesDialog(QDialog):
    """The rule, the folder and the two passphrases; Issue; who qualified and why."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificates")
        self.workshop = workshop
        self.task: Task[Issued] | None = None
        self.issued: Issued | None = None
        self.attendance = QSpinBox()
        self.attendance.setObjectName("min-attendance")
        self.attendance.setRange(0, 100)
        self.attendance.setSuffix(" %")
        self.attendance.setValue(round(DEFAULT_MIN_ATTENDANCE * 100))
        self.post_test = QCheckBox()
        self.post_test.setObjectName("require-post-test")
        self.folder_row = FolderRow(str(default_out()), N_("Certificates folder"))
        self.folder = self.folder_row.edit
        self.folder.setObjectName("certificates-folder")
        self.folder.textChanged.connect(self._update)
        self.records_passphrase = password_field()
        self.records_passphrase.setObjectName("records-passphrase")
        self.key_passphrase = password_field()
        self.key_passphrase.setObjectName("key-passphrase")
        for secret in (self.records_passphrase, self.key_passphrase):
            secret.textChanged.connect(self._update)
        self.labels = [QLabel() for _n in range(5)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.attendance)
        form.addRow(self.labels[1], self.post_test)
        form.addRow(self.labels[2], self.folder_row)
        form.addRow(self.labels[3], self.records_passphrase)
        form.addRow(self.labels[4], self.key_passphrase)
        self.summary = QLabel()
        self.summary.setObjectName("certificates-summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("eligibility")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the reasons take the rest
        self.error = error_label()
        self.issue_button, self.open_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.issue_button.setObjectName("issue")
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.issue)
        self.open_button.setObjectName("open-folder")
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        self.retranslate()
        self.resize(760, 620)
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Certificates"))
        for label, text in zip(
            self.labels,
            (
                _("Minimum attendance"),
                _("Post-test"),
                _("Folder"),
                _("Records passphrase"),
                _("Publisher key passphrase"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.attendance.setToolTip(_("The share of half-day sessions a participant must have attended."))
        self.post_test.setText(_("Only participants with a post-test result qualify"))
        self.records_passphrase.setPlaceholderText(_("Opens the participants' names"))
        self.key_passphrase.setPlaceholderText(_("Signs the certificates"))
        self.folder_row.retranslate()
        self.issue_button.setText(_("Issue"))
        self.open_button.setText(_("Open folder"))
        self.close_button.setText(_("Close"))
        self.table.setHorizontalHeaderLabels([_("Code"), _("Qualified"), _("Why")])
        if self.issued is not None:
            self._show(self.issued)
        else:
            self.summary.setText(
                _(
                    "Issue writes one signed PDF per qualifying participant, and eligibility.csv, "
                    "into the folder."
                )
            )

    def _out(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _update(self) -> None:
        passphrases = self.records_passphrase.text() and self.key_passphrase.text()
        ready = bool(self.folder.text().strip() and passphrases)
        self.issue_button.setEnabled(ready and self.task is None)
        self.open_button.setEnabled(self.issued is not None and self._out().is_dir())

    def issue(self) -> None:
        """Unlock the names, open the key and issue, all on a worker; the list comes back."""
        if self.task is not None:
            return
        show_error(self.error, "")
        workshop, out = self.workshop, self._out()
        minimum, post = self.attendance.value() / 100, self.post_test.isChecked()
        records, key_passphrase = self.records_passphrase.text(), self.key_passphrase.text()

        def work(progress: Progress, cancelled: CancelCheck) -> Issued:
            from companion.app.certificates import eligibility, issue
            from companion.app.domain import RecordsError, load_key

            if not eligibility(workshop, minimum, post):
                raise RecordsError(
                    _(
                        "The roster is empty: import the participants first "
                        "(File ▸ Participants and attendance…)."
                    )
                )
            vault = workshop.vault()
            vault.unlock(records)
            key = load_key(workshop.data_dir, key_passphrase)
            return issue(workshop, vault, key, out, minimum, post, progress, cancelled)

        self.task = run_with_progress(self, _("Issuing the certificates…"), work, self._done, self._failed)
        self._update()

    def _done(self, issued: Issued) -> None:
        self.task = None
        self.issued = issued
        self._show(issued)
        self._update()

    def _failed(self, error: BaseException) -> None:
        from companion.app.domain import Cancelled

        self.task = None
        if isinstance(error, Cancelled):
            show_error(self.error, _("Stopped: nothing was changed."))
        else:
            show_error(self.error, _("No certificate was issued: {reason}").format(reason=one_line(error)))
        self._update()

    def _show(self, issued: Issued) -> None:
        """Everyone by code: qualified or not, and the reasons, attendance first (never a name here)."""
        qualified = sum(1 for e in issued.listed if e.eligible)
        self.summary.setText(
            ngettext(
                "{qualified} of {count} participant qualified; the certificates are in {folder}.",
                "{qualified} of {count} participants qualified; the certificates are in {folder}.",
                len(issued.listed),
            ).format(qualified=qualified, count=len(issued.listed), folder=self._out())
        )
        self.table.setRowCount(len(issued.listed))
        for row, entry in enumerate(issued.listed):
            verdict = QTableWidgetItem(_("Yes") if entry.eligible else _("No"))
            verdict.setForeground(QUALIFIED if entry.eligible else NOT_QUALIFIED)
            cells = [
                QTableWidgetItem(entry.code),
                verdict,
                QTableWidgetItem("; ".join(entry.reasons)),
            ]
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._out())))

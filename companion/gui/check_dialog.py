"""Help ▸ Check database…: :meth:`companion.app.workshop.Workshop.check` on a worker, and its report.

The check reads everything (a full integrity check of a big store takes a
second or two), so it runs on a worker behind a progress dialog that appears
only if it takes more than a moment. That dialog has no Cancel: SQLite's
integrity check cannot be stopped halfway, and a button that did nothing
would mislead. The report lists each finding on
a line with a plain mark, then the summary; Copy puts the same lines as
`companion check` prints on the clipboard. When there are problems, a button
opens the backups. The dialog is window-modal and made in the language of
the moment; the language cannot be switched while it is open.
"""

from __future__ import annotations

import html
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import StoreError, explain_database_error
from companion.gui.worker import Task, run_in_background
from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.domain import CheckReport
    from companion.gui.main_window import MainWindow

OK_COLOUR, PROBLEM_COLOUR = "#1a7f37", "#b00020"


def tell(parent: QWidget, message: str) -> None:
    """A check that could not run: one sentence in a modal box (patched out in tests)."""
    QMessageBox.warning(parent, _("Check database"), message)


def check_database(main: MainWindow) -> Task[CheckReport]:
    """Check the main window's workshop on a worker, then show the report window-modal."""
    workshop = main.workshop
    waiting = QProgressDialog(_("Checking the database…"), "", 0, 0, main)
    waiting.setObjectName("progress")
    waiting.setCancelButton(None)
    waiting.setWindowModality(Qt.WindowModality.WindowModal)
    waiting.setMinimumDuration(300)  # a quick check finishes without a flash
    waiting.setAutoClose(False)
    waiting.setAutoReset(False)
    waiting.setValue(0)

    def stop_waiting() -> None:
        waiting.close()
        waiting.deleteLater()

    def done(report: CheckReport) -> None:
        stop_waiting()
        dialog = CheckDialog(report, main)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def failed(error: BaseException) -> None:
        stop_waiting()
        if isinstance(error, StoreError):
            tell(main, str(error))
        elif isinstance(error, sqlite3.Error):  # busy, read-only or unreadable: say which, in one line
            reason = explain_database_error(error, workshop.data_dir)
            tell(main, _("The check could not run: {reason}").format(reason=reason))
        elif isinstance(error, Exception):
            tell(main, f"{type(error).__name__}: {error}")
        else:
            raise error

    return run_in_background(main, lambda _progress, _cancelled: workshop.check(), done, failed)


def report_html(report: CheckReport) -> str:
    """One table row per finding: a worded mark (not only a colour), then the finding."""
    rows = []
    for finding in report.findings:
        mark, colour = (_("ok"), OK_COLOUR) if finding.ok else (_("PROBLEM"), PROBLEM_COLOUR)
        rows.append(
            f'<tr><td style="color:{colour}; font-weight:bold; padding-right:12px">{html.escape(mark)}</td>'
            f"<td>{html.escape(finding.text)}</td></tr>"
        )
    return f'<table cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


class CheckDialog(QDialog):
    """The findings of one check, the summary, Copy, and (after problems) a way to the backups."""

    def __init__(self, report: CheckReport, main: MainWindow) -> None:
        super().__init__(main)
        self.setObjectName("check-report")
        self.setWindowTitle(_("Check database"))
        self.main = main  # the main window (not `window`: QWidget.window() is taken)
        self.report = report
        self.summary = QLabel(
            _("No problems found.")
            if report.ok
            else _("Problems found: restore a backup (File ▸ Backups…) or import the workshop again.")
        )
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        colour = OK_COLOUR if report.ok else PROBLEM_COLOUR
        self.summary.setStyleSheet(f"color:{colour}; font-weight:bold")
        self.findings_label = QLabel(_("&Findings:"))
        self.findings = QTextBrowser()
        self.findings.setObjectName("findings")
        self.findings.setOpenLinks(False)  # nothing in it is a link; nothing is ever fetched
        self.findings.setHtml(report_html(report))
        # Tab moves on to the buttons instead of being typed into the (read-only) text.
        self.findings.setTabChangesFocus(True)
        self.findings_label.setBuddy(self.findings)
        self.copied = QLabel()
        self.copied.setObjectName("copied")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setDefault(True)
        self.copy_button = buttons.addButton(_("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copy")
        self.copy_button.clicked.connect(self.copy)
        self.backups_button = buttons.addButton(_("&Backups…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.backups_button.setObjectName("open-backups")
        self.backups_button.clicked.connect(self.open_backups)
        self.backups_button.setVisible(not report.ok)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(680, 380)

    def text(self) -> str:
        """The report as `companion check` prints it."""
        return "\n".join(self.report.lines())

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
        self.copied.setText(_("Copied to the clipboard."))

    def open_backups(self) -> None:
        self.accept()
        self.main.open_backups()

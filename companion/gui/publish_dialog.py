"""File ▸ Publish…: the next version of one's own workshop as two pack files, and the versions so far.

The dialog shows the version the workshop will be published as and asks for
a summary of what changed (required) and a folder. Publishing
(:meth:`companion.app.workshop.Workshop.publish`) runs on a worker behind a
progress dialog (:mod:`companion.gui.worker`), signed with the data folder's
publisher key when there is one (its passphrase asked for here, as the pack
export does); the result names the
facilitator's and the participants' pack files, a refusal is one line. The
Changes list shows the versions published so far, newest first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import has_key, load_key
from companion.gui.edit_support import error_label, one_line, show_error
from companion.gui.fields import FolderRow, password_field
from companion.gui.result_pdf import default_folder
from companion.gui.worker import run_with_progress
from companion.i18n import N_, _

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, Progress, Published
    from companion.app.workshop import Workshop
    from companion.gui.worker import Task

FOLDER_SETTING = "publish_folder"


class PublishDialog(QDialog):
    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publish")
        self.workshop = workshop
        self.task: Task[Published] | None = None  # the running publish, kept alive
        self.published: Published | None = None
        self.version = QLabel()
        self.version.setObjectName("next-version")
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setFixedHeight(90)
        self.summary.textChanged.connect(self._update)
        # The user's Documents (as every other save dialog), not the home folder's top level.
        chosen = workshop.setting(FOLDER_SETTING) or str(default_folder())
        self.folder_row = FolderRow(chosen, N_("Publish into folder"))
        self.folder = self.folder_row.edit
        self.folder.setObjectName("folder")
        self.folder.textChanged.connect(self._update)
        self.sign = QCheckBox()
        self.sign.setObjectName("sign")
        self.passphrase = password_field()
        self.passphrase.setObjectName("passphrase")
        can_sign = has_key(workshop.data_dir)
        self.sign.setEnabled(can_sign)
        self.sign.setChecked(can_sign)  # packs for others are signed unless there is no key to sign with
        self.passphrase.setEnabled(can_sign)
        self.sign.toggled.connect(self.passphrase.setEnabled)
        self.sign.toggled.connect(self._update)
        self.passphrase.textChanged.connect(self._update)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign)
        sign_row.addWidget(self.passphrase, 1)
        self.changes = QListWidget()
        self.changes.setObjectName("changes")
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.error = error_label()
        self.publish_button, self.close_button = QPushButton(), QPushButton()
        self.publish_button.setObjectName("publish-button")
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.publish)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.close_button)
        self.form = QFormLayout()
        self.labels = [QLabel() for _n in range(5)]
        self.form.addRow(self.labels[0], self.version)
        self.form.addRow(self.labels[1], self.summary)
        self.form.addRow(self.labels[2], self.folder_row)
        self.form.addRow(self.labels[3], sign_row)
        self.form.addRow(self.labels[4], self.changes)
        self.not_yours = QLabel()
        self.not_yours.setWordWrap(True)
        self.not_yours.setStyleSheet("background:#fff3cd; padding:6px;")
        column = QVBoxLayout(self)
        column.addWidget(self.not_yours)
        column.addLayout(self.form)
        column.addWidget(self.outcome)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.retranslate()
        self.refresh()
        self.resize(640, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Publish"))
        for label, text in zip(
            self.labels,
            (_("Next version"), _("What changed"), _("Folder"), _("Signature"), _("Changes")),
            strict=True,
        ):
            label.setText(text)
        if has_key(self.workshop.data_dir):
            self.sign.setText(_("Sign with my publisher key"))
            self.passphrase.setPlaceholderText(_("Passphrase"))
        else:
            self.sign.setText(
                _("Unsigned: no publisher key in this data folder (File ▸ Export workshop pack… creates one)")
            )
        self.summary.setPlaceholderText(_("Say in a few words what changed in this version (required)."))
        self.folder_row.retranslate()
        self.publish_button.setText(_("Publish"))
        self.close_button.setText(_("Close"))
        self.not_yours.setText(
            _("Only your own copy of a workshop can be published: make your own copy first.")
        )

    def refresh(self) -> None:
        """The next version and the versions published so far."""
        published = self.workshop.changes()
        self.version.setText(self.workshop.next_version() or "")
        self.changes.clear()
        for version, date, summary in published:
            self.changes.addItem(f"{version} · {date} — {summary}")
        if not published:
            self.changes.addItem(_("Not published yet."))
        self.not_yours.setVisible(not self.workshop.editable)
        self._update()

    def _update(self) -> None:
        ready = bool(self.summary.toPlainText().strip() and self.folder.text().strip())
        ready = ready and not (self.sign.isChecked() and not self.passphrase.text())
        self.publish_button.setEnabled(ready and self.workshop.editable and self.task is None)

    def publish(self) -> None:
        summary = self.summary.toPlainText().strip()
        folder = Path(self.folder.text().strip()).expanduser()
        if not summary or self.task is not None:
            return
        show_error(self.error, "")
        self.outcome.clear()
        workshop = self.workshop
        passphrase = self.passphrase.text() if self.sign.isChecked() else None

        def work(progress: Progress, _cancelled: CancelCheck) -> Published:
            key = load_key(workshop.data_dir, passphrase) if passphrase is not None else None
            return workshop.publish(summary, folder, progress, key)

        self.task = run_with_progress(self, _("Publishing…"), work, self._done, self._failed)
        self._update()

    def _done(self, published: Published) -> None:
        self.task = None
        self.published = published
        self.workshop.set_setting(FOLDER_SETTING, str(Path(self.folder.text().strip()).expanduser()))
        self.outcome.setText(
            _("Published version {version}:\n{facilitator}\n{participant}").format(
                version=published.version,
                facilitator=published.facilitator_pack,
                participant=published.participant_pack,
            )
        )
        self.summary.clear()
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        show_error(self.error, one_line(error))
        self._update()

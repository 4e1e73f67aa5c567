"""Help ▸ Verify a certificate…: paste a certificate's QR text, or open a photo or scan of it.

Offline, against this data folder's trust (:mod:`companion.app.certificates`).
The verdict is shown plainly, in a coloured band: valid and trusted (green),
valid but the issuer not trusted here (amber, with the full fingerprint to compare
with the one the issuer publishes), revoked or not valid (red, with the reason);
then the name, workshop, dates and issuer the certificate carries.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.app.certificates import verdict_kind, verify_image, verify_text
from companion.app.domain import show_fingerprint
from companion.gui.edit_support import one_line
from companion.gui.worker import run_in_background
from companion.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from companion.app.certificates import Verdict
    from companion.app.domain import CancelCheck, Progress
    from companion.app.workshop import Workshop
    from companion.gui.worker import Task

# Background and text colours of the verdict band, readable on a projector too.
COLOURS = {
    "trusted": ("#d8f0dc", "#14532d"),
    "untrusted": ("#fff1c2", "#6b4500"),
    "revoked": ("#fbd9dc", "#7f1020"),
    "invalid": ("#fbd9dc", "#7f1020"),
}


def headline(kind: str) -> str:
    return {
        "trusted": _("Valid, and issued by someone this computer trusts"),
        "untrusted": _("Valid signature, but the issuer is not trusted on this computer"),
        "revoked": _("Revoked: its issuer has withdrawn this certificate"),
        "invalid": _("Not valid"),
    }[kind]


class VerifyDialog(QDialog):
    """The text or image in; the verdict and what the certificate says, out."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify-certificate")
        self.workshop = workshop
        self.task: Task[Verdict] | None = None
        self.verdict: Verdict | None = None
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("certificate-text")
        self.text.setFixedHeight(90)
        self.text.textChanged.connect(self._update)
        self.check_button, self.image_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.check_button.setObjectName("check-text")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check_text)
        self.image_button.setObjectName("open-image")
        self.image_button.clicked.connect(self.choose_image)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.image_button)
        row.addStretch(1)
        row.addWidget(self.check_button)
        self.band = QLabel()
        self.band.setObjectName("verdict")
        self.band.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setObjectName("verdict-reason")
        self.reason.setWordWrap(True)
        self.fields = {name: QLabel() for name in ("name", "workshop", "dates", "issuer", "id")}
        self.field_labels = {name: QLabel() for name in self.fields}
        details = QFormLayout()
        for name, value in self.fields.items():
            value.setObjectName(f"verdict-{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy and compare
            details.addRow(self.field_labels[name], value)
        self.details = QWidget()
        self.details.setLayout(details)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addWidget(self.prompt)
        column.addWidget(self.text)
        column.addLayout(row)
        column.addWidget(self.band)
        column.addWidget(self.reason)
        column.addWidget(self.details)
        column.addStretch(1)
        column.addLayout(bottom)
        self.retranslate()
        self.resize(640, 520)
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Verify a certificate"))
        self.prompt.setText(
            _(
                "Paste the text of the certificate's QR code (it begins with CTC1:), "
                "or open a photo or scan of it."
            )
        )
        self.check_button.setText(_("Check"))
        self.image_button.setText(_("Open image…"))
        self.close_button.setText(_("Close"))
        for name, text in (
            ("name", _("Name")),
            ("workshop", _("Workshop")),
            ("dates", _("Dates")),
            ("issuer", _("Issuer")),
            ("id", _("Certificate ID")),
        ):
            self.field_labels[name].setText(text)
        self._show()

    def _update(self) -> None:
        idle = self.task is None
        self.check_button.setEnabled(idle and bool(self.text.toPlainText().strip()))
        self.image_button.setEnabled(idle)

    # --- checking ------------------------------------------------------------------------------

    def check_text(self) -> None:
        text = self.text.toPlainText().strip()
        if text:
            workshop = self.workshop
            self._run(lambda: verify_text(workshop, text))

    def choose_image(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open a photo or scan of the certificate"),
            str(Path.home()),
            _("Images and PDF files (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"),
        )
        if chosen:
            self.check_image(Path(chosen))

    def check_image(self, path: Path) -> None:
        workshop = self.workshop
        self._run(lambda: verify_image(workshop, path))

    def _run(self, check: Callable[[], Verdict]) -> None:
        if self.task is not None:
            return
        self.verdict = None
        self.band.setText(_("Checking…"))
        self.band.setStyleSheet("padding:8px;")
        self.reason.clear()
        self.details.hide()

        def work(_progress: Progress, _cancelled: CancelCheck) -> Verdict:
            return check()

        self.task = run_in_background(self, work, self._checked, self._failed)
        self._update()

    def _checked(self, verdict: Verdict) -> None:
        self.task = None
        self.verdict = verdict
        self._show()
        self._update()

    def _failed(self, error: BaseException) -> None:
        from companion.app.certificates import Verdict

        self._checked(Verdict(False, one_line(error)))

    def _show(self) -> None:
        """The verdict in its colour, then the certificate's fields (when its signature could be read)."""
        verdict = self.verdict
        if verdict is None:
            if self.task is None:
                self.band.clear()
                self.band.setStyleSheet("")
                self.reason.clear()
                self.details.hide()
            return
        kind = verdict_kind(verdict)
        self.band.setProperty("kind", kind)
        background, colour = COLOURS[kind]
        self.band.setStyleSheet(
            f"background:{background}; color:{colour}; padding:8px; font-weight:bold; border-radius:4px;"
        )
        self.band.setText(headline(kind))
        self.reason.setText(verdict.reason)
        if verdict.issuer is None:
            self.details.hide()
            return
        self.fields["name"].setText(verdict.name or "")
        workshop = verdict.workshop or {}
        self.fields["workshop"].setText(f"{workshop.get('title', '')} ({workshop.get('id', '')})")
        dates = verdict.dates or {}
        self.fields["dates"].setText(
            _("{start} to {end}").format(start=dates.get("start", ""), end=dates.get("end", ""))
        )
        fingerprint = show_fingerprint(verdict.issuer)
        self.fields["issuer"].setText(
            fingerprint
            if verdict.issuer_trusted
            else _("{fingerprint} (compare with the fingerprint the issuer publishes)").format(
                fingerprint=fingerprint
            )
        )
        self.fields["id"].setText(verdict.certificate_id or "")
        self.details.show()

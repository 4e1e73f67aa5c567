"""The referral directory in the library, and the referral slip dialog of a screening result.

The directory lists the workshop's services; a service's confidential part (a
shelter's address, a direct line) is shown only while "Show confidential
details" is ticked, and the box is offered only when the installed workshop
has such details (a participant install has none). The slip dialog prints the
result on screen as a one-page bilingual slip for a chosen service; the
confidential details go on it only when the user ticks the box.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import Service
from companion.gui import render
from companion.gui.catalogue import Catalogue
from companion.gui.result_pdf import default_folder
from companion.gui.sections import Section
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, Progress
    from companion.gui.screening import InterviewView


def service_html(service: Service, lang: str, show_confidential: bool = False) -> str:
    """A service as the reader shows it; the confidential part only when asked for."""
    from companion.app.referral import TYPE_NAMES

    def row(label: str, value: str) -> str:
        return f"<p>{render.labelled(html.escape(label), value)}</p>"

    parts = [
        f"<h1>{render.inline(service.name, lang)}</h1>",
        f"<p><i>{render.inline(TYPE_NAMES[service.type], lang)}</i></p>",
        row(_("Phone"), html.escape(service.phone or "—")),
        row(_("Languages"), html.escape(", ".join(service.languages))),
        row(_("Hours"), render.inline(service.hours, lang)),
        row(_("Who is eligible"), render.inline(service.eligibility, lang)),
        row(_("How to refer"), render.inline(service.how_to_refer, lang)),
    ]
    if show_confidential and service.confidential is not None:
        secret = service.confidential
        parts.append(f'<h3 style="color:#b00">{html.escape(_("Confidential: do not pass on"))}</h3>')
        parts.append(row(_("Address"), render.inline(secret.address, lang)))
        if secret.direct_phone:
            parts.append(row(_("Direct line"), html.escape(secret.direct_phone)))
    return "".join(parts)


class ServiceList(Section):
    """The referral directory: one entry per service, its confidential part behind a box."""

    kind = "service"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(catalogue, parent)
        self.confidential_box = QCheckBox()
        self.confidential_box.toggled.connect(lambda _on: self.show_item(self.list.current_id() or ""))
        self.add_controls(right=self.confidential_box)
        self._label_controls()

    def _label_controls(self) -> None:
        self.confidential_box.setText(_("Show confidential details"))

    def retranslate(self) -> None:
        self._label_controls()
        super().retranslate()

    def fill(self) -> None:
        self.offer_notes(self.confidential_box)
        super().fill()

    def show_item(self, item_id: str) -> None:
        service = self.catalogue.get(item_id, Service)
        if service is not None:
            self.reader.setHtml(service_html(service, current_language(), self.confidential_box.isChecked()))


class SlipDialog(QDialog):
    """Choose the service, whether its confidential details go on the slip, and the referring unit."""

    last_unit = ""  # remembered for the session: the same unit refers several people

    def __init__(self, services: list[Service], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Referral slip"))
        lang = current_language()
        self.service = QComboBox()
        for service in services:
            self.service.addItem(render.plain(service.name, lang), service.id)
        self.confidential = QCheckBox(_("Print the service's confidential details (address, direct line)"))
        self.unit = QLineEdit(SlipDialog.last_unit)
        self.unit.setPlaceholderText(_("Left blank to fill in by hand"))
        note = QLabel(_("The slip shows the case code, never a name, and no notes."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Service"), self.service)
        form.addRow(_("Referring unit"), self.unit)
        form.addRow(self.confidential)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(_("Save PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.service.currentIndexChanged.connect(self._offer_confidential)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._services = {s.id: s for s in services}
        self._offer_confidential()

    def _offer_confidential(self) -> None:
        chosen = self.chosen()
        offered = chosen is not None and chosen.confidential is not None
        if not offered:
            self.confidential.setChecked(False)
        self.confidential.setEnabled(offered)

    def chosen(self) -> Service | None:
        return self._services.get(self.service.currentData() or "")


def open_slip(parent: QWidget, catalogue: Catalogue, view: InterviewView, case_code: str = "") -> None:
    """Ask for the service, then a file name (in Documents), and write the slip of ``view``'s result."""
    from companion.gui.worker import run_with_progress

    services = sorted(catalogue.of_type(Service), key=lambda s: s.id)
    if not services:
        QMessageBox.information(
            parent, _("Referral slip"), _("The current workshop has no referral directory.")
        )
        return
    dialog = SlipDialog(services, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    service = dialog.chosen()
    if service is None:
        return
    SlipDialog.last_unit = dialog.unit.text().strip()
    lang, today = current_language(), date.today()
    suggested = default_folder() / f"referral-slip-{service.id}-{today.isoformat()}.pdf"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the referral slip as PDF"), str(suggested), _("PDF files (*.pdf)")
    )
    if not chosen:
        return
    target = Path(chosen).with_suffix(".pdf")
    result, tool = view.interview.result(), view.interview.tool
    include = dialog.confidential.isChecked()

    def work(progress: Progress, cancelled: CancelCheck) -> Path:
        from companion.app.referral import SlipRequest, write_slip

        unit = SlipDialog.last_unit
        request = SlipRequest(result, tool, service, today, case_code, unit, include, lang)
        return write_slip(request, target)

    def failed(error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error)
        QMessageBox.warning(
            parent, _("Referral slip"), _("The slip was not saved: {reason}").format(reason=reason)
        )

    run_with_progress(parent, _("Writing the PDF…"), work, view.show_saved, failed)

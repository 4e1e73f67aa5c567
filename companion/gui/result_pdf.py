"""Saving the screening result on screen as a PDF, practice or field record alike.

Asks where to save (a name with the tool and the date, never a person's case
code), writes the PDF on a worker through :mod:`companion.gui.worker`, and
reports the outcome in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from companion.gui.worker import run_with_progress
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, Progress
    from companion.gui.catalogue import Catalogue
    from companion.gui.screening import InterviewView


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


def save_result_pdf(
    parent: QWidget,
    catalogue: Catalogue,
    view: InterviewView,
    case_code: str = "",
    on_saved: Callable[[Path], None] | None = None,
) -> None:
    """Ask for a file name, then write ``view``'s result there in the interface language."""
    interview, lang, today = view.interview, current_language(), date.today()
    suggested = default_folder() / f"screening-result-{interview.tool.id}-{today.isoformat()}-{lang}.pdf"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the result as PDF"), str(suggested), _("PDF files (*.pdf)")
    )
    if not chosen:
        return
    target = Path(chosen).with_suffix(".pdf")
    result, comparison = interview.result(), view.comparison()

    def work(progress: Progress, cancelled: CancelCheck) -> Path:
        from companion.app.domain import screening_result, write_handout

        handout = screening_result(
            result,
            interview.tool,
            catalogue.manifest,
            catalogue.fingerprint,
            lang,
            today,
            practice=view.practice,
            case_code=case_code,
            comparison=comparison,
            study=view.study,
        )
        return write_handout(handout, target)

    def failed(error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error)
        QMessageBox.warning(
            parent, _("Save as PDF"), _("The PDF was not saved: {reason}").format(reason=reason)
        )

    run_with_progress(parent, _("Writing the PDF…"), work, on_saved or (lambda _path: None), failed)

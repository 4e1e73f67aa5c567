"""The workshop report for both surfaces: gather what the store holds, compute the figures, write a file.

Thin: the numbers are :mod:`companion.core.report.figures`, the layout
:mod:`companion.core.report.pdf` and :mod:`companion.core.report.xlsx`. The
agency breakdown needs the roster's names, sealed in the records' vault: pass
an unlocked ``vault`` for it, or none and the report says it needs the passphrase.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.workshop import Workshop
    from companion.core.model import EvaluationForm
    from companion.core.records import Vault
    from companion.core.report.figures import Feedback, Figures

LANGUAGES = ("en", "zh-Hans", "bilingual")
EDITIONS = ("donor", "facilitator")
FORMATS = ("pdf", "xlsx")


class ReportError(ValueError):
    """A report that cannot be made; one clear line."""


def _evaluation(workshop: Workshop, pack_id: str) -> tuple[EvaluationForm, Feedback] | None:
    from companion.core.assess.evaluations import stored_responses, summarise
    from companion.core.model import EvaluationForm

    forms = [f for f in workshop.items("evaluation-form") if isinstance(f, EvaluationForm)]
    if not forms:
        return None
    form = forms[0]
    responses = [r for r in stored_responses(workshop.store, pack_id) if r.form == form.id]
    return form, summarise(form, responses)


def figures(workshop: Workshop, vault: Vault | None = None) -> Figures:
    """Every number of the report for the current workshop (agencies only with ``vault`` unlocked)."""
    from companion.app.assess import key, results
    from companion.core.assess.attendance import Attendance
    from companion.core.assess.roster import Roster
    from companion.core.model import AgendaItem
    from companion.core.report.figures import figures as compute
    from companion.core.store.timing import session_times

    pack_id = workshop.current_pack_id()
    manifest = workshop.manifest(pack_id) if pack_id else None
    if pack_id is None or manifest is None:
        raise ReportError(_("No workshop is installed in this data folder."))
    roster = Roster(workshop.store, vault or workshop.vault(), pack_id)
    codes = roster.codes()
    agencies = None
    if vault is not None and vault.is_unlocked:
        agencies = {p.code: p.agency for p in roster.participants()}
    attendance = Attendance(workshop.store, manifest)
    agenda = [item for item in workshop.items("agenda-item") if isinstance(item, AgendaItem)]
    return compute(
        manifest,
        agenda,
        codes,
        attendance.sessions,
        attendance.marks(),
        agencies,
        [s.result for s in results(workshop)],
        key(workshop),
        session_times(workshop.store, pack_id),
        _evaluation(workshop, pack_id),
    )


def write(
    workshop: Workshop,
    out: Path,
    fmt: str = "pdf",
    lang: str = "en",
    edition: str = "donor",
    vault: Vault | None = None,
) -> Figures:
    """Write the report (PDF) or its tables (XLSX) to ``out``, atomically; the figures it holds."""
    data, found = render(workshop, fmt, lang, edition, vault)
    from companion.core.files import write_atomically

    write_atomically(out, data)
    return found


def save_bytes(out: Path, data: bytes) -> Path:
    """Write a report already rendered (the window's preview) to ``out``, atomically."""
    from companion.core.files import write_atomically

    return write_atomically(out, data)


def file_name(fmt: str = "pdf", edition: str = "donor", lang: str = "en") -> str:
    """The suggested file name: kind, edition and language only (no workshop title, no date, no name)."""
    return f"workshop-report-{edition}-{lang}.{fmt}"


def render(
    workshop: Workshop, fmt: str = "pdf", lang: str = "en", edition: str = "donor", vault: Vault | None = None
) -> tuple[bytes, Figures]:
    """The report's bytes (PDF, or XLSX tables) and the figures they hold; nothing is written."""
    if fmt not in FORMATS:
        raise ReportError(_("unknown report format {value} (pdf or xlsx)").format(value=fmt))
    if lang not in LANGUAGES:
        raise ReportError(_("unknown report language {value} (en, zh-Hans or bilingual)").format(value=lang))
    if edition not in EDITIONS:
        raise ReportError(_("unknown report edition {value} (donor or facilitator)").format(value=edition))
    found = figures(workshop, vault)
    if fmt == "xlsx":
        from companion.core.report.xlsx import workbook

        return workbook(found, edition), found
    from companion.core.report.pdf import report_pdf

    return report_pdf(found, lang, edition), found

"""File ▸ Workshop report…, File ▸ Certificates… and Help ▸ Verify a certificate…, as a user meets them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from companion.app.workshop import Workshop
from companion.gui.certificates_dialog import CertificatesDialog
from companion.gui.main_window import MainWindow
from companion.gui.report_dialog import ReportDialog
from companion.gui.verify_dialog import VerifyDialog
from tests.unit.report_support import PASSPHRASE, name_of, populate

KEY_PASSPHRASE = "the publisher key's passphrase"


@pytest.fixture
def held(workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workshop:
    """Six participants after the workshop, a publisher key, and Documents in the test's folder."""
    from companion.app.domain import create_key
    from companion.gui import result_pdf

    populate(workshop, 6, tmp_path)
    create_key(workshop.data_dir, KEY_PASSPHRASE)
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(result_pdf, "default_folder", lambda: documents)
    return workshop


def cell_text(dialog: CertificatesDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def issue_all(workshop: Workshop, out: Path) -> list[Path]:
    from companion.app.certificates import issue
    from companion.app.domain import load_key

    vault = workshop.vault()
    if not vault.is_unlocked:
        vault.unlock(PASSPHRASE)
    return issue(workshop, vault, load_key(workshop.data_dir, KEY_PASSPHRASE), out).written


def pdf_text(data: bytes | None) -> str:
    # pypdf, not PDFium: the preview draws pages with PDFium on a worker meanwhile, and PDFium
    # must never be called from two threads at once.
    from pypdf import PdfReader

    assert data is not None
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# --- the report ------------------------------------------------------------------------------------


def test_report_previews_the_pdf_and_saves_it_under_a_name_without_personal_data(
    qtbot: QtBot, window: MainWindow, held: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.report_action.trigger()
    dialog = window.report_dialog
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=60_000)
    assert not dialog.error.isVisible()
    asked: list[str] = []

    def save_as(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return suggested, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    dialog.combos["lang"].setCurrentIndex(dialog.combos["lang"].findData("zh-Hans"))
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=60_000)
    dialog.save_button.click()
    target = tmp_path / "Documents" / "workshop-report-donor-zh-Hans.pdf"
    qtbot.waitUntil(lambda: dialog.saved == target, timeout=60_000)
    assert asked == [str(target)]
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "participants" not in text  # the Chinese edition was saved, as chosen
    assert not any(name in text for n in range(1, 7) for name in name_of(n))  # the donor edition: codes only
    assert dialog.status.text() == "Saved: workshop-report-donor-zh-Hans.pdf"


def test_a_spreadsheet_has_no_preview_and_is_saved_as_xlsx(
    qtbot: QtBot, window: MainWindow, held: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = window.open_report()
    assert isinstance(dialog, ReportDialog)
    dialog.combos["format"].setCurrentIndex(dialog.combos["format"].findData("xlsx"))
    assert dialog.pages.currentWidget() is dialog.no_preview
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, suggested, _f: (suggested, ""))
    dialog.save_button.click()
    target = tmp_path / "Documents" / "workshop-report-donor-en.xlsx"
    qtbot.waitUntil(lambda: dialog.saved == target or dialog.error.isVisible(), timeout=60_000)
    assert dialog.error.text() == ""
    assert target.read_bytes().startswith(b"PK")  # a zip: the workbook


def test_a_wrong_records_passphrase_is_one_line_in_the_report_window(
    qtbot: QtBot, window: MainWindow, held: Workshop
) -> None:
    dialog = window.open_report()
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=60_000)
    dialog.passphrase.setText("not the passphrase at all")
    dialog.passphrase.editingFinished.emit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=60_000)
    assert dialog.error.text() == "That passphrase is not right; the records stay locked."


def test_with_the_passphrase_the_preview_has_the_agency_breakdown(
    qtbot: QtBot, window: MainWindow, held: Workshop
) -> None:
    dialog = window.open_report()
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=60_000)
    assert "Qilinville Police Bureau" not in pdf_text(dialog.pdf)  # sealed without the passphrase
    dialog.passphrase.setText(PASSPHRASE)
    dialog.passphrase.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.pdf is not None and dialog.entered == PASSPHRASE, timeout=60_000)
    assert not dialog.error.isVisible()
    assert "Qilinville Police Bureau" in pdf_text(dialog.pdf)


# --- certificates ----------------------------------------------------------------------------------


def test_certificates_are_issued_and_the_list_shows_codes_and_reasons_never_names(
    qtbot: QtBot, window: MainWindow, held: Workshop, tmp_path: Path
) -> None:
    window.certificates_action.trigger()
    dialog = window.certificates_dialog
    assert isinstance(dialog, CertificatesDialog)
    assert dialog.attendance.value() == 75  # the core's default
    assert not dialog.issue_button.isEnabled()  # both passphrases first
    out = tmp_path / "certificates"
    dialog.folder.setText(str(out))
    dialog.records_passphrase.setText(PASSPHRASE)
    dialog.key_passphrase.setText(KEY_PASSPHRASE)
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: dialog.issued is not None, timeout=60_000)
    issued = dialog.issued
    assert issued is not None
    assert dialog.table.rowCount() == 6
    cells = [cell_text(dialog, r, c) for r in range(6) for c in range(3)]
    assert [cell_text(dialog, r, 0) for r in range(6)] == [f"P{n:03d}" for n in range(1, 7)]
    for n in range(1, 7):
        latin, chinese = name_of(n)
        assert not any(latin in cell or chinese in cell for cell in cells)
    qualified = [e.code for e in issued.listed if e.eligible]
    written = sorted(p.name for p in out.glob("certificate-*.pdf"))
    assert written == [f"certificate-{c}.pdf" for c in qualified]
    assert dialog.summary.text().startswith(f"{len(qualified)} of 6 participants qualified")
    assert dialog.open_button.isEnabled()


def test_a_wrong_key_passphrase_issues_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, held: Workshop, tmp_path: Path
) -> None:
    dialog = window.open_certificates()
    assert isinstance(dialog, CertificatesDialog)
    out = tmp_path / "certificates"
    dialog.folder.setText(str(out))
    dialog.records_passphrase.setText(PASSPHRASE)
    dialog.key_passphrase.setText("not the key's passphrase")
    dialog.issue_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=60_000)
    assert dialog.error.text() == "No certificate was issued: The passphrase does not open the publisher key."
    assert not out.exists() and dialog.table.rowCount() == 0


# --- verifying -------------------------------------------------------------------------------------


def verdict_of(qtbot: QtBot, dialog: VerifyDialog) -> str:
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=60_000)
    return str(dialog.band.property("kind"))


def test_verify_an_issued_certificate_from_its_pdf_then_a_changed_text(
    qtbot: QtBot, window: MainWindow, held: Workshop, tmp_path: Path
) -> None:
    from companion.app.certificates import read_image

    written = issue_all(held, tmp_path / "out")
    window.verify_action.trigger()
    dialog = window.verify_dialog
    assert isinstance(dialog, VerifyDialog)
    dialog.check_image(written[0])
    assert verdict_of(qtbot, dialog) == "trusted"
    assert dialog.band.text() == "Valid, and issued by someone this computer trusts"
    assert dialog.fields["name"].text().startswith("Zorqwen Blatt")
    assert dialog.details.isVisibleTo(dialog)

    text = read_image(written[0])
    changed = text[:-3] + ("A" if text[-3] != "A" else "B") + text[-2:]
    dialog.text.setPlainText(changed)
    dialog.check_button.click()
    assert verdict_of(qtbot, dialog) == "invalid"
    assert dialog.band.text() == "Not valid" and dialog.reason.text()
    assert not dialog.details.isVisibleTo(dialog)


def test_a_certificate_signed_by_another_key_is_valid_but_untrusted_with_its_fingerprint(
    qtbot: QtBot, window: MainWindow, held: Workshop
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from companion.app.domain import show_fingerprint
    from companion.core.certificates.payload import Certificate, encode
    from companion.core.packs.signing import fingerprint

    other = Ed25519PrivateKey.generate()
    text = encode(Certificate("ABCDEFGH", "someone-else", "A workshop", "2027-03-16", 2, "Ada Qwert"), other)
    public = other.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    dialog = window.open_verify()
    assert isinstance(dialog, VerifyDialog)
    dialog.text.setPlainText(text)
    dialog.check_button.click()
    assert verdict_of(qtbot, dialog) == "untrusted"
    assert show_fingerprint(fingerprint(public)) in dialog.fields["issuer"].text()
    assert dialog.fields["dates"].text() == "2027-03-16 to 2027-03-17"


def test_an_image_without_a_qr_code_is_one_line(
    qtbot: QtBot, window: MainWindow, held: Workshop, tmp_path: Path
) -> None:
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("L", (400, 300), 255).save(blank)
    dialog = window.open_verify()
    assert isinstance(dialog, VerifyDialog)
    dialog.check_image(blank)
    assert verdict_of(qtbot, dialog) == "invalid"
    assert dialog.reason.text() == "No QR code was found in the image."

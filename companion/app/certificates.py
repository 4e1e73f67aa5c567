"""Certificates for both surfaces: who qualifies, issuing the PDFs, verifying a text or an image.

Thin over :mod:`companion.core.certificates`: this module gathers what the
core needs from the open :class:`~companion.app.workshop.Workshop` (the
roster through the unlocked vault, attendance, post-test results, who is
trusted, which IDs an issuer revoked) and writes the files.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.certificates.issue import DEFAULT_MIN_ATTENDANCE, Eligibility, check_fraction
from companion.core.certificates.payload import Certificate, CertificateError, certificate_id, short_code
from companion.core.certificates.verify import Verdict
from companion.core.progress import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from companion.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from PIL import Image

    from companion.app.workshop import Workshop
    from companion.core.model import Manifest, Text
    from companion.core.records import Vault

__all__ = [
    "DEFAULT_MIN_ATTENDANCE",
    "CertificateError",
    "Eligibility",
    "Issued",
    "Verdict",
    "check_fraction",
    "eligibility",
    "issue",
    "verdict_kind",
    "verify_image",
    "verify_text",
]

ELIGIBILITY_CSV = "eligibility.csv"
ELIGIBILITY_JSON = "eligibility.json"
MAX_IMAGE_BYTES = 64_000_000  # a phone photo or a scanned page is far less
MAX_IMAGE_SIDE = 2000  # zxing reads a page-sized image quickly; a larger photo is tried smaller too


@dataclass(frozen=True)
class Issued:
    written: list[Path]  # the certificates, one per eligible participant
    listed: list[Eligibility]  # everyone, qualified or not, and why
    lists: list[Path]  # eligibility.csv and eligibility.json


def _manifest(workshop: Workshop) -> Manifest:
    manifest = workshop.manifest()
    if manifest is None:
        raise CertificateError(_("No workshop is installed in this data folder."))
    return manifest


def eligibility(
    workshop: Workshop, min_attendance: float = DEFAULT_MIN_ATTENDANCE, require_post_test: bool = False
) -> list[Eligibility]:
    """Every participant of the current workshop, by code: qualified or not, and why."""
    from companion.app.assess import results
    from companion.app.roster import attendance_of, roster_of
    from companion.core.certificates.issue import eligibility as decide

    attendance = attendance_of(workshop)
    present = [(m.code, m.session) for m in attendance.marks() if m.present]
    post = {r.result.participant for r in results(workshop) if r.result.attempt == "post"}
    sessions = [s.id for s in attendance.sessions]
    codes = roster_of(workshop).codes()
    return decide(codes, present, sessions, post, min_attendance, require_post_test)


def payload_title(title: Text) -> str:
    """The title the QR code carries: of its languages, the one taking fewer bytes (a smaller QR code)."""
    texts = [t for t in (title.get("en"), title.get("zh-Hans")) if t]
    return min(texts, key=lambda t: len(t.encode("utf-8")))


def issue(
    workshop: Workshop,
    vault: Vault,
    key: Ed25519PrivateKey,
    out_dir: Path,
    min_attendance: float = DEFAULT_MIN_ATTENDANCE,
    require_post_test: bool = False,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> Issued:
    """Write a certificate PDF per eligible participant and the eligibility list into ``out_dir``.

    Names open through ``vault`` (unlocked); a participant whose name does not
    open is listed as not qualified, with the reason. ``progress`` counts the
    certificates made; cancelled, nothing is written (:class:`Cancelled`).
    """
    from companion.app.roster import roster_of
    from companion.core.certificates.payload import encode
    from companion.core.certificates.pdf import certificate_pdf, file_name
    from companion.core.files import write_atomically

    manifest = _manifest(workshop)
    listed = eligibility(workshop, min_attendance, require_post_test)
    people = {p.code: p for p in roster_of(workshop, vault).participants()}
    title = payload_title(manifest.workshop.title)
    pages: list[tuple[str, bytes]] = []
    final: list[Eligibility] = []
    expected = sum(1 for entry in listed if entry.eligible)
    progress(0, expected)
    for entry in listed:
        if cancelled():
            raise Cancelled()
        person = people.get(entry.code)
        if entry.eligible and (person is None or not (person.name_latin or person.name_zh)):
            reasons = (*entry.reasons, _("the name does not open with this passphrase"))
            entry = replace(entry, eligible=False, reasons=reasons)
        final.append(entry)
        if not entry.eligible or person is None:
            continue
        cert = Certificate(
            certificate_id(key, manifest.id, entry.code),
            manifest.id,
            title,
            manifest.workshop.start_date,
            manifest.workshop.days,
            person.name_latin,
            person.name_zh,
        )
        text = encode(cert, key)
        pages.append((entry.code, certificate_pdf(manifest, cert, text, short_code(cert.id))))
        progress(len(pages), expected)
    if cancelled():
        raise Cancelled()
    # Every page is made before the first file is written: a failure leaves no half-issued folder.
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_atomically(out_dir / file_name(code), data) for code, data in pages]
    lists = [
        write_atomically(out_dir / ELIGIBILITY_CSV, _csv(final)),
        write_atomically(
            out_dir / ELIGIBILITY_JSON,
            (json.dumps([e.as_json() for e in final], ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
        ),
    ]
    return Issued(written, final, lists)


def _csv(listed: list[Eligibility]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "eligible", "attended", "sessions", "post_test", "reasons"])
    for e in listed:
        writer.writerow(
            [e.code, int(e.eligible), e.attended, e.sessions, int(e.post_test), "; ".join(e.reasons)]
        )
    return buffer.getvalue().encode("utf-8")


# --- verifying ----------------------------------------------------------------------------------


def _trusted(workshop: Workshop) -> dict[str, str]:
    """Who this data folder trusts: pinned, own key, trusted publishers, and installed workshops' signers."""
    from companion.core.packs import trusted
    from companion.core.packs.publisher import installed_publisher, publisher_name

    found = dict(trusted(workshop.store))
    for pack_id in workshop.store.pack_ids():
        signer = installed_publisher(workshop.store, pack_id)
        if signer is not None and signer not in found:
            found[signer] = publisher_name(workshop.store, signer, pack_id)
    return found


def _revoked(workshop: Workshop, workshop_id: str, issuer: str) -> list[str]:
    """The IDs ``issuer`` revoked in its own signed pack of ``workshop_id``, when installed here."""
    from companion.core.packs.publisher import installed_publisher

    if installed_publisher(workshop.store, workshop_id) != issuer:
        return []
    manifest = workshop.store.manifest(workshop_id)
    return list(manifest.revoked_certificates or []) if manifest is not None else []


def verify_text(workshop: Workshop, text: str) -> Verdict:
    """Check a certificate's QR text (or a typed short code) against this data folder's trust."""
    from companion.core.certificates.verify import verdict

    return verdict(text, _trusted(workshop), lambda wid, issuer: _revoked(workshop, wid, issuer))


def _first_page(pdf: bytes) -> Image.Image:
    """A PDF's first page at 200 dpi, drawn through the program's one door to PDFium."""
    from PIL import Image

    from companion.core.handouts.preview import PdfPages

    pages = PdfPages(pdf)
    try:
        page = pages.render(0, 200 / 72)
    finally:
        pages.close()
    return Image.frombuffer("RGB", (page.width, page.height), page.pixels, "raw", "BGRX", page.stride, 1)


def read_image(path: Path) -> str:
    """The text of the QR code in a photo, a scan or a PDF's first page; CertificateError if none."""
    import zxingcpp
    from PIL import Image

    from companion.core.files import read_regular_file

    try:
        data = read_regular_file(path, MAX_IMAGE_BYTES)  # a pipe or a device is refused, never waited on
        if data.startswith(b"%PDF"):
            image = _first_page(data)
        else:
            with Image.open(io.BytesIO(data)) as opened:
                image = opened.convert("L")
    except FileNotFoundError:
        raise CertificateError(_("No such file: {name}").format(name=path.name)) from None
    # OSError: not a regular file, too large, unreadable; Pillow's errors, its decompression-bomb
    # guard included, and pypdfium2's (RuntimeError) for a damaged PDF.
    except (OSError, ValueError, RuntimeError, Image.DecompressionBombError, IndexError):
        raise CertificateError(
            _("{name} is not an image this program can read.").format(name=path.name)
        ) from None
    gray = image.convert("L")
    tries = [gray]
    if max(gray.size) > MAX_IMAGE_SIDE:
        scale = MAX_IMAGE_SIDE / max(gray.size)
        tries.append(
            gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BOX)
        )
    texts: list[str] = []
    for candidate in tries:
        found = zxingcpp.read_barcodes(
            candidate, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
        texts += [b.text for b in found if b.valid]
        if texts:
            break
    if not texts:
        raise CertificateError(_("No QR code was found in the image."))
    from companion.core.certificates.payload import PREFIX

    return next((t for t in texts if t.startswith(PREFIX)), texts[0])


def verify_image(workshop: Workshop, path: Path) -> Verdict:
    """Read the QR code in ``path`` and check it; an image without one is a verdict too (not valid)."""
    try:
        text = read_image(path)
    except CertificateError as exc:
        return Verdict(False, str(exc))
    return verify_text(workshop, text)


def verdict_kind(verdict: Verdict) -> str:
    """"trusted", "untrusted", "revoked" or "invalid": how plainly a window shows the verdict.

    Only a revoked certificate is refused with its signed fields read back (the signature held).
    """
    if verdict.valid:
        return "trusted" if verdict.issuer_trusted else "untrusted"
    return "revoked" if verdict.issuer is not None else "invalid"

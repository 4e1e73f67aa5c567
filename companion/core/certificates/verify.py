"""What checking a certificate text says: valid or not, why, and whether its issuer is trusted.

The answer has the fields of ``companion certificate verify --json``
(docs/certificates.md#verifying). Trust and revocation are handed in by the
caller (the installed workshops and trusted publishers of a data folder), so
this module reads no store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from companion.core.certificates.payload import CertificateError, decode, read_short_code
from companion.i18n import _

# (workshop ID, issuer fingerprint) -> the certificate IDs that issuer revoked for that workshop
Revoked = Callable[[str, str], Collection[str]]


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str
    certificate_id: str | None = None
    name: str | None = None
    workshop: dict[str, str] | None = None  # {"id", "title"}
    dates: dict[str, str] | None = None  # {"start", "end"}, ISO
    issuer: str | None = None  # full fingerprint, hexadecimal
    issuer_trusted: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "reason": self.reason,
            "certificate_id": self.certificate_id,
            "name": self.name,
            "workshop": self.workshop,
            "dates": self.dates,
            "issuer": self.issuer,
            "issuer_trusted": self.issuer_trusted,
        }


def verdict(text: str, trusted: Mapping[str, str], revoked: Revoked) -> Verdict:
    """Check ``text`` (a QR payload or a typed short code) against ``trusted`` issuers and revocations.

    ``trusted`` maps fingerprints to names. A valid signature by an issuer not
    in it is valid but untrusted, said plainly; a revoked ID is not valid.
    """
    try:
        short = read_short_code(text)
    except CertificateError as exc:
        return Verdict(False, str(exc))
    if short is not None:
        return Verdict(
            False,
            _(
                "A short code carries no signature: scan the certificate's QR code, or ask its issuer to "
                "look the code up in the list of issued certificates."
            ),
            certificate_id=short,
        )
    try:
        signed = decode(text)
    except CertificateError as exc:
        return Verdict(False, str(exc))
    cert = signed.certificate
    fields: dict[str, Any] = {
        "certificate_id": cert.id,
        "name": cert.name,
        "workshop": {"id": cert.workshop, "title": cert.title},
        "dates": {"start": cert.start_date, "end": cert.end_date},
        "issuer": signed.issuer,
        "issuer_trusted": signed.issuer in trusted,
    }
    if cert.id in revoked(cert.workshop, signed.issuer):
        return Verdict(False, _("Its issuer has revoked this certificate."), **fields)
    if signed.issuer in trusted:
        reason = _("Valid: signed by {issuer}.").format(issuer=trusted[signed.issuer])
    else:
        reason = _(
            "The signature is valid, but the issuer is not one this computer trusts: "
            "compare its fingerprint with the one the issuer publishes."
        )
    return Verdict(True, reason, **fields)

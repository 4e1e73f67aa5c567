"""The signed text in a certificate's QR code: encode, sign, read back and check (docs/certificates.md).

``CTC1:`` then base45 of a compact binary record: the certificate ID, the
workshop's start date and length, the workshop ID and title, the name in
Latin and in Chinese script, the issuer's Ed25519 public key and a signature
over the prefix and everything before the signature. Every byte is signed
or is the signature, so changing any character makes the text unreadable or
the signature wrong. The key travels in the text so a stranger can still
check it; whether that key is *trusted* is decided by :mod:`.verify`.

A short code (``7K2M-Q9XD-4``: the certificate ID and a check character) is
printed beside the QR code for typing; it carries no signature.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.core.certificates import base45
from companion.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PREFIX = "CTC1:"
ID_BYTES = 5  # 40 bits: 8 characters, unique far beyond any one publisher's certificates
EPOCH = date(2000, 1, 1)  # dates travel as days since then, in two bytes (until 2179)
KEY_BYTES = 32
SIGNATURE_BYTES = 64
MAX_FIELD_BYTES = 255  # each text is prefixed by its length in one byte
# Crockford's base32: no I, L, O, U, so a typed ID has no look-alike letters.
ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORT_CODE = re.compile(r"^([0-9A-Z]{4})-?([0-9A-Z]{4})-?([0-9A-Z])$")
_ID_CONTEXT = b"Training Companion certificate ID\x00"


class CertificateError(ValueError):
    """A text that is not a valid certificate; the message is the one line to show."""


@dataclass(frozen=True)
class Certificate:
    id: str  # 8 characters of ID_ALPHABET
    workshop: str  # the workshop (pack) ID
    title: str  # the workshop's title in one language (the shorter; see docs/certificates.md)
    start_date: str  # ISO
    days: int
    name_latin: str = ""
    name_zh: str = ""

    @property
    def end_date(self) -> str:
        return (date.fromisoformat(self.start_date) + timedelta(days=self.days - 1)).isoformat()

    @property
    def name(self) -> str:
        """Both scripts, Latin first; one alone when the other is missing."""
        return " ".join(part for part in (self.name_latin, self.name_zh) if part)


@dataclass(frozen=True)
class Signed:
    certificate: Certificate
    public_key: bytes  # raw Ed25519, 32 bytes

    @property
    def issuer(self) -> str:
        """The issuer's fingerprint, as packs show it (SHA-256 of the raw public key, hexadecimal)."""
        return hashlib.sha256(self.public_key).hexdigest()


def certificate_id(key: Ed25519PrivateKey, workshop: str, code: str) -> str:
    """A participant's certificate ID: the same every time this key issues it, unguessable without it.

    Taken from an Ed25519 signature (deterministic) over the workshop and the
    participant's code: never from the name, and nobody without the key can
    tell which code an ID belongs to.
    """
    digest = hashlib.sha256(key.sign(_ID_CONTEXT + f"{workshop}\x00{code}".encode())).digest()
    return _id_text(digest[:ID_BYTES])


def _id_text(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    return "".join(ID_ALPHABET[number >> shift & 31] for shift in range(35, -1, -5))


def _id_bytes(text: str) -> bytes:
    number = 0
    for char in text:
        number = number << 5 | ID_ALPHABET.index(char)
    return number.to_bytes(ID_BYTES, "big")


def _check_char(cert_id: str) -> str:
    return ID_ALPHABET[hashlib.sha256(cert_id.encode("ascii")).digest()[0] % 32]


def short_code(cert_id: str) -> str:
    """``7K2MQ9XD`` -> ``7K2M-Q9XD-4``: the ID in two groups and a check character against typing slips."""
    return f"{cert_id[:4]}-{cert_id[4:]}-{_check_char(cert_id)}"


def read_short_code(text: str) -> str | None:
    """The certificate ID a typed short code names; None when ``text`` is not shaped like one.

    Raises :class:`CertificateError` when it is shaped like one but its check character does not match.
    """
    found = SHORT_CODE.match(text.strip().upper())
    if found is None:
        return None
    cert_id = found.group(1) + found.group(2)
    if any(char not in ID_ALPHABET for char in cert_id) or _check_char(cert_id) != found.group(3):
        raise CertificateError(_("The short code has a typing mistake: its check character does not match."))
    return cert_id


def _field(value: str) -> bytes:
    data = value.encode("utf-8")
    if len(data) > MAX_FIELD_BYTES:
        raise CertificateError(
            _("A text on the certificate is too long for its code ({count} bytes at most).").format(
                count=MAX_FIELD_BYTES
            )
        )
    return bytes((len(data),)) + data


def _body(cert: Certificate) -> bytes:
    start = (date.fromisoformat(cert.start_date) - EPOCH).days
    if not 0 <= start < 1 << 16 or not 1 <= cert.days <= 255:
        raise CertificateError(_("The workshop's dates cannot be put on a certificate."))
    if not (cert.name_latin or cert.name_zh):
        raise CertificateError(_("A certificate needs a name."))
    return (
        _id_bytes(cert.id)
        + start.to_bytes(2, "big")
        + bytes((cert.days,))
        + b"".join(_field(v) for v in (cert.workshop, cert.title, cert.name_latin, cert.name_zh))
    )


def encode(cert: Certificate, key: Ed25519PrivateKey) -> str:
    """The certificate's QR text, signed with ``key`` (the publisher key)."""
    from cryptography.hazmat.primitives import serialization

    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    signed = _body(cert) + public
    return PREFIX + base45.encode(signed + key.sign(PREFIX.encode("ascii") + signed))


def decode(text: str) -> Signed:
    """The certificate ``text`` carries, its signature checked; :class:`CertificateError` otherwise.

    Only line breaks around the text are ignored (a scanner or a terminal adds
    them); a space is a base45 character, so any other change counts.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    text = text.strip("\r\n")
    if not text.startswith(PREFIX):
        raise CertificateError(_("This is not a Training Companion certificate code."))
    unreadable = CertificateError(_("The certificate code is cut short or altered: it cannot be read."))
    try:
        data = base45.decode(text[len(PREFIX) :])
    except ValueError:
        raise unreadable from None
    cert, end = _parse(data, unreadable)
    if len(data) != end + KEY_BYTES + SIGNATURE_BYTES:
        raise unreadable
    public = data[end : end + KEY_BYTES]
    signature = data[end + KEY_BYTES :]
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            signature, PREFIX.encode("ascii") + data[:-SIGNATURE_BYTES]
        )
    except (InvalidSignature, ValueError):
        raise CertificateError(
            _("The signature does not match: the certificate was changed after it was signed.")
        ) from None
    return Signed(cert, public)


def _parse(data: bytes, unreadable: CertificateError) -> tuple[Certificate, int]:
    at = ID_BYTES + 3
    if len(data) < at:
        raise unreadable
    texts = []
    for _n in range(4):
        if at >= len(data) or at + 1 + data[at] > len(data):
            raise unreadable
        try:
            texts.append(data[at + 1 : at + 1 + data[at]].decode("utf-8"))
        except UnicodeDecodeError:
            raise unreadable from None
        at += 1 + data[at]
    start = EPOCH + timedelta(days=int.from_bytes(data[ID_BYTES : ID_BYTES + 2], "big"))
    days = data[ID_BYTES + 2]
    if days < 1:
        raise unreadable
    workshop, title, latin, zh = texts
    cert = Certificate(_id_text(data[:ID_BYTES]), workshop, title, start.isoformat(), days, latin, zh)
    return cert, at

"""Publisher keys and signatures: Ed25519 over a pack's manifest bytes.

A publisher key lives in the user's data folder: the private part encrypted
with a passphrase (PKCS#8 PEM), the public part beside it so its fingerprint
can be shown without asking for the passphrase. A fingerprint is the SHA-256
of the raw 32-byte public key; people read it in groups of four.

Who is trusted is decided elsewhere (the pinned bundled publisher and the
store's list); this module only says who signed and whether the bytes match.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion import resources
from companion.core.files import AS_UMASK, write_atomically
from companion.core.packs.format import MAX_SIGNATURE_BYTES, PackError
from companion.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_FILE = "publisher-key.pem"
PUBLIC_FILE = "publisher-key.pub"
MIN_PASSPHRASE = 8
BUNDLED_PUBLISHER_NAME = "Training Companion sample content"
SHORT_DIGITS = 16  # hexadecimal digits of a fingerprint shown where a signer is named


@dataclass(frozen=True)
class Signature:
    public_key: bytes  # raw, 32 bytes
    signature: bytes  # 64 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


def show_fingerprint(value: str) -> str:
    """``"ab12cd34..."`` -> ``"AB12 CD34 ..."``: easier to read aloud and compare."""
    return " ".join(value[n : n + 4].upper() for n in range(0, len(value), 4))


def short_fingerprint(value: str) -> str:
    """The first four groups, ``"AB12 CD34 EF56 7890"``: what the window and lists show of a signer.

    Sixty-four bits: enough to tell publishers apart at a glance and to
    compare aloud; the full fingerprint stays for ``pack trust`` and JSON.
    """
    return show_fingerprint(value[:SHORT_DIGITS])


def signer_label(name: str | None, value: str) -> str:
    """A signer as people read it: the publisher's name and the short fingerprint."""
    if not name:
        return short_fingerprint(value)
    return _("{publisher} ({fingerprint})").format(publisher=name, fingerprint=short_fingerprint(value))


def parse_fingerprint(text: str) -> str:
    """A fingerprint as a person may type it (spaces, colons, any case), normalised."""
    cleaned = re.sub(r"[\s:]", "", text).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", cleaned):
        raise PackError(_("A fingerprint is 64 hexadecimal characters (spaces allowed)."))
    return cleaned


# --- the user's own key -------------------------------------------------------------


def has_key(data_dir: Path) -> bool:
    return (data_dir / KEY_FILE).is_file() and (data_dir / PUBLIC_FILE).is_file()


def own_fingerprint(data_dir: Path) -> str | None:
    """The fingerprint of the data folder's publisher key, without the passphrase."""
    try:
        raw = bytes.fromhex((data_dir / PUBLIC_FILE).read_text("ascii").strip())
    except (OSError, ValueError):
        return None
    return fingerprint(raw) if len(raw) == 32 else None


def create_key(data_dir: Path, passphrase: str) -> str:
    """Make a publisher key protected by ``passphrase``; return its fingerprint."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if has_key(data_dir):
        raise PackError(_("This data folder already has a publisher key; it is never replaced."))
    if len(passphrase) < MIN_PASSPHRASE:
        raise PackError(_("The passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    data_dir.mkdir(parents=True, exist_ok=True)
    # The private key first: a public file without its private key would look usable.
    write_atomically(data_dir / KEY_FILE, pem, mode=0o600)
    write_atomically(data_dir / PUBLIC_FILE, (raw.hex() + "\n").encode("ascii"), AS_UMASK)
    return fingerprint(raw)


def load_key(data_dir: Path, passphrase: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        pem = (data_dir / KEY_FILE).read_bytes()
    except FileNotFoundError:
        raise PackError(_("This data folder has no publisher key yet.")) from None
    try:
        key = serialization.load_pem_private_key(pem, passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise PackError(_("The passphrase does not open the publisher key.")) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(_("The publisher key is not an Ed25519 key."))
    return key


# --- signatures ---------------------------------------------------------------------


def sign(manifest: bytes, key: Ed25519PrivateKey) -> bytes:
    """The contents of ``MANIFEST.sig`` for ``manifest``'s exact bytes."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    body = {"algorithm": "ed25519", "public_key": raw.hex(), "signature": key.sign(manifest).hex()}
    return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("ascii")


def read_signature(data: bytes) -> Signature:
    malformed = PackError(_("The pack's signature file is malformed."))
    if len(data) > MAX_SIGNATURE_BYTES:
        raise malformed
    try:
        body = json.loads(data.decode("ascii"))
        if not isinstance(body, dict) or body.get("algorithm") != "ed25519":
            raise malformed
        public_key = bytes.fromhex(body["public_key"])
        signature = bytes.fromhex(body["signature"])
    except (ValueError, KeyError, TypeError, RecursionError):
        raise malformed from None
    if len(public_key) != 32 or len(signature) != 64 or set(body) != {"algorithm", "public_key", "signature"}:
        raise malformed
    return Signature(public_key, signature)


def check(manifest: bytes, signature: Signature) -> None:
    """Raise :class:`PackError` unless ``signature`` signs ``manifest`` exactly."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(signature.public_key).verify(signature.signature, manifest)
    except (InvalidSignature, ValueError):
        raise PackError(
            _("The pack's signature does not match its manifest: it was changed after it was signed.")
        ) from None


def pinned_publishers() -> dict[str, str]:
    """Publishers every installation trusts: the bundled workshop's, by fingerprint."""
    raw = bytes.fromhex(resources.path(resources.BUNDLED_PUBLISHER_KEY).read_text("ascii").strip())
    return {fingerprint(raw): BUNDLED_PUBLISHER_NAME}

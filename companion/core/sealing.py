"""Sealing data with a passphrase: a key derived with scrypt, then AES-256-GCM.

The only code that touches ciphers for field records. A sealed box is
``nonce || ciphertext+tag``; the associated data binds a box to its place
(a record's ID, say), so a box copied onto another row does not open.
``cryptography`` is imported only here and only when something is sealed.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

NONCE_BYTES = 12
KEY_BYTES = 32
SALT_BYTES = 16


class WrongPassphraseError(Exception):
    """The passphrase does not open what it was given."""


@dataclass(frozen=True)
class KdfParams:
    """scrypt's cost: about 0.1 s and 32 MiB here at the defaults (n = 2**15)."""

    salt: bytes
    n: int = 2**15
    r: int = 8
    p: int = 1

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(os.urandom(SALT_BYTES))

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["salt"] = self.salt.hex()
        return {"kdf": "scrypt", **data}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        if data.get("kdf") != "scrypt":
            raise ValueError(f"unknown key derivation {data.get('kdf')!r}")
        return cls(bytes.fromhex(str(data["salt"])), int(data["n"]), int(data["r"]), int(data["p"]))  # type: ignore[call-overload]


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)  # random 96-bit nonces: safe far beyond our record counts
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, box: bytes, associated: bytes) -> bytes:
    """The plaintext, or :class:`WrongPassphraseError` if the key or the box is wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(box[:NONCE_BYTES], box[NONCE_BYTES:], associated)
    except (InvalidTag, ValueError):
        raise WrongPassphraseError() from None

"""Sealing data with a passphrase: a key derived with scrypt, then AES-256-GCM.

The only code that touches ciphers for field records. A sealed box is
``nonce || ciphertext+tag``; the associated data binds a box to its place
(a record's ID and version, say), so a box copied onto another row does not open.
``cryptography`` is imported only here and only when something is sealed.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

NONCE_BYTES = 12
KEY_BYTES = 32
SALT_BYTES = 16
# The scrypt cost a file or a vault row may ask for. A hand-over file carries its
# own cost, so an unbounded one lets a file make this machine spend gigabytes and
# seconds (or crash) before its passphrase is even checked. age caps the work
# factor it accepts from a file for the same reason. The floor keeps a key from
# being cheap to guess (the tests derive at the floor); the ceiling, four times
# the shipped cost (about 0.4 s and 128 MiB), leaves room for a later version to
# raise the default while an old laptop in a workshop room still opens its files.
MIN_N = 2**10
MAX_N = 2**17
MAX_R = 16
MAX_P = 4
MAX_WORK = 2**17 * 8  # n * r * p: memory is 128 * n * r bytes, time grows with n * r * p


class WrongPassphraseError(Exception):
    """The passphrase does not open what it was given."""


class KdfParamsError(ValueError):
    """Key derivation settings that are malformed or outside the accepted bounds."""


@dataclass(frozen=True)
class KdfParams:
    """scrypt's cost: about 0.1 s and 32 MiB here at the defaults (n = 2**15).

    Settings outside the bounds above cannot be made at all, so nothing derives a
    key with them: :class:`KdfParamsError` is raised before any work is done.
    """

    salt: bytes
    n: int = 2**15
    r: int = 8
    p: int = 1

    def __post_init__(self) -> None:
        numbers = (self.n, self.r, self.p)
        if not isinstance(self.salt, bytes) or len(self.salt) != SALT_BYTES:
            raise KdfParamsError(f"the salt must be {SALT_BYTES} bytes")
        if any(type(number) is not int for number in numbers):  # bool and float are not counts
            raise KdfParamsError("n, r and p must be whole numbers")
        if not MIN_N <= self.n <= MAX_N or self.n & (self.n - 1):
            raise KdfParamsError(f"n must be a power of two from 2**10 to 2**17, not {self.n}")
        if not (1 <= self.r <= MAX_R and 1 <= self.p <= MAX_P and self.n * self.r * self.p <= MAX_WORK):
            raise KdfParamsError(f"r = {self.r} and p = {self.p} ask for more work than is accepted")

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(os.urandom(SALT_BYTES))

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["salt"] = self.salt.hex()
        return {"kdf": "scrypt", **data}

    @classmethod
    def from_json(cls, data: object) -> KdfParams:
        """Settings read from a file or the vault row.

        :class:`ValueError` if they are malformed, :class:`KdfParamsError` (a
        ValueError) if they are out of bounds; either before any work is done.
        """
        if not isinstance(data, dict) or data.get("kdf") != "scrypt":
            raise ValueError("unknown key derivation")
        if set(data) != {"kdf", "salt", "n", "r", "p"} or not isinstance(data["salt"], str):
            raise ValueError("malformed key derivation settings")
        return cls(bytes.fromhex(data["salt"]), data["n"], data["r"], data["p"])


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

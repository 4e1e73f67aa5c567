"""Base45 (RFC 9285): bytes as text in the QR code's alphanumeric alphabet.

A QR code stores these 45 characters in 5.5 bits each, so two bytes take
three characters and about 16.5 bits: nearly as dense as raw bytes, and the
text survives being typed, pasted or read back by any scanner.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


def encode(data: bytes) -> str:
    chars: list[str] = []
    for start in range(0, len(data), 2):
        pair = data[start : start + 2]
        if len(pair) == 2:
            n = pair[0] * 256 + pair[1]
            chars += [ALPHABET[n % 45], ALPHABET[n // 45 % 45], ALPHABET[n // 2025]]
        else:
            chars += [ALPHABET[pair[0] % 45], ALPHABET[pair[0] // 45]]
    return "".join(chars)


def decode(text: str) -> bytes:
    """The bytes ``text`` encodes; ValueError for a character outside the alphabet or a bad length."""
    if len(text) % 3 == 1:
        raise ValueError("base45 text cannot have this length")
    out = bytearray()
    for start in range(0, len(text), 3):
        group = text[start : start + 3]
        try:
            values = [_VALUE[char] for char in group]
        except KeyError:
            raise ValueError("a character outside base45") from None
        n = sum(value * 45**power for power, value in enumerate(values))
        if len(group) == 3:
            if n > 0xFFFF:
                raise ValueError("a base45 group out of range")
            out += bytes((n // 256, n % 256))
        else:
            if n > 0xFF:
                raise ValueError("a base45 group out of range")
            out.append(n)
    return bytes(out)

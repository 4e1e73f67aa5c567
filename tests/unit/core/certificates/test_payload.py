"""The signed certificate text: round trip, every single-character change refused, keys and trust."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion.core.certificates import base45
from companion.core.certificates.payload import (
    ID_BYTES,
    KEY_BYTES,
    PREFIX,
    SIGNATURE_BYTES,
    Certificate,
    CertificateError,
    certificate_id,
    decode,
    encode,
    read_short_code,
    short_code,
)
from companion.core.certificates.verify import verdict

TITLE = "识别、保护和援助人口贩运受害人的国际标准"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def cert(key: Ed25519PrivateKey) -> Certificate:
    cid = certificate_id(key, "nanning-workshop", "P001")
    return Certificate(cid, "nanning-workshop", TITLE, "2027-03-16", 2, "Chen Xiaoming", "陈晓明")


@pytest.fixture(scope="module")
def text(cert: Certificate, key: Ed25519PrivateKey) -> str:
    return encode(cert, key)


def no_revocations(_workshop: str, _issuer: str) -> list[str]:
    return []


def test_base45_round_trips_every_length() -> None:
    for data in (b"", b"\x00", b"\xff\xff", bytes(range(256)), b"\x01\x02\x03"):
        assert base45.decode(base45.encode(data)) == data
    assert base45.encode(b"AB") == "BB8"  # RFC 9285's example


def test_a_certificate_reads_back_with_its_issuer(
    cert: Certificate, text: str, key: Ed25519PrivateKey
) -> None:
    signed = decode(text)
    assert signed.certificate == cert
    assert signed.certificate.end_date == "2027-03-17"
    assert signed.certificate.name == "Chen Xiaoming 陈晓明"
    assert text.startswith(PREFIX) and len(text) < 330  # a QR a phone reads at arm's length
    assert decode(text + "\n").certificate == cert  # a scanner's line break is not a change


def test_the_id_is_stable_for_the_key_and_code_and_not_from_the_name(key: Ed25519PrivateKey) -> None:
    first = certificate_id(key, "w", "P001")
    assert first == certificate_id(key, "w", "P001")
    assert first != certificate_id(key, "w", "P002")
    assert first != certificate_id(Ed25519PrivateKey.generate(), "w", "P001")
    assert len(first) == 8


def _positions(text: str) -> dict[str, list[int]]:
    """Character positions of each part of the text (two bytes are three base45 characters)."""
    body = len(base45.decode(text[len(PREFIX) :]))
    key_at = body - SIGNATURE_BYTES - KEY_BYTES

    def chars(first_byte: int, last_byte: int) -> list[int]:
        return list(range(len(PREFIX) + first_byte // 2 * 3, len(PREFIX) + (last_byte // 2 + 1) * 3))

    return {
        "prefix": list(range(len(PREFIX))),
        "id": chars(0, ID_BYTES - 1),
        "dates": chars(ID_BYTES, ID_BYTES + 2),
        "texts": chars(ID_BYTES + 3, key_at - 1),
        "key": chars(key_at, key_at + KEY_BYTES - 1),
        "signature": [*chars(key_at + KEY_BYTES, body - 1)[:-1], len(text) - 1],
    }


def test_every_single_character_change_is_refused(text: str) -> None:
    parts = _positions(text)
    assert sorted({p for ps in parts.values() for p in ps}) == list(range(len(text)))  # every position
    for part, positions in parts.items():
        for position in positions:
            # The neighbouring character of the alphabet, a lower-case letter, a space.
            for replacement in {base45.ALPHABET[(base45.ALPHABET.find(text[position]) + 1) % 45], "a", " "}:
                if replacement == text[position]:
                    continue
                changed = text[:position] + replacement + text[position + 1 :]
                with pytest.raises(CertificateError):
                    decode(changed)
                result = verdict(changed, {}, no_revocations)
                assert not result.valid, (part, position, replacement)


def test_every_replacement_at_sampled_positions_is_refused(text: str) -> None:
    parts = _positions(text)
    for positions in parts.values():
        for position in (positions[0], positions[len(positions) // 2], positions[-1]):
            for replacement in base45.ALPHABET + "a-_é":
                if replacement != text[position]:
                    with pytest.raises(CertificateError):
                        decode(text[:position] + replacement + text[position + 1 :])


def test_truncated_and_lengthened_codes_are_refused(text: str) -> None:
    for changed in (text[:-1], text[:-3], text[: len(text) // 2], text + "0", text + "000", PREFIX):
        with pytest.raises(CertificateError, match="cut short or altered"):
            decode(changed)


def test_another_key_is_valid_but_untrusted_and_a_swapped_key_is_refused(
    cert: Certificate, text: str, key: Ed25519PrivateKey
) -> None:
    other = Ed25519PrivateKey.generate()
    forged = encode(cert, other)
    mine = decode(text).issuer
    trusted = {mine: "Organiser"}
    assert verdict(text, trusted, no_revocations).issuer_trusted
    result = verdict(forged, trusted, no_revocations)
    assert (result.valid, result.issuer_trusted) == (True, False)
    assert result.issuer != mine and "not one this computer trusts" in result.reason
    # The other key's signature with the trusted key put in its place: refused.
    data = base45.decode(forged[len(PREFIX) :])
    public = base45.decode(text[len(PREFIX) :])[-SIGNATURE_BYTES - KEY_BYTES : -SIGNATURE_BYTES]
    spliced = data[: -SIGNATURE_BYTES - KEY_BYTES] + public + data[-SIGNATURE_BYTES:]
    result = verdict(PREFIX + base45.encode(spliced), trusted, no_revocations)
    assert not result.valid and "changed after it was signed" in result.reason


def test_the_verdict_has_the_fields_issue_21_names(text: str, cert: Certificate) -> None:
    issuer = decode(text).issuer
    result = verdict(text, {issuer: "Organiser"}, no_revocations).as_json()
    assert result == {
        "valid": True,
        "reason": "Valid: signed by Organiser.",
        "certificate_id": cert.id,
        "name": "Chen Xiaoming 陈晓明",
        "workshop": {"id": "nanning-workshop", "title": TITLE},
        "dates": {"start": "2027-03-16", "end": "2027-03-17"},
        "issuer": issuer,
        "issuer_trusted": True,
    }


def test_a_revoked_certificate_is_not_valid(text: str, cert: Certificate) -> None:
    issuer = decode(text).issuer
    asked: list[tuple[str, str]] = []

    def revoked(workshop: str, by: str) -> list[str]:
        asked.append((workshop, by))
        return [cert.id]

    result = verdict(text, {issuer: "Organiser"}, revoked)
    assert (result.valid, result.certificate_id, result.reason) == (
        False,
        cert.id,
        "Its issuer has revoked this certificate.",
    )
    assert asked == [("nanning-workshop", issuer)]


def test_other_texts_and_short_codes(cert: Certificate) -> None:
    for other in ("https://example.org/", "", "CT1|P001|pre|abc", "HC1:NCFOXN"):
        result = verdict(other, {}, no_revocations)
        assert not result.valid and result.reason == "This is not a Training Companion certificate code."
    code = short_code(cert.id)
    assert read_short_code(code) == cert.id == read_short_code(code.lower().replace("-", ""))
    result = verdict(code, {}, no_revocations)
    assert (result.valid, result.certificate_id) == (False, cert.id)
    assert "carries no signature" in result.reason
    slip = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert "typing mistake" in verdict(slip, {}, no_revocations).reason


def test_a_name_in_one_script_only(key: Ed25519PrivateKey) -> None:
    cert = Certificate("00000000", "w", "T", "2027-01-01", 1, "Nguyen Van An", "")
    assert decode(encode(cert, key)).certificate.name == "Nguyen Van An"
    with pytest.raises(CertificateError):
        encode(Certificate("00000000", "w", "T", "2027-01-01", 1, "", ""), key)

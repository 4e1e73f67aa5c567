"""The certificate page (its QR code read back from the rendered page) and who qualifies."""

from __future__ import annotations

import tomllib

import pypdfium2
import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion import resources
from companion.core.certificates.issue import eligibility
from companion.core.certificates.payload import Certificate, certificate_id, decode, encode, short_code
from companion.core.certificates.pdf import certificate_pdf, dates_en, dates_zh, file_name
from companion.core.model import Manifest


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    path = resources.bundled_pack_dir() / "pack.toml"
    return Manifest.model_validate(tomllib.loads(path.read_text("utf-8")))


def page_of(data: bytes) -> pypdfium2.PdfPage:
    return pypdfium2.PdfDocument(data)[0]


def top_of(page: pypdfium2.PdfPage, text: str) -> float:
    search = page.get_textpage().search(text)
    found = search.get_next()
    assert found is not None, text
    return float(page.get_textpage().get_charbox(found[0])[3])


def test_the_qr_code_read_from_the_rendered_page_verifies(manifest: Manifest) -> None:
    key = Ed25519PrivateKey.generate()
    cert = Certificate(
        certificate_id(key, manifest.id, "P001"),
        manifest.id,
        "T",
        manifest.workshop.start_date,
        2,
        "Chen Xiaoming",
        "陈晓明",
    )
    text = encode(cert, key)
    page = page_of(certificate_pdf(manifest, cert, text, short_code(cert.id)))
    assert page.get_size() == pytest.approx((841.89, 595.28), abs=0.1)  # A4 landscape
    image = page.render(scale=150 / 72).to_pil()
    read = [b.text for b in zxingcpp.read_barcodes(image) if b.valid]
    assert read == [text]
    assert decode(read[0]).certificate == cert
    words = page.get_textpage().get_text_range()
    for expected in (
        "Chen Xiaoming",
        "陈晓明",
        short_code(cert.id),
        "16-17 March 2027",
        "2027年3月16日至17日",
    ):
        assert expected in words


def test_a_missing_chinese_name_leaves_no_gap(manifest: Manifest) -> None:
    key = Ed25519PrivateKey.generate()
    both = Certificate("00000000", manifest.id, "T", "2027-03-16", 2, "Chen Xiaoming", "陈晓明")
    latin = Certificate("00000000", manifest.id, "T", "2027-03-16", 2, "Nguyen Van An", "")
    pages = [page_of(certificate_pdf(manifest, c, encode(c, key), "0000-0000-0")) for c in (both, latin)]
    assert "陈晓明" not in pages[1].get_textpage().get_text_range()
    # The line after the name moves up by the Chinese name's line: nothing blank where it would be.
    assert top_of(pages[1], "took part") - top_of(pages[0], "took part") > 25  # points, about 11 mm


def test_dates_and_file_names() -> None:
    assert (dates_en("2027-03-16", 1), dates_zh("2027-03-16", 1)) == ("16 March 2027", "2027年3月16日")
    assert (dates_en("2027-03-31", 2), dates_zh("2027-03-31", 2)) == (
        "31 March - 1 April 2027",
        "2027年3月31日至4月1日",
    )
    assert dates_en("2027-12-31", 2) == "31 December 2027 - 1 January 2028"
    assert file_name("P001") == "certificate-P001.pdf"


def test_eligibility_by_attendance_and_post_test() -> None:
    sessions = ["d1-am", "d1-pm", "d2-am", "d2-pm"]
    present = [("P001", s) for s in sessions] + [("P002", "d1-am"), ("P002", "d1-pm"), ("P002", "d1-pm")]
    present += [("P003", s) for s in sessions[:3]] + [
        ("P003", "d9-am")
    ]  # an unknown session counts for nothing
    listed = eligibility(["P001", "P002", "P003", "P004"], present, sessions, {"P003"}, 0.75)
    assert [(e.code, e.eligible, e.attended) for e in listed] == [
        ("P001", True, 4),
        ("P002", False, 2),
        ("P003", True, 3),
        ("P004", False, 0),
    ]
    assert listed[1].reasons == ("attended 2 of 4 half-days (50%)", "below the minimum attendance of 75%")
    strict = eligibility(["P001", "P003"], present, sessions, {"P003"}, 0.75, require_post_test=True)
    assert [(e.eligible, e.reasons[-1]) for e in strict] == [
        (False, "no post-test result"),
        (True, "post-test taken"),
    ]
    with pytest.raises(ValueError):
        eligibility([], [], sessions, set(), 1.5)

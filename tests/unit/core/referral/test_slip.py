"""The referral slip: one bilingual page, no name, confidential details only on request."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from companion.core.record_form import FieldRecord
from companion.core.referral.slip import SlipRequest, write_slip
from companion.core.screening import evaluate
from tests.unit import pdf_support


def _request(bundled_pack, **options) -> SlipRequest:  # type: ignore[no-untyped-def]
    tool = next(i for i in bundled_pack.items if i.id == "ilo-adult-labour")
    shelter = next(i for i in bundled_pack.items if i.id == "svc-01")
    ids = tool.indicator_ids()
    answers = {i: "present" for i in ids[:12]} | {ids[12]: "declined"}
    result = evaluate(tool, answers)
    return SlipRequest(result, tool, shelter, date(2027, 3, 17), **options)


def test_a_practice_slip_is_one_page_in_both_languages_with_a_blank_case_code(
    bundled_pack, tmp_path: Path
) -> None:
    out = write_slip(_request(bundled_pack), tmp_path / "slip.pdf")
    text = pdf_support.squeeze(pdf_support.text(out))
    assert pdf_support.pages(out) == 1
    for expected in (
        "This is a reason for referral, not a legal identification.",
        "这是转介的理由，不是法律上的身份认定。",
        "Case code / 案件编号 ____",  # a field to fill in by hand
        "Sample shelter (fictional)",
        "2027-03-17",
        "DR: Deceptive recruitment",  # a dimension established
        "declined",  # what is still unknown
        "Age not known",
    ):
        assert pdf_support.squeeze(expected) in text, expected


def test_a_record_slip_has_the_case_code_and_never_the_notes(bundled_pack, tmp_path: Path) -> None:
    record = FieldRecord(
        case_code="NN-0042", tool_id="ilo-adult-labour", tool_version="x", answers={}, notes="Wang Xiaoming"
    )
    out = write_slip(_request(bundled_pack, case_code=record.case_code), tmp_path / "slip.pdf")
    text = pdf_support.text(out)
    assert "NN-0042" in text and "Wang" not in text and "Xiaoming" not in text


def test_confidential_details_are_printed_only_on_request(bundled_pack, tmp_path: Path) -> None:
    plain = pdf_support.text(write_slip(_request(bundled_pack), tmp_path / "plain.pdf"))
    assert "Sample Lane" not in plain and "000-0000-0001" not in plain
    request = _request(bundled_pack, include_confidential=True)
    asked = pdf_support.text(write_slip(request, tmp_path / "c.pdf"))
    assert "Sample Lane" in asked and "000-0000-0001" in asked


def test_the_chinese_interface_puts_chinese_first(bundled_pack, tmp_path: Path) -> None:
    text = pdf_support.text(write_slip(_request(bundled_pack, lang="zh-Hans"), tmp_path / "zh.pdf"))
    assert text.index("转介单") < text.index("Referral slip")

"""Paper answer sheets: one PDF per participant, a QR code that says whose and which form, specimens."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from companion.core.assess.sheets import SheetForm, sheet_id, write_sheets
from tests.unit.core.assess.scan_support import FORM, render


def test_one_sheet_per_participant_named_by_code_and_form(tmp_path: Path) -> None:
    written = write_sheets(tmp_path, "nanning-workshop", FORM, ["P001", "P002"])
    assert [p.name for p in written] == ["form-a-P001.pdf", "form-a-P002.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in written)


def test_the_qr_code_carries_participant_form_and_sheet_id(tmp_path: Path) -> None:
    image = render(tmp_path, "P007", {})
    (code,) = zxingcpp.read_barcodes(image)
    assert code.text == f"CT1|P007|form-a|{sheet_id('nanning-workshop', 'P007', 'form-a')}"
    # The same sheet printed again has the same ID; another participant's sheet another one.
    assert sheet_id("nanning-workshop", "P007", "form-a") != sheet_id("nanning-workshop", "P008", "form-a")


def test_a_form_too_long_for_one_sheet_is_one_error_and_no_file(tmp_path: Path) -> None:
    long_form = SheetForm("form-x", "X", "X", tuple((f"q-{n:02d}", 4) for n in range(60)))
    with pytest.raises(ValueError, match="at most 48 questions, not 60"):
        write_sheets(tmp_path / "out", "w", long_form, ["P001"])
    assert not (tmp_path / "out").exists()

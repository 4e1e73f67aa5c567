"""Reading scanned answer sheets: every defect of a real scan, and nothing guessed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from companion.core.assess.scan import ScanError, read_files, read_page
from companion.core.assess.sheets import SheetForm
from tests.unit.core.assess.scan_support import CHOICES, FORM, MARKED, expected, mark, render


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    return render(tmp_path_factory.mktemp("sheet"), "P001", MARKED)


def _read(image: Image.Image) -> tuple[dict[str, str | None], list[str], str | None]:
    page = read_page(image, CHOICES, "scan.png", 1)
    return page.answers, page.flagged, page.problem


def test_a_specimen_sheet_is_read_back_exactly(sheet: Image.Image) -> None:
    page = read_page(sheet, CHOICES, "scan.png", 1)
    assert (page.participant, page.form, page.problem, page.flagged) == ("P001", "form-a", None, [])
    assert page.answers == expected(MARKED)


def test_a_page_fed_two_degrees_askew_is_read_exactly(sheet: Image.Image) -> None:
    tilted = sheet.rotate(2, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    assert _read(tilted) == (expected(MARKED), [], None)


def test_a_page_fed_upside_down_is_read_exactly(sheet: Image.Image) -> None:
    assert _read(sheet.rotate(180)) == (expected(MARKED), [], None)


def test_a_phone_photo_at_an_angle_is_read_exactly(sheet: Image.Image) -> None:
    # The page on a grey table, seen from below and to the side: a trapezium, not a rectangle.
    w, h = sheet.size
    table = Image.new("L", (w + 400, h + 400), 110)
    table.paste(sheet, (200, 200))
    # Output corner (0,0) comes from (0,0); the far edge is squeezed: coefficients of a gentle tilt.
    photo = table.transform(
        (w + 300, h + 300),
        Image.Transform.PERSPECTIVE,
        (1.05, 0.06, 0, 0.02, 1.08, 0, 0.00004, 0.00003),
        Image.Resampling.BILINEAR,
        fillcolor=110,
    )
    assert _read(photo) == (expected(MARKED), [], None)


def test_a_blurred_jpeg_in_uneven_light_is_read_exactly(sheet: Image.Image) -> None:
    shade = Image.linear_gradient("L").resize(sheet.size).point(lambda v: 150 + v * 105 // 255)
    dim = Image.composite(sheet, Image.new("L", sheet.size, 0), shade)  # darker towards the top
    buffer = io.BytesIO()
    dim.filter(ImageFilter.GaussianBlur(1.2)).save(buffer, format="JPEG", quality=55)
    buffer.seek(0)
    assert _read(Image.open(buffer)) == (expected(MARKED), [], None)


def test_two_filled_bubbles_are_flagged_with_the_row_to_look_at(sheet: Image.Image) -> None:
    image = sheet.copy()
    mark(image, 1, 0)  # q-01 had B; now A too
    page = read_page(image, CHOICES, "scan.png", 1)
    assert page.flagged == ["q-01"] and page.answers["q-01"] is None
    assert page.answers == expected(MARKED) | {"q-01": None}
    assert page.crops["q-01"].startswith(b"\x89PNG")


def test_a_faint_or_erased_mark_is_flagged_not_guessed(sheet: Image.Image) -> None:
    image = sheet.copy()
    mark(image, 5, 2, gray=170)  # a light pencil mark, or what is left of an erased one
    assert _read(image)[1] == ["q-05"]


def test_a_crossed_out_mark_is_flagged_for_the_facilitator(sheet: Image.Image) -> None:
    image = sheet.copy()
    mark(image, 10, 2, cross=True)  # q-10's C crossed out
    mark(image, 10, 3)  # and D filled instead
    assert _read(image)[1] == ["q-10"]


def test_a_page_without_a_qr_code_is_one_clear_problem(sheet: Image.Image) -> None:
    image = sheet.copy()
    image.paste(255, (800, 100, 1150, 400))  # the QR code's corner of the page, cut off
    page = read_page(image, CHOICES, "scan.png", 3)
    assert (page.page, page.participant, page.answers, page.flagged) == (3, None, {}, [])
    assert page.problem == "no readable QR code: not an answer sheet, or the code is damaged or cut off"


def test_a_sheet_of_a_form_not_in_the_workshop_is_one_clear_problem(tmp_path: Path) -> None:
    other = SheetForm("form-z", "Z", "Z", FORM.questions)
    page = read_page(render(tmp_path, "P001", {}, other), CHOICES, "scan.png", 1)
    assert (page.participant, page.form, page.answers) == ("P001", "form-z", {})
    assert page.problem == "form 'form-z' is not in this workshop"


def test_a_pdf_of_several_pages_from_a_sheet_feeder(tmp_path: Path, sheet: Image.Image) -> None:
    second = render(tmp_path, "P002", {"q-30": "D"})
    blank = Image.new("L", sheet.size, 255)
    pdf = tmp_path / "feeder.pdf"
    sheet.save(pdf, save_all=True, append_images=[second.rotate(180), blank], resolution=150)
    pages = read_files([pdf], CHOICES)
    assert [(p.file, p.page, p.participant) for p in pages] == [
        (str(pdf), 1, "P001"),
        (str(pdf), 2, "P002"),
        (str(pdf), 3, None),
    ]
    assert pages[0].answers == expected(MARKED) and pages[1].answers == expected({"q-30": "D"})
    assert pages[2].problem is not None and "QR" in pages[2].problem


def test_a_pdf_that_is_not_a_scan_says_so(tmp_path: Path) -> None:
    from companion.core.assess.sheets import write_sheets

    (pdf,) = write_sheets(tmp_path, "w", FORM, ["P001"])
    (page,) = read_files([pdf], CHOICES)
    assert page.problem == "the page holds no scanned picture (a PDF printed from a file, not a scan)"


def test_a_file_that_is_no_image_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ScanError, match=r"notes\.jpg: not an image or PDF that can be read"):
        read_files([bad], CHOICES)

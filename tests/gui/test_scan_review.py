"""File ▸ Read scanned answer sheets…: a flagged mark shown as scanned, decided, then merged."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageDraw


def _scan_with_two_marks(workshop, tmp_path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """A scanned sheet of form A for P001 whose first question has two bubbles filled."""
    from companion.app import scanning
    from companion.app.assess import form

    first = form(workshop, "form-a").questions[0].id
    (pdf,) = scanning.print_sheets(workshop, "form-a", tmp_path, ["P001"], {"P001": {first: "AB"}})
    stem = tmp_path / "scan"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return Path(f"{stem}.png"), first


def test_a_flagged_mark_is_shown_decided_by_the_facilitator_and_merged(workshop, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from companion.app.assess import form, results
    from companion.gui.assess.review import ScanReviewDialog
    from companion.i18n import set_language

    set_language("en")
    scan, first = _scan_with_two_marks(workshop, tmp_path)
    dialog = ScanReviewDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load([scan])
    assert dialog.pages_list.count() == 1 and "1 to check" in dialog.pages_list.item(0).text()
    assert dialog.review.isVisible() and "question 1:" in dialog.where.text()
    asked = form(workshop, "form-a").questions[0]
    assert dialog.question_text.text() == asked.text.en  # what the participant read, not an ID
    assert dialog.choice_buttons["A"].text() == f"A  {asked.choices[0].text.en}"
    assert not dialog.row_image.pixmap().isNull()  # the row as it was scanned
    assert not dialog.merge_button.isEnabled()  # nothing merges while a mark is undecided
    assert [b.isVisible() for b in dialog.choice_buttons.values()] == [True, True, False, False, False, True]
    dialog.grab().save(str(tmp_path / "review.png"))
    dialog.choice_buttons["B"].setChecked(True)
    dialog.decide_button.click()
    assert not dialog.review.isVisible() and dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    assert dialog.status.text() == "Added 1, already there 0, conflicts 0."
    (stored,) = results(workshop)
    assert (stored.result.answers[first], stored.result.source) == ("B", "scan")
    dialog.close()


def test_a_page_without_a_qr_code_is_listed_with_its_problem(workshop, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from companion.gui.assess.review import ScanReviewDialog
    from companion.i18n import set_language

    set_language("en")
    blank = tmp_path / "blank.png"
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "a letter, not an answer sheet", fill=0)
    image.save(blank)
    dialog = ScanReviewDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.load([blank])
    assert "no readable QR code" in dialog.pages_list.item(0).text()
    assert not dialog.merge_button.isEnabled()


def test_the_file_menu_opens_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.scan_review_action.trigger()
    qtbot.waitUntil(lambda: window.scan_review_dialog.isVisible())
    assert window.scan_review_action.text() == "Read scanned answer sheets…"
    window.scan_review_dialog.close()

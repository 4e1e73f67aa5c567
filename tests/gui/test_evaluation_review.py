"""Evaluation sheets in the scan review, evaluation conflicts, the Feedback tab, translated scan problems."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageDraw


def scanned_evaluation(workshop, tmp_path: Path, marks: dict[str, str | None]) -> Path:  # type: ignore[no-untyped-def]
    """One evaluation sheet printed with ``marks`` ("45": two bubbles, a flagged row), scanned at 150 dpi."""
    from companion.app import scanning

    (pdf,) = scanning.print_evaluation_sheets(workshop, "evaluation", tmp_path, 1, [marks])
    stem = tmp_path / "evaluation-scan"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return Path(f"{stem}.png")


def review(workshop, qtbot):  # type: ignore[no-untyped-def]
    from companion.gui.assess.review import ScanReviewDialog

    dialog = ScanReviewDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_flagged_evaluation_row_is_asked_as_a_rating_with_its_session(workshop, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from companion.app import evaluations
    from companion.i18n import set_language

    set_language("en")
    scan = scanned_evaluation(workshop, tmp_path, {"ag-01/clarity": "45", "ag-01/relevance": "3"})
    dialog = review(workshop, qtbot)
    dialog.load([scan])
    line = dialog.pages_list.item(0).text()
    assert "evaluation sheet" in line and "1 to check" in line and "None" not in line
    assert dialog.where.text().startswith("Evaluation sheet ") and "None" not in dialog.where.text()
    assert "which rating was meant?" in dialog.where.text()
    title = next(i for i in workshop.items("agenda-item") if i.id == "ag-01").title.en
    assert dialog.question_text.text() == f"1. {title}: Clarity"  # session and aspect, not a row id
    texts = [b.text() for b in dialog.choice_buttons.values()]
    assert texts == ["1 (lowest)", "2", "3", "4", "5 (highest)", "Blank"]
    assert all(b.isVisible() for b in dialog.choice_buttons.values())
    assert not dialog.attempt.isEnabled() and dialog.attempt_note.isVisible()  # no pre/post here
    assert not dialog.row_image.pixmap().isNull()
    dialog.choice_buttons["E"].setChecked(True)  # the fifth bubble: rating 5
    dialog.decide_button.click()
    dialog.merge_button.click()
    assert dialog.status.text() == "Added 1, already there 0, conflicts 0."
    (stored,) = evaluations.responses(workshop)
    assert stored.ratings == {"ag-01/clarity": 5, "ag-01/relevance": 3} and stored.origin == "scan"


def test_an_overall_statement_is_shown_by_its_text(workshop, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from companion.app.evaluations import evaluation_form
    from companion.i18n import set_language

    set_language("en")
    scan = scanned_evaluation(workshop, tmp_path, {"overall/2": "12"})
    dialog = review(workshop, qtbot)
    dialog.load([scan])
    assert dialog.question_text.text() == evaluation_form(workshop, "evaluation").overall[1].en
    dialog.decide("blank")
    assert dialog.merge_button.isEnabled()


def test_scan_problems_go_through_the_translation_catalogue(workshop, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gettext

    from companion import i18n

    class Marked(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return f"«{message}»"

    blank = tmp_path / "letter.png"
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "a letter, not an answer sheet", fill=0)
    image.save(blank)
    monkeypatch.setattr(i18n, "_catalogue", Marked())
    dialog = review(workshop, qtbot)
    dialog.load([blank])
    assert "«no readable QR code: not an answer sheet" in dialog.pages_list.item(0).text()
    dialog.load([tmp_path / "missing.pdf"])  # a file-level problem is translated too
    status = dialog.status.text()
    assert status.startswith("«") and "missing.pdf: cannot be read" in status and status.endswith("»")


def test_scan_problems_read_in_english_by_default(workshop, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from companion.i18n import set_language

    set_language("en")
    blank = tmp_path / "letter.png"
    Image.new("L", (1240, 1754), 255).save(blank)
    dialog = review(workshop, qtbot)
    dialog.load([blank])
    assert dialog.pages_list.item(0).text().endswith(
        "no readable QR code: not an answer sheet, or the code is damaged or cut off"
    )


# --- evaluation conflicts -------------------------------------------------------------------


def evaluation_conflict(workshop) -> None:  # type: ignore[no-untyped-def]
    from companion.app import evaluations

    first = evaluations.Response(
        workshop.current_pack_id(), "evaluation", "S-7KQ2M9XA", {"ag-01/relevance": 5, "overall/1": 4},
        {}, "2026-12-04T16:00:00+08:00", "laptop",
    )  # fmt: skip
    second = evaluations.Response(
        first.workshop, first.form, first.response, {"ag-01/relevance": 2, "overall/1": 4},
        {}, first.saved, "scan",
    )  # fmt: skip
    evaluations.merge(workshop, [first])
    assert len(evaluations.merge(workshop, [second]).conflicts) == 1


def test_an_evaluation_conflict_is_listed_with_row_labels_and_resolved(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import evaluations
    from companion.gui.assess.conflicts import ConflictsDialog
    from companion.i18n import set_language

    set_language("en")
    evaluation_conflict(workshop)
    dialog = ConflictsDialog(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.listing.item(0).text() == "S-7KQ2M9XA · evaluation · evaluation"
    table = dialog.table
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    title = next(i for i in workshop.items("agenda-item") if i.id == "ag-01").title.en
    assert labels[0] == f"1. {title}: Relevance"
    assert (table.item(0, 1).text(), table.item(0, 2).text()) == ("5", "2")
    assert dialog.differing == ["ag-01/relevance"]
    assert dialog.stored_label.text() == "Stored: laptop" and dialog.incoming_label.text() == "New: scan"
    dialog.keep_incoming.click()
    done = "Evaluation response S-7KQ2M9XA, evaluation: the new answers are now stored."
    assert dialog.status.text() == done
    assert evaluations.responses(workshop)[0].ratings["ag-01/relevance"] == 2
    assert evaluations.conflicts(workshop) == [] and not dialog.detail.isEnabled()


# --- the Feedback tab -------------------------------------------------------------------------


def test_the_feedback_tab_shows_means_per_session_and_overall_counts_but_no_comments(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import evaluations
    from companion.gui.assess.scores import ScoresWindow
    from companion.i18n import set_language

    set_language("en")
    pack = workshop.current_pack_id()
    for ident, relevance, overall in (("E-AAAAAAAA22", 5, 4), ("E-BBBBBBBB33", 3, 4), ("E-CCCCCCCC44", 4, 1)):
        evaluations.merge(
            workshop,
            [
                evaluations.Response(
                    pack, "evaluation", ident, {"ag-01/relevance": relevance, "overall/1": overall},
                    {"free/1": "a private remark"}, "2026-12-04T16:00:00+08:00", "laptop",
                )
            ],
        )
    window = ScoresWindow(workshop)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.tabs  # feedback alone is worth the tabs
    assert [window.tabs.tabText(n) for n in range(window.tabs.count())] == ["Feedback"]
    assert window.summary.text() == "3 evaluation responses"  # not "0 participants · 0 results" first
    assert window.feedback_means["relevance"][0] == 4.0 and window.feedback_means["clarity"][0] is None
    overall = window.feedback_overall
    assert [overall.item(0, c).text() for c in range(1, 7)] == ["1", "0", "0", "2", "0", "3.0"]
    shown = [
        table.item(r, c).text()
        for table in (overall, window.findChild(type(overall), "feedback-sessions"))
        for r in range(table.rowCount())
        for c in range(table.columnCount())
    ]
    assert not any("private remark" in text for text in shown)


def test_the_feedback_tab_says_what_to_do_when_empty(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess
    from companion.gui.assess.scores import ScoresWindow
    from companion.i18n import set_language

    set_language("en")
    found = assess.form(workshop, "form-a")
    assess.merge_results(
        workshop, [assess.new_result(workshop, "form-a", "P001", "pre", {q.id: "A" for q in found.questions})]
    )
    window = ScoresWindow(workshop)
    qtbot.addWidget(window)
    window.show()
    assert window.tabs.tabText(window.tabs.count() - 1) == "Feedback"
    assert window.feedback_chart is None and "No evaluation responses yet" in window.feedback_hint.text()

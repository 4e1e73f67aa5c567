"""The assessment section: knowledge checks and the evaluation form, read-only; keys for facilitators only."""

from __future__ import annotations

from companion.gui.main_window import SECTION_INDEX


def _section(window):  # type: ignore[no-untyped-def]
    return window.sections[SECTION_INDEX["assessment"]]


def test_a_form_shows_its_questions_and_choices_and_no_answer_until_notes_are_ticked(
    window, bundled_pack
) -> None:
    section = _section(window)
    window.nav.setCurrentRow(SECTION_INDEX["assessment"])
    form = next(f for f in bundled_pack.by_kind("assessment-form") if f.id == "form-a")
    questions = {q.id: q for q in bundled_pack.by_kind("question")}
    first = questions[form.questions[0]]
    last = questions[form.questions[-1]]
    keyed = next(questions[q] for q in form.questions if questions[q].explanation is not None)
    assert section.list.select_id(form.id)
    shown = section.reader.toPlainText()
    assert form.title.en in shown and first.text.en in shown and last.text.en in shown
    assert all(choice.text.en in shown for choice in first.choices)
    assert keyed.explanation.en not in shown and "Answer" not in shown
    section.notes_box.setChecked(True)
    shown = section.reader.toPlainText()
    assert keyed.explanation.en in shown and f"Answer: {keyed.answer}" in shown
    section.notes_box.setChecked(False)
    assert keyed.explanation.en not in section.reader.toPlainText()


def test_the_evaluation_form_and_a_question_opened_from_a_search_are_shown(window, bundled_pack) -> None:
    evaluation = bundled_pack.by_kind("evaluation-form")[0]
    question = bundled_pack.by_kind("question")[0]
    window.open_item(evaluation.id)
    assert window.stack.currentWidget() is _section(window)
    shown = _section(window).reader.toPlainText()
    assert evaluation.overall[0].en in shown and evaluation.free_text[0].en in shown
    window.open_item(question.id)
    shown = _section(window).reader.toPlainText()
    assert question.text.en in shown and question.explanation.en not in shown

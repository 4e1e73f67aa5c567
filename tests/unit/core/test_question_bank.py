"""The question bank: questions tied to agenda objectives, parallel forms A and B, the evaluation form."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from companion.core.content import cross_check
from companion.core.editions import for_edition
from companion.core.model import AgendaItem, AssessmentForm, EvaluationForm, Question, Text, texts_of


def _text(en: str) -> dict[str, str]:
    return {"en": en, "zh-Hans": en}


def _question(**changes: Any) -> Question:
    data: dict[str, Any] = {
        "id": "q-01",
        "session": "ag-01",
        "objective": 1,
        "type": "single",
        "text": _text("Which?"),
        "choices": [{"id": "A", "text": _text("One")}, {"id": "B", "text": _text("Two")}],
        "answer": "B",
        "explanation": _text("Because."),
    }
    data.update(changes)
    return Question.model_validate(data)


def _session(objectives: int = 2) -> AgendaItem:
    return AgendaItem.model_validate(
        {
            "id": "ag-01",
            "day": 1,
            "start": "09:00",
            "end": "10:00",
            "format": "presentation",
            "title": _text("Session"),
            "objectives": [_text(f"Objective {n}") for n in range(objectives)],
        }
    )


def _messages(items: list[Any]) -> list[str]:
    return [f"{p.field}: {p.message}" for p in cross_check(items)]


def test_a_well_formed_question_and_form_check_clean() -> None:
    form = AssessmentForm(id="form-a", title=Text(en="A"), questions=["q-01"])
    assert _messages([_session(), _question(), form]) == []


def test_an_answer_that_is_not_a_choice_is_refused() -> None:
    with pytest.raises(ValidationError, match="answer C is not one of the choices"):
        _question(answer="C")


def test_a_true_false_question_has_two_choices() -> None:
    three = [{"id": letter, "text": _text(letter)} for letter in "ABC"]
    with pytest.raises(ValidationError, match="exactly two choices"):
        _question(type="true-false", choices=three, answer="A")


def test_a_question_on_an_unknown_session_is_refused() -> None:
    assert _messages([_question(session="ag-99")]) == ["session: no agenda-item with id 'ag-99'"]


def test_a_question_on_an_objective_the_session_lacks_is_refused() -> None:
    assert _messages([_session(objectives=2), _question(objective=3)]) == [
        "objective: ag-01 has 2 objective(s), not 3"
    ]


def test_a_form_naming_something_other_than_a_question_is_refused() -> None:
    form = AssessmentForm(id="form-a", title=Text(en="A"), questions=["q-01", "ag-01"])
    assert _messages([_session(), _question(), form]) == ["questions[1]: no question with id 'ag-01'"]


def test_a_participant_copy_has_no_answer_and_no_explanation() -> None:
    copy = for_edition(_question(), "participant")
    assert copy.answer is None and copy.explanation is None
    assert [c.id for c in copy.choices] == ["A", "B"]


# --- The bundled workshop ---------------------------------------------------


def _of(pack: Any, kind: str) -> dict[str, Any]:
    return {item.id: item for item in pack.items if item.kind == kind}


def test_the_bundled_bank_has_thirty_questions_or_more_each_with_its_key(bundled_pack) -> None:
    questions = _of(bundled_pack, "question")
    assert len(questions) >= 30
    assert all(q.answer is not None and q.explanation is not None for q in questions.values())
    assert {q.type for q in questions.values()} == {"single", "true-false"}
    assert all(3 <= len(q.choices) <= 4 for q in questions.values() if q.type == "single")


def test_every_session_with_objectives_is_checked_by_a_question(bundled_pack) -> None:
    sessions = {s.id for s in _of(bundled_pack, "agenda-item").values() if s.objectives}
    asked = {q.session for q in _of(bundled_pack, "question").values()}
    assert sessions - asked == set()


def test_forms_a_and_b_are_parallel(bundled_pack) -> None:
    questions, forms = _of(bundled_pack, "question"), _of(bundled_pack, "assessment-form")
    a, b = forms["form-a"].questions, forms["form-b"].questions
    assert len(a) == len(b) and not set(a) & set(b)
    # Each question's twin on the other form checks the same objective.
    assert [(questions[q].session, questions[q].objective) for q in a] == [
        (questions[q].session, questions[q].objective) for q in b
    ]
    # Matched difficulty: as many true-false questions on each.
    assert sum(questions[q].type == "true-false" for q in a) == sum(
        questions[q].type == "true-false" for q in b
    )
    assert set(a) | set(b) == set(questions)  # every question is asked on one form


def test_the_evaluation_form_rates_every_session_but_the_breaks(bundled_pack) -> None:
    form: EvaluationForm = _of(bundled_pack, "evaluation-form")["evaluation"]
    sessions = [s for s in _of(bundled_pack, "agenda-item").values() if s.format != "break"]
    assert sorted(form.sessions) == sorted(s.id for s in sessions)
    assert 3 <= len(form.overall) <= 4 and 2 <= len(form.free_text) <= 3


@pytest.mark.parametrize("kind", ["question", "assessment-form", "evaluation-form"])
def test_the_bundled_assessment_content_is_in_both_languages(bundled_pack, kind: str) -> None:
    for item in _of(bundled_pack, kind).values():
        assert all(not text.missing() for text in texts_of(item)), item.id


def test_a_participant_pack_holds_the_questions_without_their_keys(bundled_pack) -> None:
    import tomllib

    from companion.core.packs.exporter import content_files

    files = content_files(bundled_pack.manifest, list(bundled_pack.items), "participant")
    questions = [tomllib.loads(data.decode()) for name, data in files.items() if name.startswith("questions")]
    assert len(questions) == len(bundled_pack.by_kind("question"))
    for data in questions:
        assert data["choices"] and "answer" not in data and "explanation" not in data
    facilitator = content_files(bundled_pack.manifest, list(bundled_pack.items), "facilitator")
    assert "explanation" in tomllib.loads(facilitator["questions/q-01.toml"].decode())

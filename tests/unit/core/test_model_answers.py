"""Model answers are matched to their questions: in the data, on load, and where they are shown."""

from __future__ import annotations

import pytest

from companion.core.content import ContentError, build_from_files
from companion.core.model import CaseStudy
from companion.core.packs import toml_writer
from tests.unit.pack_support import text, tiny_files

QUESTIONS = [text("What happened?", "发生了什么？"), text("Who decides?", "谁来决定？")]


def _files_with(answers: list[dict[str, object]]) -> dict[str, bytes]:
    files = tiny_files()
    study = {
        "id": "cs-01",
        "title": text("The advert", "招聘广告"),
        "setting": text("A port town", "港口小镇"),
        "persona": text("Mai, 24", "小梅，24岁"),
        "stages": [{"title": text("Recruitment", "招募"), "text": text("An advert.", "一则广告。")}],
        "questions": QUESTIONS,
        "facilitator_notes": {"model_answers": answers},
    }
    files["case-studies/cs-01.toml"] = toml_writer.dumps(study).encode("utf-8")
    return files


def _problems(files: dict[str, bytes]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_from_files(files)
    return [str(p) for p in caught.value.problems]


def test_every_question_of_every_bundled_case_study_has_exactly_one_model_answer(bundled_pack) -> None:
    studies = [item for item in bundled_pack.items if isinstance(item, CaseStudy)]
    assert studies
    wrong = {}
    for study in studies:
        answers = study.facilitator_notes.model_answers if study.facilitator_notes else []
        numbers = [a.question for a in answers]
        # Numbered in the data, not matched by position: a reordered file must not shift them.
        if sorted(n for n in numbers if n is not None) != list(range(1, len(study.questions) + 1)):
            wrong[study.id] = numbers
    assert wrong == {}


def test_an_answer_naming_a_missing_question_is_a_content_error() -> None:
    answers = [{**text("First", "一"), "question": 1}, {**text("Third?", "三？"), "question": 3}]
    problems = _problems(_files_with(answers))
    assert len(problems) == 1
    assert problems[0].startswith("case-studies/cs-01.toml")
    assert "names question 3" in problems[0] and "2 questions" in problems[0]


def test_two_answers_to_one_question_are_a_content_error() -> None:
    answers = [{**text("One", "一"), "question": 2}, {**text("Also", "也"), "question": 2}]
    assert "question 2 has more than one model answer" in _problems(_files_with(answers))[0]


def test_numbering_some_answers_but_not_others_is_a_content_error() -> None:
    answers = [{**text("One", "一"), "question": 2}, text("Unnumbered", "未编号")]
    assert "every answer" in _problems(_files_with(answers))[0]


def test_an_old_style_pack_without_numbers_still_loads_matched_by_position() -> None:
    answers = [text("First", "一"), text("Second", "二"), text("Extra", "附加")]
    pack = build_from_files(_files_with(answers))
    study = next(item for item in pack.items if isinstance(item, CaseStudy))
    assert [(n, a.en) for n, a in study.numbered_answers()] == [(1, "First"), (2, "Second"), (None, "Extra")]
    assert study.unanswered_questions() == []


def test_numbered_answers_come_in_question_order() -> None:
    answers = [{**text("For two", "二"), "question": 2}, {**text("For one", "一"), "question": 1}]
    pack = build_from_files(_files_with(answers))
    study = next(item for item in pack.items if isinstance(item, CaseStudy))
    assert [(n, a.en) for n, a in study.numbered_answers()] == [(1, "For one"), (2, "For two")]


def _cs01_answer(bundled_pack, question: int) -> str:  # type: ignore[no-untyped-def]
    study = bundled_pack.get("cs-01")
    answer = next(a for n, a in study.numbered_answers() if n == question)
    return str(answer.en).split("\n\n")[0]


def test_the_facilitator_handout_puts_each_answer_under_its_question_number(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    from companion.core.handouts import builder

    args = (bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint, "en")
    blocks = builder.case_studies(*args, edition="facilitator").blocks
    texts = [" ".join(w.text for w in b.parts) if isinstance(b, builder.Paragraph) else "" for b in blocks]
    for question in (1, 2):
        at = texts.index(_cs01_answer(bundled_pack, question))
        assert texts[at - 1] == f"Question {question}"


"""A screening result on paper: explanation, caveats, date and tool version; PRACTICE when it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.core.handouts import write_handout
from companion.core.handouts.result import screening_result
from companion.core.screening import evaluate
from companion.core.screening.practice import compare
from tests.unit.pdf_support import pages, squeeze, text

WHEN = date(2026, 11, 28)


@pytest.fixture(scope="module")
def practice(bundled_pack):  # type: ignore[no-untyped-def]
    study = next(s for s in bundled_pack.by_kind("case-study") if s.answer_keys)
    key = study.answer_keys[0]
    tool = next(t for t in bundled_pack.by_kind("screening-tool") if t.id == key.tool)
    answers = {entry.indicator: "present" for entry in key.indicators[:-1]}
    return study, tool, answers


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_a_practice_result_on_paper_says_practice_and_explains(
    tmp_path: Path, bundled_pack, practice, lang: str
) -> None:  # type: ignore[no-untyped-def]
    study, tool, answers = practice
    comparison = compare(study, tool, answers)
    result = comparison.trainee
    handout = screening_result(
        result,
        tool,
        bundled_pack.manifest,
        bundled_pack.fingerprint,
        lang,
        WHEN,
        comparison=comparison,
        study=study,
    )
    pdf = write_handout(handout, tmp_path / "result.pdf", invariant=True)
    words = squeeze(text(pdf))
    assert pages(pdf) >= 1
    assert squeeze("PRACTICE" if lang == "en" else "练习") in words
    assert "2026-11-28" in words and squeeze(result.tool_version) in words
    assert squeeze(result.label.resolve(lang)[0]) in words
    first_sentence = result.explanation.resolve(lang)[0].split("\n")[0]
    assert squeeze(first_sentence) in words
    assert squeeze(tool.caveats[0].resolve(lang)[0])[:30] in words
    missed = comparison.missed[0].indicator
    assert missed in words


def test_a_field_record_result_names_the_case_code_and_not_practice(tmp_path: Path, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    tool = next(t for t in bundled_pack.by_kind("screening-tool") if t.id == "ilo-adult-labour")
    result = evaluate(tool, {"DR01": "present"})
    handout = screening_result(
        result,
        tool,
        bundled_pack.manifest,
        bundled_pack.fingerprint,
        "bilingual",
        WHEN,
        practice=False,
        case_code="NN-2026-014",
    )
    assert handout.mark == "" and "NN-2026-014" not in handout.file_stem
    words = squeeze(text(write_handout(handout, tmp_path / "r.pdf", invariant=True)))
    assert "NN-2026-014" in words
    assert "PRACTICE" not in words
    assert squeeze(result.label.en) in words and squeeze(result.label.zh_hans) in words

"""The interview flow and practice against a case study's answer key (nothing stored)."""

from __future__ import annotations

import pytest

from companion.core.screening.interview import Interview
from companion.core.screening.practice import compare, practice_tools
from companion.core.screening.result import ScreeningError


def test_an_interview_walks_the_dimensions_and_keeps_answers(bundled_pack) -> None:
    tool = bundled_pack.get("ilo-adult-labour")
    interview = Interview(tool)
    assert interview.current.id == "DR"
    interview.set_answer("DR01", "present")
    interview.next()
    interview.next()
    assert interview.current.id == "AVR"
    interview.previous()
    assert interview.answer("DR01") == "present" and interview.answer("DR02") == "unknown"
    interview.go_to(99)
    assert interview.on_result_page and interview.current is None
    assert interview.result().dimension("DR").strong == 1


def test_an_interview_refuses_an_unknown_indicator_or_answer(bundled_pack) -> None:
    interview = Interview(bundled_pack.get("ilo-adult-labour"))
    with pytest.raises(ScreeningError):
        interview.set_answer("ZZ01", "present")
    with pytest.raises(ScreeningError):
        interview.set_answer("DR01", "maybe")


def test_marking_exactly_the_key_matches_everything(bundled_pack) -> None:
    study = bundled_pack.get("cs-01")
    tool = bundled_pack.get("ilo-adult-labour")
    key = next(k for k in study.answer_keys if k.tool == tool.id)
    comparison = compare(study, tool, {e.indicator: "present" for e in key.indicators})
    assert len(comparison.matched) == len(key.indicators)
    assert comparison.missed == () and comparison.wrongly_marked == ()
    assert comparison.outcome_agrees and comparison.trainee.outcome == key.outcome


def test_a_missed_and_a_wrongly_marked_indicator_come_with_reasons(bundled_pack) -> None:
    study = bundled_pack.get("cs-01")
    tool = bundled_pack.get("ilo-adult-labour")
    key = next(k for k in study.answer_keys if k.tool == tool.id)
    answers = {e.indicator: "present" for e in key.indicators[1:]}
    tempting = key.not_present[0]
    answers[tempting.indicator] = "present"
    comparison = compare(study, tool, answers)
    assert [f.indicator for f in comparison.missed] == [key.indicators[0].indicator]
    assert comparison.missed[0].reason == key.indicators[0].reason
    assert [(f.indicator, f.reason) for f in comparison.wrongly_marked] == [
        (tempting.indicator, tempting.reason)
    ]


def test_practice_offers_the_tools_of_the_answer_keys(bundled_pack) -> None:
    study = bundled_pack.get("cs-04")
    assert "ilo-adult-labour" not in practice_tools(study)
    assert "palermo-elements" in practice_tools(study)

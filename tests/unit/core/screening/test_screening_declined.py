"""The fourth answer, "declined": not present, like unknown, but reported apart from unknown."""

from __future__ import annotations

import pytest

from companion import resources
from companion.core.content import load_folder
from companion.core.model import ScreeningTool
from companion.core.screening import ANSWERS, ScreeningError, evaluate, result_json
from companion.core.screening.interview import Interview


@pytest.fixture(scope="module")
def tools() -> dict[str, ScreeningTool]:
    pack = load_folder(resources.bundled_pack_dir())
    found = {i: pack.get(i) for i in ("ilo-adult-labour", "palermo-elements", "ilo-forced-labour")}
    assert all(isinstance(t, ScreeningTool) for t in found.values())
    return found  # type: ignore[return-value]


def _absent(tool: ScreeningTool, **answers: str) -> dict[str, str]:
    return dict.fromkeys(tool.indicator_ids(), "absent") | answers


def test_declined_is_one_of_the_answers() -> None:
    assert ANSWERS == ("present", "absent", "unknown", "declined")


def test_a_declined_indicator_does_not_count_as_present(tools: dict[str, ScreeningTool]) -> None:
    adult = tools["ilo-adult-labour"]
    # DR01 is strong and DR02 medium: present together they make DR positive; declined, they do not.
    shown = evaluate(adult, _absent(adult, DR01="present", DR02="present")).dimension("DR")
    declined = evaluate(adult, _absent(adult, DR01="declined", DR02="present")).dimension("DR")
    assert shown.positive is True
    assert declined.positive is False
    assert (declined.strong, declined.present) == (0, ("DR02",))
    assert (declined.declined, declined.unknown) == (("DR01",), ())


def test_declined_is_reported_apart_from_unknown_in_both_languages(tools: dict[str, ScreeningTool]) -> None:
    palermo = tools["palermo-elements"]
    answers = _absent(palermo, ACT01="present", MNS02="declined", MNS03="declined", PUR01="unknown")
    result = evaluate(palermo, answers)
    assert result.outcome == "not_met" and not result.complete
    assert result.dimension("MEANS").declined == ("MNS02", "MNS03")
    assert result.dimension("PURPOSE").unknown == ("PUR01",)
    assert "declined to answer on 2 of the tool's" in result.explanation.en
    assert "1 of the tool's" in result.explanation.en and "are unknown" in result.explanation.en
    assert "拒绝回答2项" in result.explanation.zh_hans
    # A declined answer may still be found present some other way: it is among what would change.
    assert set(result.what_would_change["MEANS"]) == {"MNS02", "MNS03"}
    counts = result_json(result)["dimensions"]
    assert counts["MEANS"]["declined"] == 2 and counts["MEANS"]["unknown"] == 0
    assert counts["PURPOSE"]["declined"] == 0 and counts["PURPOSE"]["unknown"] == 1


def test_a_checklist_reports_declined_answers_too(tools: dict[str, ScreeningTool]) -> None:
    checklist = tools["ilo-forced-labour"]
    first = checklist.indicator_ids()[0]
    result = evaluate(checklist, _absent(checklist, **{first: "declined"}))
    assert result.outcome == "no_indicators" and not result.complete
    assert "declined to answer on 1 of the tool's" in result.explanation.en


def test_an_interview_takes_a_declined_answer_and_refuses_others(tools: dict[str, ScreeningTool]) -> None:
    interview = Interview(tools["ilo-adult-labour"])
    interview.set_answer("DR01", "declined")
    assert interview.answer("DR01") == "declined"
    assert interview.result().dimension("DR").declined == ("DR01",)
    with pytest.raises(ScreeningError, match="present, absent, unknown or declined"):
        interview.set_answer("DR01", "refused")

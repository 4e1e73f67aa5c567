"""The screening engine against docs/domain.md#scoring-rule: truth table, worked examples, answer keys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion import resources
from companion.core.content import load_folder
from companion.core.model import ScreeningTool
from companion.core.screening import (
    ANSWERS,
    ScreeningError,
    describe,
    evaluate,
    parse,
    result_json,
)

ADULT, CHILD = "ilo-adult-labour", "ilo-child-labour"

# The dimension rule's truth table (docs/domain.md#scoring-rule): (strong, medium, weak, positive?)
TRUTH_TABLE = [
    (0, 0, 0, False),
    (1, 0, 0, False),
    (2, 0, 0, True),
    (1, 1, 0, True),
    (1, 0, 1, True),
    (0, 1, 0, False),
    (0, 2, 0, False),
    (0, 3, 0, True),
    (0, 2, 1, True),
    (0, 1, 1, False),
    (0, 1, 5, False),
    (0, 0, 9, False),
    (0, 2, 2, True),
    (3, 4, 2, True),
]
NEVER = ("not a victim", "不是受害人")


_PACK = None


def pack():  # type: ignore[no-untyped-def]
    """The bundled workshop, loaded once for this module (hypothesis reuses it across examples)."""
    global _PACK
    if _PACK is None:
        _PACK = load_folder(resources.bundled_pack_dir())
    return _PACK


def tool(tool_id: str) -> ScreeningTool:
    found = pack().get(tool_id)
    assert isinstance(found, ScreeningTool)
    return found


def present(*ids: str) -> dict[str, str]:
    return dict.fromkeys(ids, "present")


def all_absent(tool_id: str, **overrides: str) -> dict[str, str]:
    return dict.fromkeys(tool(tool_id).indicator_ids(), "absent") | overrides


def assert_framed(result) -> None:  # type: ignore[no-untyped-def]
    for text in (result.explanation.en, result.explanation.zh_hans):
        assert text and not any(phrase in text for phrase in NEVER)


# --- the dimension rule (docs/domain.md#scoring-rule) -----------------------------------------


@pytest.mark.parametrize("tool_id", [ADULT, CHILD])
@pytest.mark.parametrize(("s", "m", "w", "positive"), TRUTH_TABLE)
def test_truth_table_against_the_bundled_dimension_rule(
    tool_id: str, s: int, m: int, w: int, positive: bool
) -> None:
    scoring = tool(tool_id).scoring
    assert scoring is not None
    env = {"strong": s, "medium": m, "weak": w, "present": s + m + w}
    assert parse(scoring.dimension).holds(env) is positive


def _holding(s: int, m: int, w: int) -> tuple[str, dict[str, str]] | None:
    """A dimension of the adult list with enough indicators of each grade, and answers for it."""
    for dimension in tool(ADULT).dimensions:
        by_grade = {
            g: [i.id for i in dimension.indicators if i.grade == g] for g in ("strong", "medium", "weak")
        }
        if len(by_grade["strong"]) >= s and len(by_grade["medium"]) >= m and len(by_grade["weak"]) >= w:
            ids = by_grade["strong"][:s] + by_grade["medium"][:m] + by_grade["weak"][:w]
            return dimension.id, present(*ids)
    return None


def test_truth_table_through_the_engine_wherever_the_adult_list_allows() -> None:
    checked = 0
    for s, m, w, positive in TRUTH_TABLE:
        found = _holding(s, m, w)
        if found is None:  # e.g. nine weak indicators: no dimension has that many
            continue
        dimension_id, answers = found
        d = evaluate(tool(ADULT), answers).dimension(dimension_id)
        assert (d.strong, d.medium, d.weak, d.positive) == (s, m, w, positive), (s, m, w)
        checked += 1
    assert checked >= 11


def test_a_single_strong_indicator_is_never_enough_in_any_dimension() -> None:
    for dimension in tool(ADULT).dimensions:
        for indicator in dimension.indicators:
            assert evaluate(tool(ADULT), present(indicator.id)).dimension(dimension.id).positive is False


# --- worked examples (docs/domain.md#worked-examples) -----------------------------------------

EXAMPLE_1 = ("DR01", "DR08", "EXP01", "EXP04", "CD01", "AVD01", "AVD03")


def test_example_1_destination_missing() -> None:
    result = evaluate(tool(ADULT), present(*EXAMPLE_1), age=30)
    positives = {d.id: d.positive for d in result.dimensions}
    assert positives == {"DR": True, "CR": False, "AVR": False, "EXP": True, "CD": False, "AVD": False}
    assert (result.dimension("CD").strong, result.dimension("AVD").medium) == (1, 2)
    assert result.groups == {"R": True, "E": True, "D": False}
    assert result.outcome == "not_met" and result.policy == "adult"
    assert result.label.en is not None
    assert result.label.en.startswith("Improper recruitment and exploitation")
    assert "coercion or abuse of vulnerability at destination not established" in result.label.en
    # One more medium or weak CD indicator, or one weak AVD indicator, would change it.
    cd_medium_or_weak = {f"CD{n:02}" for n in range(5, 16)}
    assert cd_medium_or_weak <= set(result.what_would_change["CD"])
    assert {"AVD06", "AVD07"} <= set(result.what_would_change["AVD"])
    assert "DR" not in result.what_would_change and "EXP" not in result.what_would_change
    assert set(result.would_meet) == set(result.what_would_change["CD"]) | set(
        result.what_would_change["AVD"]
    )
    assert "not established on the information recorded" in (result.explanation.en or "")
    assert_framed(result)


@pytest.mark.parametrize("extra", ["AVD06", "CD14"])
def test_example_1b_one_more_destination_indicator_meets_the_criteria(extra: str) -> None:
    result = evaluate(tool(ADULT), present(*EXAMPLE_1, extra), age=30)
    assert result.outcome == "met"
    assert result.groups == {"R": True, "E": True, "D": True}
    if extra == "AVD06":
        avd = result.dimension("AVD")
        assert (avd.strong, avd.medium, avd.weak, avd.positive) == (0, 2, 1, True)
    else:
        cd = result.dimension("CD")
        assert (cd.strong, cd.medium, cd.positive) == (1, 1, True)
    assert result.label.en is not None and result.label.en.startswith("Meets the ILO operational criteria")
    assert "consider referral" in (result.explanation.en or "")
    assert_framed(result)


def test_example_2_one_strong_indicator_per_dimension_is_not_enough() -> None:
    result = evaluate(tool(ADULT), all_absent(ADULT, DR01="present", EXP01="present", CD04="present"))
    assert [d.positive for d in result.dimensions] == [False] * 6
    assert result.outcome == "not_met" and result.complete
    assert result.label.en is not None
    assert result.label.en.startswith("Exploitative conditions not established on the information recorded")
    assert_framed(result)


def test_example_3_met_through_medium_indicators() -> None:
    ids = ("CR07", "CR03", "CR04", "EXP02", "EXP03", "EXP09", "CD04", "CD03")
    result = evaluate(tool(ADULT), present(*ids))
    cr, exp, cd = result.dimension("CR"), result.dimension("EXP"), result.dimension("CD")
    assert (cr.medium, cr.positive) == (3, True)
    assert (exp.medium, exp.weak, exp.positive) == (2, 1, True)
    assert (cd.strong, cd.positive) == (2, True)
    assert result.outcome == "met"


def test_example_4_weak_only_vulnerability() -> None:
    ids = ("AVR15", "AVR16", "EXP01", "EXP07", "AVD06", "AVD07")
    result = evaluate(tool(ADULT), present(*ids), age=35)
    assert result.dimension("AVR").positive is False and result.dimension("AVR").weak == 2
    assert result.dimension("AVD").positive is False and result.dimension("AVD").weak == 2
    assert result.groups == {"R": False, "E": True, "D": False}
    assert result.outcome == "not_met"
    assert result.label.en is not None and result.label.en.startswith("Possible labour exploitation")
    assert_framed(result)


def test_example_5_unknowns_are_not_absent() -> None:
    answers = all_absent(ADULT, CD14="unknown", CD11="unknown")
    answers |= present("DR01", "DR02", "EXP01", "EXP08", "CD01")
    result = evaluate(tool(ADULT), answers, age=29)
    assert result.outcome == "not_met" and result.complete is False
    assert result.groups == {"R": True, "E": True, "D": False}
    assert result.dimension("CD").unknown == ("CD11", "CD14")
    assert result.what_would_change["CD"] == ("CD11", "CD14")
    assert result.what_would_change["AVD"] == ()
    assert result.would_meet == ("CD11", "CD14")
    en, zh = result.explanation.en or "", result.explanation.zh_hans or ""
    assert "not established on the information recorded" in en and "unknown" in en
    assert "CD11" in en and "CD14" in en and "CD11" in zh and "情况不明" in zh
    assert_framed(result)


def test_example_6_a_child_under_the_palermo_policy_and_for_comparison() -> None:
    answers = present("EXP01", "EXP09")
    child_list = tool(CHILD)
    assert {i.id: i.grade for d in child_list.dimensions for i in d.indicators}["EXP09"] == "medium"
    palermo = evaluate(child_list, answers, age=15, act=True)
    assert palermo.dimension("EXP").positive is True
    assert palermo.groups == {"R": False, "E": True, "D": False}
    assert palermo.outcome == "met" and palermo.policy == "child-palermo"
    assert "CHILD_PALERMO" in (palermo.explanation.en or "")
    compared = evaluate(child_list, answers, age=15, act=True, child_policy="ilo-as-adult")
    assert compared.outcome == "not_met" and compared.policy == "child-ilo-as-adult"
    assert "CHILD_ILO_AS_ADULT" in (compared.explanation.en or "")
    assert result_json(palermo)["policy"] == "child-palermo"
    assert_framed(palermo)
    assert_framed(compared)


def test_a_child_without_a_recorded_act_does_not_meet_the_palermo_rule() -> None:
    result = evaluate(tool(CHILD), present("EXP01", "EXP09"), age=15, act=False)
    assert result.outcome == "not_met" and result.policy == "child-palermo"
    assert "act" in (result.explanation.en or "")


def test_age_18_is_an_adult() -> None:
    result = evaluate(tool(CHILD), present("EXP01", "EXP09"), age=18, act=True)
    assert result.outcome == "not_met" and result.policy == "adult"


def test_unknown_age_uses_the_adult_rule_and_says_the_child_branch_may_apply() -> None:
    result = evaluate(tool(CHILD), present("EXP01", "EXP09"), act=True)
    assert result.policy == "adult" and result.outcome == "not_met"
    assert result.outcome_if_child == "met"
    assert "presumption of childhood" in (result.explanation.en or "")
    assert "推定为儿童" in (result.explanation.zh_hans or "")


# --- other tools ------------------------------------------------------------------------------


def test_a_checklist_lists_what_is_present_and_never_scores() -> None:
    forced = tool("ilo-forced-labour")
    found = evaluate(forced, present("FL03", "FL08"), age=30)
    assert found.outcome == "indicators_present" and found.policy == "checklist"
    assert all(d.positive is None for d in found.dimensions)
    assert all((d.strong, d.medium, d.weak) == (0, 0, 0) for d in found.dimensions)
    assert found.what_would_change == {} and found.groups == {}
    assert "FL03" in (found.explanation.en or "")
    nothing = evaluate(forced, dict.fromkeys(forced.indicator_ids(), "absent"))
    assert nothing.outcome == "no_indicators" and nothing.complete
    assert "not established on the information recorded" in (nothing.explanation.en or "")
    assert_framed(found)
    assert_framed(nothing)


def test_a_guide_is_treated_as_a_checklist() -> None:
    guide = tool("first-contact-guide")
    assert evaluate(guide, {}).outcome == "no_indicators"
    assert evaluate(guide, present(guide.indicator_ids()[0])).outcome == "indicators_present"


def test_act_means_purpose_for_an_adult_and_a_child() -> None:
    elements = tool("palermo-elements")
    act_and_purpose = present("ACT01", "PUR01")
    adult = evaluate(elements, act_and_purpose, age=30)
    assert adult.outcome == "not_met" and adult.groups == {}
    assert adult.label.en is not None and adult.label.en.startswith("Act and purpose indicated")
    assert evaluate(elements, act_and_purpose | present("MNS01"), age=30).outcome == "met"
    child = evaluate(elements, act_and_purpose, age=11)
    assert child.outcome == "met" and child.policy == "child-palermo"
    assert "indicators present" in (child.explanation.en or "")


# --- answers: validation, unknown and absent --------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "kwargs", "message"),
    [
        ({"XX01": "present"}, {}, "unknown indicator 'XX01'"),
        ({"FL01": "present"}, {}, "unknown indicator 'FL01'"),
        ({"DR01": "yes"}, {}, "answer must be present, absent, unknown or declined"),
        ({"DR01": True}, {}, "answer must be present, absent, unknown or declined"),
        ({"DR01": "PRESENT"}, {}, "answer must be present, absent, unknown or declined"),
        ({}, {"child_policy": "lenient"}, "unknown child policy"),
        ({}, {"age": -1}, "age"),
        ({}, {"age": "15"}, "age"),
    ],
)
def test_bad_answers_raise_one_clear_line(answers: dict, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ScreeningError) as caught:
        evaluate(tool(ADULT), answers, **kwargs)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_indicators_not_answered_count_as_unknown() -> None:
    result = evaluate(tool(ADULT), {})
    assert result.complete is False and result.outcome == "not_met"
    assert sum(len(d.unknown) for d in result.dimensions) == 67
    assert evaluate(tool(ADULT), all_absent(ADULT)).complete is True


def test_result_json_has_the_product_shape_in_either_language() -> None:
    result = evaluate(tool(ADULT), present(*EXAMPLE_1))
    shown = result_json(result)
    assert set(shown) >= {"tool", "dimensions", "outcome", "complete", "label", "explanation"}
    assert set(shown) <= {
        "tool",
        "dimensions",
        "outcome",
        "complete",
        "label",
        "explanation",
        "policy",
        "what_would_change",
    }
    assert shown["tool"] == ADULT and shown["outcome"] == "not_met" and shown["complete"] is False
    assert list(shown["dimensions"]) == ["DR", "CR", "AVR", "EXP", "CD", "AVD"]
    assert shown["dimensions"]["DR"] == {
        "positive": True,
        "strong": 1,
        "medium": 1,
        "weak": 0,
        "unknown": 8,
        "declined": 0,
    }
    assert isinstance(shown["label"], str) and isinstance(shown["explanation"], str)
    chinese = result_json(result, "zh-Hans")
    assert chinese["label"] == result.label.zh_hans and "根据现有记录" in chinese["explanation"]


def test_describe_has_the_product_shape() -> None:
    described = describe(tool(ADULT))
    assert set(described) == {"id", "version", "title", "dimensions"}
    assert described["title"] == {"en": tool(ADULT).title.en, "zh-Hans": tool(ADULT).title.zh_hans}
    indicators = [i for d in described["dimensions"] for i in d["indicators"]]
    assert len(indicators) == 67
    assert all(set(i) == {"id", "grade", "text"} and set(i["text"]) == {"en", "zh-Hans"} for i in indicators)
    checklist = describe(tool("ilo-forced-labour"))
    assert {i["grade"] for d in checklist["dimensions"] for i in d["indicators"]} == {None}


# --- properties -------------------------------------------------------------------------------

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def situations(draw):  # type: ignore[no-untyped-def]
    tool_id = draw(st.sampled_from([ADULT, CHILD, "palermo-elements"]))
    ids = tool(tool_id).indicator_ids()
    answers = dict(
        zip(ids, draw(st.lists(st.sampled_from(ANSWERS), min_size=len(ids), max_size=len(ids))), strict=True)
    )
    options = {
        "age": draw(st.sampled_from([None, 9, 15, 17, 18, 45])),
        "act": draw(st.booleans()),
        "child_policy": draw(st.sampled_from(["palermo", "ilo-as-adult"])),
    }
    return tool_id, answers, options


@SETTINGS
@given(situations(), st.data())
def test_marking_one_more_indicator_present_never_makes_anything_negative(situation, data) -> None:  # type: ignore[no-untyped-def]
    tool_id, answers, options = situation
    candidates = [i for i, a in answers.items() if a != "present"]
    if not candidates:
        return
    flipped = data.draw(st.sampled_from(candidates))
    before = evaluate(tool(tool_id), answers, **options)
    after = evaluate(tool(tool_id), answers | {flipped: "present"}, **options)
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert new.strong >= old.strong and new.medium >= old.medium and new.weak >= old.weak
        assert len(new.present) == len(old.present) + (flipped in new.present)
        if old.positive:
            assert new.positive
    assert all(after.groups[name] for name, value in before.groups.items() if value)
    if before.outcome == "met":
        assert after.outcome == "met"


@SETTINGS
@given(situations(), st.data())
def test_absent_and_unknown_never_change_a_count_or_the_outcome(situation, data) -> None:  # type: ignore[no-untyped-def]
    tool_id, answers, options = situation
    candidates = [i for i, a in answers.items() if a != "present"]
    if not candidates:
        return
    toggled = data.draw(st.sampled_from(candidates))
    other = "unknown" if answers[toggled] == "absent" else "absent"
    before = evaluate(tool(tool_id), answers, **options)
    after = evaluate(tool(tool_id), answers | {toggled: other}, **options)

    def counts(result):  # type: ignore[no-untyped-def]
        return [(d.strong, d.medium, d.weak, d.present, d.positive) for d in result.dimensions]

    assert counts(after) == counts(before)
    assert (after.outcome, after.groups, after.label, after.policy) == (
        before.outcome,
        before.groups,
        before.label,
        before.policy,
    )


# --- the bundled case studies' answer keys ----------------------------------------------------

CASE_STUDIES = sorted(p.stem for p in (resources.bundled_pack_dir() / "case-studies").glob("*.toml"))


@pytest.mark.parametrize("case_id", CASE_STUDIES)
def test_each_answer_key_reproduces_its_stated_outcome(case_id: str) -> None:
    study = pack().get(case_id)
    assert study is not None and study.answer_keys
    for key in study.answer_keys:
        answers = {r.indicator: "absent" for r in key.not_present} | {
            r.indicator: "present" for r in key.indicators
        }
        result = evaluate(tool(key.tool), answers, age=key.age, act=key.act_recorded)
        assert result.outcome == key.outcome, f"{case_id} with {key.tool}: {result.explanation.en}"


def test_the_answer_keys_were_found() -> None:
    assert len(CASE_STUDIES) >= 12

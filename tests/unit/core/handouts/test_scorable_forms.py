"""Blank screening forms a person can score with a pen (issue 17, "Paper that works").

Per dimension a tally box and the dimension rule, printed from the tool's data in the handout's
language; the overall (and child) rule at the end with a box for the outcome; a "declined" box
beside present / absent / unknown; fields for the age band and, where a rule asks, the act.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.handouts import builder
from companion.core.handouts.render import Renderer
from companion.core.screening.rule_words import child_rule, dimension_rule, overall_rule, rule_phrase
from tests.unit.pdf_support import squeeze, text

SCORED = ("ilo-adult-labour", "ilo-child-labour", "palermo-elements")
LANGS = {"en": "en", "zh-Hans": "zh_hans"}


def _forms(bundled_pack, lang: str, *tool_ids: str) -> builder.Handout:  # type: ignore[no-untyped-def]
    tools = [bundled_pack.get(t) for t in tool_ids]
    return builder.screening_forms(tools, bundled_pack.manifest, bundled_pack.fingerprint, lang)


def _printed(bundled_pack, tmp_path: Path, lang: str, *tool_ids: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / f"forms-{lang}.pdf"
    with path.open("wb") as out:
        Renderer().render(_forms(bundled_pack, lang, *tool_ids), out)
    return squeeze(text(path))


def _ui(lang: str, message: str) -> str:
    """An interface word as the handout's catalogue gives it (the Chinese comes with the catalogue)."""
    return builder._Lang(lang).tr(lang, message)


# --- rule sentences, read off the parsed rule ----------------------------------------------


def test_a_dimension_rule_reads_as_counts_in_both_languages() -> None:
    phrase = rule_phrase("strong >= 1 or medium >= 2")
    assert phrase.en == "at least 1 strong, or at least 2 medium"
    assert phrase.zh_hans == "强指标至少1项，或中等指标至少2项"
    summed = rule_phrase("strong >= 1 and medium + weak >= 1")
    assert summed.en == "at least 1 strong, and at least 1 medium or weak"
    assert summed.zh_hans == "强指标至少1项，且中等或弱指标至少1项"
    assert rule_phrase("present >= 1").en == "at least 1 indicator present"
    assert rule_phrase("present > 2").en == "more than 2 indicators present"


def test_overall_and_child_rules_name_dimensions_and_groups_by_their_titles(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    adult = bundled_pack.get("ilo-adult-labour")
    overall, child = overall_rule(adult), child_rule(adult)
    assert overall is not None and child is not None
    for d in adult.dimensions:  # the groups R, E and D are spelt out as their dimensions
        assert f"{d.title.en} ({d.id})" in overall.en
        assert f"{d.title.zh_hans}（{d.id}）" in overall.zh_hans
    assert "R and E" not in overall.en
    assert "an act by a third party is recorded" in child.en and "已记录第三方实施的行为" in child.zh_hans
    dimension = dimension_rule(adult)
    assert dimension is not None and dimension.zh_hans.startswith("本维度成立的条件：强指标至少2项，或")
    checklist = bundled_pack.get("ilo-forced-labour")
    assert dimension_rule(checklist) is None and overall_rule(checklist) is None


# --- the description ---------------------------------------------------------------------------


@pytest.mark.parametrize("tool_id", SCORED)
def test_every_dimension_ends_in_a_tally_with_its_rule_and_the_form_in_an_outcome_box(  # type: ignore[no-untyped-def]
    bundled_pack, tool_id
) -> None:
    tool = bundled_pack.get(tool_id)
    blocks = _forms(bundled_pack, "en", tool_id).blocks
    tables = [b for b in blocks if isinstance(b, builder.Table)]
    rule = dimension_rule(tool)
    assert rule is not None
    tallies = [t for t in tables if t.rows and rule.en in [w.text for w in t.rows[0][0]]]
    assert [t.rows[0][0][0].text for t in tallies] == [d.id for d in tool.dimensions]
    graded = tool.scoring.uses_grades()
    expected = ["Rule", "Strong present", "Medium present", "Weak present"] if graded else ["Rule", "Present"]
    for tally in tallies:
        assert [cell[0].text for cell in tally.header] == [*expected, "Dimension met"]
        assert all(cell == () for cell in tally.rows[0][1:-1])  # blank, for the counts
    outcome = tables[-1]
    assert [cell[0].text for cell in outcome.rows[-1][:1]] == ["Outcome"]
    assert "criteria met" in outcome.rows[-1][1][0].text


def test_the_act_field_is_printed_only_for_tools_whose_rules_ask_for_it(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    def field_names(tool_id: str) -> list[str]:
        table = next(b for b in _forms(bundled_pack, "en", tool_id).blocks if isinstance(b, builder.Table))
        return [row[0][0].text for row in table.rows]

    assert field_names("ilo-adult-labour") == ["Age band", "Act recorded"]
    assert field_names("palermo-elements") == ["Age band"]  # the act is a dimension of its own there
    assert field_names("ilo-forced-labour") == ["Age band"]


# --- on paper, in both languages ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_the_printed_form_carries_rules_outcome_box_declined_and_the_fields(  # type: ignore[no-untyped-def]
    bundled_pack, tmp_path: Path, lang
) -> None:
    printed = _printed(bundled_pack, tmp_path, lang, *SCORED)
    field = LANGS[lang]
    for tool_id in SCORED:
        tool = bundled_pack.get(tool_id)
        dimension = squeeze(getattr(dimension_rule(tool), field))
        assert printed.count(dimension) >= len(tool.dimensions), tool_id
        assert squeeze(getattr(overall_rule(tool), field)) in printed
        assert squeeze(getattr(child_rule(tool), field)) in printed
    indicators = sum(len(bundled_pack.get(t).indicator_ids()) for t in SCORED)
    assert printed.count(squeeze(_ui(lang, "Declined"))) >= indicators
    for word in ("Age band", "Under 14", "14–17", "18 or over", "Act recorded", "Outcome", "criteria met"):
        assert squeeze(_ui(lang, word)) in printed, word
    # One box per choice: age band (4) and, for the two ILO tools, act (2), per dimension met (2),
    # rule applied (2) and outcome (2).
    dimensions = sum(len(bundled_pack.get(t).dimensions) for t in SCORED)
    assert printed.count("□") == 3 * 4 + 2 * 2 + dimensions * 2 + 3 * (2 + 2)


def test_the_bilingual_form_prints_each_rule_in_both_languages(bundled_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printed = _printed(bundled_pack, tmp_path, "bilingual", "palermo-elements")
    rule = overall_rule(bundled_pack.get("palermo-elements"))
    assert rule is not None
    assert squeeze(rule.en) in printed and squeeze(rule.zh_hans) in printed


def test_a_bilingual_form_has_one_box_per_choice(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    """Both languages label the same box: a choice is never offered twice."""
    for lang in ("en", "bilingual"):
        blocks = _forms(bundled_pack, lang, "ilo-adult-labour").blocks
        fields = next(b for b in blocks if isinstance(b, builder.Table))
        age = fields.rows[0][1]
        assert len(age) == 1 and age[0].text.count(builder.CHECK_BOX) == 4

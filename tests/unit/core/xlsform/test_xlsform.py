"""Screening tools as XLSForms: accepted by pyxform, the same outcome as the engine, back again."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert  # ODK's converter, a test dependency (pyproject's test extra)

from companion.core.model import ScreeningTool
from companion.core.screening.engine import evaluate, label_text
from companion.core.screening.result import ANSWERS
from companion.core.xlsform import XlsformError, read_xlsform, write_xlsform
from companion.core.xlsform.export import survey_rows
from tests.unit.core.xlsform.xpath_eval import as_string
from tests.unit.core.xlsform.xpath_eval import evaluate as xpath

TOOL_IDS = (
    "first-contact-guide",
    "ilo-adult-labour",
    "ilo-child-labour",
    "ilo-forced-labour",
    "palermo-elements",
)


@pytest.fixture(scope="module")
def tools(bundled_pack) -> dict[str, ScreeningTool]:  # type: ignore[no-untyped-def]
    found = {tool.id: tool for tool in bundled_pack.by_kind("screening-tool")}
    assert set(found) == set(TOOL_IDS)
    return found


def exported(tool: ScreeningTool, tmp_path: Path) -> Path:
    return write_xlsform(tool, tmp_path / f"{tool.id}.xlsx")


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_pyxform_turns_every_exported_tool_into_an_xform_without_a_warning(tools, tmp_path, tool_id) -> None:
    warnings: list[str] = []
    result = convert(
        xlsform=str(exported(tools[tool_id], tmp_path)), validate=False, warnings=warnings
    )
    assert warnings == []
    xform = result.xform
    assert "<h:title>" in xform and 'lang="Chinese (zh)"' in xform and 'lang="English (en)"' in xform
    for indicator_id in tools[tool_id].indicator_ids():
        assert f"/{indicator_id}" in xform


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_an_exported_form_imports_back_to_the_same_tool(tools, tmp_path, tool_id) -> None:
    assert read_xlsform(exported(tools[tool_id], tmp_path)) == tools[tool_id]


def test_the_form_has_the_sheets_labels_and_groups_field_teams_expect(tools, tmp_path) -> None:
    book = load_workbook(exported(tools["ilo-adult-labour"], tmp_path))
    assert book.sheetnames == ["survey", "choices", "settings", "companion"]
    assert book["companion"].sheet_state == "hidden"
    header = [cell.value for cell in book["survey"][1]]
    assert {"type", "name", "label::English (en)", "label::Chinese (zh)", "grade", "calculation"} <= set(
        header
    )
    rows = [
        dict(zip(header, (c.value for c in row), strict=False)) for row in book["survey"].iter_rows(min_row=2)
    ]
    groups = [r["name"] for r in rows if r["type"] == "begin_group"]
    assert groups == ["DR", "CR", "AVR", "EXP", "CD", "AVD"]
    dr01 = next(r for r in rows if r["name"] == "DR01")
    assert (dr01["type"], dr01["grade"]) == ("select_one answer", "strong")
    choices = [(c[0].value, c[1].value) for c in book["choices"].iter_rows(min_row=2)]
    assert [n for list_name, n in choices if list_name == "answer"] == [
        "present",
        "absent",
        "unknown",
        "declined",
    ]


def form_outcome(tool: ScreeningTool, answers: dict[str, str], age: int | None, act: bool) -> dict[str, str]:
    """Every field of the exported form after these answers, computed from its calculations."""
    env = {"age": "" if age is None else str(age), "act_recorded": "yes" if act else "no"}
    env.update({indicator: answers.get(indicator, "") for indicator in tool.indicator_ids()})
    for row in survey_rows(tool):
        if row.get("type") == "calculate":
            env[row["name"]] = as_string(xpath(row["calculation"], env))
    return env


@pytest.mark.parametrize(
    "tool_id", ["ilo-adult-labour", "ilo-child-labour", "ilo-forced-labour", "palermo-elements"]
)
def test_the_forms_calculations_reach_the_engines_outcome_on_random_answers(tools, tool_id) -> None:
    tool = tools[tool_id]
    chance = random.Random(f"xlsform-{tool_id}")  # seeded: the same answer sets on every run
    others = [answer for answer in ANSWERS if answer != "present"]
    outcomes = set()
    for _ in range(300):
        # From sparse to dense, so that dimensions and rules come out both ways; some indicators
        # are left unanswered (the engine reads unknown, the form an empty answer).
        share = chance.choice((0.05, 0.2, 0.4, 0.7))
        answers = {
            i: "present" if chance.random() < share else chance.choice(others)
            for i in tool.indicator_ids()
            if chance.random() < 0.9
        }
        age = chance.choice((None, 9, 16, 17, 18, 35))
        act = chance.random() < 0.5
        result = evaluate(tool, answers, age=age, act=act)
        form = form_outcome(tool, answers, age, act)
        assert form["outcome"] == result.outcome, (answers, age, act)
        outcomes.add(result.outcome)
        if tool.scoring is None:
            continue
        for dimension in result.dimensions:
            assert form[f"dim_{dimension.id}"] == ("1" if dimension.positive else "0")
        for group, value in result.groups.items():
            assert form[f"grp_{group}"] == ("1" if value else "0")
        index = int(form["label_index"])
        if index:
            # The engine words a label's age note for a known age; the form, never knowing it, as written.
            assert label_text(tool.scoring, tool.scoring.labels[index - 1], age) == result.label
    assert len(outcomes) == 2  # both outcomes were compared, not only the easy one


def test_random_answer_sets_reach_both_outcomes(tools) -> None:
    """The agreement test above is only worth something if the outcomes it compares vary."""
    tool = tools["ilo-adult-labour"]
    everything = {i: "present" for i in tool.indicator_ids()}
    assert form_outcome(tool, everything, None, False)["outcome"] == "met"
    assert form_outcome(tool, {}, None, False)["outcome"] == "not_met"
    assert form_outcome(tool, {"EXP01": "present", "EXP02": "present"}, 12, True)["outcome"] == "met"


def test_a_guide_is_exported_as_steps_to_mark_done_with_no_outcome(tools, tmp_path) -> None:
    rows = survey_rows(tools["first-contact-guide"])
    assert not [r for r in rows if r.get("type") == "calculate"]
    steps = [r for r in rows if r.get("type", "").startswith("select_one")]
    assert steps and all(r["type"] == "select_one step" for r in steps)


# --- broken forms: one line naming the sheet and row ---------------------------------------------


def broken(tool: ScreeningTool, tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    path = exported(tool, tmp_path)
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(XlsformError) as caught:
        read_xlsform(path)
    return caught.value.problems


def survey_row_of(book, name: str) -> int:  # type: ignore[no-untyped-def]
    return next(row[0].row for row in book["survey"].iter_rows(min_row=2) if row[1].value == name)


def test_a_missing_sheet_is_named(tools, tmp_path) -> None:
    path = broken(tools["palermo-elements"], tmp_path, lambda book: book.remove(book["choices"]))
    assert problems_of(path) == ["sheet 'choices' is missing"]


def test_an_unknown_question_type_names_its_row(tools, tmp_path) -> None:
    def change(book) -> None:  # type: ignore[no-untyped-def]
        book["survey"].cell(survey_row_of(book, "ACT02"), 1).value = "select_multiple answer"

    [problem] = problems_of(broken(tools["palermo-elements"], tmp_path, change))
    assert (
        problem.startswith("sheet 'survey', row ")
        and "unknown question type 'select_multiple answer'" in problem
    )


def test_a_bad_grade_and_a_bad_id_each_name_their_row(tools, tmp_path) -> None:
    def change(book) -> None:  # type: ignore[no-untyped-def]
        header = [c.value for c in book["survey"][1]]
        book["survey"].cell(survey_row_of(book, "DR01"), header.index("grade") + 1).value = "very strong"
        book["survey"].cell(survey_row_of(book, "DR02"), 2).value = "dr-2"

    rows = (
        survey_row_of(load_workbook(exported(tools["ilo-adult-labour"], tmp_path)), n)
        for n in ("DR01", "DR02")
    )
    first, second = rows
    problems = problems_of(broken(tools["ilo-adult-labour"], tmp_path, change))
    assert problems == [
        f"sheet 'survey', row {first}: bad grade 'very strong' for DR01 (strong, medium, weak or empty)",
        f"sheet 'survey', row {second}: bad indicator ID 'dr-2' (1 to 4 capitals and 2 digits, e.g. DR01)",
    ]


def test_a_rule_that_does_not_parse_is_named(tools, tmp_path) -> None:
    def change(book) -> None:  # type: ignore[no-untyped-def]
        for row in book["companion"].iter_rows(min_row=2):
            if row[0].value == "rule_overall":
                row[2].value = "ACT and and MEANS"

    [problem] = problems_of(broken(tools["palermo-elements"], tmp_path, change))
    assert problem.startswith("sheet 'companion': scoring.overall: ") and "ACT and and MEANS" in problem


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_text("not a spreadsheet", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.startswith("not an .xlsx workbook")


def test_a_label_note_shows_the_age_sentence_a_form_cannot_word_for_the_age(tools) -> None:
    """The form shows a label as the app does for an unknown age: the tool's age note included."""
    tool = tools["ilo-adult-labour"]
    notes = {row["name"]: row for row in survey_rows(tool) if row.get("type") == "note"}
    met = notes["label_5"]  # "R and E and D": the criteria are met
    assert met["label::English (en)"].endswith(
        "consider referral as a presumed victim. Under 18: the child rule decides (see the child policy)."
    )
    assert met["label::Chinese (zh)"].endswith(
        "请考虑作为推定受害人转介。未满18岁者以儿童规则为准（见儿童规则说明）。"
    )
    assert "Under 18" not in notes["label_1"]["label::English (en)"]  # "not E" has no age note


def test_a_label_row_with_a_stray_name_is_named(tools, tmp_path) -> None:
    path = exported(tools["ilo-adult-labour"], tmp_path)
    book = load_workbook(path)
    sheet = book["companion"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "label" and r[1].value == "age_note")
    row[1].value = "agenote"
    book.save(path)
    with pytest.raises(XlsformError) as caught:
        read_xlsform(path)
    assert caught.value.problems == [
        f"sheet 'companion', row {row[0].row}: label name 'agenote' is neither empty nor 'age_note'"
    ]

"""A result's headline names the age when it is known, instead of "Under 18: the child rule decides".

The sentence is data (the tool's ``scoring.age_note``, added to labels marked ``age_note``); these
tests also pin every label every bundled tool shows, so that moving it out of the label texts
changed nothing a user sees.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import pytest

from companion.core.content import load_folder
from companion.core.model import ScreeningTool
from companion.core.screening import evaluate
from companion.core.sources import ContentError

UNKNOWN = "Under 18: the child rule decides"


@pytest.fixture
def tool(bundled_pack):  # type: ignore[no-untyped-def]
    return next(t for t in bundled_pack.by_kind("screening-tool") if t.id == "ilo-adult-labour")


def everything_present(tool) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {i.id: "present" for d in tool.dimensions for i in d.indicators}


def test_age_unknown_keeps_the_conditional_sentence(tool) -> None:  # type: ignore[no-untyped-def]
    assert UNKNOWN in (evaluate(tool, everything_present(tool)).label.en or "")


@pytest.mark.parametrize(
    ("age", "en", "zh"),
    [
        (15, "Age 15: the child rule decides", "当事人15岁"),
        (30, "Age 30: the adult rule applies", "当事人30岁"),
    ],
)
def test_a_known_age_is_said_plainly_in_both_languages(  # type: ignore[no-untyped-def]
    tool, age: int, en: str, zh: str
) -> None:
    label = evaluate(tool, everything_present(tool), age=age).label
    assert UNKNOWN not in (label.en or "") and en in (label.en or "")
    assert "未满18岁者以儿童规则为准" not in (label.zh_hans or "") and zh in (label.zh_hans or "")


# SHA-256 (first 16 hex digits) of every label each bundled tool shows, per dimension results,
# act and age (unknown, 15, 30), as the engine worded them while the sentence was still in the
# label texts. A deliberate rewording of a label changes these: recompute them with shown_labels.
SHOWN_LABELS = {
    "first-contact-guide": "90f8b12f6d9f3a02",
    "ilo-adult-labour": "3267a318fa744fb2",
    "ilo-child-labour": "5f76e13ef91678e2",
    "ilo-forced-labour": "189eaa2d0ae58d2b",
    "palermo-elements": "5fd6f154003da01f",
}


def shown_labels(tool: ScreeningTool) -> dict[str, list[str | None]]:
    """The label for every combination of positive dimensions (all, when there are few), act and age."""
    dims = tool.dimensions
    if len(dims) <= 8:
        subsets = list(itertools.product((False, True), repeat=len(dims)))
    else:
        subsets = [tuple(j == i for j in range(len(dims))) for i in range(len(dims))]
        subsets = [tuple(False for _ in dims), tuple(True for _ in dims), *subsets]
    shown = {}
    for subset in subsets:
        answers = {
            i.id: "present" if on else "absent"
            for d, on in zip(dims, subset, strict=True)
            for i in d.indicators
        }
        for act, age in itertools.product((False, True), (None, 15, 30)):
            label = evaluate(tool, answers, age=age, act=act).label
            key = "".join("1" if on else "0" for on in subset) + f"|{int(act)}|{age}"
            shown[key] = [label.en, label.zh_hans]
    return shown


def test_every_label_of_every_bundled_tool_reads_as_before(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    tools = {tool.id: tool for tool in bundled_pack.by_kind("screening-tool")}
    assert set(tools) == set(SHOWN_LABELS)
    for tool_id, expected in SHOWN_LABELS.items():
        shown = json.dumps(shown_labels(tools[tool_id]), ensure_ascii=False, sort_keys=True)
        assert hashlib.sha256(shown.encode()).hexdigest()[:16] == expected, tool_id


def test_the_age_sentence_is_data_not_part_of_a_label_text(tool) -> None:  # type: ignore[no-untyped-def]
    assert tool.scoring.age_note is not None and UNKNOWN in (tool.scoring.age_note.en or "")
    assert all(UNKNOWN not in (label.text.en or "") for label in tool.scoring.labels)
    assert [label.age_note for label in tool.scoring.labels] == [False, True, True, True, True]


def test_a_label_asking_for_an_age_note_the_tool_lacks_is_a_content_error(tmp_path: Path) -> None:
    from companion import resources

    folder = tmp_path / "pack"
    source = resources.bundled_pack_dir()
    (folder / "tools").mkdir(parents=True)
    (folder / "pack.toml").write_bytes((source / "pack.toml").read_bytes())
    text = (source / "tools" / "ilo-adult-labour.toml").read_text(encoding="utf-8")
    start = text.index("[scoring.age_note]")
    end = text.index("[[scoring.labels]]", start)
    (folder / "tools" / "ilo-adult-labour.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_folder(folder)
    assert [str(problem) for problem in caught.value.problems] == [
        "tools/ilo-adult-labour.toml: scoring: Value error, a label has age_note = true"
        " but the scoring has no age_note text"
    ]

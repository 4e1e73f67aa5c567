"""Practice on a case study: what a trainee marked, against the facilitator's answer key.

Nothing here is stored. Each indicator is matched (marked and in the key),
missed (in the key, not marked) or wrongly marked (marked, not in the key),
with the reason the key gives; the outcomes are set side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.core.screening.engine import evaluate
from companion.core.screening.result import Result, ScreeningError

if TYPE_CHECKING:
    from companion.core.model import AnswerKey, CaseStudy, ScreeningTool, Text


@dataclass(frozen=True)
class Finding:
    indicator: str
    reason: Text | None  # None where the key says nothing about this indicator


@dataclass(frozen=True)
class Comparison:
    study_id: str
    tool_id: str
    matched: tuple[Finding, ...]
    missed: tuple[Finding, ...]
    wrongly_marked: tuple[Finding, ...]
    expected_outcome: str
    expected_explanation: Text
    trainee: Result  # the trainee's own answers, assessed
    key: Result  # the answer key's indicators, assessed the same way

    @property
    def outcome_agrees(self) -> bool:
        return self.trainee.outcome == self.expected_outcome


def answer_key(study: CaseStudy, tool_id: str) -> AnswerKey:
    for key in study.answer_keys:
        if key.tool == tool_id:
            return key
    raise ScreeningError(f"case study {study.id} has no answer key for {tool_id}")


def practice_tools(study: CaseStudy) -> list[str]:
    """The tools a case study can be practised with: those its answer keys use."""
    return [key.tool for key in study.answer_keys]


def compare(study: CaseStudy, tool: ScreeningTool, answers: dict[str, str]) -> Comparison:
    key = answer_key(study, tool.id)
    expected = {entry.indicator: entry.reason for entry in key.indicators}
    tempting = {entry.indicator: entry.reason for entry in key.not_present}
    marked = [i for i in tool.indicator_ids() if answers.get(i) == "present"]
    act = bool(key.act_recorded)
    return Comparison(
        study_id=study.id,
        tool_id=tool.id,
        matched=tuple(Finding(i, expected[i]) for i in marked if i in expected),
        missed=tuple(Finding(i, r) for i, r in expected.items() if answers.get(i) != "present"),
        wrongly_marked=tuple(Finding(i, tempting.get(i)) for i in marked if i not in expected),
        expected_outcome=key.outcome,
        expected_explanation=key.explanation,
        trainee=evaluate(tool, answers, key.age, act),
        key=evaluate(tool, dict.fromkeys(expected, "present"), key.age, act),
    )

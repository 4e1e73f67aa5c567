"""The screening engine: one tool's answers in, a framed result out (docs/domain.md#scoring-rule).

Owns the application of the tool's own rules (dimension, groups, overall, child), the child
policy and "what would change"; the result types live in ``result`` and the bilingual
explanation in ``explain``. The rules are data in
the tool; nothing here knows the ILO lists. A result is never a verdict: it reads "indicators
present; consider referral" or "not established on the information recorded".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from companion.core.model import Label, ScoringRule, ScreeningTool, Text
from companion.core.screening.explain import explain_checklist, explain_scored
from companion.core.screening.expression import ExpressionError, Value, parse
from companion.core.screening.result import (
    ADULT_AGE,
    ANSWERS,
    CHILD_POLICIES,
    DimensionResult,
    Outcome,
    Result,
    ScreeningError,
)

# Stands in until the explanation, which reads the finished result, is written.
_PENDING = Text(en="…", zh_hans="…")


# --- evaluation -------------------------------------------------------------------------------


def evaluate(
    tool: ScreeningTool,
    answers: Mapping[str, str],
    age: int | None = None,
    act: bool | None = None,
    child_policy: str = "palermo",
) -> Result:
    """Assess ``answers`` with ``tool``; indicators missing from ``answers`` count as unknown."""
    full = _validated(tool, answers)
    if child_policy not in CHILD_POLICIES:
        raise ScreeningError(f"unknown child policy {child_policy!r} (use {' or '.join(CHILD_POLICIES)})")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 130):
        raise ScreeningError(f"age must be a whole number of years from 0 to 130, not {age!r}")
    if tool.scoring is None:
        return _checklist(tool, full, age)
    try:
        return _scored(tool, full, age, act is True, child_policy)
    except ExpressionError as exc:
        raise ScreeningError(f"tool {tool.id}: {exc}") from None


def _validated(tool: ScreeningTool, answers: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(answers, Mapping):
        raise ScreeningError("answers must map indicator IDs to present, absent, unknown or declined")
    known = tool.indicator_ids()
    for indicator, answer in answers.items():
        if indicator not in known:
            raise ScreeningError(f"unknown indicator {indicator!r} for tool {tool.id}")
        if answer not in ANSWERS:
            raise ScreeningError(
                f"indicator {indicator}: answer must be present, absent, unknown or declined, not {answer!r}"
            )
    return {indicator: answers.get(indicator, "unknown") for indicator in known}


def _count(tool: ScreeningTool, full: Mapping[str, str]) -> list[DimensionResult]:
    """Per dimension: present counts by grade, the unknowns and the declined; ``positive`` still undecided."""
    counted = []
    for dimension in tool.dimensions:
        present = [i for i in dimension.indicators if full[i.id] == "present"]
        counted.append(
            DimensionResult(
                id=dimension.id,
                title=dimension.title,
                strong=sum(i.grade == "strong" for i in present),
                medium=sum(i.grade == "medium" for i in present),
                weak=sum(i.grade == "weak" for i in present),
                present=tuple(i.id for i in present),
                unknown=tuple(i.id for i in dimension.indicators if full[i.id] == "unknown"),
                positive=None,
                declined=tuple(i.id for i in dimension.indicators if full[i.id] == "declined"),
            )
        )
    return counted


def _dimension_positive(rule: str, strong: int, medium: int, weak: int, present: int) -> bool:
    env = {"strong": strong, "medium": medium, "weak": weak, "present": present}
    return parse(rule).holds(env)


def _with_positives(tool: ScreeningTool, counted: list[DimensionResult]) -> list[DimensionResult]:
    assert tool.scoring is not None
    rule = tool.scoring.dimension
    return [replace(d, positive=_dimension_positive(rule, *_counts(d))) for d in counted]


def _counts(d: DimensionResult) -> tuple[int, int, int, int]:
    return d.strong, d.medium, d.weak, len(d.present)


def _names(tool: ScreeningTool, dims: list[DimensionResult], act: bool) -> dict[str, Value]:
    """The names the overall, child and label rules may use: dimensions, groups and ``act``."""
    assert tool.scoring is not None
    env: dict[str, Value] = {d.id: bool(d.positive) for d in dims}
    env["act"] = act
    # Groups are evaluated in order, so a later group may build on an earlier one.
    for name, rule in tool.scoring.groups.items():
        if name in env:
            raise ScreeningError(f"tool {tool.id}: group {name!r} has the name of a dimension or 'act'")
        env[name] = parse(rule).holds(env)
    return env


def _assess(
    tool: ScreeningTool, full: Mapping[str, str], act: bool
) -> tuple[list[DimensionResult], dict[str, Value]]:
    dims = _with_positives(tool, _count(tool, full))
    return dims, _names(tool, dims, act)


def _scored(
    tool: ScreeningTool, full: dict[str, str], age: int | None, act: bool, child_policy: str
) -> Result:
    scoring = tool.scoring
    assert scoring is not None
    dims, env = _assess(tool, full, act)
    is_child = age is not None and age < ADULT_AGE
    rule, policy = scoring.overall, "adult"
    if is_child and scoring.child is not None:
        if child_policy == "palermo":
            rule, policy = scoring.child, "child-palermo"
        else:
            policy = "child-ilo-as-adult"
    met = parse(rule).holds(env)
    outcome_if_child: Outcome | None = None
    if age is None and scoring.child is not None and child_policy == "palermo":
        outcome_if_child = "met" if parse(scoring.child).holds(env) else "not_met"

    would_meet: list[str] = []
    if not met:
        # A declined answer is open like an unknown one: it might be found present some other way.
        for indicator in (i for d in dims for i in d.open):
            _dims, trial = _assess(tool, {**full, indicator: "present"}, act)
            if parse(rule).holds(trial):
                would_meet.append(indicator)

    result = Result(
        tool_id=tool.id,
        tool_version=tool.version,
        dimensions=tuple(dims),
        groups={name: bool(env[name]) for name in scoring.groups},
        outcome="met" if met else "not_met",
        complete=all(not d.open for d in dims),
        label=_label(tool, env, met, age),
        explanation=_PENDING,
        what_would_change=_what_would_change(tool, dims),
        policy=policy,  # type: ignore[arg-type]
        caveats=tuple(tool.caveats),
        age=age,
        act=act,
        outcome_if_child=outcome_if_child,
        would_meet=tuple(would_meet),
    )
    return replace(result, explanation=explain_scored(tool, result, env, rule))


def _what_would_change(tool: ScreeningTool, dims: list[DimensionResult]) -> dict[str, tuple[str, ...]]:
    """For each negative dimension, the unknown or declined indicators that alone would make it positive."""
    assert tool.scoring is not None
    grades = {i.id: i.grade for d in tool.dimensions for i in d.indicators}
    changes: dict[str, tuple[str, ...]] = {}
    for d in dims:
        if d.positive:
            continue
        flips = []
        for indicator in d.open:
            strong, medium, weak, present = _counts(d)
            grade = grades[indicator]
            if _dimension_positive(
                tool.scoring.dimension,
                strong + (grade == "strong"),
                medium + (grade == "medium"),
                weak + (grade == "weak"),
                present + 1,
            ):
                flips.append(indicator)
        changes[d.id] = tuple(flips)
    return changes


def _joined(first: Text, second: Text) -> Text:
    """Two texts as one, per language: English sentences take a space, Chinese ones none."""
    return Text(
        en=" ".join(part for part in (first.en, second.en) if part) or None,
        zh_hans="".join(part for part in (first.zh_hans, second.zh_hans) if part) or None,
    )


def age_note(scoring: ScoringRule, age: int | None) -> Text | None:
    """The sentence an ``age_note`` label ends with: the tool's own while the age is unknown."""
    if scoring.age_note is None or age is None:
        return scoring.age_note
    if age < ADULT_AGE:
        return Text(en=f"Age {age}: the child rule decides.", zh_hans=f"当事人{age}岁：以儿童规则为准。")
    return Text(en=f"Age {age}: the adult rule applies.", zh_hans=f"当事人{age}岁：适用成年人规则。")


def label_text(scoring: ScoringRule, label: Label, age: int | None) -> Text:
    """What ``label`` says for a person of ``age`` (None: not known), its age note included."""
    note = age_note(scoring, age) if label.age_note else None
    return label.text if note is None else _joined(label.text, note)


def _label(tool: ScreeningTool, env: Mapping[str, Value], met: bool, age: int | None) -> Text:
    assert tool.scoring is not None
    for label in tool.scoring.labels:
        if parse(label.when).holds(env):
            return label_text(tool.scoring, label, age)
    if met:
        return Text(en="Indicators present; consider referral.", zh_hans="存在相关指标，请考虑转介。")
    return Text(
        en="Criteria not established on the information recorded; consider further inquiry.",
        zh_hans="根据现有记录，尚未确定符合标准；请考虑进一步调查。",
    )


def _checklist(tool: ScreeningTool, full: dict[str, str], age: int | None) -> Result:
    """A tool without scoring: list what is present, never a score (docs/domain.md#checklist-tools)."""
    dims = _count(tool, full)
    present = [i for d in dims for i in d.present]
    label = (
        Text(
            en="Indicators present: further inquiry and referral are recommended.",
            zh_hans="存在指标：建议进一步调查并转介。",
        )
        if present
        else Text(
            en="No indicator recorded as present; nothing is ruled out by this.",
            zh_hans="没有记录为存在的指标；这并不排除任何情况。",
        )
    )
    result = Result(
        tool_id=tool.id,
        tool_version=tool.version,
        dimensions=tuple(dims),
        groups={},
        outcome="indicators_present" if present else "no_indicators",
        complete=all(not d.open for d in dims),
        label=label,
        explanation=_PENDING,
        what_would_change={},
        policy="checklist",
        caveats=tuple(tool.caveats),
        age=age,
    )
    return replace(result, explanation=explain_checklist(tool, result))


# --- JSON views (docs/contract.md#screen) -----------------------------------------------------


def describe(tool: ScreeningTool) -> dict[str, Any]:
    """The tool as ``companion screen TOOL --describe --json`` prints it."""
    return {
        "id": tool.id,
        "version": tool.version,
        "title": tool.title.as_json(),
        "dimensions": [
            {
                "id": d.id,
                "title": d.title.as_json(),
                "indicators": [
                    {"id": i.id, "grade": i.grade, "text": i.text.as_json()} for i in d.indicators
                ],
            }
            for d in tool.dimensions
        ],
    }


def result_json(result: Result, lang: str = "en") -> dict[str, Any]:
    """The result as ``companion screen TOOL --answers FILE --json`` prints it."""
    return {
        "tool": result.tool_id,
        "dimensions": {
            d.id: {
                "positive": d.positive,
                "strong": d.strong,
                "medium": d.medium,
                "weak": d.weak,
                "unknown": len(d.unknown),
                "declined": len(d.declined),
            }
            for d in result.dimensions
        },
        "outcome": result.outcome,
        "complete": result.complete,
        "label": result.label.resolve(lang)[0],
        "explanation": result.explanation.resolve(lang)[0],
        "policy": result.policy,
        "what_would_change": {dim: list(ids) for dim, ids in result.what_would_change.items()},
    }

"""The screening engine: one tool's answers in, a framed result out (BRIEF.md 5.1.5 to 5.2).

Owns the answer model (present, absent, unknown: only present counts, and unknown is never
worded as absent), the application of the tool's own rules (dimension, groups, overall, child),
the child policy, "what would change", and the bilingual explanation. The rules are data in
the tool; nothing here knows the ILO lists. A result is never a verdict: it reads "indicators
present; consider referral" or "not established on the information recorded".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from companion.core.model import ScreeningTool, Text
from companion.core.screening.expression import ExpressionError, Value, parse

Answer = Literal["present", "absent", "unknown"]
ANSWERS: tuple[str, ...] = ("present", "absent", "unknown")
ChildPolicy = Literal["palermo", "ilo-as-adult"]
CHILD_POLICIES: tuple[str, ...] = ("palermo", "ilo-as-adult")
Policy = Literal["adult", "child-palermo", "child-ilo-as-adult", "checklist"]
Outcome = Literal["met", "not_met", "indicators_present", "no_indicators"]
ADULT_AGE = 18
# Beyond this many, a list of indicator IDs in a sentence is cut short ("and 9 more").
LIST_LIMIT = 12


class ScreeningError(ValueError):
    """Answers or a tool the engine cannot use; the message is one clear line."""


@dataclass(frozen=True)
class DimensionResult:
    id: str
    title: Text
    strong: int
    medium: int
    weak: int
    present: tuple[str, ...]  # indicator IDs answered present, in the tool's order
    unknown: tuple[str, ...]  # indicator IDs unknown or not answered
    positive: bool | None  # None for a tool without scoring (checklist, guide)


@dataclass(frozen=True)
class Result:
    tool_id: str
    tool_version: str
    dimensions: tuple[DimensionResult, ...]
    groups: dict[str, bool]
    outcome: Outcome
    complete: bool
    label: Text
    explanation: Text
    what_would_change: dict[str, tuple[str, ...]]
    policy: Policy
    caveats: tuple[Text, ...]
    age: int | None = None
    act: bool = False
    # Age unknown: the outcome under the child rule, for the presumption of childhood.
    outcome_if_child: Outcome | None = None
    # Unknown indicators that, each on its own, would turn "not_met" into "met".
    would_meet: tuple[str, ...] = field(default=())

    def dimension(self, dimension_id: str) -> DimensionResult:
        for result in self.dimensions:
            if result.id == dimension_id:
                return result
        raise KeyError(dimension_id)


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
        raise ScreeningError("answers must map indicator IDs to present, absent or unknown")
    known = tool.indicator_ids()
    for indicator, answer in answers.items():
        if indicator not in known:
            raise ScreeningError(f"unknown indicator {indicator!r} for tool {tool.id}")
        if answer not in ANSWERS:
            raise ScreeningError(
                f"indicator {indicator}: answer must be present, absent or unknown, not {answer!r}"
            )
    return {indicator: answers.get(indicator, "unknown") for indicator in known}


def _count(tool: ScreeningTool, full: Mapping[str, str]) -> list[DimensionResult]:
    """Per dimension: present counts by grade and the unknowns; ``positive`` still undecided."""
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
        for indicator in (i for d in dims for i in d.unknown):
            _dims, trial = _assess(tool, {**full, indicator: "present"}, act)
            if parse(rule).holds(trial):
                would_meet.append(indicator)

    result = Result(
        tool_id=tool.id,
        tool_version=tool.version,
        dimensions=tuple(dims),
        groups={name: bool(env[name]) for name in scoring.groups},
        outcome="met" if met else "not_met",
        complete=all(not d.unknown for d in dims),
        label=_label(tool, env, met),
        explanation=_PENDING,
        what_would_change=_what_would_change(tool, dims),
        policy=policy,  # type: ignore[arg-type]
        caveats=tuple(tool.caveats),
        age=age,
        act=act,
        outcome_if_child=outcome_if_child,
        would_meet=tuple(would_meet),
    )
    return replace(result, explanation=_explain_scored(tool, result, env, rule))


def _what_would_change(tool: ScreeningTool, dims: list[DimensionResult]) -> dict[str, tuple[str, ...]]:
    """For each negative dimension, the unknown indicators that alone would make it positive."""
    assert tool.scoring is not None
    grades = {i.id: i.grade for d in tool.dimensions for i in d.indicators}
    changes: dict[str, tuple[str, ...]] = {}
    for d in dims:
        if d.positive:
            continue
        flips = []
        for indicator in d.unknown:
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


def _label(tool: ScreeningTool, env: Mapping[str, Value], met: bool) -> Text:
    assert tool.scoring is not None
    for label in tool.scoring.labels:
        if parse(label.when).holds(env):
            return label.text
    if met:
        return Text(en="Indicators present; consider referral.", zh_hans="存在相关指标，请考虑转介。")
    return Text(
        en="Criteria not established on the information recorded; consider further inquiry.",
        zh_hans="根据现有记录，尚未确定符合标准；请考虑进一步调查。",
    )


def _checklist(tool: ScreeningTool, full: dict[str, str], age: int | None) -> Result:
    """A tool without scoring: list what is present, never a score or a threshold (BRIEF.md 5.2)."""
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
        complete=all(not d.unknown for d in dims),
        label=label,
        explanation=_PENDING,
        what_would_change={},
        policy="checklist",
        caveats=tuple(tool.caveats),
        age=age,
    )
    return replace(result, explanation=_explain_checklist(tool, result))


# --- explanation: plain sentences in both languages -------------------------------------------


class _Lines:
    """Sentences collected in English and Chinese side by side, one per line."""

    def __init__(self) -> None:
        self.en: list[str] = []
        self.zh: list[str] = []

    def add(self, en: str, zh: str) -> None:
        self.en.append(en)
        self.zh.append(zh)

    def text(self) -> Text:
        return Text(en="\n".join(self.en), zh_hans="\n".join(self.zh))


def _ids(ids: list[str] | tuple[str, ...], lang: str) -> str:
    shown = ", ".join(ids[:LIST_LIMIT]) if lang == "en" else "、".join(ids[:LIST_LIMIT])
    rest = len(ids) - LIST_LIMIT
    if rest <= 0:
        return shown
    return f"{shown} and {rest} more" if lang == "en" else f"{shown}等共{len(ids)}项"


def _explain_scored(tool: ScreeningTool, result: Result, env: Mapping[str, Value], rule: str) -> Text:
    scoring = tool.scoring
    assert scoring is not None
    lines = _Lines()
    graded = scoring.uses_grades()
    for d in result.dimensions:
        title_en, title_zh = d.title.resolve("en")[0], d.title.resolve("zh-Hans")[0]
        if graded:
            en_counts = f"{d.strong} strong, {d.medium} medium and {d.weak} weak indicators present"
            zh_counts = f"记录为存在的强指标{d.strong}项、中指标{d.medium}项、弱指标{d.weak}项"
        else:
            en_counts = f"{len(d.present)} indicators present"
            zh_counts = f"记录为存在的指标{len(d.present)}项"
        if d.positive:
            en = f"{d.id} ({title_en}): positive, with {en_counts}."
            zh = f"{d.id}（{title_zh}）：成立，{zh_counts}。"
        else:
            en = f"{d.id} ({title_en}): not established on the information recorded ({en_counts})."
            zh = f"{d.id}（{title_zh}）：根据现有记录尚未确定（{zh_counts}）。"
        if d.unknown:
            en += f" {len(d.unknown)} of its indicators are unknown."
            zh += f"另有{len(d.unknown)}项指标情况不明。"
        lines.add(en, zh)
    if scoring.groups:
        lines.add(
            "Groups: "
            + "; ".join(
                f"{n} ({r}) {'positive' if env[n] else 'not established'}" for n, r in scoring.groups.items()
            )
            + ".",
            "组合："
            + "；".join(f"{n}（{r}）{'成立' if env[n] else '尚未确定'}" for n, r in scoring.groups.items())
            + "。",
        )
    _explain_policy(lines, tool, result, env)
    _explain_outcome(lines, result, env, rule)
    _explain_unknowns(lines, tool, result)
    return lines.text()


def _explain_policy(lines: _Lines, tool: ScreeningTool, result: Result, env: Mapping[str, Value]) -> None:
    scoring = tool.scoring
    assert scoring is not None
    age, child, overall = result.age, scoring.child, scoring.overall
    if result.policy == "child-palermo":
        assert child is not None
        en = (
            f"The person is {age}, under 18: the child rule “{child}” was used "
            "(policy CHILD_PALERMO: no means are needed for a child)."
        )
        zh = f"当事人{age}岁，未满18岁：采用儿童规则“{child}”（CHILD_PALERMO规则：儿童案件不要求手段要素）。"
        if "act" in parse(child).names():
            en += (
                " An act by a third party is recorded."
                if result.act
                else " No act by a third party is recorded."
            )
            zh += "已记录第三方实施的行为。" if result.act else "尚未记录第三方实施的行为。"
        adult_met = parse(overall).holds(env)
        en += (
            f" For comparison only, the adult-style rule “{overall}” would "
            f"{'be met' if adult_met else 'not be met'}; "
            "its parts are supporting information, not conditions."
        )
        zh += (
            f"仅供对比：按成年人方式组合的规则“{overall}”{'成立' if adult_met else '不成立'}；"
            "其各部分只作为辅助信息，而不是判断条件。"
        )
        lines.add(en, zh)
    elif result.policy == "child-ilo-as-adult":
        assert child is not None
        child_met = parse(child).holds(env)
        lines.add(
            f"The person is {age}, under 18: the adult-style rule “{overall}” was applied for "
            f"comparison only (policy CHILD_ILO_AS_ADULT). The default child rule “{child}” "
            f"(CHILD_PALERMO) would {'be met' if child_met else 'not be met'}.",
            f"当事人{age}岁，未满18岁：仅为对比而套用成年人规则“{overall}”（CHILD_ILO_AS_ADULT规则）。"
            f"按默认儿童规则“{child}”（CHILD_PALERMO），结果为{'符合' if child_met else '不符合'}。",
        )
    elif age is None and result.outcome_if_child is not None:
        child_met = result.outcome_if_child == "met"
        lines.add(
            f"Age not recorded: the adult rule “{overall}” was used. If the person may be under 18, the "
            f"child branch applies (presumption of childhood): under the child rule “{child}” the criteria "
            f"would {'be met' if child_met else 'not be established'} on the information recorded.",
            f"年龄未记录：采用成年人规则“{overall}”。如当事人可能未满18岁，应适用儿童规则（推定为儿童）："
            f"按儿童规则“{child}”，根据现有记录{'符合标准' if child_met else '尚未确定符合标准'}。",
        )
    elif age is not None and age < ADULT_AGE:
        lines.add(
            f"The person is {age}, under 18, but this tool has no child rule: the adult rule “{overall}” "
            "was used. Involve child-protection services.",
            f"当事人{age}岁，未满18岁，但本工具没有儿童规则：采用成年人规则“{overall}”。请让儿童保护部门介入。",
        )
    elif age is not None:
        lines.add(
            f"The person is {age}: the adult rule “{overall}” was used.",
            f"当事人{age}岁：采用成年人规则“{overall}”。",
        )
    else:
        lines.add(f"Age not recorded: the rule “{overall}” was used.", f"年龄未记录：采用规则“{overall}”。")


def _explain_outcome(lines: _Lines, result: Result, env: Mapping[str, Value], rule: str) -> None:
    if result.outcome == "met":
        lines.add(
            f"Outcome: the rule “{rule}” holds on the information recorded, so the criteria are met: "
            "indicators present; consider referral. This is an indication for referral and further "
            "inquiry, not a legal identification.",
            f"结论：根据现有记录，规则“{rule}”成立，符合标准：存在相关指标，请考虑转介。"
            "这只是转介和进一步调查的依据，不是法律认定。",
        )
        return
    missing = [name for name in parse(rule).names() if env.get(name) is False]
    en_missing = [("act (no act by a third party recorded)" if n == "act" else n) for n in missing]
    zh_missing = [("行为（尚未记录第三方实施的行为）" if n == "act" else n) for n in missing]
    en_because = (
        f", because these parts of it are not established: {', '.join(en_missing)}" if missing else ""
    )
    zh_because = f"，因为以下部分尚未确定：{'、'.join(zh_missing)}" if missing else ""
    lines.add(
        f"Outcome: the rule “{rule}” does not hold on the information recorded{en_because}. The criteria are "
        "therefore not established on the information recorded. This is not a finding about the person: "
        "consider further inquiry, and referral where there are other concerns.",
        f"结论：根据现有记录，规则“{rule}”不成立{zh_because}。因此，根据现有记录尚未确定符合标准。"
        "这不是对当事人的认定：请考虑进一步调查，如有其他疑虑，请考虑转介。",
    )


def _explain_unknowns(lines: _Lines, tool: ScreeningTool, result: Result) -> None:
    total = len(tool.indicator_ids())
    unknown = sum(len(d.unknown) for d in result.dimensions)
    if unknown:
        lines.add(
            f"{unknown} of the tool's {total} indicators are unknown (not asked, not known or declined). "
            "Unknown is not the same as absent, so the assessment is incomplete.",
            f"本工具{total}项指标中有{unknown}项情况不明（未询问、不清楚或拒绝回答）。"
            "“不清楚”不等于“不存在”，因此本次评估并不完整。",
        )
    else:
        lines.add(f"All {total} indicators have an answer.", f"本工具{total}项指标均已作答。")
    if result.would_meet:
        lines.add(
            "Each of these unknown indicators, if found present, would on its own change the outcome to "
            f"met: {_ids(result.would_meet, 'en')}.",
            "以下情况不明的指标中，任何一项一旦确认存在，即可使结论变为符合标准："
            f"{_ids(result.would_meet, 'zh-Hans')}。",
        )


def _explain_checklist(tool: ScreeningTool, result: Result) -> Text:
    lines = _Lines()
    present = [i for d in result.dimensions for i in d.present]
    total = len(tool.indicator_ids())
    if present:
        lines.add(
            f"Recorded as present: {len(present)} of the {total} indicators ({_ids(present, 'en')}).",
            f"本工具{total}项指标中，记录为存在的有{len(present)}项：{_ids(present, 'zh-Hans')}。",
        )
        lines.add(
            "This tool has no score and no threshold: any indicator present calls for further inquiry "
            "and referral. Judge the whole situation.",
            "本工具不计分、不设门槛：只要出现任何一项指标，即建议进一步调查并转介。应对整体情况作出判断。",
        )
    else:
        lines.add(
            f"None of the {total} indicators is recorded as present: not established on the information "
            "recorded. The tool has no threshold, and this rules nothing out.",
            f"本工具{total}项指标均未记录为存在：根据现有记录尚未确定。本工具不设门槛，这并不排除任何情况。",
        )
    _explain_unknowns(lines, tool, result)
    return lines.text()


# --- JSON views (PRODUCT.md, "The scriptable interface") ---------------------------------------


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

"""The plain explanation of a screening result, in English and Chinese side by side.

Sentences say which dimensions are positive and by which counts, why the
outcome follows, and what unknown answers could change; a negative is "not
established on the information recorded", never "not a victim".
"""

from __future__ import annotations

from collections.abc import Mapping

from companion.core.model import ScreeningTool, Text
from companion.core.screening.expression import Value, parse
from companion.core.screening.result import ADULT_AGE, Result

# Beyond this many, a list of indicator IDs in a sentence is cut short ("and 9 more").
LIST_LIMIT = 12


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


def explain_scored(tool: ScreeningTool, result: Result, env: Mapping[str, Value], rule: str) -> Text:
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
        if d.declined:
            en += f" The person declined to answer on {len(d.declined)} of them."
            zh += f"当事人拒绝回答其中{len(d.declined)}项指标。"
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
            f"The person is {age}, under 18: the child rule '{child}' was used "
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
            f" For comparison only, the adult-style rule '{overall}' would "
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
            f"The person is {age}, under 18: the adult-style rule '{overall}' was applied for "
            f"comparison only (policy CHILD_ILO_AS_ADULT). The default child rule '{child}' "
            f"(CHILD_PALERMO) would {'be met' if child_met else 'not be met'}.",
            f"当事人{age}岁，未满18岁：仅为对比而套用成年人规则“{overall}”（CHILD_ILO_AS_ADULT规则）。"
            f"按默认儿童规则“{child}”（CHILD_PALERMO），结果为{'符合' if child_met else '不符合'}。",
        )
    elif age is None and result.outcome_if_child is not None:
        child_met = result.outcome_if_child == "met"
        lines.add(
            f"Age not recorded: the adult rule '{overall}' was used. If the person may be under 18, the "
            f"child branch applies (presumption of childhood): under the child rule '{child}' the criteria "
            f"would {'be met' if child_met else 'not be established'} on the information recorded.",
            f"年龄未记录：采用成年人规则“{overall}”。如当事人可能未满18岁，应适用儿童规则（推定为儿童）："
            f"按儿童规则“{child}”，根据现有记录{'符合标准' if child_met else '尚未确定符合标准'}。",
        )
    elif age is not None and age < ADULT_AGE:
        lines.add(
            f"The person is {age}, under 18, but this tool has no child rule: the adult rule '{overall}' "
            "was used. Involve child-protection services.",
            f"当事人{age}岁，未满18岁，但本工具没有儿童规则：采用成年人规则“{overall}”。请让儿童保护部门介入。",
        )
    elif age is not None:
        lines.add(
            f"The person is {age}: the adult rule '{overall}' was used.",
            f"当事人{age}岁：采用成年人规则“{overall}”。",
        )
    else:
        lines.add(f"Age not recorded: the rule '{overall}' was used.", f"年龄未记录：采用规则“{overall}”。")


def _explain_outcome(lines: _Lines, result: Result, env: Mapping[str, Value], rule: str) -> None:
    if result.outcome == "met":
        lines.add(
            f"Outcome: the rule '{rule}' holds on the information recorded, so the criteria are met: "
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
        f"Outcome: the rule '{rule}' does not hold on the information recorded{en_because}. The criteria are "
        "therefore not established on the information recorded. This is not a finding about the person: "
        "consider further inquiry, and referral where there are other concerns.",
        f"结论：根据现有记录，规则“{rule}”不成立{zh_because}。因此，根据现有记录尚未确定符合标准。"
        "这不是对当事人的认定：请考虑进一步调查，如有其他疑虑，请考虑转介。",
    )


def _explain_unknowns(lines: _Lines, tool: ScreeningTool, result: Result) -> None:
    total = len(tool.indicator_ids())
    unknown = sum(len(d.unknown) for d in result.dimensions)
    declined = [i for d in result.dimensions for i in d.declined]
    if unknown:
        lines.add(
            f"{unknown} of the tool's {total} indicators are unknown (not asked or not known). "
            "Unknown is not the same as absent, so the assessment is incomplete.",
            f"本工具{total}项指标中有{unknown}项情况不明（未询问或不清楚）。"
            "“不清楚”不等于“不存在”，因此本次评估并不完整。",
        )
    if declined:
        # Reported apart from unknown: a refusal is information for the interviewer, not a gap in asking.
        lines.add(
            f"The person declined to answer on {len(declined)} of the tool's {total} indicators "
            f"({_ids(declined, 'en')}). Declined counts as not present, not as absent, so the assessment "
            "is incomplete.",
            f"本工具{total}项指标中，当事人拒绝回答{len(declined)}项（{_ids(declined, 'zh-Hans')}）。"
            "拒绝回答按“未确认存在”处理，不等于“不存在”，因此本次评估并不完整。",
        )
    if not unknown and not declined:
        lines.add(f"All {total} indicators have an answer.", f"本工具{total}项指标均已作答。")
    if result.would_meet:
        lines.add(
            "Each of these unknown or declined indicators, if found present, would on its own change the "
            f"outcome to met: {_ids(result.would_meet, 'en')}.",
            "以下情况不明或拒绝回答的指标中，任何一项一旦确认存在，即可使结论变为符合标准："
            f"{_ids(result.would_meet, 'zh-Hans')}。",
        )


def explain_checklist(tool: ScreeningTool, result: Result) -> Text:
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

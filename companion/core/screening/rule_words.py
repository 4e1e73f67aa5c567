"""A tool's scoring rules as plain sentences, in English and Chinese, for a person scoring with a pen.

Owns the wording of rules, not their meaning: the sentence is read off the parsed
expression (:mod:`.expression`), so a printed form always says what the engine applies,
whatever rules a pack brings. Counts read "at least 2 strong"; dimensions read as their
titles with their IDs (the IDs head the form's sections); a group, which has no title of
its own, reads as its definition; ``act`` reads as "an act by a third party is recorded".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from companion.core.model import ScreeningTool, Text
from companion.core.screening.expression import BoolOp, Compare, Name, Node, Not, Number, Sum, parse

COUNT_WORDS = {
    "strong": ("strong", "强指标"),
    "medium": ("medium", "中等指标"),
    "weak": ("weak", "弱指标"),
    "present": ("present", "存在的指标"),
}
# "at least 2" / "至少2项": how each comparison of a count with a number reads.
COMPARISON_WORDS = {
    ">=": ("at least {n}", "至少{n}项"),
    ">": ("more than {n}", "多于{n}项"),
    "<=": ("at most {n}", "至多{n}项"),
    "<": ("fewer than {n}", "少于{n}项"),
    "==": ("exactly {n}", "恰好{n}项"),
}
ACT = ("an act by a third party is recorded", "已记录第三方实施的行为")


@dataclass(frozen=True)
class _Phrase:
    """One part of a sentence in both languages; ``compound`` when it needs brackets inside another."""

    en: str
    zh: str
    compound: bool = False


class _Describer:
    def __init__(self, titles: Mapping[str, Text], groups: Mapping[str, str]) -> None:
        self.titles = titles
        self.groups = groups

    def phrase(self, node: Node) -> _Phrase:
        if isinstance(node, Name):
            return self._name(node.name)
        if isinstance(node, Number):
            return _Phrase(str(node.value), str(node.value))
        if isinstance(node, Not):
            inner = self.phrase(node.operand)
            if inner.compound:
                return _Phrase(f"not ({inner.en})", f"（{inner.zh}）不成立")
            return _Phrase(f"{inner.en} not established", f"{inner.zh}不成立")
        if isinstance(node, BoolOp):
            parts = [self.phrase(operand) for operand in node.operands]
            nested = any(p.compound for p in parts)
            en_parts = [f"({p.en})" if p.compound else p.en for p in parts]
            zh_parts = [f"（{p.zh}）" if p.compound else p.zh for p in parts]
            word_zh = "或" if node.op == "or" else "且"
            # Commas, except between two plain names: "at least 1 strong, or at least 2 medium".
            plain = len(parts) == 2 and all(isinstance(o, Name) for o in node.operands) and not nested
            en_join = f" {node.op} " if plain else f", {node.op} "
            return _Phrase(en_join.join(en_parts), f"，{word_zh}".join(zh_parts), compound=True)
        if isinstance(node, Compare):
            return self._compare(node)
        if isinstance(node, Sum):
            return self._counted(node)
        raise TypeError(f"unknown node {node!r}")

    def _name(self, name: str) -> _Phrase:
        if name == "act":
            return _Phrase(*ACT)
        if name in self.titles:
            title = self.titles[name]
            return _Phrase(f"{title.resolve('en')[0]} ({name})", f"{title.resolve('zh-Hans')[0]}（{name}）")
        if name in self.groups:
            inner = self.phrase(parse(self.groups[name]).tree)
            return _Phrase(inner.en, inner.zh, inner.compound)
        if name in COUNT_WORDS:
            return _Phrase(*COUNT_WORDS[name])
        return _Phrase(name, name)  # a name the tool does not define: the engine refuses it anyway

    def _counted(self, node: Node) -> _Phrase:
        """A count or a sum of counts: "medium or weak" / "中等或弱指标"."""
        operands = node.operands if isinstance(node, Sum) else (node,)
        names = [o.name for o in operands if isinstance(o, Name)]
        if len(names) == len(operands) and all(n in COUNT_WORDS for n in names):
            en = " or ".join(COUNT_WORDS[n][0] for n in names)
            zh_words = [COUNT_WORDS[n][1] for n in names]
            # "中等指标或弱指标" reads as "中等或弱指标": the noun once, at the end.
            zh = "或".join(w.removesuffix("指标") for w in zh_words[:-1]) + ("或" if len(names) > 1 else "")
            return _Phrase(en, zh + zh_words[-1])
        if isinstance(node, Sum):
            parts = [self.phrase(o) for o in node.operands]
            return _Phrase(" + ".join(p.en for p in parts), " + ".join(p.zh for p in parts))
        return self.phrase(node)

    def _compare(self, node: Compare) -> _Phrase:
        if isinstance(node.right, Number) and node.op in COMPARISON_WORDS:
            counted = self._counted(node.left)
            en_words, zh_words = COMPARISON_WORDS[node.op]
            n = node.right.value
            if counted.en == "present":  # "at least 1 indicator present", not "at least 1 present"
                noun = "indicator" if n == 1 else "indicators"
                return _Phrase(f"{en_words.format(n=n)} {noun} present", counted.zh + zh_words.format(n=n))
            return _Phrase(f"{en_words.format(n=n)} {counted.en}", counted.zh + zh_words.format(n=n))
        left, right = self.phrase(node.left), self.phrase(node.right)
        return _Phrase(f"{left.en} {node.op} {right.en}", f"{left.zh} {node.op} {right.zh}")


def rule_phrase(
    rule: str, titles: Mapping[str, Text] | None = None, groups: Mapping[str, str] | None = None
) -> Text:
    """``rule`` in words, without a lead-in: "at least 1 strong, or at least 2 medium"."""
    phrase = _Describer(titles or {}, groups or {}).phrase(parse(rule).tree)
    return Text(en=phrase.en, zh_hans=phrase.zh)


def _describer(tool: ScreeningTool) -> _Describer:
    assert tool.scoring is not None
    return _Describer({d.id: d.title for d in tool.dimensions}, tool.scoring.groups)


def dimension_rule(tool: ScreeningTool) -> Text | None:
    """The rule every dimension of ``tool`` follows, as a sentence; ``None`` for a tool without scoring."""
    if tool.scoring is None:
        return None
    phrase = _describer(tool).phrase(parse(tool.scoring.dimension).tree)
    return Text(en=f"Dimension met when: {phrase.en}.", zh_hans=f"本维度成立的条件：{phrase.zh}。")


def overall_rule(tool: ScreeningTool) -> Text | None:
    """When the criteria are met, with dimensions and groups in words; ``None`` for a tool without scoring."""
    if tool.scoring is None:
        return None
    phrase = _describer(tool).phrase(parse(tool.scoring.overall).tree)
    return Text(en=f"Criteria met when: {phrase.en}.", zh_hans=f"符合标准的条件：{phrase.zh}。")


def child_rule(tool: ScreeningTool) -> Text | None:
    """The rule for a person under 18 (or whose age is unknown and may be under 18), if the tool has one."""
    if tool.scoring is None or tool.scoring.child is None:
        return None
    phrase = _describer(tool).phrase(parse(tool.scoring.child).tree)
    return Text(
        en=f"Under 18, or age unknown and possibly under 18: criteria met when: {phrase.en}.",
        zh_hans=f"未满18岁，或年龄不明但可能未满18岁的：符合标准的条件：{phrase.zh}。",
    )


def uses_act(tool: ScreeningTool) -> bool:
    """Whether any of the tool's rules asks whether an act by a third party was recorded."""
    if tool.scoring is None:
        return False
    rules = [tool.scoring.overall, tool.scoring.child or "", *tool.scoring.groups.values()]
    return any("act" in parse(rule).names() for rule in rules if rule)


def counts_used(tool: ScreeningTool) -> tuple[str, ...]:
    """The counts the dimension rule reads (strong / medium / weak / present), in that order."""
    if tool.scoring is None:
        return ("present",)
    names = parse(tool.scoring.dimension).names()
    return tuple(n for n in COUNT_WORDS if n in names)

"""A tool's rule expressions translated into the XPath an XLSForm ``calculate`` evaluates.

Works on the parsed tree (``companion.core.screening.expression``), never on the source text,
so every rule a tool can hold is translated the same way and nothing is written per tool. The
rule language maps one to one: ``==`` becomes ``=``, ``not`` becomes ``not(...)``, and every
compound part is parenthesised, so XPath's own precedence never has a say. What a name stands
for (a count, a dimension's 1 or 0, the ``act`` question) is the caller's ``resolve``.
"""

from __future__ import annotations

from collections.abc import Callable

from companion.core.screening.expression import BoolOp, Compare, Name, Node, Not, Number, Sum, parse

_COMPARISONS = {"==": "=", ">=": ">=", ">": ">", "<=": "<=", "<": "<"}


def to_xpath(rule: str, resolve: Callable[[str], str]) -> str:
    """``rule`` (the tool's own syntax) as XPath; ``resolve`` gives each name's XPath."""
    return _node(parse(rule).tree, resolve)


def _node(node: Node, resolve: Callable[[str], str]) -> str:
    if isinstance(node, Number):
        return str(node.value)
    if isinstance(node, Name):
        return resolve(node.name)
    if isinstance(node, Not):
        return f"not({_node(node.operand, resolve)})"
    if isinstance(node, BoolOp):
        return "(" + f" {node.op} ".join(_node(o, resolve) for o in node.operands) + ")"
    if isinstance(node, Sum):
        return "(" + " + ".join(_node(o, resolve) for o in node.operands) + ")"
    if isinstance(node, Compare):
        return f"({_node(node.left, resolve)} {_COMPARISONS[node.op]} {_node(node.right, resolve)})"
    raise TypeError(f"no XPath for {node!r}")  # unreachable: the parser makes only the nodes above

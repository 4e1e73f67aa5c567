"""The expression language of scoring rules (FORMAT.md), parsed and evaluated without Python.

A tool's rules are data written by content authors and may arrive in an imported pack, so they
are never handed to ``eval``: a tokenizer and a recursive-descent parser build a small tree,
and evaluation walks it over a dict of names. Grammar, loosest binding first::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum (("==" | ">=" | ">" | "<=" | "<") sum)?
    sum        := atom ("+" atom)*
    atom       := INTEGER | NAME | "(" expr ")"

Values are integers (counts) or booleans (dimensions, groups, ``act``); ``+`` and comparisons
take integers, ``and``/``or``/``not`` take booleans, and a rule must come out boolean. Mixing
them is an error rather than Python's silent ``True + 1 == 2``.

Hand-written because no library fits: safe evaluators (simpleeval, asteval) take Python's grammar
and its ``True + 1 == 2``, and a parser library (lark, pyparsing) would outweigh a six-rule grammar
whose length and depth limits and one-line errors would still be ours to write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

Value = int | bool

KEYWORDS = ("and", "or", "not")
COMPARISONS = ("==", ">=", ">", "<=", "<")
# Generous for any real rule; keeps hostile input from exhausting the recursion limit.
MAX_LENGTH = 1000
MAX_DEPTH = 40

# Names may contain "-" because dimension IDs may (FORMAT.md); there is no minus operator.
_TOKEN = re.compile(r"\s*(?:(?P<int>[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<op>==|>=|<=|[><+()]))")


class ExpressionError(ValueError):
    """A rule that cannot be parsed or evaluated; the message names the expression."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "int", "name", "op", "keyword" or "end"
    text: str
    pos: int


# --- the tree ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: int


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Sum:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Compare:
    op: str
    left: Node
    right: Node


Node = Number | Name | Not | BoolOp | Sum | Compare


# --- tokenizer and parser ---------------------------------------------------------------------


def _tokens(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if match is None:
            start = len(source) - len(source[pos:].lstrip())
            raise ExpressionError(f"unexpected character {source[start]!r} at position {start + 1}")
        kind = match.lastgroup or ""
        text, start = match.group(kind), match.start(kind)
        if kind == "name" and text in KEYWORDS:
            kind = "keyword"
        tokens.append(_Token(kind, text, start))
        pos = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.tokens = _tokens(source)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def _take(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def _at(self, kind: str, text: str | None = None) -> bool:
        return self.current.kind == kind and (text is None or self.current.text == text)

    def _fail(self, expected: str) -> ExpressionError:
        token = self.current
        found = "the end" if token.kind == "end" else repr(token.text)
        return ExpressionError(f"expected {expected} but found {found} at position {token.pos + 1}")

    def parse(self) -> Node:
        node = self._or()
        if not self._at("end"):
            raise self._fail("an operator or the end")
        return node

    def _or(self) -> Node:
        operands = [self._and()]
        while self._at("keyword", "or"):
            self._take()
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def _and(self) -> Node:
        operands = [self._not()]
        while self._at("keyword", "and"):
            self._take()
            operands.append(self._not())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def _not(self) -> Node:
        if self._at("keyword", "not"):
            self._take()
            with self._nested():
                return Not(self._not())
        return self._comparison()

    def _comparison(self) -> Node:
        left = self._sum()
        if self.current.kind == "op" and self.current.text in COMPARISONS:
            op = self._take().text
            right = self._sum()
            if self.current.kind == "op" and self.current.text in COMPARISONS:
                raise self._fail("'and' or 'or' (comparisons cannot be chained)")
            return Compare(op, left, right)
        return left

    def _sum(self) -> Node:
        operands = [self._atom()]
        while self._at("op", "+"):
            self._take()
            operands.append(self._atom())
        return operands[0] if len(operands) == 1 else Sum(tuple(operands))

    def _atom(self) -> Node:
        token = self.current
        if token.kind == "int":
            self._take()
            return Number(int(token.text))
        if token.kind == "name":
            self._take()
            return Name(token.text)
        if self._at("op", "("):
            self._take()
            with self._nested():
                node = self._or()
            if not self._at("op", ")"):
                raise self._fail("')'")
            self._take()
            return node
        raise self._fail("a number, a name or '('")

    def _nested(self) -> _Depth:
        return _Depth(self)


class _Depth:
    """Counts nesting so that a pathological rule fails cleanly instead of with RecursionError."""

    def __init__(self, parser: _Parser):
        self.parser = parser

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise ExpressionError(f"nested more than {MAX_DEPTH} levels deep")

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1


# --- the public face --------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """A parsed rule: its source text, for messages, and its tree."""

    source: str
    tree: Node

    def names(self) -> tuple[str, ...]:
        """Every name the rule refers to, once each, in order of first appearance."""
        return tuple(dict.fromkeys(_names(self.tree)))

    def evaluate(self, env: Mapping[str, Value]) -> Value:
        try:
            return _eval(self.tree, env)
        except ExpressionError as exc:
            raise ExpressionError(f"in rule {_quote(self.source)}: {exc}") from None

    def holds(self, env: Mapping[str, Value]) -> bool:
        """Evaluate a rule that must come out true or false."""
        value = self.evaluate(env)
        if not isinstance(value, bool):
            raise ExpressionError(f"in rule {_quote(self.source)}: gives a number, not true or false")
        return value


@lru_cache(maxsize=256)
def parse(source: str) -> Expression:
    """Parse ``source`` once (rules are re-evaluated often, e.g. for "what would change")."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(f"in rule {source!r}: the rule is empty")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"in rule {_quote(source)}: longer than {MAX_LENGTH} characters")
    try:
        return Expression(source, _Parser(source).parse())
    except ExpressionError as exc:
        raise ExpressionError(f"in rule {_quote(source)}: {exc}") from None


def _quote(source: str) -> str:
    """The rule for a one-line message, shortened when it is very long."""
    return repr(source if len(source) <= 80 else source[:77] + "...")


def _names(node: Node) -> list[str]:
    if isinstance(node, Name):
        return [node.name]
    if isinstance(node, Not):
        return _names(node.operand)
    if isinstance(node, Compare):
        return _names(node.left) + _names(node.right)
    if isinstance(node, BoolOp | Sum):
        return [name for operand in node.operands for name in _names(operand)]
    return []


def _integer(node: Node, env: Mapping[str, Value], where: str) -> int:
    value = _eval(node, env)
    if isinstance(value, bool):
        raise ExpressionError(f"{where} needs numbers, but {_show(node)} is true or false")
    return value


def _boolean(node: Node, env: Mapping[str, Value], where: str) -> bool:
    value = _eval(node, env)
    if not isinstance(value, bool):
        raise ExpressionError(f"{where!r} needs true or false, but {_show(node)} is a number")
    return value


def _eval(node: Node, env: Mapping[str, Value]) -> Value:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Name):
        if node.name not in env:
            known = ", ".join(sorted(env)) or "none"
            raise ExpressionError(f"unknown name {node.name!r} (known: {known})")
        return env[node.name]
    if isinstance(node, Not):
        return not _boolean(node.operand, env, "not")
    if isinstance(node, BoolOp):
        # Every operand is checked (no short circuit) so that a typo is found on every input.
        values = [_boolean(operand, env, node.op) for operand in node.operands]
        return all(values) if node.op == "and" else any(values)
    if isinstance(node, Sum):
        return sum(_integer(operand, env, "'+'") for operand in node.operands)
    left = _integer(node.left, env, repr(node.op))
    right = _integer(node.right, env, repr(node.op))
    return {
        "==": left == right,
        ">=": left >= right,
        ">": left > right,
        "<=": left <= right,
        "<": left < right,
    }[node.op]


def _show(node: Node) -> str:
    if isinstance(node, Name):
        return repr(node.name)
    if isinstance(node, Number):
        return str(node.value)
    return "a sub-expression"

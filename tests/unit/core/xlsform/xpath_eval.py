"""A tiny evaluator for the XPath subset the XLSForm export writes, to check its calculations.

Covers exactly what ``companion.core.xlsform.export`` emits: ``${name}`` references, numbers,
'strings', ``+``, ``=``, ``>=``, ``>``, ``<=``, ``<``, ``and``, ``or``, ``not()``, ``if()`` and
``string-length()``, with XPath 1.0's conversions (a comparison with a number compares numbers,
an empty answer is NaN as a number). Values are kept as strings between calculations, as ODK
stores them. Anything else raises, so a change in what the export writes cannot pass unseen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{[A-Za-z_][A-Za-z0-9_-]*\})|(?P<num>\d+)|(?P<str>'[^']*')"
    r"|(?P<fn>if|not|string-length)\(|(?P<word>and|or)\b|(?P<op>>=|<=|=|>|<|\+|\(|\)|,))"
)
Value = str | float | bool


def evaluate(source: str, env: Mapping[str, str]) -> Value:
    tokens = _tokens(source)
    parser = _Parser(tokens, env)
    value = parser.or_()
    assert parser.pos == len(tokens), f"trailing tokens in {source!r}"
    return value


def as_string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


def _tokens(source: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while source[pos:].strip():
        match = _TOKEN.match(source, pos)
        assert match is not None, f"unexpected text at {source[pos : pos + 20]!r}"
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def _number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(value)
    except ValueError:
        return math.nan


def _boolean(value: Value) -> bool:
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    return bool(value)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], env: Mapping[str, str]):
        self.tokens, self.env, self.pos = tokens, env, 0

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def _take(self, text: str | None = None) -> tuple[str, str]:
        token = self._peek()
        assert text is None or token[1] == text, f"expected {text!r}, found {token[1]!r}"
        self.pos += 1
        return token

    def or_(self) -> Value:
        value = self.and_()
        while self._peek() == ("word", "or"):
            self._take()
            right = self.and_()
            value = _boolean(value) or _boolean(right)
        return value

    def and_(self) -> Value:
        value = self.equality()
        while self._peek() == ("word", "and"):
            self._take()
            right = self.equality()
            value = _boolean(value) and _boolean(right)
        return value

    def equality(self) -> Value:
        left = self.relational()
        if self._peek() == ("op", "="):
            self._take()
            right = self.relational()
            if isinstance(left, bool) or isinstance(right, bool):
                return _boolean(left) == _boolean(right)
            if isinstance(left, float) or isinstance(right, float):
                return _number(left) == _number(right)
            return left == right
        return left

    def relational(self) -> Value:
        left = self.additive()
        token = self._peek()
        if token[0] == "op" and token[1] in (">=", "<=", ">", "<"):
            self._take()
            a, b = _number(left), _number(self.additive())
            return {">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b}[token[1]]
        return left

    def additive(self) -> Value:
        value = self.primary()
        while self._peek() == ("op", "+"):
            self._take()
            value = _number(value) + _number(self.primary())
        return value

    def primary(self) -> Value:
        kind, text = self._take()
        if kind == "ref":
            return self.env[text[2:-1]]
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1]
        if kind == "op" and text == "(":
            value = self.or_()
            self._take(")")
            return value
        if kind == "fn":
            args = [self.or_()]
            while self._peek() == ("op", ","):
                self._take()
                args.append(self.or_())
            self._take(")")
            if text == "not":
                return not _boolean(args[0])
            if text == "string-length":
                return float(len(as_string(args[0])))
            return args[1] if _boolean(args[0]) else args[2]
        raise AssertionError(f"unexpected token {text!r}")

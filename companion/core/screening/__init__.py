"""Screening: applying a tool's declarative rules to one person's answers (Qt-free).

``expression`` parses and evaluates the rule language of FORMAT.md without Python's ``eval``;
``engine`` applies a tool's rules and the child policy; ``result`` holds the answer model and
the result types; ``explain`` writes the plain explanation in both languages; ``rule_words``
reads a tool's rules as sentences for the printed forms.
"""

from companion.core.screening.engine import describe, evaluate, result_json
from companion.core.screening.expression import Expression, ExpressionError, parse
from companion.core.screening.result import (
    ANSWERS,
    CHILD_POLICIES,
    Answer,
    DimensionResult,
    Result,
    ScreeningError,
)

__all__ = [
    "ANSWERS",
    "CHILD_POLICIES",
    "Answer",
    "DimensionResult",
    "Expression",
    "ExpressionError",
    "Result",
    "ScreeningError",
    "describe",
    "evaluate",
    "parse",
    "result_json",
]

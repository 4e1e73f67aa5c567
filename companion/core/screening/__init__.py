"""Screening: applying a tool's declarative rules to one person's answers (Qt-free).

``expression`` parses and evaluates the rule language of FORMAT.md without Python's ``eval``;
``engine`` owns the answer model, the child policy, the result and its explanation.
"""

from companion.core.screening.engine import (
    ANSWERS,
    CHILD_POLICIES,
    Answer,
    DimensionResult,
    Result,
    ScreeningError,
    describe,
    evaluate,
    result_json,
)
from companion.core.screening.expression import Expression, ExpressionError, parse

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

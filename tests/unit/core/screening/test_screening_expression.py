"""The rule language of FORMAT.md: precedence, errors, and no way into Python."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.screening.expression import BoolOp, Compare, ExpressionError, Name, Not, Sum, parse

DIMENSION_RULE = (
    "strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)"
)


def brief_dimension_positive(s: int, m: int, w: int) -> bool:
    """The dimension rule as docs/domain.md#scoring-rule states it, written as plain Python."""
    return (s >= 2) or (s >= 1 and m + w >= 1) or (m >= 3) or (m >= 2 and w >= 1)


def test_not_binds_tighter_than_and_and_and_tighter_than_or() -> None:
    assert parse("not a and b").tree == BoolOp("and", (Not(Name("a")), Name("b")))
    assert parse("a or b and c").tree == BoolOp("or", (Name("a"), BoolOp("and", (Name("b"), Name("c")))))
    assert parse("a and b or c").tree == BoolOp("or", (BoolOp("and", (Name("a"), Name("b"))), Name("c")))


def test_comparisons_and_plus_bind_tighter_than_not() -> None:
    tree = parse("not medium + weak >= 1").tree
    assert isinstance(tree, Not) and isinstance(tree.operand, Compare)
    assert isinstance(tree.operand.left, Sum)
    assert parse("not medium + weak >= 1").holds({"medium": 0, "weak": 0}) is True


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("not a and b", False),  # (not a) and b
        ("not (a and b)", True),
        ("a or b and c", True),  # a or (b and c)
        ("(a or b) and c", False),
        ("b or not b and c", False),
        ("not not a", True),
        ("n + 1 == 3", True),
        ("n + n + n > 5", True),
        ("n <= 2 and n < 3 and n >= 2 and n > 1", True),
        ("n == 3", False),
    ],
)
def test_evaluation_follows_the_precedence(source: str, expected: bool) -> None:
    assert parse(source).holds({"a": True, "b": False, "c": False, "n": 2}) is expected


@pytest.mark.parametrize(
    "source",
    [
        "",
        "   ",
        "a and",
        "and a",
        "(a",
        "a)",
        "a b",
        "1 < 2 < 3",
        "a - b",
        "a * 2",
        "a >",
        "not",
        "()",
        "a ! b",
        "a => 1",
        "a = 1",
    ],
)
def test_malformed_rules_raise_an_error_naming_the_rule(source: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert repr(source) in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os')",
        "__import__(os)",
        "__import__('os').system('echo hacked')",
        "open('/etc/passwd')",
        "exec(code)",
        "a.b",
        "a[0]",
        "lambda: 1",
        "1 if a else 0",
        "a; b",
        "2 ** 8",
        "-1",
        '"text"',
        "[a for a in b]",
    ],
)
def test_python_is_never_executed(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse(source).holds({"a": True, "b": False, "os": True, "code": True})


def test_python_names_mean_nothing_here() -> None:
    for source in ("True", "__import__", "print", "os"):
        with pytest.raises(ExpressionError, match="unknown name"):
            parse(source).holds({})


def test_an_unknown_name_is_an_error_naming_it_and_the_rule() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("R and E and X").holds({"R": True, "E": True})
    message = str(caught.value)
    assert "'X'" in message and "R and E and X" in message


def test_an_unknown_name_is_found_even_where_the_answer_is_already_known() -> None:
    # No short circuit: a typo in a tool must fail on every input, not only on some.
    with pytest.raises(ExpressionError, match="unknown name 'Typo'"):
        parse("R or Typo").holds({"R": True})


@pytest.mark.parametrize(
    ("source", "env"),
    [
        ("a + 1 >= 1", {"a": True}),
        ("not n", {"n": 1}),
        ("n and a", {"n": 1, "a": True}),
        ("a == b", {"a": True, "b": True}),
    ],
)
def test_numbers_and_truth_values_do_not_mix(source: str, env: dict[str, int | bool]) -> None:
    with pytest.raises(ExpressionError, match="needs"):
        parse(source).holds(env)


def test_a_rule_must_give_true_or_false() -> None:
    with pytest.raises(ExpressionError, match="number"):
        parse("strong + 1").holds({"strong": 1})


def test_deep_nesting_fails_cleanly() -> None:
    with pytest.raises(ExpressionError, match="nested"):
        parse("(" * 300 + "a" + ")" * 300)
    with pytest.raises(ExpressionError, match="nested"):
        parse("not " * 200 + "a")


def test_names_with_hyphens_are_dimension_ids() -> None:
    assert parse("CD-A or AVD").holds({"CD-A": True, "AVD": False}) is True


def test_names_are_listed_once_in_order() -> None:
    assert parse("R and E and D or not R").names() == ("R", "E", "D")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12))
def test_the_dimension_rule_agrees_with_the_brief_pseudo_code(s: int, m: int, w: int) -> None:
    env = {"strong": s, "medium": m, "weak": w, "present": s + m + w}
    assert parse(DIMENSION_RULE).holds(env) is brief_dimension_positive(s, m, w)


def test_every_rule_of_the_bundled_tools_parses_and_uses_known_names(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    for tool in bundled_pack.by_kind("screening-tool"):
        if tool.scoring is None:
            continue
        scoring = tool.scoring
        assert parse(scoring.dimension).holds({"strong": 1, "medium": 1, "weak": 1, "present": 3}) in (
            True,
            False,
        )
        env: dict[str, int | bool] = {d.id: True for d in tool.dimensions} | {"act": True}
        for name, rule in scoring.groups.items():
            env[name] = parse(rule).holds(env)
        rules = [scoring.overall, scoring.child or "act"] + [label.when for label in scoring.labels]
        for rule in rules:
            parse(rule).holds(env)

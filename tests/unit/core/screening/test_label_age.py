"""A result's headline names the age when it is known, instead of "Under 18: the child rule decides"."""

from __future__ import annotations

import pytest

from companion.core.screening import evaluate

UNKNOWN = "Under 18: the child rule decides"


@pytest.fixture
def tool(bundled_pack):  # type: ignore[no-untyped-def]
    return next(t for t in bundled_pack.by_kind("screening-tool") if t.id == "ilo-adult-labour")


def everything_present(tool) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {i.id: "present" for d in tool.dimensions for i in d.indicators}


def test_age_unknown_keeps_the_conditional_sentence(tool) -> None:  # type: ignore[no-untyped-def]
    assert UNKNOWN in (evaluate(tool, everything_present(tool)).label.en or "")


@pytest.mark.parametrize(
    ("age", "en", "zh"),
    [
        (15, "Age 15: the child rule decides", "当事人15岁"),
        (30, "Age 30: the adult rule applies", "当事人30岁"),
    ],
)
def test_a_known_age_is_said_plainly_in_both_languages(  # type: ignore[no-untyped-def]
    tool, age: int, en: str, zh: str
) -> None:
    label = evaluate(tool, everything_present(tool), age=age).label
    assert UNKNOWN not in (label.en or "") and en in (label.en or "")
    assert "未满18岁者以儿童规则为准" not in (label.zh_hans or "") and zh in (label.zh_hans or "")

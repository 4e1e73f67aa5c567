"""What a screening produces: the answer model and the result types.

Answers are present, absent, unknown or declined (the person chose not to
answer); only present counts. Unknown and declined are never worded as
absent, and declined is reported apart from unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from companion.core.model import Text

Answer = Literal["present", "absent", "unknown", "declined"]
ANSWERS: tuple[str, ...] = ("present", "absent", "unknown", "declined")
CHILD_POLICIES: tuple[str, ...] = ("palermo", "ilo-as-adult")
Policy = Literal["adult", "child-palermo", "child-ilo-as-adult", "checklist"]
Outcome = Literal["met", "not_met", "indicators_present", "no_indicators"]
ADULT_AGE = 18


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
    # Indicator IDs the person declined to answer: not present, like unknown, but kept apart.
    declined: tuple[str, ...] = ()

    @property
    def open(self) -> tuple[str, ...]:
        """Unknown and declined together: the answers that could still turn out present."""
        return self.unknown + self.declined


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

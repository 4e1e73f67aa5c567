"""A screening interview in progress: one tool, one dimension at a time.

The state of the flow lives here, not in the window, so the window only
renders it and a language switch or a redraw never loses an answer. Practice
is the default: an interview keeps its answers in memory and stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from companion.core.screening.engine import evaluate
from companion.core.screening.result import ANSWERS, Result, ScreeningError

if TYPE_CHECKING:
    from companion.core.model import Dimension, ScreeningTool


@dataclass
class Interview:
    tool: ScreeningTool
    age: int | None = None
    act: bool = False
    child_policy: str = "palermo"
    answers: dict[str, str] = field(default_factory=dict)
    position: int = 0  # index of the dimension on screen; len(dimensions) means the result page
    # A guide (style "guide") is a checklist: its steps are done or not, with notes, never P/A/U.
    done: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def is_guide(self) -> bool:
        return self.tool.style == "guide"

    def set_done(self, step_id: str, done: bool) -> None:
        self._known(step_id)
        if done:
            self.done.add(step_id)
        else:
            self.done.discard(step_id)

    def set_note(self, step_id: str, note: str) -> None:
        self._known(step_id)
        self.notes[step_id] = note

    def _known(self, indicator_id: str) -> None:
        if indicator_id not in self.tool.indicator_ids():
            raise ScreeningError(f"unknown indicator {indicator_id!r} for tool {self.tool.id}")

    @property
    def dimensions(self) -> list[Dimension]:
        return list(self.tool.dimensions)

    @property
    def on_result_page(self) -> bool:
        return self.position >= len(self.tool.dimensions)

    @property
    def current(self) -> Dimension | None:
        return None if self.on_result_page else self.tool.dimensions[self.position]

    def answer(self, indicator_id: str) -> str:
        return self.answers.get(indicator_id, "unknown")

    def set_answer(self, indicator_id: str, answer: str) -> None:
        self._known(indicator_id)
        if answer not in ANSWERS:
            raise ScreeningError(f"answer must be present, absent, unknown or declined, not {answer!r}")
        self.answers[indicator_id] = answer

    def go_to(self, position: int) -> None:
        self.position = max(0, min(position, len(self.tool.dimensions)))

    def next(self) -> None:
        self.go_to(self.position + 1)

    def previous(self) -> None:
        self.go_to(self.position - 1)

    def result(self) -> Result:
        """The result for the answers so far (the live summary and the result page)."""
        return evaluate(self.tool, self.answers, self.age, self.act, self.child_policy)

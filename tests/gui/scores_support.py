"""Merged knowledge-check results for a few participants, so the scores window has something to show."""

from __future__ import annotations

from companion.app import assess
from companion.app.workshop import Workshop


def answers_for(form: assess.Form, n: int, attempt: str) -> dict[str, str | None]:
    """Participant ``n``'s answers: more right after than before, the first question always wrong."""
    share = (0.25 + 0.07 * n) if attempt == "pre" else (0.55 + 0.07 * n)
    answers: dict[str, str | None] = {}
    for i, question in enumerate(form.questions):
        right = question.answer or "A"
        wrong = next(c.id for c in question.choices if c.id != right)
        correct = i > 0 and ((i * 7 + n * 3) % 10) / 10 < share
        answers[question.id] = right if correct else wrong
    return answers


def populate(workshop: Workshop, participants: int = 6) -> list[str]:
    """Form A before and form B after for P001.., merged; their codes."""
    codes = [f"P{n:03d}" for n in range(1, participants + 1)]
    results = []
    for n, code in enumerate(codes):
        for form_id, attempt in (("form-a", "pre"), ("form-b", "post")):
            form = assess.form(workshop, form_id)
            results.append(assess.new_result(workshop, form_id, code, attempt, answers_for(form, n, attempt)))
    assess.merge_results(workshop, results)
    return codes

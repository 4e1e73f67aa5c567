"""Scores on hand-made numbers: shares, normalised gain, difficulty and discrimination."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from companion.core.assess.scores import (
    KeyEntry,
    Score,
    gain,
    gain_note,
    objective_scores,
    participant_objective_scores,
    participant_scores,
    point_biserial,
    question_stats,
)


class R(NamedTuple):
    participant: str
    attempt: str
    answers: dict[str, str | None]


KEY = {
    "q1": KeyEntry("A", "s1", 1),
    "q2": KeyEntry("B", "s1", 1),
    "q3": KeyEntry("C", "s2", 1),
    "q4": KeyEntry("A", "s2", 2),
}


def test_participant_pre_post_and_normalised_gain() -> None:
    results = [
        R("P001", "pre", {"q1": "A", "q2": "A", "q3": "A", "q4": None}),  # 1/4
        R("P001", "post", {"q1": "A", "q2": "B", "q3": "C", "q4": "B"}),  # 3/4
        R("P002", "pre", {"q1": "A", "q2": "B", "q3": "C", "q4": "A"}),  # 4/4
        R("P002", "post", {"q1": "A", "q2": "B", "q3": "C", "q4": "B"}),  # 3/4
    ]
    first, second = participant_scores(results, KEY)
    assert (first.name, first.pre, first.post) == ("P001", Score(1, 4), Score(3, 4))
    assert first.gain == pytest.approx((0.75 - 0.25) / (1 - 0.25))  # 2/3
    assert first.gain_note == ""
    assert second.gain is None
    assert "undefined" in second.gain_note


def test_gain_needs_both_attempts() -> None:
    assert gain(Score(1, 4), None) is None and gain_note(Score(1, 4), None) == "no post-test"
    assert gain(None, Score(1, 4)) is None and gain_note(None, Score(1, 4)) == "no pre-test"
    assert gain(Score(2, 4), Score(1, 4)) == pytest.approx(-0.5)  # a loss is negative


def test_forms_of_different_lengths_compare_as_shares() -> None:
    results = [R("P001", "pre", {"q1": "A", "q2": "A"}), R("P001", "post", {"q1": "A", "q2": "B", "q3": "C"})]
    (only,) = participant_scores(results, KEY)
    assert only.gain == pytest.approx(1.0)


def test_objective_scores_over_the_room_and_per_participant() -> None:
    results = [
        R("P001", "pre", {"q1": "A", "q2": "A", "q3": "A", "q4": "A"}),
        R("P002", "pre", {"q1": "B", "q2": "A", "q3": "C", "q4": "A"}),
        R("P001", "post", {"q1": "A", "q2": "B", "q3": "C", "q4": "A"}),
    ]
    by_name = {o.name: o for o in objective_scores(results, KEY)}
    assert by_name["s1/1"].pre == Score(1, 4) and by_name["s1/1"].post == Score(2, 2)
    assert by_name["s2/1"].pre == Score(1, 2)
    assert by_name["s2/2"].pre == Score(2, 2) and "undefined" in by_name["s2/2"].gain_note
    per = participant_objective_scores(results, KEY)
    assert [o.pre for o in per["P002"]] == [Score(0, 2), Score(1, 1), Score(1, 1)]


def test_unkeyed_questions_are_not_scored() -> None:
    (only,) = participant_scores([R("P001", "pre", {"q1": "A", "free": "B"})], KEY)
    assert only.pre == Score(1, 1)


def test_difficulty_is_the_share_correct_and_a_reversed_question_discriminates_negatively() -> None:
    # Four participants, strong to weak on q1..q3; q4's key looks wrong: only the weakest gets it "right".
    results = [
        R("P1", "pre", {"q1": "A", "q2": "B", "q3": "C", "q4": "B"}),
        R("P2", "pre", {"q1": "A", "q2": "B", "q3": "D", "q4": "B"}),
        R("P3", "pre", {"q1": "A", "q2": "C", "q3": "D", "q4": "B"}),
        R("P4", "pre", {"q1": "B", "q2": "C", "q3": "D", "q4": "A"}),
    ]
    stats = {s.question: s for s in question_stats(results, KEY)}
    assert stats["q1"].difficulty == pytest.approx(0.75)
    assert stats["q4"].difficulty == pytest.approx(0.25)
    assert stats["q2"].discrimination is not None and stats["q2"].discrimination > 0.5
    assert stats["q4"].discrimination is not None and stats["q4"].discrimination < -0.5


def test_point_biserial_on_hand_made_numbers() -> None:
    # item 1,1,0,0 against rest 1.0,0.5,0.5,0.0: r = 0.5 / sqrt(1 * 0.5) = 0.7071
    assert point_biserial([1, 1, 0, 0], [1.0, 0.5, 0.5, 0.0]) == pytest.approx(0.70710678)
    assert point_biserial([1, 1, 1], [0.2, 0.5, 0.9]) is None  # everyone right: undefined
    assert point_biserial([1, 0], [1.0, 0.0]) is None  # too few results


def test_a_question_nobody_took_has_no_difficulty() -> None:
    stats = {s.question: s for s in question_stats([R("P1", "pre", {"q1": "A"})], KEY)}
    assert stats["q3"].answered == 0 and stats["q3"].difficulty is None

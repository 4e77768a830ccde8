"""Just-in-time learning, microlearning and heutagogy: definitions with sources, and the self-check."""

from __future__ import annotations

from medsome.learning import MODE_KEYS, MODES, SCENARIOS, mode_feedback

RIGHT = {letter: mode for letter, (_, mode) in SCENARIOS.items()}


def test_three_distinct_ideas_each_with_a_question_and_a_source() -> None:
    assert MODE_KEYS == ("just_in_time", "microlearning", "heutagogy")
    assert len({m.question for m in MODES}) == 3
    assert all(m.source and m.definition for m in MODES)
    assert "15 minutes" in MODES[1].definition
    assert set(RIGHT.values()) == set(MODE_KEYS)


def test_right_answers_are_confirmed() -> None:
    assert mode_feedback(RIGHT).startswith("Correct")


def test_wrong_answers_point_to_the_scenario_without_the_answer() -> None:
    answers = {**RIGHT, "B": "heutagogy"}
    feedback = mode_feedback(answers)
    assert feedback.startswith("2 of 3 right") and "scenario(s) B" in feedback
    assert "microlearning" not in feedback.split(":")[0]


def test_unanswered_or_malformed_answers_are_explained() -> None:
    assert mode_feedback(...).startswith("Not answered yet")
    assert mode_feedback({"A": "just_in_time"}).startswith("Not answered yet")
    assert mode_feedback({**RIGHT, "C": "andragogy"}) == (
        "Scenario C: the answer should be one of 'just_in_time', 'microlearning', 'heutagogy'.")

"""The course's quizzes cannot be gamed: keys spread over positions, and the key is rarely the longest."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import COURSE

QUIZ_FILES = COURSE.quiz_files()
QUESTIONS = [(f"{path.parent.name}/{question['id']}", question)
             for path in QUIZ_FILES
             for question in json.loads(path.read_text(encoding="utf-8"))["questions"]]
MAX_POSITION_SHARE = 0.40
MAX_LONGEST_SHARE = 0.35


def _key(question: dict) -> int:
    """The position (from 0) of the question's correct option."""
    return next(i for i, option in enumerate(question["options"]) if option["correct"])


def test_every_lesson_has_a_quiz() -> None:
    without = [module.folder for module in COURSE.modules if not module.quiz]
    assert without == [], f"course/course.toml lists no quiz for {', '.join(without)}"


@pytest.mark.parametrize(("label", "question"), QUESTIONS, ids=[label for label, _ in QUESTIONS])
def test_question_shape(label: str, question: dict) -> None:
    options = question["options"]
    assert 3 <= len(options) <= 4, f"{label}: has {len(options)} options, not 3 or 4"
    keys = sum(option["correct"] is True for option in options)
    assert keys == 1, f"{label}: has {keys} correct options, not exactly 1"
    texts = [option["text"].strip() for option in options]
    assert len(set(texts)) == len(texts), f"{label}: two options share the same text"


def test_keys_spread_over_positions() -> None:
    positions = Counter(_key(question) for _, question in QUESTIONS)
    position, count = positions.most_common(1)[0]
    assert count <= MAX_POSITION_SHARE * len(QUESTIONS), (
        f"option {position + 1} is the key in {count} of {len(QUESTIONS)} questions "
        f"(more than {MAX_POSITION_SHARE:.0%}); keys per position: {dict(sorted(positions.items()))}")
    assert len(positions) == 4, f"keys should use all four positions; they use {sorted(positions)}"


def test_key_is_rarely_the_longest() -> None:
    longest = []
    for label, question in QUESTIONS:
        lengths = [len(option["text"]) for option in question["options"]]
        key = _key(question)
        if all(lengths[key] > length for i, length in enumerate(lengths) if i != key):
            longest.append(label)
    assert len(longest) <= MAX_LONGEST_SHARE * len(QUESTIONS), (
        f"the key is the strictly longest option in {len(longest)} of {len(QUESTIONS)} questions "
        f"(more than {MAX_LONGEST_SHARE:.0%}): {', '.join(longest)}")

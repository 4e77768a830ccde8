"""Quizzes: loading with clear errors, grading with explanations, the widget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medsome.quiz import QuizError, load_quiz
from medsome.widgets.quiz import QuizWidget

QUIZ = {
    "title": "Test quiz",
    "questions": [
        {"id": "q1", "prompt": "Two plus two?", "options": [
            {"text": "4", "correct": True, "why": "Arithmetic."},
            {"text": "5", "correct": False, "why": "Off by one."},
        ]},
    ],
}


@pytest.fixture
def quiz_file(tmp_path: Path) -> Path:
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(QUIZ), encoding="utf-8")
    return path


def test_grading_explains_right_and_wrong(quiz_file: Path) -> None:
    question = load_quiz(quiz_file).question("q1")
    assert str(question.grade(0)) == "Correct. Arithmetic."
    assert str(question.grade(1)) == "Not quite. Off by one."
    with pytest.raises(ValueError, match="between 0 and 1"):
        question.grade(2)
    with pytest.raises(TypeError, match="option number"):
        question.grade("0")


def test_bad_files_give_clear_errors(tmp_path: Path, quiz_file: Path) -> None:
    with pytest.raises(QuizError, match="not found"):
        load_quiz(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(QuizError, match="not valid JSON"):
        load_quiz(broken)
    two_right = json.loads(quiz_file.read_text())
    two_right["questions"][0]["options"][1]["correct"] = True
    broken.write_text(json.dumps(two_right), encoding="utf-8")
    with pytest.raises(QuizError, match="exactly one correct"):
        load_quiz(broken)
    with pytest.raises(QuizError, match="its questions are q1"):
        load_quiz(quiz_file).question("q9")


def test_widget_shows_feedback_for_the_chosen_option(quiz_file: Path) -> None:
    widget = QuizWidget.from_file(quiz_file)
    view = widget.views[0]
    assert view.check() == "Pick an answer first."
    assert widget.answer(1, 1) == "✘ Not quite. Off by one."
    view.choices.value = 0
    view.button.click()
    assert "Correct. Arithmetic." in view.result.value
    assert view.choices.description, "the choices need a label"


def test_course_quizzes_load() -> None:
    from conftest import ROOT

    for path in (ROOT / "course").glob("*/quiz.json"):
        assert load_quiz(path).questions

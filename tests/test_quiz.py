"""Quizzes: loading with clear errors, grading with explanations, shuffling per learner, the widget."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest

from conftest import COURSE
from medsome.quizbank import QuizError, current_learner, load_quiz
from medsome.widgets.quiz import QuizWidget

LEARNERS = [f"learner{n:02d}" for n in range(20)]

QUIZ = {
    "title": "Test quiz",
    "questions": [
        {"id": "q1", "prompt": "Two plus two?", "options": [
            {"text": "4", "correct": True, "why": "Arithmetic."},
            {"text": "5", "correct": False, "why": "Off by one."},
        ]},
        {"id": "q2", "prompt": "Which is a prime?", "options": [
            {"text": "4", "correct": False, "why": "2 × 2."},
            {"text": "6", "correct": False, "why": "2 × 3."},
            {"text": "7", "correct": True, "why": "Only 1 and 7 divide it."},
            {"text": "9", "correct": False, "why": "3 × 3."},
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
    with pytest.raises(QuizError, match="its questions are q1, q2"):
        load_quiz(quiz_file).question("q9")
    twice = json.loads(quiz_file.read_text())
    twice["questions"][1]["id"] = "q1"
    broken.write_text(json.dumps(twice), encoding="utf-8")
    with pytest.raises(QuizError, match="repeated: q1"):
        load_quiz(broken)


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
    for path in COURSE.quiz_files():
        assert load_quiz(path).questions


def test_option_order_is_a_permutation_stable_for_one_learner(quiz_file: Path) -> None:
    quiz = load_quiz(quiz_file)
    for question in quiz.questions:
        order = quiz.option_order(question.id, "ana")
        assert sorted(order) == list(range(len(question.options)))
        assert load_quiz(quiz_file).option_order(question.id, "ana") == order, "the same learner, another day"


def test_option_order_differs_between_learners() -> None:
    for path in COURSE.quiz_files():
        quiz = load_quiz(path)
        for question in quiz.questions:
            orders = {quiz.option_order(question.id, learner) for learner in LEARNERS}
            assert len(orders) > 1, f"{path.parent.name}/{question.id}: all 20 learners see one order"


def test_keys_move_around_for_a_learner() -> None:
    shown = [next(i for i, n in enumerate(quiz.option_order(q.id, "ana")) if q.options[n].correct)
             for quiz in (load_quiz(p) for p in COURSE.quiz_files())
             for q in quiz.questions]
    assert len(set(shown)) > 1, "one learner should not find every key in the same place"


def test_option_order_rejects_bad_input(quiz_file: Path) -> None:
    quiz = load_quiz(quiz_file)
    with pytest.raises(TypeError, match="learner should be a name"):
        quiz.option_order("q1", None)  # type: ignore[arg-type]
    with pytest.raises(QuizError, match="no question 'q9'"):
        quiz.option_order("q9", "ana")


def test_current_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "dr-virtanen")
    assert current_learner() == "dr-virtanen"
    monkeypatch.delenv("JUPYTERHUB_USER")
    monkeypatch.setattr(getpass, "getuser", lambda: "local-user")
    assert current_learner() == "local-user"

    def no_login() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_login)
    assert current_learner() == ""


def test_widget_shows_the_learners_order_and_grades_the_original_option(quiz_file: Path) -> None:
    quiz = load_quiz(quiz_file)
    order = quiz.option_order("q2", "ana")
    widget = QuizWidget.from_file(quiz_file, learner="ana")
    view = widget.views[1]
    assert view.order == order
    assert [label for label, _ in view.choices.options] == [quiz.questions[1].options[n].text for n in order]
    assert widget.answer(2, 2) == "✔ Correct. Only 1 and 7 divide it.", "choice is the index in the file"
    view.choices.value = view.choices.options[order.index(0)][1]  # click the option the file lists first
    view.button.click()
    assert "2 × 2." in view.result.value


def test_widget_learner_defaults_to_the_hub_user(monkeypatch: pytest.MonkeyPatch, quiz_file: Path) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "dr-virtanen")
    widget = QuizWidget.from_file(quiz_file)
    assert widget.learner == "dr-virtanen"
    assert widget.views[1].order == load_quiz(quiz_file).option_order("q2", "dr-virtanen")

"""Self-check quizzes: multiple-choice questions whose every option explains itself."""

from __future__ import annotations

import getpass
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from medsome.errors import MedsomeError
from medsome.jsonfiles import read_json


class QuizError(MedsomeError, ValueError):
    """A quiz file is missing or malformed."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[Option, ...]

    def grade(self, choice: int) -> Feedback:
        """The feedback for picking option number `choice` (counted from 0)."""
        if not isinstance(choice, int) or isinstance(choice, bool):
            kind = type(choice).__name__
            raise TypeError(f"choice should be an option number (int), not {kind}")
        if not 0 <= choice < len(self.options):
            last = len(self.options) - 1
            raise ValueError(f"choice should be between 0 and {last}, not {choice}")
        option = self.options[choice]
        return Feedback(option.correct, option.why)


@dataclass(frozen=True)
class Feedback:
    correct: bool
    explanation: str

    def __str__(self) -> str:
        verdict = "Correct." if self.correct else "Not quite."
        return f"{verdict} {self.explanation}"


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The question with this id, or a QuizError listing the ids there are."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise QuizError(f"no question '{question_id}' in this quiz; its questions are {known}")

    def option_order(self, question_id: str, learner: str) -> tuple[int, ...]:
        """The original option numbers of a question in the order this learner sees them."""
        if not isinstance(learner, str):
            raise TypeError(f"learner should be a name (str), not {type(learner).__name__}")
        question = self.question(question_id)
        seed = "\x1f".join((learner, self.title, question.id))

        def rank(number: int) -> bytes:
            return hashlib.sha256(f"{seed}\x1f{number}".encode()).digest()

        return tuple(sorted(range(len(question.options)), key=rank))


def current_learner() -> str:
    """The learner's name: $JUPYTERHUB_USER on a hub, else the login name, else ''."""
    if user := os.environ.get("JUPYTERHUB_USER"):
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers): all such learners share one order
        return ""


def _parse_question(raw: dict, source: str) -> Question:
    try:
        options = tuple(Option(o["text"], bool(o["correct"]), o["why"]) for o in raw["options"])
        question = Question(raw["id"], raw["prompt"], options)
    except (KeyError, TypeError) as error:
        raise QuizError(f"{source}: a question lacks the field {error}") from error
    if sum(option.correct for option in options) != 1:
        raise QuizError(f"{source}: question '{question.id}' needs exactly one correct option")
    return question


def load_quiz(path: Path | str) -> Quiz:
    """Read a quiz from its JSON file, checking every question has one correct option."""
    raw = read_json(path, QuizError, "quiz file")
    questions = tuple(_parse_question(q, str(path)) for q in raw.get("questions", []))
    if not questions:
        raise QuizError(f"{path}: the quiz has no questions")
    ids = [question.id for question in questions]
    if repeated := sorted({i for i in ids if ids.count(i) > 1}):
        raise QuizError(f"{path}: question ids must be unique; repeated: {', '.join(repeated)}")
    return Quiz(raw.get("title", "Self-check"), questions)

"""A self-check quiz widget: pick an answer, press Check, read why."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from medsome.quizbank import Question, Quiz, current_learner, load_quiz
from medsome.widgets.layout import live, panel


class _QuestionView:
    """One question: its prompt, its choices in the learner's order, a Check button and the explanation."""

    def __init__(self, number: int, question: Question, order: tuple[int, ...]) -> None:
        self.question = question
        self.order = order
        self.choices = w.RadioButtons(
            options=[(question.options[i].text, i) for i in order],  # each value is the original number
            value=None,
            description="Answer:",
        )
        self.button = w.Button(description="Check", tooltip=f"Check your answer to {number}")
        self.result = live()
        self.button.on_click(lambda _: self.check())
        prompt = w.HTML(f"<p><b>{number}. {html.escape(question.prompt)}</b></p>")
        self.widget = w.VBox([prompt, self.choices, self.button, self.result])

    def check(self) -> str:
        """Show and return the feedback for the chosen option."""
        if self.choices.value is None:
            text = "Pick an answer first."
        else:
            feedback = self.question.grade(self.choices.value)
            text = ("✔ " if feedback.correct else "✘ ") + str(feedback)
        self.result.value = f"<p>{html.escape(text)}</p>"
        return text


class QuizWidget:
    """All questions of a quiz, one under the other, options shuffled in an order stable for each learner."""

    def __init__(self, quiz: Quiz, learner: str | None = None) -> None:
        self.quiz = quiz
        self.learner = current_learner() if learner is None else learner
        self.views = [_QuestionView(i, q, quiz.option_order(q.id, self.learner))
                      for i, q in enumerate(quiz.questions, start=1)]
        title = w.HTML(f"<h4>{html.escape(quiz.title)}</h4>")
        self.widget = panel([title, *(view.widget for view in self.views)])

    @classmethod
    def from_file(cls, path: Path | str, learner: str | None = None) -> QuizWidget:
        """The widget for the quiz in this JSON file, shuffled for `learner`."""
        return cls(load_quiz(path), learner)

    def answer(self, number: int, choice: int) -> str:
        """Check option `choice` (from 0, in file order, not as shown) of question `number` (from 1)."""
        view = self.views[number - 1]
        view.choices.value = choice
        return view.check()

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)

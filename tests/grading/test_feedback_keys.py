"""Feedback withholds the expert key until the instructor releases it: scores, and critical errors."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_output

from medsome.grading.feedback_files import CRITICAL_WITHHELD, KEY_WITHHELD, hide_hidden_tests
from medsome.judgement import Decisions

SOURCE = "check()\n### BEGIN HIDDEN TESTS\nitem.grade(answer)\n### END HIDDEN TESTS"
ITEM = Decisions(name="verdicts", points=2, allowed=("post", "do_not_post"),
                 key={"A": "do_not_post", "B": "post"}, why={"A": "withdrawn consent", "B": "a model"},
                 critical={"A:post": "consent was withdrawn"}, source="IMI 2006")


def _cell(answer: dict, keys: bool) -> str:
    printed = "Well-formed: `verdicts` has the expected form.\n" + ITEM.feedback(answer) + "\n"
    cell = new_code_cell(SOURCE, outputs=[new_output("stream", name="stdout", text=printed)])
    return "".join(o.text for o in hide_hidden_tests(cell, keys).outputs)


def test_scores_only_until_the_keys_are_released() -> None:
    text = _cell({"A": "do_not_post", "B": "do_not_post"}, keys=False)
    assert text.startswith("Well-formed") and "verdicts: 0 of 2 points." in text
    assert KEY_WITHHELD in text and "withdrawn consent" not in text and "IMI 2006" not in text


def test_a_critical_error_is_named_without_the_key() -> None:
    text = _cell({"A": "post", "B": "post"}, keys=False)
    assert CRITICAL_WITHHELD in text and "consent was withdrawn" not in text


def test_released_keys_explain_every_case_with_its_source() -> None:
    text = _cell({"A": "post", "B": "post"}, keys=True)
    assert "withdrawn consent" in text and "Source: IMI 2006" in text and "Critical error: A:post" in text

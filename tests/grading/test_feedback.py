"""`medsome feedback`: one HTML file per graded student, hidden tests kept hidden by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from medsome.cli import main as run
from medsome.grading.hidden import HIDDEN_FAILED

from .conftest import ASSIGNMENT, SECRET, VISIBLE_Q2

pytestmark = pytest.mark.slow


def _html(course: Path, student: str) -> str:
    return (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()


def test_feedback_for_every_graded_student_without_hidden_tests(graded_copy: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["feedback", "--course", str(graded_copy)]) == 0
    assert "feedback for 9 student(s)" in capsys.readouterr().out
    feedback = {p.parent.parent.name for p in (graded_copy / "feedback").glob(f"*/{ASSIGNMENT}/*.html")}
    assert {"ada", "ben", "dee", "loop", "tamper"} <= feedback and "broken" not in feedback
    pages = [p.read_text() for p in (graded_copy / "feedback").rglob("*.html")]
    assert not any(SECRET in page or "BEGIN HIDDEN TESTS" in page for page in pages)
    assert HIDDEN_FAILED in _html(graded_copy, "dee")
    assert VISIBLE_Q2 in _html(graded_copy, "ben")


def test_feedback_can_show_hidden_tests_when_asked(graded_copy: Path) -> None:
    assert run(["feedback", ASSIGNMENT, "--show-hidden-tests", "--course", str(graded_copy)]) == 0
    assert SECRET in _html(graded_copy, "dee")

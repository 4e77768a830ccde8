"""`medsome feedback`: one HTML file per graded student, hidden tests kept hidden by default."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from medsome.cli import main as run
from medsome.grading.course_folder import Course
from medsome.grading.hidden import HIDDEN_FAILED

from .conftest import ASSIGNMENT, SECRET, VISIBLE_Q2

pytestmark = pytest.mark.integration


def _html(course: Path, student: str) -> str:
    return (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()


def test_feedback_for_every_graded_student_without_hidden_tests(graded_copy: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["feedback", "--course", str(graded_copy)]) == 0
    assert "feedback for 11 student(s)" in capsys.readouterr().out
    feedback = {p.parent.parent.name for p in (graded_copy / "feedback").glob(f"*/{ASSIGNMENT}/*.html")}
    assert {"ada", "ben", "dee", "loop", "tamper"} <= feedback and "broken" not in feedback
    pages = [p.read_text() for p in (graded_copy / "feedback").rglob("*.html")]
    assert not any(SECRET in page or "BEGIN HIDDEN TESTS" in page for page in pages)
    assert HIDDEN_FAILED in _html(graded_copy, "dee")
    assert VISIBLE_Q2 in _html(graded_copy, "ben")


def test_feedback_can_show_hidden_tests_when_asked(graded_copy: Path) -> None:
    assert run(["feedback", ASSIGNMENT, "--show-hidden-tests", "--course", str(graded_copy)]) == 0
    assert SECRET in _html(graded_copy, "dee")


def test_feedback_carries_no_active_content_from_a_submission(course: Path) -> None:
    from medsome.grading.autograde import grade_cohort

    from .conftest import OPTIONS, RISK, TOTAL, student_version, submit

    written = ('<script>alert("x")</script> <img src=x onerror="alert(1)"> [click](javascript:alert(2)) '
               '<a href="JaVaScRiPt:alert(3)" onclick="alert(4)">me</a>')
    answer = f"{TOTAL}\nfrom IPython.display import HTML, display\ndisplay(HTML('<script>alert(5)</script>'))"
    submit(course, "mallory", student_version(course, q1=answer, q2=RISK, written=written))
    assert grade_cohort(Course(course), ASSIGNMENT, options=OPTIONS).results[0].score == 3
    assert run(["feedback", ASSIGNMENT, "--course", str(course)]) == 0
    page = _html(course, "mallory")
    assert "alert(1)" in page, "the written answer should be shown, as text"
    active = _Active()
    active.feed(page)
    assert not active.found, active.found


class _Active(HTMLParser):
    """Collects what in a page could run: script text, on* attributes, script URLs, mentioning alert."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on") or url.startswith(("javascript:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert" in data:
            self.found.append(f"<script>{data[:80]}")

"""`medsome release` and `medsome feedback --release`: the instructor's side of nbgrader's exchange."""

from __future__ import annotations

import getpass
from pathlib import Path

import nbformat
import pytest

from medsome.cli import main as run
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.exchange import release_feedback

from .conftest import ASSIGNMENT, RISK, SECRET, TOTAL, make_course, student_exchange

pytestmark = pytest.mark.integration


def test_release_collect_grade_and_return_feedback_through_the_exchange(
        course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exchange, home = tmp_path / "exchange", tmp_path / "resident"
    exchange.mkdir()
    home.mkdir()
    flags = ["--course", str(course)]
    assert run(["release", ASSIGNMENT, "--exchange-dir", str(exchange), *flags]) == 0
    assert (exchange / "medsome" / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    assert run(["release", ASSIGNMENT, "--exchange-dir", str(exchange), *flags]) == 0  # again: replaced

    student_exchange(course, exchange, home, "FetchAssignment")
    notebook = home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    answers = {"q1_answer": TOTAL, "q2_answer": RISK}
    for cell in nb.cells:
        cell.source = answers.get(cell.metadata.get("nbgrader", {}).get("grade_id"), cell.source)
    nbformat.write(nb, notebook)
    student_exchange(course, exchange, home, "Submit")

    assert run(["collect", ASSIGNMENT, "--exchange-dir", str(exchange), *flags]) == 0
    assert run(["grade", ASSIGNMENT, *flags]) == 0
    assert run(["feedback", ASSIGNMENT, "--exchange-dir", str(exchange), *flags]) == 0
    assert "feedback of 1 student(s) released" in capsys.readouterr().out

    student_exchange(course, exchange, home, "FetchFeedback")
    pages = list((home / ASSIGNMENT / "feedback").rglob(f"{ASSIGNMENT}.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "Score: 3.0 / 5.0" in page  # both autograded questions; the rewrite awaits its manual grade
    assert SECRET not in page  # hidden tests stay hidden in what residents fetch
    assert (course / "feedback" / getpass.getuser() / ASSIGNMENT).is_dir()


def test_release_needs_a_built_assignment_and_an_exchange(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course", build=False)
    assert run(["release", ASSIGNMENT, "--exchange", str(tmp_path), "--course", str(course)]) == 1
    assert "run `medsome build tiny` first" in capsys.readouterr().err
    built = make_course(tmp_path / "built")
    assert run(["release", ASSIGNMENT, "--exchange", str(tmp_path / "none"), "--course", str(built)]) == 1
    err = capsys.readouterr().err
    assert "exchange is not set up" in err and err.count("\n") == 1


def test_feedback_cannot_be_released_before_it_is_written(course: Path, tmp_path: Path) -> None:
    with pytest.raises(GradingError, match="run `medsome feedback tiny` first"):
        release_feedback(Course(course), ASSIGNMENT, tmp_path)

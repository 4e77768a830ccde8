"""Grades are tamper-evident: changes by anyone but the grader or the student are named, not used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import nbformat
import pytest

from medsome.cli import main as run
from medsome.grading.autograde import grade_cohort
from medsome.grading.course_folder import Course

from .conftest import ASSIGNMENT, OPTIONS, RISK, TOTAL, student_version

pytestmark = pytest.mark.integration


def _set_score(course: Path, student: str, score: float) -> None:
    """What a process with access to the gradebook could do: rewrite a student's scores."""
    with sqlite3.connect(course / "gradebook.db") as db:
        db.execute("UPDATE grade SET auto_score = ? WHERE notebook_id IN (SELECT n.id FROM "
                   "submitted_notebook n JOIN submitted_assignment a ON n.assignment_id = a.id "
                   "WHERE a.student_id = ?)", (score, student))


def test_a_submission_changed_after_collection_is_not_regraded(graded_copy: Path,
                                                               tmp_path: Path) -> None:
    submitted = graded_copy / "submitted" / "ben" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nbformat.write(student_version(graded_copy, q1=TOTAL, q2=RISK), submitted)  # not by ben
    again = grade_cohort(Course(graded_copy), ASSIGNMENT, workers=1, options=OPTIONS, students=["ben"])
    assert not again.results[0].graded
    assert "changed after they were collected" in again.results[0].problems[0]
    assert "collect it again" in again.summary()

    upload = tmp_path / "upload" / "ben"
    upload.mkdir(parents=True)
    nbformat.write(student_version(graded_copy, q1=TOTAL, q2=RISK), upload / f"{ASSIGNMENT}.ipynb")
    assert run(["collect", ASSIGNMENT, "--from", str(upload.parent), "--course", str(graded_copy)]) == 0
    collected = grade_cohort(Course(graded_copy), ASSIGNMENT, workers=1, options=OPTIONS, students=["ben"])
    assert collected.results[0].graded and collected.results[0].score == 3


def test_a_rewritten_gradebook_is_named_by_grade_feedback_and_export(
        graded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_score(graded_copy, "cy", 2)
    _set_score(graded_copy, "ada", 0)
    students = ["--student", "ada", "--student", "cy"]
    assert run(["grade", ASSIGNMENT, "--course", str(graded_copy), *students]) == 1
    out = capsys.readouterr().out
    assert "ada: tiny: gradebook score of tiny/q1_test is 0.0, graded 2" in out
    assert "cy: tiny: gradebook score of tiny/q1_test is 2.0, graded 0" in out

    assert run(["feedback", ASSIGNMENT, "--course", str(graded_copy)]) == 1
    out = capsys.readouterr().out
    assert "ada: NO FEEDBACK: the grades differ from the grading record" in out
    assert not (graded_copy / "feedback" / "ada").exists() and (graded_copy / "feedback" / "ben").exists()

    assert run(["export", "--course", str(graded_copy)]) == 1
    err = capsys.readouterr().err
    assert "nothing was exported" in err and "ada" in err and "cy" in err
    assert not (graded_copy / "exports" / "grades.csv").exists()


def test_an_edited_autograded_notebook_is_named(graded_copy: Path) -> None:
    from medsome.grading.tamper import mismatches

    autograded = graded_copy / "autograded" / "ada" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    autograded.chmod(0o644)
    text = autograded.read_text(encoding="utf-8")
    autograded.write_text(text.replace("tattoo", "tattoo "), encoding="utf-8")
    assert mismatches(Course(graded_copy), ASSIGNMENT) == {
        "ada": [f"autograded/ada/{ASSIGNMENT}/{ASSIGNMENT}.ipynb changed after grading"]}

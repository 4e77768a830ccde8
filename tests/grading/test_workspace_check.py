"""`medsome check`: a learner's copy graded privately, explained per question, secrets kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest

from medsome.cli import main as run
from medsome.grading.student_versions import build_student_versions

from .conftest import ASSIGNMENT, RUBRIC, SECRET, TOTAL, VISIBLE_Q2, make_course, student_version

pytestmark = pytest.mark.integration


def _workspace(tmp_path: Path, notebook: nbformat.NotebookNode) -> Path:
    folder = tmp_path / "workspace" / "assignments" / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
    return tmp_path / "workspace"


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_explains_each_question_without_revealing_tests(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course")
    wrong_hidden = "total = 4"
    workspace = _workspace(tmp_path, student_version(course, q1=wrong_hidden, q2="risk = 5"))
    before = _digest(workspace)
    assert run(["check", ASSIGNMENT, "--course", str(course), "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "q1_test: failed (0 of 2 points): a hidden test of this question failed" in out
    assert f"q2_test: failed (0 of 1 point): AssertionError: {VISIBLE_Q2}" in out
    assert "q3_answer: graded by your instructor (2 points); not answered yet" in out and RUBRIC in out
    assert "Autograded: 0 of 3 points; 2 more points are graded by your instructor." in out
    assert SECRET not in out and "assert " not in out and "BEGIN HIDDEN" not in out
    assert _digest(workspace) == before, "the learner's workspace was changed"


def test_check_reports_passes_and_the_learners_own_errors(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course")
    answer = 'raise ValueError("SECRET-ANSWER-MESSAGE")'
    workspace = _workspace(tmp_path, student_version(course, q1=TOTAL, q2=answer, written="My rewrite."))
    assert run(["check", "tiny", "--course", str(course), "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "q1_test: passed (2 of 2 points)" in out
    assert "cell q2_answer raised ValueError" in out
    assert "SECRET-ANSWER-MESSAGE" not in out, "an answer cell's message is never repeated"
    assert f"q2_test: failed (0 of 1 point): AssertionError: {VISIBLE_Q2}" in out
    assert "could not read risk (not defined): scored as not answered" in out
    assert "(2 points); answered" in out


def test_check_without_a_workspace_copy_is_one_clear_line(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course", build=False)
    assert run(["check", ASSIGNMENT, "--course", str(course), "--workspace", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert "no copy of tiny" in err and "medsome workspace" in err


def test_check_grades_the_courses_real_assignment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = build_student_versions(tmp_path / "workspace" / "assignments")
    assignment = sorted(built)[0]
    number = assignment.split("_")[0]
    assert run(["check", number, "--workspace", str(tmp_path / "workspace")]) == 0
    out = capsys.readouterr().out
    assert f"Self-check of {assignment}" in out and "Question 1" in out
    assert "Autograded: 0 of " in out and "BEGIN HIDDEN" not in out
    # An unanswered item's visible check is named in one plain line (its cell line tells it apart
    # from a hidden test), never with a traceback.
    assert "failed (0 of" in out and "CheckFailed: `" in out and "Not answered yet" in out
    assert "Traceback" not in out and "Cell In[" not in out and ".py" not in out

"""The nbgrader round trip for every assignment, in a temporary copy of assignments/.

The solution earns full autograded marks; the untouched student version earns none; a student
copy whose test cells were edited or deleted is still graded by the original tests. The autograde
run, and `medsome grade`'s regrading of it, are shared with the misconception-profile and self-grade
tests (tests/graded_assignments.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from conftest import ASSIGNMENT_IDS
from graded_assignments import graded, is_test, medsome_graded, read_folder

pytestmark = pytest.mark.integration


def _autograded(course: Path, assignment: str, student: str) -> tuple[float, float]:
    """(autograded score, autogradable maximum) from the gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        grades = [g for nb in submission.notebooks for g in nb.grades if g.auto_score is not None]
        auto = [g for nb in submission.notebooks for g in nb.grades if g.cell_type == "code"]
        return sum(g.auto_score for g in grades), sum(g.max_score for g in auto)


@pytest.mark.parametrize("assignment", ASSIGNMENT_IDS)
def test_round_trip(assignment: str) -> None:
    course = graded(assignment)
    source = read_folder(course / "source" / assignment)
    student = read_folder(course / "release" / assignment)
    assert all("BEGIN SOLUTION" not in c.source for nb in student.values() for c in nb.cells)
    assert all("BEGIN HIDDEN" not in c.source for nb in student.values() for c in nb.cells)

    score, maximum = _autograded(course, assignment, "solved")
    assert maximum > 0 and score == maximum, f"solution scored {score}/{maximum}"
    for student_id in ("untouched", "edited_tests", "deleted_tests"):
        assert _autograded(course, assignment, student_id) == (0, maximum), student_id
    assert _autograded(course, assignment, "solved_deleted_tests") == (maximum, maximum)
    restored = read_folder(course / "autograded" / "deleted_tests" / assignment)
    assert sum(is_test(c) for nb in restored.values() for c in nb.cells) == sum(
        is_test(c) for nb in source.values() for c in nb.cells
    ), "deleted test cells were not put back"


def _cell_scores(course: Path, assignment: str, student: str) -> dict[str, float]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        return {f"{nb.name}/{g.name}": g.score for nb in submission.notebooks for g in nb.grades}


@pytest.mark.parametrize("assignment", ASSIGNMENT_IDS)
def test_two_phase_grading_gives_plain_nbgraders_grades(assignment: str) -> None:
    """Solutions read as plain values, and `medsome grade` scores every cell as plain nbgrader does."""
    plain, regraded = graded(assignment), medsome_graded(assignment)
    results = [r for r in regraded.run.results if r.student in ("solved", "untouched")]
    assert len(results) == 2 and all(r.graded for r in results), regraded.run.summary()
    assert not [n for r in results for n in r.notes if "could not read" in n], regraded.run.summary()
    for student in ("solved", "untouched"):
        assert _cell_scores(regraded.course, assignment, student) == _cell_scores(plain, assignment, student)

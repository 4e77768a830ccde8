"""The self-check's in-process grading scores exactly as `medsome grade` does.

The fast tests hold its two pieces of nbgrader to nbgrader itself: solutions cleared as
ClearSolutions clears them, test cells scored as determine_grade scores them. The slow ones grade
the same submissions both ways and compare every item's score: the tiny course's cohort (every
kind of bad submission) and, for every assignment, the solution, the untouched student version, a
hostile copy and every misconception profile.
"""

from __future__ import annotations

import logging
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearSolutions
from nbgrader.utils import determine_grade

from medsome.grading.course_folder import Course
from medsome.grading.graded_notebook import cleared
from medsome.grading.outcome import GradeOptions
from medsome.grading.selfgrade import cell_score, self_grade
from medsome.manifest import load_course
from medsome.paths import assignments_dir

from .conftest import ASSIGNMENT, OPTIONS, Graded, tiny_notebook

SOURCES = load_course().assignment_notebooks()
COURSE_OPTIONS = GradeOptions()  # the course's own timeout: its notebooks import widgets


@pytest.mark.parametrize("source", [*SOURCES, None], ids=lambda p: p.stem if p else "tiny")
def test_solutions_are_cleared_as_nbgrader_clears_them(source: Path | None) -> None:
    nb = nbformat.read(source, as_version=4) if source else tiny_notebook()
    config = Course(assignments_dir()).config
    stubs = config.ClearSolutions
    ours = cleared(nb, stubs.code_stub["python"], stubs.text_stub)
    theirs, _ = ClearSolutions(config=config).preprocess(nbformat.from_dict(nb), {})
    assert [c.source for c in ours.cells] == [c.source for c in theirs.cells]


def _test_cell(*outputs: dict) -> nbformat.NotebookNode:
    cell = new_code_cell("check()", metadata={"nbgrader": {"grade": True, "solution": False,
                                                           "grade_id": "t", "points": 4}})
    cell.outputs = [new_output(**o) for o in outputs]
    return cell


@pytest.mark.parametrize("outputs", [
    [],
    [{"output_type": "stream", "name": "stdout", "text": "fine\n"}],
    [{"output_type": "stream", "name": "stderr", "text": "a warning\n"}],
    [{"output_type": "error", "ename": "AssertionError", "evalue": "no", "traceback": []}],
    [{"output_type": "execute_result", "data": {"text/plain": "2.5"}, "execution_count": 1}],
    [{"output_type": "execute_result", "data": {"text/plain": "-1"}, "execution_count": 1}],
    [{"output_type": "execute_result", "data": {"text/plain": "'a word'"}, "execution_count": 1}],
    [{"output_type": "stream", "name": "stdout", "text": "Expert order\n"},
     {"output_type": "execute_result", "data": {"text/plain": "0"}, "execution_count": 1}],
], ids=["nothing", "stdout", "stderr", "error", "partial", "negative", "not-a-number", "zero"])
def test_test_cells_are_scored_as_nbgrader_scores_them(outputs: list[dict]) -> None:
    cell = _test_cell(*outputs)
    assert cell_score(cell) == determine_grade(cell, logging.getLogger(__name__))[0]


def _gradebook_scores(course: Path, assignment: str, student: str) -> dict[tuple[str, str], float]:
    with Gradebook(Course(course).gradebook_url) as gb:
        submission = gb.find_submission(assignment, student)
        return {(nb.name, g.name): float(g.score) for nb in submission.notebooks for g in nb.grades}


def _self_scores(course: Path, assignment: str, student: str,
                 options: GradeOptions = OPTIONS) -> dict[tuple[str, str], float] | None:
    graded = self_grade(Course(course), assignment, course / "submitted" / student / assignment, options)
    return {key: grade.score for key, grade in graded.grades.items()} if graded.graded else None


@pytest.mark.integration
def test_the_tiny_cohort_scores_as_medsome_grade(graded: Graded) -> None:
    for result in graded.run.results:
        mine = _self_scores(graded.course, ASSIGNMENT, result.student)
        if not result.graded:
            assert mine is None, f"{result.student}: graded by the self-check only"
            continue
        assert mine == _gradebook_scores(graded.course, ASSIGNMENT, result.student), result.student


@pytest.mark.integration
@pytest.mark.parametrize("assignment", sorted(p.parent.name for p in SOURCES))
def test_every_misconception_profile_scores_as_medsome_grade(assignment: str) -> None:
    from graded_assignments import REGRADED, medsome_graded
    from misconception_profiles import PROFILES

    regraded = medsome_graded(assignment)  # the solution, untouched, hostile and profile submissions
    assert not regraded.run.failed, regraded.run.summary()
    students = {r.student for r in regraded.run.results}
    assert students == {*REGRADED, *PROFILES[assignment]}, regraded.run.summary()
    for student in students:
        theirs = _gradebook_scores(regraded.course, assignment, student)
        assert _self_scores(regraded.course, assignment, student, COURSE_OPTIONS) == theirs, student

"""The nbgrader round trip for every assignment, in a temporary copy of assignments/.

The solution earns full autograded marks; the untouched student version earns none; a student
copy whose test cells were edited or deleted is still graded by the original tests.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import ASSIGNMENT_IDS
from medsome.grading.course_folder import nbgrader_api, require_success

pytestmark = pytest.mark.integration


def _is_test(cell: nbformat.NotebookNode) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"))


def _submit(course: Path, assignment: str, student: str, notebooks: dict) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)


def _read(folder: Path) -> dict[str, nbformat.NotebookNode]:
    return {p.name: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}


def _tampered(notebooks: dict[str, nbformat.NotebookNode], delete: bool):
    """Copies whose test cells pass trivially (edited) or are gone (deleted)."""
    changed = {}
    for name, nb in notebooks.items():
        nb = nbformat.from_dict(nb)
        if delete:
            nb.cells = [cell for cell in nb.cells if not _is_test(cell)]
        else:
            for cell in nb.cells:
                if _is_test(cell):
                    cell.source = "pass"
                    cell.metadata["nbgrader"]["points"] = 100
        changed[name] = nb
    return changed


def _autograded(course: Path, assignment: str, student: str) -> tuple[float, float]:
    """(autograded score, autogradable maximum) from the gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        grades = [g for nb in submission.notebooks for g in nb.grades if g.auto_score is not None]
        auto = [g for nb in submission.notebooks for g in nb.grades if g.cell_type == "code"]
        return sum(g.auto_score for g in grades), sum(g.max_score for g in auto)


@pytest.mark.parametrize("assignment", ASSIGNMENT_IDS)
def test_round_trip(assignment: str, course_copy: Path) -> None:
    api = nbgrader_api(course_copy)
    require_success(api.generate_assignment(assignment), "generate_assignment")
    source = _read(course_copy / "source" / assignment)
    student = _read(course_copy / "release" / assignment)
    assert all("BEGIN SOLUTION" not in c.source for nb in student.values() for c in nb.cells)
    assert all("BEGIN HIDDEN" not in c.source for nb in student.values() for c in nb.cells)

    _submit(course_copy, assignment, "solved", source)
    _submit(course_copy, assignment, "untouched", student)
    _submit(course_copy, assignment, "edited_tests", _tampered(student, delete=False))
    _submit(course_copy, assignment, "deleted_tests", _tampered(student, delete=True))
    _submit(course_copy, assignment, "solved_deleted_tests", _tampered(source, delete=True))
    require_success(api.autograde(assignment, "*"), "autograde")

    score, maximum = _autograded(course_copy, assignment, "solved")
    assert maximum > 0 and score == maximum, f"solution scored {score}/{maximum}"
    for student_id in ("untouched", "edited_tests", "deleted_tests"):
        assert _autograded(course_copy, assignment, student_id) == (0, maximum), student_id
    assert _autograded(course_copy, assignment, "solved_deleted_tests") == (maximum, maximum)
    restored = _read(course_copy / "autograded" / "deleted_tests" / assignment)
    assert sum(_is_test(c) for nb in restored.values() for c in nb.cells) == sum(
        _is_test(c) for nb in source.values() for c in nb.cells
    ), "deleted test cells were not put back"


def _cell_scores(course: Path, assignment: str, student: str) -> dict[str, float]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        return {f"{nb.name}/{g.name}": g.score for nb in submission.notebooks for g in nb.grades}


@pytest.mark.parametrize("assignment", ASSIGNMENT_IDS)
def test_two_phase_grading_gives_plain_nbgraders_grades(assignment: str, course_copy: Path) -> None:
    """Solutions read as plain values, and `medsome grade` scores every cell as plain nbgrader does."""
    from medsome.grading.autograde import grade_cohort
    from medsome.grading.worker import GradeOptions

    api = nbgrader_api(course_copy)
    require_success(api.generate_assignment(assignment), "generate_assignment")
    _submit(course_copy, assignment, "solved", _read(course_copy / "source" / assignment))
    _submit(course_copy, assignment, "untouched", _read(course_copy / "release" / assignment))
    require_success(api.autograde(assignment, "*"), "autograde")
    plain = {s: _cell_scores(course_copy, assignment, s) for s in ("solved", "untouched")}
    run = grade_cohort(course_copy, assignment, workers=1, force=True,
                       options=GradeOptions(timeout=60, memory_limit_mb=2048))
    assert all(r.graded for r in run.results), run.summary()
    assert not [n for r in run.results for n in r.notes if "could not read" in n], run.summary()
    assert {s: _cell_scores(course_copy, assignment, s) for s in plain} == plain

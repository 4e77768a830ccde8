"""Misconception profiles graded through real nbgrader: each loses exactly the items aimed at it.

For each judgement-first assignment, one autograde run grades the solution (full marks), the
untouched student version (zero), and one submission per misconception profile
(tests/misconception_profiles.py): a profile loses points on every item the blueprint says targets
its misconception, and keeps full marks on every other autograded item.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from medsome.blueprint import load_blueprint
from medsome.coursework import nbgrader_api, require_success
from misconception_profiles import PROFILES

pytestmark = pytest.mark.slow


def _answer_cell(nb: nbformat.NotebookNode, variable: str) -> nbformat.NotebookNode:
    """The answer cell that assigns `variable`."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade") and f"{variable} = (" in cell.source:
            return cell
    raise AssertionError(f"no answer cell assigns {variable}")


def profile_submission(source: Path, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The solution notebook with some answers overridden, as a learner would type them last."""
    nb = nbformat.read(source, as_version=4)
    for variable, expression in answers.items():
        cell = _answer_cell(nb, variable)
        cell.source += f"\n{variable} = {expression}"
    return nb


def _submit(course: Path, assignment: str, student: str, nb: nbformat.NotebookNode) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")


def _scores(course: Path, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        return {g.name: (g.auto_score, g.max_score) for nb in submission.notebooks for g in nb.grades
                if g.cell_type == "code"}


@pytest.mark.parametrize("assignment", sorted(PROFILES))
def test_profiles_lose_exactly_the_items_aimed_at_them(assignment: str, course_copy: Path) -> None:
    api = nbgrader_api(course_copy)
    require_success(api.generate_assignment(assignment), "generate_assignment")
    source = course_copy / "source" / assignment / f"{assignment}.ipynb"
    _submit(course_copy, assignment, "solution", nbformat.read(source, as_version=4))
    _submit(course_copy, assignment, "blank",
            nbformat.read(course_copy / "release" / assignment / f"{assignment}.ipynb", as_version=4))
    for misconception, answers in PROFILES[assignment].items():
        _submit(course_copy, assignment, misconception, profile_submission(source, answers))
    require_success(api.autograde(assignment, "*"), "autograde")

    blueprint = load_blueprint()
    autograded = blueprint[(blueprint["assignment"] == assignment) & (blueprint["kind"] != "manual")]
    targets = {row.grade_id: set(row.misconceptions) for row in autograded.itertuples()}
    solution, blank = _scores(course_copy, assignment, "solution"), _scores(course_copy, assignment, "blank")
    assert all(score == maximum for score, maximum in solution.values()), solution
    assert all(score == 0 for score, _ in blank.values()), blank
    for misconception in PROFILES[assignment]:
        scores = _scores(course_copy, assignment, misconception)
        aimed = {item for item, targeted in targets.items() if misconception in targeted}
        assert aimed, f"no item of {assignment} targets {misconception}"
        lost = {item for item, (score, maximum) in scores.items() if score < maximum}
        assert lost == aimed, (f"{misconception}: lost points on {sorted(lost)}, "
                               f"but the blueprint aims {sorted(aimed)} at it")

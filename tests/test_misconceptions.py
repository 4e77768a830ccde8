"""Misconception profiles graded through real nbgrader: each loses exactly the items aimed at it.

For each assignment, one autograde run grades the solution (full marks), the
untouched student version (zero), a hostile copy whose every answer claims to equal anything (zero),
and one submission per misconception profile
(tests/misconception_profiles.py): a profile loses points on every item the blueprint says targets
its misconception, and keeps full marks on every other autograded item.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from medsome.blueprint import load_blueprint
from medsome.cli import main as run
from medsome.grading.build import build_student_versions
from medsome.grading.course_folder import nbgrader_api, require_success
from medsome.grading.feedback_files import write_feedback
from medsome.judgement import KEY_HEADING
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


HOSTILE = """
class _Everything(str):
    \"\"\"Equal to, contained in and containing everything: a learner's attempt to fool the checks.\"\"\"

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0

    def __contains__(self, item):
        return True

    def __len__(self):
        return 3
"""


def hostile_submission(source: Path) -> nbformat.NotebookNode:
    """The solution notebook with every answer replaced by an object that claims to equal anything."""
    nb = nbformat.read(source, as_version=4)
    first = True
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not (meta.get("solution") and not meta.get("grade") and cell.cell_type == "code"):
            continue
        names = [line.split(" = (")[0] for line in cell.source.splitlines() if line.endswith(" = (")]
        cell.source = (HOSTILE if first else "") + "\n".join(f"{name} = _Everything('x')" for name in names)
        first = False
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
    _submit(course_copy, assignment, "hostile", hostile_submission(source))
    for misconception, answers in PROFILES[assignment].items():
        _submit(course_copy, assignment, misconception, profile_submission(source, answers))
    require_success(api.autograde(assignment, "*"), "autograde")

    blueprint = load_blueprint()
    autograded = blueprint[(blueprint["assignment"] == assignment) & (blueprint["kind"] != "manual")]
    targets = {row.grade_id: set(row.misconceptions) for row in autograded.itertuples()}
    solution, blank = _scores(course_copy, assignment, "solution"), _scores(course_copy, assignment, "blank")
    assert all(score == maximum for score, maximum in solution.values()), solution
    assert all(score == 0 for score, _ in blank.values()), blank
    hostile = _scores(course_copy, assignment, "hostile")
    assert all(score == 0 for score, _ in hostile.values()), f"an always-equal answer scored: {hostile}"
    for misconception in PROFILES[assignment]:
        scores = _scores(course_copy, assignment, misconception)
        aimed = {item for item, targeted in targets.items() if misconception in targeted}
        assert aimed, f"no item of {assignment} targets {misconception}"
        lost = {item for item, (score, maximum) in scores.items() if score < maximum}
        assert lost == aimed, (f"{misconception}: lost points on {sorted(lost)}, "
                               f"but the blueprint aims {sorted(aimed)} at it")
    _feedback_explains_the_key(course_copy, assignment, next(iter(PROFILES[assignment])))


def _feedback_explains_the_key(course: Path, assignment: str, student: str) -> None:
    """The feedback page explains the key item by item, and shows no hidden test code."""
    run_ = write_feedback(course, assignment)
    assert student in run_.written, run_.summary()
    page = (course / "feedback" / student / assignment / f"{assignment}.html").read_text(encoding="utf-8")
    assert page.count(KEY_HEADING) >= len(PROFILES[assignment][student]), "every answered item explained"
    assert "Source:" in page
    for hidden in ("BEGIN HIDDEN", ".grade(", "key=", "why="):
        assert hidden not in page, f"the feedback shows hidden test code ({hidden})"


def test_self_check_explains_the_key_without_the_tests(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`medsome check` on a partly wrong copy: partial scores, the key explained, no test code."""
    assignment, misconception = "03_consent", "said_yes"
    workspace = tmp_path / "workspace"
    build_student_versions(workspace / "assignments")
    path = workspace / "assignments" / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for variable, expression in PROFILES[assignment][misconception].items():
        _answer_cell(nb, variable).source += f"\n{variable} = {expression}"
    nbformat.write(nb, path)
    assert run(["check", assignment, "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "q4_ranking: partly passed" in out and "Expert order: A > B > D > C > E" in out
    assert "q3_count: failed" in out and "Not answered yet" in out
    for hidden in ("BEGIN HIDDEN", ".grade(", "key="):
        assert hidden not in out

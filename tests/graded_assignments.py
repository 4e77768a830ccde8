"""Each assignment autograded once per change by plain nbgrader, shared by the round-trip and profile tests.

One course folder per assignment (cached_runs) holds every submission those tests grade, autograded in
one `nbgrader autograde` run:

- `solved`: the source notebook, solutions in place; `untouched`: the student version as released;
- `edited_tests`, `deleted_tests`: the student version with its test cells made to pass trivially, or
  deleted; `solved_deleted_tests`: the solution with its test cells deleted;
- `hostile`: every answer replaced by an object that claims to equal anything;
- one submission per misconception profile (tests/profiles/<assignment>.json), named after it.

`medsome_graded` regrades the solution, the untouched and hostile versions and the profiles of that
folder with `medsome grade` (sandboxed, two workers), once per change, for the tests that compare
the course's grading with plain nbgrader's.

The cached folders are shared: a test that changes a course works on `copy_of` it.
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from cached_runs import cached, digest
from medsome.grading.autograde import CohortRun, grade_cohort
from medsome.grading.course_folder import CONFIG_FILE, Course, require_success
from medsome.grading.outcome import GradeOptions
from medsome.paths import assignments_dir
from misconception_profiles import FOLDER as PROFILE_FOLDER
from misconception_profiles import PROFILES

Notebooks = dict[str, nbformat.NotebookNode]


def is_test(cell: nbformat.NotebookNode) -> bool:
    """A graded test cell: autograded code that is not an answer."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"))


def read_folder(folder: Path) -> Notebooks:
    return {p.name: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}


def tampered(notebooks: Notebooks, delete: bool) -> Notebooks:
    """Copies whose test cells pass trivially (edited) or are gone (deleted)."""
    changed = {}
    for name, nb in notebooks.items():
        nb = nbformat.from_dict(nb)
        if delete:
            nb.cells = [cell for cell in nb.cells if not is_test(cell)]
        else:
            for cell in nb.cells:
                if is_test(cell):
                    cell.source = "pass"
                    cell.metadata["nbgrader"]["points"] = 100
        changed[name] = nb
    return changed


def answer_cell(nb: nbformat.NotebookNode, variable: str) -> nbformat.NotebookNode:
    """The answer cell that assigns `variable`."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade") and f"{variable} = (" in cell.source:
            return cell
    raise AssertionError(f"no answer cell assigns {variable}")


def profile_submission(source: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The solution notebook with some answers overridden, as a learner would type them last."""
    nb = nbformat.from_dict(source)
    for variable, expression in answers.items():
        answer_cell(nb, variable).source += f"\n{variable} = {expression}"
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


def hostile_submission(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The solution notebook with every answer replaced by an object that claims to equal anything."""
    nb = nbformat.from_dict(source)
    first = True
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not (meta.get("solution") and not meta.get("grade") and cell.cell_type == "code"):
            continue
        names = [line.split(" = (")[0] for line in cell.source.splitlines() if line.endswith(" = (")]
        cell.source = (HOSTILE if first else "") + "\n".join(f"{name} = _Everything('x')" for name in names)
        first = False
    return nb


def submissions(source: Notebooks, student: Notebooks, assignment: str) -> dict[str, Notebooks]:
    """Every submission graded for `assignment`, by student id."""
    each = {
        "solved": source,
        "untouched": student,
        "edited_tests": tampered(student, delete=False),
        "deleted_tests": tampered(student, delete=True),
        "solved_deleted_tests": tampered(source, delete=True),
        "hostile": {name: hostile_submission(nb) for name, nb in source.items()},
    }
    for misconception, answers in PROFILES.get(assignment, {}).items():
        each[misconception] = {name: profile_submission(nb, answers) for name, nb in source.items()}
    return each


def _grade(assignment: str) -> Callable[[Path], None]:
    def build(course: Path) -> None:
        shutil.copy2(assignments_dir() / CONFIG_FILE, course / CONFIG_FILE)
        shutil.copytree(assignments_dir() / "source" / assignment, course / "source" / assignment)
        api = Course(course).api()
        require_success(api.generate_assignment(assignment), "generate_assignment")
        source = read_folder(course / "source" / assignment)
        student = read_folder(course / "release" / assignment)
        for student_id, notebooks in submissions(source, student, assignment).items():
            folder = course / "submitted" / student_id / assignment
            folder.mkdir(parents=True)
            for name, nb in notebooks.items():
                nbformat.write(nb, folder / name)
        require_success(api.autograde(assignment, "*"), "autograde")
    return build


def graded(assignment: str) -> Path:
    """The shared course folder with every submission of `assignment` autograded: read it, never change it."""
    inputs = [assignments_dir() / "source" / assignment, assignments_dir() / CONFIG_FILE, Path(__file__)]
    profile = PROFILE_FOLDER / f"{assignment}.json"
    key = digest(*inputs, *([profile] if profile.exists() else []), extra=assignment)
    return cached("graded", key, _grade(assignment))


def copy_of(course: Path, tmp_path: Path) -> Path:
    """A private copy of a course folder, free to change."""
    return Path(shutil.copytree(course, tmp_path / "course"))


def keep_only(course: Path, assignment: str, students: set[str]) -> None:
    """Remove every other student's submission from the course folder and its gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for submission in gb.assignment_submissions(assignment):
            if submission.student.id not in students:
                gb.remove_submission(assignment, submission.student.id)
    for stage in ("submitted", "autograded"):
        for folder in (course / stage).iterdir():
            if folder.name not in students:
                shutil.rmtree(folder)


# The submissions `medsome_graded` regrades: what a learner can hand in, not the tampered copies.
REGRADED = ("solved", "untouched", "hostile")


@dataclass(frozen=True)
class Regraded:
    """A course folder regraded by `medsome grade`, and that run."""

    course: Path
    run: CohortRun


def _regrade(assignment: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        course = Path(shutil.copytree(graded(assignment), folder / "course"))
        keep_only(course, assignment, {*REGRADED, *PROFILES.get(assignment, {})})
        run = grade_cohort(Course(course), assignment, workers=2, force=True, options=GradeOptions())
        (folder / "run.pickle").write_bytes(pickle.dumps(run))
    return build


def medsome_graded(assignment: str) -> Regraded:
    """The solution, untouched and hostile versions and every profile of `assignment`, autograded by plain
    nbgrader (`graded`) and then regraded by `medsome grade` with the course's options: read it, never
    change it."""
    key = digest(Path(__file__), extra=f"medsome grade {graded(assignment).name}")  # graded's key
    folder = cached("medsome-graded", key, _regrade(assignment))
    return Regraded(folder / "course", pickle.loads((folder / "run.pickle").read_bytes()))

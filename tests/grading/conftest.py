"""A tiny synthetic nbgrader course for the grading tests, and a cohort graded once per session.

The assignment `tiny` has three questions: `total` (a number, a visible check and a hidden test),
`risk` (a word, likewise) and a manually graded rewrite with a rubric. Each autograde takes about
a second; the bad submissions cover every case the grading commands must survive and report.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_notebook
from nbgrader.tests import (
    create_grade_and_solution_cell,
    create_grade_cell,
    create_locked_cell,
    create_solution_cell,
)

from medsome.grading.autograde import CohortRun, grade_cohort
from medsome.grading.course_folder import CONFIG_FILE, Course, require_success
from medsome.grading.worker import GradeOptions
from medsome.paths import assignments_dir

ASSIGNMENT = "tiny"
SECRET = "SECRET-HIDDEN-MARKER"
VISIBLE_Q1 = "total should be a whole number"
VISIBLE_Q2 = "risk should be a string naming the detail"
RUBRIC = "**Rubric (2 points)**: 1 point for removing the identifiers, 1 for keeping the lesson."
TOTAL = "total = 3"
RISK = 'risk = "tattoo"'
OPTIONS = GradeOptions(timeout=3, memory_limit_mb=1024)


def tiny_notebook() -> nbformat.NotebookNode:
    """The source notebook: solutions, visible checks and hidden tests."""
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    nb.cells = [
        create_locked_cell("# Tiny assignment", "markdown", "intro"),
        create_locked_cell("## Question 1 · total *(2 points)*", "markdown", "q1_text"),
        create_solution_cell("total = (\n    ### BEGIN SOLUTION\n    3\n    ### END SOLUTION\n)",
                             "code", "q1_answer"),
        create_grade_cell(f'assert type(total) is int, "{VISIBLE_Q1}"\n### BEGIN HIDDEN TESTS\n'
                          f'assert total == 3, "{SECRET} total"\n### END HIDDEN TESTS',
                          "code", "q1_test", 2),
        create_locked_cell("## Question 2 · risk *(1 point)*", "markdown", "q2_text"),
        create_solution_cell('risk = (\n    ### BEGIN SOLUTION\n    "tattoo"\n    ### END SOLUTION\n)',
                             "code", "q2_answer"),
        create_grade_cell(f'assert isinstance(risk, str), "{VISIBLE_Q2}"\n### BEGIN HIDDEN TESTS\n'
                          f'assert risk == "tattoo", "{SECRET} risk"\n### END HIDDEN TESTS',
                          "code", "q2_test", 1),
        create_locked_cell(f"## Question 3 · rewrite *(2 points)*\n\nRewrite the post.\n\n{RUBRIC}",
                           "markdown", "q3_text"),
        create_grade_and_solution_cell("A model answer.", "markdown", "q3_answer", 2),
    ]
    return nb


def make_course(root: Path, build: bool = True) -> Path:
    """A course root with the repository's nbgrader_config.py and the tiny assignment."""
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy2(assignments_dir() / CONFIG_FILE, root / CONFIG_FILE)
    nbformat.write(tiny_notebook(), root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    if build:
        require_success(Course(root).api().generate_assignment(ASSIGNMENT), "generate_assignment")
    return root


def student_version(course: Path, q1: str | None = None, q2: str | None = None,
                    written: str | None = None) -> nbformat.NotebookNode:
    """The released notebook with some answer cells filled in."""
    nb = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    answers = {"q1_answer": q1, "q2_answer": q2, "q3_answer": written}
    for cell in nb.cells:
        answer = answers.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if answer is not None:
            cell.source = answer
    return nb


def submit(course: Path, student: str, notebook: nbformat.NotebookNode | str | None,
           name: str = f"{ASSIGNMENT}.ipynb") -> Path:
    """Put a submission in submitted/<student>/tiny/ (text is written as is; None: empty folder)."""
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(notebook, str):
        (folder / name).write_text(notebook, encoding="utf-8")
    elif notebook is not None:
        nbformat.write(notebook, folder / name)
    return folder


def student_exchange(course: Path, exchange: Path, home: Path, action: str):
    """One of nbgrader's exchange actions (FetchAssignment, Submit, FetchFeedback) as a student in `home`."""
    api = Course(course).api(Exchange={"root": str(exchange)},
                       ExchangeFetchAssignment={"path_includes_course": False},
                       ExchangeFetchFeedback={"path_includes_course": False})
    app = getattr(api.exchange, action)(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
    app.coursedir.assignment_id = ASSIGNMENT
    app.assignment_dir = str(home)
    app.start()


def tampered(course: Path) -> nbformat.NotebookNode:
    """Right total, wrong risk; the total test deleted and the risk test edited to pass."""
    nb = student_version(course, q1=TOTAL, q2="risk = 5")
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q1_test"]
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q2_test":
            cell.source = "pass"
    return nb


IGNORES_INTERRUPT = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"


def vandal(course: Path) -> str:
    """An answer that writes into the course's source/ (by its full path) and into HOME."""
    return (f"{TOTAL}\nopen({str(course / 'source' / ASSIGNMENT / 'vandal.txt')!r}, 'w').write('x')\n"
            "import os\nopen(os.path.expanduser('~/medsome-grading-test.txt'), 'w').write('y')")

# student -> (q1 answer, q2 answer) on the student version, or a special submission
COHORT = {
    "ada": (TOTAL, RISK),
    "ben": (TOTAL, "risk = 5"),
    "cy": (None, None),
    "dee": ("total = 4", RISK),
    "loop": (TOTAL, "while True:\n    pass"),
    "stubborn": (TOTAL, IGNORES_INTERRUPT),
    "flood": (f"{TOTAL}\nfor i in range(5000):\n    print(i)\nprint('x' * 300_000)", RISK),
    "hog": (TOTAL, "block = bytearray(3 * 2**30)"),
    "crash": ("import os\nos._exit(1)", RISK),
}


def write_cohort(course: Path) -> None:
    """Every case of COHORT, plus a damaged, a renamed, a missing and a tampered submission."""
    for student, (q1, q2) in COHORT.items():
        submit(course, student, student_version(course, q1=q1, q2=q2))
    submit(course, "vandal", student_version(course, q1=vandal(course), q2=RISK))
    submit(course, "broken", '{"cells": [ this is not json')
    submit(course, "renamed", student_version(course, q1=TOTAL, q2=RISK), name="my copy.ipynb")
    submit(course, "missing", None)
    submit(course, "tamper", tampered(course))


@dataclass
class Graded:
    """A course whose cohort was graded once, and that run."""

    course: Path
    run: CohortRun

    def result(self, student: str):
        return next(r for r in self.run.results if r.student == student)


@pytest.fixture(scope="session")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    """The tiny course with the whole cohort graded by two workers (do not modify: copy it)."""
    course = make_course(tmp_path_factory.mktemp("graded") / "course")
    write_cohort(course)
    return Graded(course, grade_cohort(Course(course), ASSIGNMENT, workers=2, options=OPTIONS))


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A fresh tiny course, built (student version and gradebook)."""
    return make_course(tmp_path / "course")


@pytest.fixture
def graded_copy(graded: Graded, tmp_path: Path) -> Path:
    """A private copy of the graded course, free to modify."""
    return Path(shutil.copytree(graded.course, tmp_path / "graded"))

"""`medsome build`: student versions into release/, gradebook updated; clear errors otherwise."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from medsome.cli import main as run

from .conftest import ASSIGNMENT, SECRET, make_course

pytestmark = pytest.mark.integration  # nbgrader builds the student versions


def test_build_generates_the_student_version_and_the_gradebook(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course", build=False)
    assert run(["build", "--course", str(course)]) == 0
    assert f"built {ASSIGNMENT}: 1 notebook(s), 5 points (3 autograded)" in capsys.readouterr().out
    released = (course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert SECRET not in released and "BEGIN SOLUTION" not in released
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert gb.find_assignment(ASSIGNMENT).max_score == 5


def test_build_one_assignment_by_its_prefix(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course", build=False)
    assert run(["build", "ti", "--course", str(course)]) == 0
    assert (course / "release" / ASSIGNMENT).is_dir()


@pytest.mark.parametrize("argv, message", [
    (["build", "nope"], "no assignment 'nope'"),
    (["build", "--course", "/nonexistent/course"], "is not an nbgrader course folder"),
])
def test_a_missing_assignment_or_course_is_one_clear_line(tmp_path: Path, argv: list[str], message: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course", build=False)
    argv = argv if "--course" in argv else [*argv, "--course", str(course)]
    assert run(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("medsome: ") and message in err and "\n" not in err


def test_duplicate_grade_ids_are_refused_before_nbgrader_sees_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "course", build=False)
    path = course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, as_version=4)
    copy = nbformat.from_dict(nb.cells[3])  # a copied test cell keeps its grade_id
    copy.id = "copied-cell"
    nb.cells.append(copy)
    nbformat.write(nb, path)
    assert run(["build", "--course", str(course)]) == 1
    assert "q1_test" in capsys.readouterr().err

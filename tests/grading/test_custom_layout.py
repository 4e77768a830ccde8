"""A course with its own nbgrader folder layout (`c.CourseDirectory.directory_structure`) is
collected, graded, given feedback and exported end to end, with the same grades as the default one."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from medsome.cli import main as run
from medsome.grading.course_folder import CONFIG_FILE, Course, require_success

from .conftest import ASSIGNMENT, RISK, TOTAL, make_course, student_version

pytestmark = pytest.mark.integration

BY_ASSIGNMENT = "c.CourseDirectory.directory_structure = '{nbgrader_step}/{assignment_id}/{student_id}'\n"
ANSWERS = {"ada": (TOTAL, RISK), "ben": (TOTAL, "risk = 5"), "cy": (None, None), "dee": ("total = 4", RISK)}
SCORES = {"ada": 3.0, "ben": 2.0, "cy": 0.0, "dee": 1.0}


def laid_out(root: Path, layout: str) -> Path:
    """The tiny course with `layout` added to its nbgrader_config.py, then built."""
    make_course(root, build=False)
    with (root / CONFIG_FILE).open("a", encoding="utf-8") as config:
        config.write(layout)
    require_success(Course(root).api().generate_assignment(ASSIGNMENT), "generate_assignment")
    return root


def uploads(course: Path, folder: Path) -> Path:
    """One subfolder per student holding their notebook, as an instructor downloads them."""
    for student, (q1, q2) in ANSWERS.items():
        (folder / student).mkdir(parents=True)
        nbformat.write(student_version(course, q1=q1, q2=q2), folder / student / f"{ASSIGNMENT}.ipynb")
    return folder


def grade_end_to_end(course: Path, upload: Path, out: Path) -> pd.DataFrame:
    """collect, grade, feedback and export with the command line; the exported grades."""
    options = ["--course", str(course)]
    assert run(["collect", ASSIGNMENT, "--from", str(upload), *options]) == 0
    assert run(["grade", ASSIGNMENT, "--workers", "2", "--timeout", "20", *options]) == 0
    assert run(["feedback", ASSIGNMENT, *options]) == 0
    assert run(["export", "--out", str(out), *options]) == 0
    return pd.read_csv(out / "grades.csv").set_index("student_id").sort_index()


def test_a_course_laid_out_by_assignment_grades_as_the_default_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    default = make_course(tmp_path / "default")
    own = laid_out(tmp_path / "own", BY_ASSIGNMENT)
    upload = uploads(default, tmp_path / "upload")

    expected = grade_end_to_end(default, upload, tmp_path / "default-out")
    found = grade_end_to_end(own, upload, tmp_path / "own-out")

    assert found["score"].to_dict() == expected["score"].to_dict() == SCORES
    assert found["max_score"].to_dict() == expected["max_score"].to_dict()
    for student in ANSWERS:  # every step wrote where the course's layout says, and nowhere else
        for step, name in [("submitted", f"{ASSIGNMENT}.ipynb"), ("autograded", f"{ASSIGNMENT}.ipynb"),
                           ("feedback", f"{ASSIGNMENT}.html")]:
            assert (own / step / ASSIGNMENT / student / name).is_file(), (step, student)
            assert not (own / step / student).exists(), (step, student)
    capsys.readouterr()
    assert run(["grade", ASSIGNMENT, "--course", str(own), "--timeout", "20"]) == 0
    assert "4 already graded, skipped" in capsys.readouterr().out, "the journal finds every grade"

"""`medsome export`: grades.csv per student and questions.csv per student and item."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from medsome.cli import main as run

from .conftest import ASSIGNMENT, Graded

pytestmark = pytest.mark.integration


def test_export_writes_one_row_per_student_and_per_item(graded: Graded, tmp_path: Path) -> None:
    assert run(["export", "--course", str(graded.course), "--out", str(tmp_path)]) == 0
    grades = pd.read_csv(tmp_path / "grades.csv").set_index("student_id")
    questions = pd.read_csv(tmp_path / "questions.csv")
    students = {s for s in grades.index}
    assert {"ada", "ben", "tamper"} <= students and grades.index.is_unique
    assert grades.loc["ada", "score"] == 3 and grades.loc["ada", "max_score"] == 5
    assert grades.loc["ada", "percent"] == 60.0
    assert len(questions) == 3 * len(grades)
    ada = questions[questions["student_id"] == "ada"].set_index("item")
    assert ada.loc["q1_test", "question"] == "Question 1 · total" and ada.loc["q1_test", "score"] == 2
    assert not ada.loc["q3_answer", "autograded"]
    assert set(questions["assignment"]) == {ASSIGNMENT}
    assert not list(tmp_path.glob(".*")), "a temporary file was left behind"


def test_export_without_a_gradebook_is_one_clear_line(course: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (course / "gradebook.db").unlink()
    assert run(["export", "--course", str(course)]) == 1
    assert "no gradebook" in capsys.readouterr().err

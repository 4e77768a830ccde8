"""`medsome export`: the gradebook as two CSV files, written atomically.

grades.csv has one row per student and assignment, with each objective's status (met, not met,
pending), the count of objectives met and the pass decision (every objective met: mastery.py);
questions.csv one row per student and graded item (an autograded test or a manually graded
answer), with the question it belongs to; objectives.csv one row per student and objective, with
its points and whether a critical error failed it. Nothing is exported while the gradebook differs
from the grading record (tamper.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medsome.atomic import write_text
from medsome.blueprint import load_blueprint
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.critical import course_critical
from medsome.grading.mastery import objective_results, objective_table
from medsome.grading.scores import read_gradebook, student_totals
from medsome.grading.tamper import describe, mismatches


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """Write a frame as CSV through a temporary file, so a reader never sees half of it."""
    return write_text(path, frame.to_csv(index=False))


def export(course: Course, out: Path) -> list[Path]:
    """Write grades.csv and questions.csv into `out`, unless the gradebook differs from the record."""
    found = [line for assignment in course.assignment_ids()
             for line in describe(assignment, mismatches(course, assignment))]
    if found:
        raise GradingError("the gradebook differs from the grading record; nothing was exported. "
                           "Grade these students again (`medsome grade ASSIGNMENT --force --student ...`):\n"
                           + "\n".join(found))
    items, submissions = read_gradebook(course)
    results = objective_results(items, course_critical(course, course.assignment_ids()), load_blueprint())
    grades = student_totals(items, submissions).merge(objective_table(results), how="left",
                                                      on=["student_id", "assignment"])
    return [
        write_csv(out / "grades.csv", grades),
        write_csv(out / "questions.csv", items),
        write_csv(out / "objectives.csv", results),
    ]

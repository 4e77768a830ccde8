"""The gradebook as tables: one row per student, assignment and graded item, and per submission."""

from __future__ import annotations

import pandas as pd
from nbgrader.api import Gradebook, MissingEntry

from medsome.grading.course_folder import Course, GradingError
from medsome.grading.questions import grade_items

ITEM_COLUMNS = ["student_id", "assignment", "notebook", "question", "item", "autograded",
                "score", "max_score", "needs_manual_grade", "submitted"]
SUBMISSION_COLUMNS = ["student_id", "assignment", "submitted", "timestamp", "late_penalty"]


def existing_gradebook(course: Course) -> str:
    """The course gradebook's URL; fail clearly if there is none yet."""
    if not course.has_gradebook():
        raise GradingError(f"no gradebook in {course.root}: build and grade an assignment first")
    return course.gradebook_url


def _questions(course: Course, assignment: str) -> dict[str, str]:
    return {i.grade_id: i.question for i in grade_items(course.source_notebooks(assignment))}


def _item_row(student: str, assignment: str, questions: dict[str, str], cell, grade) -> dict:
    """One item's row; `grade` is None when the student submitted nothing."""
    return {
        "student_id": student, "assignment": assignment, "notebook": cell.notebook.name,
        "question": questions.get(cell.name, cell.notebook.name), "item": cell.name,
        "autograded": cell.cell_type == "code",
        "score": float(grade.score) if grade is not None else 0.0, "max_score": float(cell.max_score),
        "needs_manual_grade": bool(grade is not None and grade.needs_manual_grade),
        "submitted": grade is not None,
    }


def read_gradebook(course: Course) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(items, submissions) for every student and assignment in the gradebook."""
    items, submissions = [], []
    with Gradebook(existing_gradebook(course)) as gb:
        students = [s.id for s in gb.students]
        for assignment in gb.assignments:
            questions = _questions(course, assignment.name)
            cells = [cell for nb in assignment.notebooks for cell in nb.grade_cells]
            for student in students:
                try:
                    sub = gb.find_submission(assignment.name, student)
                except MissingEntry:
                    items += [_item_row(student, assignment.name, questions, c, None) for c in cells]
                    submissions.append({"student_id": student, "assignment": assignment.name,
                                        "submitted": False, "timestamp": None, "late_penalty": 0.0})
                    continue
                grades = {(g.notebook.name, g.name): g for nb in sub.notebooks for g in nb.grades}
                items += [_item_row(student, assignment.name, questions, c,
                                    grades.get((c.notebook.name, c.name))) for c in cells]
                submissions.append({
                    "student_id": student, "assignment": assignment.name, "submitted": True,
                    "timestamp": sub.timestamp.isoformat() if sub.timestamp else None,
                    "late_penalty": float(sub.late_submission_penalty or 0.0),
                })
    order = {"by": ["student_id", "assignment"], "kind": "stable", "ignore_index": True}
    return (pd.DataFrame(items, columns=ITEM_COLUMNS).sort_values(**order),
            pd.DataFrame(submissions, columns=SUBMISSION_COLUMNS).sort_values(**order))


def student_totals(items: pd.DataFrame, submissions: pd.DataFrame) -> pd.DataFrame:
    """One row per student and assignment: score, maximum, percent and what awaits manual grading."""
    totals = items.groupby(["student_id", "assignment"], as_index=False).agg(
        score=("score", "sum"), max_score=("max_score", "sum"),
        needs_manual_grade=("needs_manual_grade", "any"),
    )
    merged = submissions.merge(totals, on=["student_id", "assignment"], how="left")
    merged["score"] = (merged["score"] - merged["late_penalty"]).clip(lower=0)
    merged["percent"] = (100 * merged["score"] / merged["max_score"]).round(1)
    return merged[["student_id", "assignment", "submitted", "score", "max_score", "percent",
                   "needs_manual_grade", "late_penalty", "timestamp"]]

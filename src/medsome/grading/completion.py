"""A completion record per resident, for a training portfolio: what they passed, and when.

`medsome report` writes one HTML page per student in `records/` beside the cohort report: the
course and its version, the date, and per assignment whether it was submitted, its score, each
objective's status and the pass decision (`mastery.py`), with a line saying the course is
complete when every assignment is passed. A Form B (resubmission, `medsome.forms`) is another
attempt at the same assignment: each attempt is listed with the form graded, and an assignment
counts as passed when either form is. Autoescaped from templates/record.html.j2; written
atomically. A resident prints it to PDF from the browser.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

import medsome
from medsome.atomic import write_text
from medsome.blueprint import MASTERY_SHARE
from medsome.forms import base_assignment, form_label
from medsome.grading.mastery import MET, PASS, pass_decision

COURSE_TITLE = "The ethics of medical social media: a course for surgical residents"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def record_rows(student: str, totals: pd.DataFrame, results: pd.DataFrame) -> list[dict]:
    """One row per assignment of a student: submitted, score, objectives and the decision."""
    rows = []
    for total in totals[totals["student_id"] == student].itertuples():
        mine = results[(results["student_id"] == student) & (results["assignment"] == total.assignment)]
        rows.append({
            "assignment": total.assignment, "form": form_label(total.assignment),
            "attempt_of": base_assignment(total.assignment), "submitted": bool(total.submitted),
            "score": f"{total.score:g} of {total.max_score:g}",
            "objectives": [(r.objective_id, r.objective, r.status) for r in mine.itertuples()],
            "met": int((mine["status"] == MET).sum()), "count": len(mine),
            "decision": pass_decision(mine["status"]) if len(mine) else "no objectives recorded",
        })
    return rows


def passed_assignments(rows: list[dict]) -> dict[str, bool]:
    """Form A id -> whether an attempt at it (Form A or its Form B) is passed."""
    passed: dict[str, bool] = {}
    for row in rows:
        passed[row["attempt_of"]] = passed.get(row["attempt_of"], False) or row["decision"] == PASS
    return passed


def render_record(student: str, rows: list[dict]) -> str:
    """The record page of one student."""
    environment = Environment(loader=PackageLoader("medsome.grading", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    complete = bool(rows) and all(passed_assignments(rows).values())
    return environment.get_template("record.html.j2").render(
        student=student, rows=rows, complete=complete, course=COURSE_TITLE, version=medsome.__version__,
        generated=time.strftime("%Y-%m-%d"), mastery_share=MASTERY_SHARE)


def write_records(out: Path, totals: pd.DataFrame, results: pd.DataFrame) -> list[Path]:
    """Write records/<student>.html for every student in `totals`; return the paths."""
    written = []
    for student in sorted(totals["student_id"].unique()):
        name = _UNSAFE.sub("_", str(student)) or "student"
        written.append(write_text(out / "records" / f"{name}.html",
                                  render_record(str(student), record_rows(student, totals, results))))
    return written

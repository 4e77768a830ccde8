"""Objective mastery: each assignment objective met, not met or pending, and the pass decision.

An objective (numbered in `medsome.blueprint.objectives`) is met when a student has at least
`MASTERY_SHARE` of its points and made no critical error on its items; it is pending while one of
its items awaits manual grading and could still decide it. An assignment is passed when every
objective is met: a high total cannot hide a failed objective or a dangerous choice. Each row says
which form was graded (`medsome.forms`): a Form B is a resubmission of the same objectives.
"""

from __future__ import annotations

from collections.abc import Set

import pandas as pd

from medsome.blueprint import MASTERY_SHARE, objectives
from medsome.forms import form_label

MET, NOT_MET, PENDING = "met", "not met", "pending"
PASS, NOT_YET = "pass", "not yet"
RESULT_COLUMNS = ["student_id", "assignment", "form", "objective_id", "objective", "score", "points",
                  "critical_error", "status"]
# (student, assignment, grade_id) of every item answered with a critical error
Critical = Set[tuple[str, str, str]]


def _status(score: float, points: float, pending_points: float, critical: bool, submitted: bool) -> str:
    """One objective's status from its points, what awaits manual grading and critical errors."""
    if critical or not submitted:
        return NOT_MET
    if score >= MASTERY_SHARE * points - 1e-9:
        return MET
    if pending_points and score + pending_points >= MASTERY_SHARE * points - 1e-9:
        return PENDING
    return NOT_MET


def objective_results(items: pd.DataFrame, critical: Critical, blueprint: pd.DataFrame) -> pd.DataFrame:
    """One row per student and objective of every assignment in `items` (medsome's item table)."""
    rows = []
    for objective in objectives(blueprint).itertuples():
        mine = items[(items["assignment"] == objective.assignment) & items["item"].isin(objective.grade_ids)]
        for student, answers in mine.groupby("student_id", sort=True):
            waiting = answers[answers["needs_manual_grade"]]
            flagged = any((student, objective.assignment, g) in critical for g in answers["item"])
            done = answers[~answers["needs_manual_grade"]]
            score = float(done["score"].sum())
            status = _status(score, objective.points, float(waiting["max_score"].sum()), flagged,
                             bool(answers["submitted"].any()))
            rows.append({"student_id": student, "assignment": objective.assignment,
                         "form": form_label(objective.assignment), "objective_id": objective.objective_id,
                         "objective": objective.objective,
                         "score": score, "points": objective.points, "critical_error": flagged,
                         "status": status})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def pass_decision(statuses: pd.Series) -> str:
    """Pass when every objective is met; not yet when one is not met; else pending."""
    if (statuses == NOT_MET).any():
        return NOT_YET
    return PASS if (statuses == MET).all() else PENDING


def objective_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per student and assignment: each objective's status as a column, met count, pass."""
    if results.empty:
        return pd.DataFrame(columns=["student_id", "assignment", "objectives_met", "pass"])
    wide = results.pivot_table(index=["student_id", "assignment"], columns="objective_id", values="status",
                               aggfunc="first").add_prefix("objective ")
    wide.columns.name = None
    grouped = results.groupby(["student_id", "assignment"])["status"]
    wide["objectives_met"] = grouped.apply(lambda s: f"{(s == MET).sum()} of {len(s)}")
    wide["pass"] = grouped.apply(pass_decision)
    return wide.reset_index()

"""Classical item analysis of a cohort's scores: difficulty, discrimination, score distributions.

Difficulty is the mean score over the points available (1 = everyone earned everything).
Discrimination is the corrected item–total correlation (the item against the total of the other
items) and the upper–lower index D (mean item score of the top 27 % of students by total, minus
the bottom 27 %, over the points). Only submitted, graded responses count.
"""

from __future__ import annotations

import math

import pandas as pd

GROUP_SHARE = 0.27
ITEM_STAT_COLUMNS = ["assignment", "question", "item", "autograded", "points", "responses", "mean_score",
                     "difficulty", "full", "partial", "zero", "discrimination", "upper_lower"]


def graded(items: pd.DataFrame) -> pd.DataFrame:
    """Rows that count: submitted and not waiting for a manual grade."""
    return items[items["submitted"].astype(bool) & ~items["needs_manual_grade"].astype(bool)]


def totals(items: pd.DataFrame) -> pd.DataFrame:
    """Each submitted student's total per assignment: score, max_score, percent."""
    submitted = items[items["submitted"].astype(bool)]  # a mask even when no row is there
    frame = submitted.groupby(["assignment", "student_id"], as_index=False)[["score", "max_score"]].sum()
    frame["percent"] = 100 * frame["score"] / frame["max_score"].where(frame["max_score"] > 0)
    return frame


def corrected_item_total(matrix: pd.DataFrame, item: str) -> float:
    """Correlation of one item's scores with the total of the other items (NaN if undefined)."""
    scores, rest = matrix[item], matrix.drop(columns=item).sum(axis=1)
    if len(scores) < 3 or scores.std() == 0 or rest.std() == 0:
        return math.nan
    return float(scores.corr(rest))


def upper_lower(matrix: pd.DataFrame, item: str, points: float) -> float:
    """(mean of the top 27 % by total - mean of the bottom 27 %) / points (NaN if too few)."""
    if len(matrix) < 4 or points <= 0:
        return math.nan
    ranked = matrix.assign(_total=matrix.sum(axis=1)).sort_values("_total")
    size = max(1, round(GROUP_SHARE * len(ranked)))
    return float((ranked[item].tail(size).mean() - ranked[item].head(size).mean()) / points)


def item_stats(items: pd.DataFrame) -> pd.DataFrame:
    """One row per assignment and item: difficulty, share of full/partial/zero credit, discrimination."""
    rows = []
    for assignment, group in graded(items).groupby("assignment"):
        matrix = group.pivot_table(index="student_id", columns="item", values="score", aggfunc="sum")
        complete = matrix.dropna(axis=1)  # items every student has a grade for
        for item, answers in group.groupby("item", sort=False):
            points = float(answers["max_score"].iloc[0])
            scores = answers["score"]
            rows.append({
                "assignment": assignment, "question": answers["question"].iloc[0], "item": item,
                "autograded": bool(answers["autograded"].iloc[0]), "points": points,
                "responses": len(scores), "mean_score": scores.mean(),
                "difficulty": scores.mean() / points if points else math.nan,
                "full": (scores >= points).mean(), "zero": (scores <= 0).mean(),
                "partial": ((scores > 0) & (scores < points)).mean(),
                "discrimination": corrected_item_total(complete, item) if item in complete else math.nan,
                "upper_lower": upper_lower(complete, item, points) if item in complete else math.nan,
            })
    return pd.DataFrame(rows, columns=ITEM_STAT_COLUMNS)


def hardest(stats: pd.DataFrame, count: int = 5) -> pd.DataFrame:
    """The items with the lowest difficulty index, hardest first."""
    return stats.dropna(subset=["difficulty"]).sort_values(["difficulty", "item"]).head(count)

"""`medsome report`: the cohort report, PNG charts and one HTML page an instructor can open.

Per assignment: the distribution of total scores, each item's difficulty and discrimination, the
share of full, partial and zero credit per item, and the items the cohort finds hardest. Charts
use the course's colour-blind-safe palette with hatching (meaning never rests on colour alone),
labelled axes, and alt text in the page. Every file is written atomically.
"""

from __future__ import annotations

import html
import io
import math
import time
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from medsome.atomic import write_bytes, write_text
from medsome.grading.course_folder import GradingError
from medsome.grading.itemstats import hardest, item_stats, totals
from medsome.grading.scores import read_gradebook
from medsome.plotting import PALETTE, course_style

LOW_DISCRIMINATION = 0.2
CREDIT = (("full", "full credit", PALETTE["bluish_green"], ""),
          ("partial", "partial credit", PALETTE["orange"], ".."),
          ("zero", "no credit", PALETTE["vermilion"], "//"))
STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:right}
th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}img{max-width:100%;height:auto}"""


def _below(height: float) -> float:
    """Axes-fraction y that puts a legend just under the x-axis label of a figure this tall."""
    return -0.7 / (0.75 * height)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def scores_chart(assignment: str, percents: pd.Series) -> tuple[bytes, str]:
    """Histogram of total scores in percent, and its alt text."""
    with course_style():
        figure = Figure(figsize=(7, 4))
        ax = figure.subplots()
        ax.hist(percents, bins=range(0, 101, 10), color=PALETTE["blue"], edgecolor="black")
        median = percents.median()
        ax.axvline(median, color=PALETTE["black"], linestyle="--", label=f"median {median:.0f} %")
        ax.set(xlabel="Total score (% of the points)", ylabel="Students", xlim=(0, 100),
               title=f"{assignment}: total scores of {len(percents)} students")
        ax.legend(frameon=False)
        png = _png(figure)
    alt = (f"Histogram of the total scores of {len(percents)} students in {assignment}, in 10-point bins "
           f"from 0 to 100 %: median {median:.0f} %, lowest {percents.min():.0f} %, "
           f"highest {percents.max():.0f} %.")
    return png, alt


def items_chart(assignment: str, stats: pd.DataFrame) -> tuple[bytes, str]:
    """Difficulty and discrimination of each item side by side, and the alt text."""
    labels = stats["item"].tolist()
    with course_style():
        height = 1.5 + 0.4 * len(labels)
        figure = Figure(figsize=(9, height))
        left, right = figure.subplots(1, 2, sharey=True)
        hatches = ["" if auto else "//" for auto in stats["autograded"]]
        left.barh(labels, stats["difficulty"], color=PALETTE["blue"], edgecolor="black", hatch=hatches)
        left.set(xlabel="Difficulty (mean score / points; 1 = all earned)", xlim=(0, 1),
                 title="Difficulty (hatched: graded by hand)")
        right.barh(labels, stats["discrimination"].fillna(0), color=PALETTE["sky_blue"], edgecolor="black")
        right.axvline(LOW_DISCRIMINATION, color=PALETTE["vermilion"], linestyle="--",
                      label=f"{LOW_DISCRIMINATION}: weak discrimination below")
        right.axvline(0, color=PALETTE["black"], linewidth=0.8)
        right.set(xlabel="Discrimination (corrected item–total r)", xlim=(-1, 1), title="Discrimination")
        right.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, _below(height)))
        left.set_ylabel("Item (grade cell)")
        left.invert_yaxis()
        png = _png(figure)
    parts = [f"{row.item} difficulty {row.difficulty:.2f}, discrimination "
             + ("not computable" if math.isnan(row.discrimination) else f"{row.discrimination:.2f}")
             for row in stats.itertuples()]
    return png, f"Bar charts of the {len(labels)} items of {assignment}: " + "; ".join(parts) + "."


def credit_chart(assignment: str, stats: pd.DataFrame) -> tuple[bytes, str]:
    """Stacked bars of the share of students with full, partial and no credit per item."""
    labels = stats["item"].tolist()
    with course_style():
        height = 1.5 + 0.4 * len(labels)
        figure = Figure(figsize=(8, height))
        ax = figure.subplots()
        start = pd.Series(0.0, index=stats.index)
        for column, label, colour, hatch in CREDIT:
            ax.barh(labels, stats[column], left=start, color=colour, hatch=hatch, edgecolor="black",
                    label=label)
            start = start + stats[column]
        ax.set(xlabel="Share of students", ylabel="Item (grade cell)", xlim=(0, 1),
               title=f"{assignment}: credit per item")
        ax.invert_yaxis()
        ax.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, _below(height)))
        png = _png(figure)
    parts = [f"{row.item} {row.full:.0%} full, {row.partial:.0%} partial, {row.zero:.0%} none"
             for row in stats.itertuples()]
    return png, f"Stacked bar chart of credit per item in {assignment}: " + "; ".join(parts) + "."


def _figure(src: str, alt: str) -> str:
    return f'<figure><img src="{html.escape(src)}" alt="{html.escape(alt)}"></figure>'


def _table(stats: pd.DataFrame) -> str:
    shown = stats[["question", "item", "points", "responses", "mean_score", "difficulty",
                   "discrimination", "upper_lower"]].rename(columns={
                       "mean_score": "mean score", "upper_lower": "upper–lower D"})
    return shown.to_html(index=False, escape=True, na_rep="n/a", float_format=lambda v: f"{v:.2f}")


def assignment_section(out: Path, assignment: str, scores: pd.DataFrame, stats: pd.DataFrame) -> str:
    """Write one assignment's charts and return its HTML section."""
    percents = scores["percent"].dropna()
    charts = [("scores", *scores_chart(assignment, percents))]
    if len(stats):
        charts += [("items", *items_chart(assignment, stats)), ("credit", *credit_chart(assignment, stats))]
    figures = []
    for name, png, alt in charts:
        write_bytes(out / f"{assignment}_{name}.png", png)
        figures.append(_figure(f"{assignment}_{name}.png", alt))
    hard = "".join(
        f"<li>{html.escape(r.item)} ({html.escape(r.question)}): difficulty {r.difficulty:.2f}</li>"
        for r in hardest(stats).itertuples())
    return (f"<section><h2>{html.escape(assignment)}</h2>"
            f"<p>{len(percents)} submissions; mean {percents.mean():.1f} %, "
            f"median {percents.median():.1f} %, standard deviation {percents.std():.1f} points.</p>"
            f"<h3>Hardest items</h3><ol>{hard}</ol>{figures[0]}<h3>Items</h3>{''.join(figures[1:])}"
            f"{_table(stats)}</section>")


def write_report(course: Path, out: Path) -> Path:
    """Write the cohort report into `out` (index.html and PNGs); return the page's path."""
    items, _ = read_gradebook(course)
    cohort, stats = totals(items), item_stats(items)
    if cohort.empty:
        raise GradingError("the gradebook has no submissions yet: grade an assignment first")
    sections = [assignment_section(out, a, cohort[cohort["assignment"] == a], stats[stats["assignment"] == a])
                for a in sorted(cohort["assignment"].unique())]
    page = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cohort report</title>"
            f"<style>{STYLE}</style></head><body><h1>Cohort report</h1>"
            f"<p>Generated {time.strftime('%Y-%m-%d %H:%M')} from {html.escape(str(course))}. "
            "Difficulty is the mean score over the points (low: hard). Discrimination is the correlation "
            "of an item with the total of the other items; below 0.2 an item separates weaker from "
            "stronger students poorly, and a negative value suggests checking the item or its tests. "
            "Upper–lower D compares the top and bottom 27 % of students by total.</p>"
            f"{''.join(sections)}</body></html>")
    return write_text(out / "index.html", page)

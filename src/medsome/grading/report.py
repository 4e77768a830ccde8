"""`medsome report`: the cohort report, PNG charts and one HTML page an instructor can open.

Per assignment: the distribution of total scores, each item's difficulty and discrimination, the
share of full, partial and zero credit per item, the items the cohort finds hardest, and the
objectives: how many students met each, and each student's objectives and pass decision. Each
student also gets a completion record for a training portfolio (`completion.py`, in records/). Charts
use the course's colour-blind-safe palette with hatching (meaning never rests on colour alone),
labelled axes, and alt text in the page. The page comes from templates/report.html.j2 with
autoescaping on; every file is written atomically.
"""

from __future__ import annotations

import io
import math
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from matplotlib.figure import Figure

from medsome.atomic import write_bytes, write_text
from medsome.blueprint import MASTERY_SHARE, load_blueprint
from medsome.grading.completion import write_records
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.critical import course_critical
from medsome.grading.itemstats import hardest, item_stats, totals
from medsome.grading.mastery import MET, objective_results, objective_table
from medsome.grading.scores import read_gradebook, student_totals
from medsome.plotting import PALETTE, course_style

LOW_DISCRIMINATION = 0.2
CREDIT = (("full", "full credit", PALETTE["bluish_green"], ""),
          ("partial", "partial credit", PALETTE["orange"], ".."),
          ("zero", "no credit", PALETTE["vermilion"], "//"))


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


@dataclass(frozen=True)
class Chart:
    """A PNG written next to the page, by file name, and its alt text."""

    src: str
    alt: str


@dataclass(frozen=True)
class Section:
    """What the page shows of one assignment."""

    assignment: str
    submissions: int
    mean: float
    median: float
    std: float
    hardest: list[tuple]
    scores_chart: Chart
    item_charts: list[Chart]
    table: Markup
    objectives: Markup
    students: Markup


def _table(stats: pd.DataFrame) -> Markup:
    """The per-item table, escaped by pandas."""
    shown = stats[["question", "item", "points", "responses", "mean_score", "difficulty",
                   "discrimination", "upper_lower"]].rename(columns={
                       "mean_score": "mean score", "upper_lower": "upper–lower D"})
    return Markup(shown.to_html(index=False, escape=True, na_rep="n/a", float_format=lambda v: f"{v:.2f}"))


def _objective_tables(results: pd.DataFrame) -> tuple[Markup, Markup]:
    """Per objective: students who met it; per student: each objective's status and the decision."""
    if results.empty:
        empty = Markup("<p>No objectives are recorded for this assignment in the blueprint.</p>")
        return empty, empty
    per_objective = results.groupby(["objective_id", "objective"], as_index=False).agg(
        met=("status", lambda s: int((s == MET).sum())), students=("status", "size"),
        critical_errors=("critical_error", "sum"))
    per_objective = per_objective.rename(columns={"objective_id": "id", "critical_errors": "critical errors"})
    per_student = objective_table(results).drop(columns="assignment")
    per_student = per_student.rename(columns={"student_id": "student"})
    html = {"index": False, "escape": True, "na_rep": "–"}
    return Markup(per_objective.to_html(**html)), Markup(per_student.to_html(**html))


def assignment_section(out: Path, assignment: str, scores: pd.DataFrame, stats: pd.DataFrame,
                       results: pd.DataFrame) -> Section:
    """Write one assignment's charts and return what its section of the page shows."""
    percents = scores["percent"].dropna()
    charts = [("scores", *scores_chart(assignment, percents))]
    if len(stats):
        charts += [("items", *items_chart(assignment, stats)), ("credit", *credit_chart(assignment, stats))]
    written = []
    for name, png, alt in charts:
        write_bytes(out / f"{assignment}_{name}.png", png)
        written.append(Chart(f"{assignment}_{name}.png", alt))
    return Section(assignment, len(percents), percents.mean(), percents.median(), percents.std(),
                   list(hardest(stats).itertuples()), written[0], written[1:], _table(stats),
                   *_objective_tables(results))


def render_page(course: Course, sections: list[Section]) -> str:
    """The report page from templates/report.html.j2, every value autoescaped."""
    environment = Environment(loader=PackageLoader("medsome.grading", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    return environment.get_template("report.html.j2").render(
        generated=time.strftime("%Y-%m-%d %H:%M"), course=str(course.root),
        low_discrimination=LOW_DISCRIMINATION, mastery_share=MASTERY_SHARE, sections=sections)


def write_report(course: Course, out: Path) -> Path:
    """Write the cohort report into `out` (index.html and PNGs); return the page's path."""
    items, submissions = read_gradebook(course)
    cohort, stats = totals(items), item_stats(items)
    if cohort.empty:
        raise GradingError("the gradebook has no submissions yet: grade an assignment first")
    results = objective_results(items, course_critical(course, course.assignment_ids()), load_blueprint())
    sections = [assignment_section(out, a, cohort[cohort["assignment"] == a], stats[stats["assignment"] == a],
                                   results[results["assignment"] == a])
                for a in sorted(cohort["assignment"].unique())]
    write_records(out, student_totals(items, submissions), results)
    return write_text(out / "index.html", render_page(course, sections))

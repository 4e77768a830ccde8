"""The assessment blueprint: what every graded cell assesses, of which kind, for how many points.

The blueprint is `docs/blueprint.csv`, one row per graded cell (assignment, question, grade_id,
kind, points, objective, the misconceptions the item targets), so that instructors can open it in
a spreadsheet. This module loads and checks it, numbers each assignment's objectives (`01.1`,
`01.2`, ... in order of first appearance) with the mastery rule they share, measures how an
assignment's points divide between kinds and what chance and blind habits earn
(`medsome.chance`), counts the solution code a learner must write, and renders the instructors'
tables.

A Form B (`NN_name_b`, `medsome.forms`) has no rows of its own in the file: `load_blueprint` gives
every Form B the course manifest lists (course/course.toml) a copy of its Form A's rows, so the two
forms cannot drift apart. Objective ids are shared, so a resubmission is graded against the same objectives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from medsome.chance import assignment_floor
from medsome.errors import MedsomeError
from medsome.forms import base_assignment, form_letter, is_form_b
from medsome.manifest import load_course
from medsome.paths import course_root

KINDS = {
    "judgement": "decide, rank, choose or rate a case",
    "finding": "a fact read from the data or a tool",
    "code": "writing a function or an analysis",
    "manual": "a written answer graded with a rubric",
}
# The misconceptions items target (notes on assessment; the course's modules).
MISCONCEPTIONS = {
    "said_yes": "The patient said yes, so I can post.",
    "no_name_anonymous": "No name, no face: the post is anonymous.",
    "count_is_verdict": "If at least five people match, the post is safe.",
    "metadata_invisible": "What you cannot see in a photo is not there.",
    "closed_group_private": "A closed group is private.",
    "eye_bar": "An eye bar anonymises.",
    "parents_decide": "Whoever signs for the patient settles it.",
    "followers_science": "More followers means better science.",
    "reach_is_audience": "The people an account reaches are the people it was meant for.",
    "duty_to_post": "A resident has a duty to post.",
    "before_after": "Before/after photos show the result.",
    "engagement_is_quality": "Popular posts are accurate posts.",
    "credentials_guarantee": "A post by a doctor or surgeon is reliable because of who made it.",
    "gore_welcome": "Everyone wants to see the surgery.",
    "filming_harmless": "Filming or streaming in the operating room costs nothing.",
    "online_different_rules": "Online, the usual professional rules relax.",
    "friend_patients": "Accepting a patient's friend request is simple kindness.",
    "reply_to_review": "A bad online review can be answered with the facts of the case.",
    "private_profile": "A private profile is invisible to programme directors and patients.",
    "disclaimer_enough": "A disclaimer such as 'not medical advice' makes a post acceptable.",
}
# An objective is met with at least this share of its points and no critical error (the course's rule).
MASTERY_SHARE = 0.6
COLUMNS = ["assignment", "question", "grade_id", "kind", "points", "objective", "misconceptions"]
_CODE = re.compile(r"### BEGIN SOLUTION(.*?)### END SOLUTION", re.DOTALL)


class BlueprintError(MedsomeError, ValueError):
    """The blueprint file is missing, malformed, or disagrees with itself."""


def blueprint_path() -> Path:
    return course_root() / "docs" / "blueprint.csv"


def _check(table: pd.DataFrame, path: Path) -> None:
    """Fail, naming the row, on an unknown kind or misconception, a bad point value or a repeat."""
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise BlueprintError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    for number, row in enumerate(table.itertuples(index=False), start=2):
        where = f"{path}, line {number} ({row.assignment} {row.grade_id})"
        if row.kind not in KINDS:
            raise BlueprintError(f"{where}: kind {row.kind!r} is not one of {', '.join(KINDS)}")
        if not (isinstance(row.points, float | int) and row.points > 0):
            raise BlueprintError(f"{where}: points must be a positive number, not {row.points!r}")
        unknown = [m for m in row.misconceptions if m not in MISCONCEPTIONS]
        if unknown:
            raise BlueprintError(f"{where}: unknown misconception(s) {', '.join(unknown)}; "
                                 f"known: {', '.join(MISCONCEPTIONS)}")
    repeated = table[table.duplicated(["assignment", "grade_id"])]
    if not repeated.empty:
        first = repeated.iloc[0]
        raise BlueprintError(f"{path}: {first['assignment']} {first['grade_id']} appears more than once")


def with_forms(table: pd.DataFrame, forms: list[str], path: Path) -> pd.DataFrame:
    """The blueprint with each Form B given its Form A's rows, and a `form` column ('A' or 'B')."""
    written = sorted({a for a in table["assignment"] if is_form_b(str(a))})
    if written:
        raise BlueprintError(f"{path}: rows for {', '.join(written)}; a Form B has no rows of its own, "
                             "it follows its Form A's rows: delete them")
    copies = []
    for form in forms:
        rows = table[table["assignment"] == base_assignment(form)]
        if rows.empty:
            raise BlueprintError(f"{form} is a Form B of {base_assignment(form)}, "
                                 f"which has no rows in {path}")
        copies.append(rows.assign(assignment=form))
    table = pd.concat([table, *copies], ignore_index=True)
    table["form"] = [form_letter(str(a)) for a in table["assignment"]]
    return table


def load_blueprint(path: Path | None = None, forms: list[str] | None = None) -> pd.DataFrame:
    """The blueprint, checked, with each Form B in `forms` (default: the manifest's) following its
    Form A's rows; `misconceptions` as a tuple of ids per row."""
    path = path or blueprint_path()
    if not path.is_file():
        raise BlueprintError(f"{path}: the assessment blueprint is missing")
    try:
        table = pd.read_csv(path, dtype={"question": str}, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise BlueprintError(f"{path}: not a readable CSV file ({error})") from error
    if "misconceptions" in table.columns:
        table["misconceptions"] = [tuple(m for m in str(v).split(";") if m) for v in table["misconceptions"]]
    if "points" in table.columns:
        table["points"] = pd.to_numeric(table["points"], errors="coerce")
    _check(table, path)
    return with_forms(table, load_course().form_b() if forms is None else forms, path)


def objectives(blueprint: pd.DataFrame) -> pd.DataFrame:
    """One row per assignment objective: its id (`01.2`), text, points, and the grade_ids it covers."""
    rows = []
    for assignment, items in blueprint.groupby("assignment", sort=True):
        for number, (objective, group) in enumerate(items.groupby("objective", sort=False), start=1):
            rows.append({"assignment": assignment, "objective_id": f"{str(assignment)[:2]}.{number}",
                         "objective": objective, "points": float(group["points"].sum()),
                         "grade_ids": tuple(group["grade_id"])})
    return pd.DataFrame(rows, columns=["assignment", "objective_id", "objective", "points", "grade_ids"])


def kind_points(blueprint: pd.DataFrame) -> pd.DataFrame:
    """Points by assignment and kind, with the share of autograded points on judgement and findings."""
    table = blueprint.pivot_table(index="assignment", columns="kind", values="points", aggfunc="sum",
                                  fill_value=0).reindex(columns=list(KINDS), fill_value=0)
    autograded = table[["judgement", "finding", "code"]].sum(axis=1)
    table["judgement_share"] = (table["judgement"] + table["finding"]) / autograded
    return table


def solution_code_lines(notebook: Path) -> int:
    """Lines of solution code a learner writes: inside solution markers, without comments or blanks."""
    nb = nbformat.read(notebook, as_version=4)
    lines = [line.strip() for cell in nb.cells if cell.cell_type == "code"
             for region in _CODE.findall(cell.source) for line in region.splitlines()]
    return sum(1 for line in lines if line and not line.startswith("#"))


def render_misconceptions() -> str:
    """The misconceptions items may target, as a Markdown table."""
    rows = [f"| `{key}` | {text} |" for key, text in MISCONCEPTIONS.items()]
    return "\n".join(["| id | the misconception |", "|---|---|", *rows])


def render_figures(found: list[Figures]) -> str:
    """The measured figures of every assignment, as a Markdown table."""
    head = ("| assignment | autograded points | on judgement and findings | lines of solution code "
            "| random answers earn | best blind habit per item earns |")
    rows = [f"| {f.assignment} | {f.autograded:g} | {f.judgement_share:.0%} | {f.code_lines} "
            f"| {f.random_share:.1%} | {f.habit_share:.1%} |" for f in found]
    return "\n".join([head, "|---|---|---|---|---|---|", *rows])


def _form_b_note(blueprint: pd.DataFrame) -> str:
    """A line naming the Form B assignments, which share their Form A's rows."""
    forms = sorted({a for a in blueprint["assignment"] if is_form_b(str(a))})
    if not forms:
        return ""
    named = ", ".join(f"`{f}` (of `{base_assignment(f)}`)" for f in forms)
    return (f"\n\nForm B, for a resubmission, has the same objectives, grade_ids, kinds, points and "
            f"misconceptions as its Form A, with new cases: {named}.")


def render_objectives(blueprint: pd.DataFrame) -> str:
    """Every assignment's objectives with their ids and points, as a Markdown table (Form A's,
    which a Form B shares)."""
    form_a = blueprint[[not is_form_b(str(a)) for a in blueprint["assignment"]]]
    rows = [f"| `{row.objective_id}` | {row.objective} | {row.points:g} | "
            f"{', '.join(f'`{g}`' for g in row.grade_ids)} |" for row in objectives(form_a).itertuples()]
    table = "\n".join(["| id | objective | points | items |", "|---|---|---|---|", *rows])
    return table + _form_b_note(blueprint)


def render_markdown(blueprint: pd.DataFrame) -> str:
    """The blueprint as Markdown tables, one per assignment, for the instructors' guide."""
    parts = []
    for assignment, rows in blueprint.groupby("assignment", sort=True):
        if is_form_b(str(assignment)):
            parts.append(f"### {assignment}\n\nForm B (resubmission) of "
                         f"`{base_assignment(str(assignment))}`: the same graded cells as its Form A, "
                         "with new cases.\n")
            continue
        parts.append(f"### {assignment}\n")
        parts.append("| Q | grade_id | kind | points | objective | misconceptions targeted |")
        parts.append("|---|---|---|---|---|---|")
        for row in rows.itertuples(index=False):
            targeted = "; ".join(MISCONCEPTIONS[m] for m in row.misconceptions) or "–"
            parts.append(f"| {row.question} | `{row.grade_id}` | {row.kind} | {row.points:g} | "
                         f"{row.objective} | {targeted} |")
        parts.append("")
    return "\n".join(parts)


@dataclass(frozen=True)
class Figures:
    """An assignment's measured figures: points by kind, solution code, and what guessing earns."""

    assignment: str
    autograded: float
    judgement_share: float
    code_lines: int
    random_share: float
    habit_share: float

    def line(self) -> str:
        return (f"{self.assignment}: {self.autograded:g} autograded points, "
                f"{self.judgement_share:.0%} on judgement and findings, "
                f"{self.code_lines} lines of solution code; random answers earn {self.random_share:.1%}, "
                f"the best blind habit per item {self.habit_share:.1%}")


def source_notebook(sources: Path, assignment: str) -> Path:
    """The source notebook the course manifest lists for `assignment`, in the folder `sources`."""
    listed = {a.folder: a.notebook for a in load_course().assignments}
    if assignment not in listed:
        raise BlueprintError(f"{assignment} has rows in the blueprint, but course/course.toml lists no such "
                             f"assignment (it lists {', '.join(listed)}): add it there or delete its rows")
    notebook = sources / assignment / listed[assignment]
    if not notebook.is_file():
        raise BlueprintError(f"no source notebook for {assignment}: {notebook} is missing")
    return notebook


def figures(blueprint: pd.DataFrame, sources: Path) -> list[Figures]:
    """The figures of every assignment in the blueprint, its code counted in `sources`."""
    points = kind_points(blueprint)
    result = []
    for assignment, row in points.iterrows():
        notebooks = [source_notebook(sources, str(assignment))]
        floors = [assignment_floor(nb) for nb in notebooks]
        points = sum(f.points for f in floors)
        result.append(Figures(str(assignment), float(row[["judgement", "finding", "code"]].sum()),
                              float(row["judgement_share"]),
                              sum(solution_code_lines(nb) for nb in notebooks),
                              sum(f.random_share * f.points for f in floors) / points,
                              sum(f.habit_share * f.points for f in floors) / points))
    return result


def generated_parts(blueprint: pd.DataFrame, sources: Path) -> dict[str, str]:
    """The parts of docs/assessment.md rendered from the blueprint, by marker name."""
    return {"figures": render_figures(figures(blueprint, sources)),
            "objectives": render_objectives(blueprint), "misconceptions": render_misconceptions(),
            "cells": render_markdown(blueprint)}


def refresh_guide(guide: Path, parts: dict[str, str]) -> str:
    """The guide's text with each `<!-- name:start -->...<!-- name:end -->` region rendered afresh."""
    text = guide.read_text(encoding="utf-8")
    for name, body in parts.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise BlueprintError(f"{guide}: no <!-- {name}:start --> ... <!-- {name}:end --> region")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), text)
    return text

"""The graded items of an assignment's notebooks and the question each belongs to."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat

_POINTS_SUFFIX = re.compile(r"\s*\*?\([^)]*points?[^)]*\)\*?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class GradeItem:
    """One grade cell: an autograded test or a manually graded answer."""

    grade_id: str
    notebook: str
    question: str
    points: float
    autograded: bool
    rubric: str


def heading(source: str) -> str | None:
    """The text of a markdown cell's first heading line, without '#' or a '(N points)' suffix."""
    for line in source.splitlines():
        if line.lstrip().startswith("#"):
            return _POINTS_SUFFIX.sub("", line.strip().lstrip("#").strip()) or None
    return None


def is_test_cell(cell: nbformat.NotebookNode) -> bool:
    """An autograded test: a graded code cell that is not the learner's answer."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"))


def notebook_items(nb: nbformat.NotebookNode, name: str) -> list[GradeItem]:
    """The grade cells of one notebook, each with its question heading and preceding markdown."""
    items, question, previous_markdown = [], name, ""
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            items.append(GradeItem(
                grade_id=meta["grade_id"], notebook=name, question=question,
                points=float(meta.get("points", 0)), autograded=cell.cell_type == "code",
                rubric=previous_markdown,
            ))
        if cell.cell_type == "markdown":
            question = heading(cell.source) or question
            previous_markdown = cell.source
    return items


def grade_items(notebooks: list[Path]) -> list[GradeItem]:
    """The grade cells of an assignment's notebooks, in notebook order."""
    return [item for path in notebooks
            for item in notebook_items(nbformat.read(path, as_version=4), path.stem)]


def duplicate_grade_ids(notebooks: list[Path]) -> list[str]:
    """grade_ids used by more than one cell (nbgrader then fails with a misleading message)."""
    counts = Counter(
        cell.metadata["nbgrader"]["grade_id"]
        for path in notebooks for cell in nbformat.read(path, as_version=4).cells
        if "grade_id" in cell.get("metadata", {}).get("nbgrader", {})
    )
    return sorted(grade_id for grade_id, count in counts.items() if count > 1)

"""Critical errors as the graded notebooks record them: the judgement kit's `Critical error` lines.

A test cell whose item found a critical error prints a line starting `medsome.judgement.CRITICAL_MARK`
in its explanation. The autograded notebook is the record: this reads it back per item, so that
export, the cohort report and the self-check can mark the item's objective as not met.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from medsome.grading.course_folder import Course


def cell_critical_lines(cell: nbformat.NotebookNode) -> list[str]:
    """The critical-error lines a graded test cell printed (none for any other cell)."""
    from medsome.judgement import CRITICAL_MARK  # not at the top: the judgement kit imports pandas

    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
        return []
    return [line.strip() for output in cell.get("outputs", []) if output.get("output_type") == "stream"
            for line in output.get("text", "").splitlines() if line.strip().startswith(f"{CRITICAL_MARK}: ")]


def critical_lines(nb: nbformat.NotebookNode) -> dict[str, list[str]]:
    """grade_id -> the critical-error lines its test cell printed, for the cells that printed any."""
    return {cell.metadata["nbgrader"]["grade_id"]: lines for cell in nb.cells
            if (lines := cell_critical_lines(cell))}


def course_critical(course: Course, assignments: list[str]) -> set[tuple[str, str, str]]:
    """(student, assignment, grade_id) for every critical error in the course's autograded notebooks."""
    flagged = set()
    for assignment in assignments:
        for student, _, folder in course.found("autograded", assignment=assignment):
            for notebook in sorted(folder.glob("*.ipynb")):
                flagged |= {(student, assignment, grade_id) for grade_id in notebook_critical(notebook)}
    return flagged


def notebook_critical(notebook: Path) -> dict[str, list[str]]:
    """critical_lines of an autograded notebook file (none if it cannot be read)."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError):
        return {}  # an unreadable notebook was never graded: its items score 0 already
    return critical_lines(nb)

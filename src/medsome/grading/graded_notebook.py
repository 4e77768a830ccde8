"""The notebook phase two grades: the student version holding the answers' values, never student code.

Used by nbgrader's sanitising step (two_phase.AnswersOnly, on the released notebook) and by the
self-check (selfgrade.py), which builds the released notebook itself: `cleared` replaces solutions
by their stubs exactly as nbgrader's ClearSolutions does, and keeps hidden tests, as nbgrader's
autograde puts them back from the gradebook.
"""

from __future__ import annotations

import copy
import re

from nbformat import NotebookNode

from medsome.grading.answers import NotPlain, Reading, cell_id, is_answer_cell, source_line

BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"  # nbgrader's default delimiters
BLANK = ...


def _is_written_answer(cell: NotebookNode) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "markdown" and bool(meta.get("solution"))


def answer_source(names: list[str], reading: Reading) -> str:
    """An answer cell of phase two: one `name = <literal>` line per answer, `...` where unread."""
    lines = []
    for name in names:
        try:
            lines.append(source_line(name, reading.values.get(name, BLANK)))
        except NotPlain as error:
            reading.unread[name] = str(error)
            lines.append(source_line(name, BLANK))
    return "\n".join(lines)


def phase_two(release: NotebookNode, submitted: NotebookNode, names: dict[str, list[str]],
              reading: Reading) -> NotebookNode:
    """The notebook nbgrader grades: the release version with the values and the written answers."""
    nb = copy.deepcopy(release)
    written = {cell_id(c): c.source for c in submitted.cells if _is_written_answer(c) and cell_id(c)}
    for cell in nb.cells:
        grade_id = cell_id(cell)
        if is_answer_cell(cell) and grade_id in names:
            cell.source = answer_source(names[grade_id], reading)
        elif _is_written_answer(cell) and grade_id in written:
            cell.source = written[grade_id]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.setdefault("medsome", {}).update(
        {"unread": reading.unread, "phase_one": reading.notes, "tried": reading.tried})
    return nb


def _replace_regions(source: str, stub: str) -> tuple[str, bool]:
    """The source with each solution region replaced by the stub, indented as its BEGIN line."""
    lines, inside, replaced = [], False, False
    for line in source.split("\n"):
        if BEGIN in line:
            if inside:
                raise ValueError("a solution region begins inside another")
            inside = replaced = True
            indent = re.match(r"\s*", line).group(0)
            lines += [indent + stub_line for stub_line in stub.split("\n")]
        elif END in line:
            inside = False
        elif not inside:
            lines.append(line)
    if inside:
        raise ValueError("a solution region has no END SOLUTION line")
    return "\n".join(lines), replaced


def cleared(source: NotebookNode, code_stub: str, text_stub: str) -> NotebookNode:
    """The source notebook with its solutions replaced by the stubs (nbgrader's ClearSolutions)."""
    nb = copy.deepcopy(source)
    for cell in nb.cells:
        stub = code_stub if cell.cell_type == "code" else text_stub
        cell.source, replaced = _replace_regions(cell.source, stub)
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution") and not replaced:
            cell.source = stub
    nb.metadata.pop("celltoolbar", None)
    return nb

"""The keyed judgement items of an assignment, read from the hidden tests of its nbgrader source.

Each autograded test cell builds an item of `medsome.judgement` and ends in `item.grade(answer)`.
`keyed_items` runs the source notebook's code cells in order (the solutions define the answers the
tests read), with each test's final `.grade(answer)` replaced by keeping the item, so that every
figure about the keys (chance floors, key balance, documentation examples) is computed from the
notebooks themselves, never from a copy of the keys. Source notebooks are the instructor's own
files: this runs their code in-process, and must never be pointed at a submission.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from medsome.errors import MedsomeError
from medsome.judgement import Item

_KEPT = "__keyed_item__"
_ANSWER = re.compile(r"^(\w+) = \($", re.MULTILINE)
_OPTION = re.compile(r"^- \*\*([A-Z])\.\*\* (.+)$", re.MULTILINE)


class KeyedItemError(MedsomeError, ValueError):
    """A test cell does not build and grade one item of the kit."""


@dataclass(frozen=True)
class KeyedItem:
    """One autograded item: where it is, the value it grades, and the item with its key.

    `derived` is True when the test grades a value it computed from the learner's answer (which
    groups of a table are right, say) rather than the answer variable itself. `options` holds the
    lettered options (`- **A.** text`) of the last question text before the test, if any; `stem`
    the question's text as a student reads it (its Markdown cells since the question's `## ` heading).
    """

    assignment: str
    grade_id: str
    answer: str
    derived: bool
    item: Item
    options: dict[str, str]
    stem: str = ""


def _graded(node: ast.stmt) -> tuple[ast.expr, str] | None:
    """(the item expression, what it grades as code) when the statement is `item.grade(value)`."""
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return None
    call = node.value
    if isinstance(call.func, ast.Attribute) and call.func.attr == "grade" and len(call.args) == 1:
        return call.func.value, ast.unparse(call.args[0])
    return None


def _keeping_the_item(source: str, where: str) -> tuple[ast.Module, str]:
    """The test cell's code with its final `item.grade(name)` replaced by keeping the item."""
    body, answer = [], None
    for node in ast.parse(source).body:
        graded = _graded(node)
        if graded is not None:
            item_expr, answer = graded
            node = ast.Assign(targets=[ast.Name(_KEPT, ast.Store())], value=item_expr)
        body.append(node)
    if answer is None:
        raise KeyedItemError(f"{where}: the test cell does not end in `item.grade(answer)`")
    return ast.fix_missing_locations(ast.Module(body=body, type_ignores=[])), answer


def answer_names(nb: nbformat.NotebookNode) -> set[str]:
    """The answer variables the solution cells assign (`name = (` opening a scaffolded answer)."""
    return {name for cell in nb.cells if cell.cell_type == "code"
            and cell.metadata.get("nbgrader", {}).get("solution")
            for name in _ANSWER.findall(cell.source)}


def keyed_items(notebook: Path) -> list[KeyedItem]:
    """Every autograded item of a source notebook, in notebook order (read once per version)."""
    if not notebook.is_file():
        raise KeyedItemError(f"{notebook}: no such source notebook")
    return list(_keyed_items(notebook.resolve(), notebook.stat().st_mtime_ns))


@functools.lru_cache(maxsize=32)
def _keyed_items(notebook: Path, version: int) -> tuple[KeyedItem, ...]:
    """keyed_items for one version (modification time) of a notebook."""
    nb = nbformat.read(notebook, as_version=4)
    answers, namespace, found = answer_names(nb), {"__name__": "__keyed_items__"}, []
    options: dict[str, str] = {}
    section: list[str] = []
    with contextlib.chdir(notebook.parent), contextlib.redirect_stdout(io.StringIO()):
        for cell in nb.cells:
            if cell.cell_type != "code":
                options = dict(_OPTION.findall(cell.source)) or options
                section = [cell.source] if cell.source.startswith("## ") else [*section, cell.source]
                continue
            meta = cell.metadata.get("nbgrader", {})
            where = f"{notebook.name}:{meta.get('grade_id', 'cell')}"
            if not (meta.get("grade") and not meta.get("solution")):
                exec(compile(cell.source, where, "exec"), namespace)
                continue
            module, answer = _keeping_the_item(cell.source, where)
            exec(compile(module, where, "exec"), namespace)
            item = namespace.pop(_KEPT, None)
            if not isinstance(item, Item):
                raise KeyedItemError(f"{where}: `.grade` is not called on an item of medsome.judgement")
            derived = answer not in answers
            found.append(KeyedItem(notebook.parent.name, meta["grade_id"], answer, derived, item, options,
                                   "\n\n".join(section)))
    return tuple(found)

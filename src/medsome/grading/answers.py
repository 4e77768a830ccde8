"""Answers as plain data: their names, how a kernel writes them out, how the grader reads them.

The names are the assignment targets of the source notebook's solution code cells (those holding
`### BEGIN SOLUTION`). A kernel writes each answer as a Python literal (`dump`, run in the kernel
after the notebook); the grader parses that text itself (`parse`: a syntax tree of literals only,
never evaluated) and accepts exactly the built-in types the item kit takes: str, int, float, bool,
None and Ellipsis (not answered), in dicts, lists, tuples, sets and frozensets. Anything else is
an answer the grader could not read, scored as not answered. `source_line` writes a value back as
the one line `name = <literal>` that phase two runs.
"""

from __future__ import annotations

import ast
import inspect
import math
from dataclasses import dataclass, field

import nbformat

from medsome.grading.course_folder import GradingError

SOLUTION_MARK = "### BEGIN SOLUTION"
MAX_CHARS = 200_000  # of one answer's literal; more is not an answer a resident typed
MAX_DEPTH = 20
SCALARS = (str, int, float, bool, type(None), type(Ellipsis))
CONTAINERS = (list, tuple, set, frozenset, dict)


class NotPlain(ValueError):
    """An answer that is not a plain value the item kit accepts; the message says why."""


@dataclass
class Reading:
    """What phase one read of one notebook: values by name, and why others could not be read."""

    values: dict[str, object] = field(default_factory=dict)
    unread: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tried: list[str] = field(default_factory=list)


def cell_id(cell: nbformat.NotebookNode) -> str | None:
    """A cell's nbgrader grade_id, if it has one."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def is_answer_cell(cell: nbformat.NotebookNode) -> bool:
    """A learner's code answer: a solution cell that is not itself graded."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("solution")) and not meta.get("grade")


def _targets(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Tuple | ast.List):
        return [name for element in node.elts for name in _targets(element)]
    return []


def cell_names(source: str) -> list[str]:
    """The names a solution cell assigns at its top level, in order."""
    names: list[str] = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
        names += [n for t in targets for n in _targets(t) if n not in names]
    return names


def tested_names(source: nbformat.NotebookNode) -> set[str]:
    """Every name the notebook's test cells read, hidden tests included."""
    read: set[str] = set()
    for cell in source.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            read |= {n.id for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Name)}
    return read


def answer_names(source: nbformat.NotebookNode) -> dict[str, list[str]]:
    """The answers of each solution code cell of a source notebook that a test reads, by grade_id.

    A solution cell no test reads (a widget to explore, say) is not graded and gets no entry.
    """
    found: dict[str, list[str]] = {}
    tested = tested_names(source)
    for cell in source.cells:
        if is_answer_cell(cell) and SOLUTION_MARK in cell.source:
            names = cell_names(cell.source)
            if not names:
                raise GradingError(f"solution cell {cell_id(cell)} assigns no answer: every autograded "
                                   "answer must be a value assigned to a name (`name = ...`)")
            if graded := [n for n in names if n in tested]:
                found[cell_id(cell) or ""] = graded
    return found


def dump(names: list[str], namespace: dict, limit: int) -> str:
    """(Runs in the kernel.) JSON {name: literal text, or {"why": reason}} of each answer."""
    import json

    def plain(value, depth):
        kind = type(value)
        if depth > 20:
            raise ValueError("nested too deeply")
        if kind in (str, int, float, bool, type(None), type(Ellipsis)):
            return value
        if kind.__module__ == "numpy" and hasattr(value, "item") and getattr(value, "shape", None) == ():
            item = value.item()
            if type(item) in (int, float, bool):
                return item
        if kind in (list, tuple, set, frozenset):
            return kind(plain(v, depth + 1) for v in value)
        if kind is dict:
            return {plain(k, depth + 1): plain(v, depth + 1) for k, v in value.items()}
        raise ValueError(f"a {kind.__module__}.{kind.__qualname__}, not a plain value")

    found = {}
    for name in names:
        if name not in namespace:
            found[name] = {"why": "not defined"}
            continue
        try:
            text = repr(plain(namespace[name], 0))
        except (ValueError, TypeError, RecursionError) as error:
            found[name] = {"why": str(error)[:200]}
            continue
        found[name] = text if len(text) <= limit else {"why": f"longer than {limit} characters"}
    return json.dumps(found)


def dump_source(names: list[str]) -> str:
    """The code a kernel runs, after the notebook, to print `dump` of `names` on one line."""
    return (f"{inspect.getsource(dump)}\nprint({MARKER!r} + dump({names!r}, globals(), {MAX_CHARS}))\n"
            "del dump\n")


MARKER = "medsome-answers:"


def _value(node: ast.AST, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise NotPlain("nested too deeply")
    if isinstance(node, ast.Constant) and type(node.value) in SCALARS:
        if isinstance(node.value, float) and not math.isfinite(node.value):
            raise NotPlain("not a finite number")
        return node.value
    if isinstance(node, ast.Name) and node.id == "Ellipsis":  # how repr writes ...
        return ...
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _value(node.operand, depth + 1)
        if type(inner) not in (int, float):
            raise NotPlain("a sign before something that is not a number")
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        items = [_value(e, depth + 1) for e in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise NotPlain("a dictionary unpacking (**), not a literal")
        pairs = zip(node.keys, node.values, strict=True)
        return {_value(k, depth + 1): _value(v, depth + 1) for k, v in pairs}
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("set", "frozenset") and not node.keywords and len(node.args) <= 1):
        items = _value(node.args[0], depth + 1) if node.args else ()
        if type(items) not in (list, tuple, set, frozenset):
            raise NotPlain(f"{node.func.id}() of something that is not a collection")
        return (set if node.func.id == "set" else frozenset)(items)
    raise NotPlain(f"not a literal ({type(node).__name__})")


def parse(text: str) -> object:
    """The plain value a literal's text stands for; NotPlain for anything else (nothing runs)."""
    if not isinstance(text, str) or len(text) > MAX_CHARS:
        raise NotPlain(f"not a literal of at most {MAX_CHARS} characters")
    try:
        tree = ast.parse(text, mode="eval")
        return _value(tree.body, 0)
    except (SyntaxError, ValueError, RecursionError, MemoryError, TypeError) as error:
        raise NotPlain(str(error) or type(error).__name__) from None


def check_plain(value: object, depth: int = 0) -> None:
    """Raise NotPlain unless `value` is built only of the accepted exact types."""
    kind = type(value)
    if depth > MAX_DEPTH:
        raise NotPlain("nested too deeply")
    if kind in SCALARS:
        if kind is float and not math.isfinite(value):  # type: ignore[arg-type]
            raise NotPlain("not a finite number")
        return
    if kind in (list, tuple, set, frozenset):
        for item in value:  # type: ignore[attr-defined]
            check_plain(item, depth + 1)
        return
    if kind is dict:
        for key, item in value.items():  # type: ignore[attr-defined]
            check_plain(key, depth + 1)
            check_plain(item, depth + 1)
        return
    raise NotPlain(f"a {kind.__qualname__}, not a plain value")


def source_line(name: str, value: object) -> str:
    """`name = <literal>`, checked to parse back to the same value."""
    check_plain(value)
    text = "..." if value is ... else repr(value)
    if parse(text) != value:
        raise NotPlain(f"{name} does not survive being written as a literal")
    return f"{name} = {text}"


def read_dump(printed: str, names: list[str]) -> Reading:
    """The Reading of what the readout printed: each value parsed and validated outside the kernel."""
    import json

    reading = Reading()
    line = next((ln for ln in reversed(printed.splitlines()) if ln.startswith(MARKER)), None)
    try:
        found = json.loads(line[len(MARKER):]) if line else None
    except ValueError:
        found = None
    if not isinstance(found, dict):
        reading.unread = dict.fromkeys(names, "the answers could not be read out")
        return reading
    for name in names:
        text = found.get(name)
        try:
            if not isinstance(text, str):
                why = text.get("why") if isinstance(text, dict) else None
                raise NotPlain(str(why)[:200] if why else "not read out")
            reading.values[name] = parse(text)
            check_plain(reading.values[name])
        except NotPlain as error:
            reading.values.pop(name, None)
            reading.unread[name] = str(error)
    return reading

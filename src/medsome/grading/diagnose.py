"""Plain-words reasons for what went wrong with a submission, before, during and after grading."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from medsome.grading.hidden import strip_hidden
from medsome.grading.kernel_manager import TRUNCATED
from medsome.grading.questions import is_test_cell

NBGRADER_TRUNCATED = "... Output truncated ..."
_EXCEPTION = re.compile(r"^\s*([\w.]*(?:Error|Exception|Exit)\b:? ?.*)$", re.MULTILINE)


def _tests(nb: nbformat.NotebookNode) -> dict[str, tuple[str, object]]:
    """Visible source and points of each test cell, by grade_id."""
    return {c.metadata["nbgrader"]["grade_id"]: (strip_hidden(c.source).strip(),
                                                 c.metadata["nbgrader"].get("points"))
            for c in nb.cells if is_test_cell(c) and "grade_id" in c.metadata["nbgrader"]}


def read_notebook(path: Path) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The notebook at `path`, or None and why it cannot be read."""
    try:
        return nbformat.read(path, as_version=4), None
    except Exception as error:  # any damage: bad JSON, not a notebook, unreadable
        kind = "is not valid JSON" if "JSON" in type(error).__name__ + str(error)[:40] else (
            f"is not a valid notebook ({type(error).__name__})"
        )
        return None, f"{path.name} {kind}: the file is damaged or not a notebook"


def tampering(submitted: nbformat.NotebookNode, released: nbformat.NotebookNode) -> str | None:
    """A note if test cells were edited or deleted (nbgrader runs the originals anyway)."""
    original, found = _tests(released), _tests(submitted)
    deleted = sorted(set(original) - set(found))
    edited = sorted(g for g in set(original) & set(found) if original[g] != found[g])
    if not deleted and not edited:
        return None
    parts = [f"{len(edited)} edited ({', '.join(edited)})"] if edited else []
    parts += [f"{len(deleted)} deleted ({', '.join(deleted)})"] if deleted else []
    return f"test cells {' and '.join(parts)}: the original tests were run"


def not_regular(submission: Path) -> str | None:
    """Why a submitted folder cannot be graded as it is (it holds a link or a special file), or None."""
    found = sorted(p.relative_to(submission).as_posix() for p in submission.rglob("*")
                   if p.is_symlink() or not (p.is_file() or p.is_dir()))
    if not found:
        return None
    return (f"{', '.join(found)}: a link or special file, not a submitted file; not graded: collect "
            "the submission again (`medsome collect` copies regular files only)")


def precheck(submission: Path, release: Path) -> tuple[list[str], list[str]]:
    """(problems that stop nbgrader, notes) for one student's submitted folder."""
    expected = {p.name for p in release.glob("*.ipynb")}
    found = {p.name for p in submission.glob("*.ipynb")}
    problems, notes = [], []
    missing, extra = sorted(expected - found), sorted(found - expected)
    if not found:
        problems.append(f"no notebook submitted (expected {', '.join(sorted(expected))})")
    elif not expected & found:
        problems.append(f"no notebook named {', '.join(missing)} (found {', '.join(extra)}: renamed? "
                        "rename it in the submitted folder and grade again)")
    else:
        notes += [f"{name} is missing: it scores 0" for name in missing]
        notes += [f"{name} is not part of the assignment and was not graded" for name in extra]
    for name in sorted(expected & found):
        nb, error = read_notebook(submission / name)
        if error:
            problems.append(error)
        elif note := tampering(nb, nbformat.read(release / name, as_version=4)):
            notes.append(f"{name}: {note}")
    return problems, notes


def _label(cell: nbformat.NotebookNode, index: int) -> str:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return f"cell {grade_id}" if grade_id else f"cell {index + 1}"


def cell_notes(cell: nbformat.NotebookNode, index: int, timeout: int | None, memory_mb: int) -> list[str]:
    """Notes on one executed cell: timed out, out of memory, output cut."""
    label, notes = _label(cell, index), []
    errors = {o.get("ename") for o in cell.get("outputs", []) if o.get("output_type") == "error"}
    if "CellTimeoutError" in errors:
        limit = f"the {timeout} s" if timeout else "the"
        notes.append(f"{label} ran past {limit} timeout and was stopped (an endless loop?)")
    if "MemoryError" in errors:
        cap = f" (cap {memory_mb} MiB)" if memory_mb else ""
        notes.append(f"{label} ran out of memory{cap}")
    texts = [o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
    if any(NBGRADER_TRUNCATED in t or TRUNCATED in t for t in texts):
        notes.append(f"{label} printed too much output; it was cut")
    return notes


def phase_one_notes(recorded: dict) -> list[str]:
    """Notes on reading a notebook's answers (two_phase.py records them in its metadata)."""
    notes = list(recorded.get("phase_one", []))
    notes += [f"could not read {name} ({why}): scored as not answered"
              for name, why in sorted(recorded.get("unread", {}).items())]
    if tried := recorded.get("tried"):
        notes.append("TRIED to intercept execution (installed " + ", ".join(tried)
                     + "): no effect, its answers were graded as values")
    return notes


def notebook_notes(name: str, nb: nbformat.NotebookNode, timeout: int | None, memory_mb: int) -> list[str]:
    """Notes on reading one graded notebook's answers and on each of its executed cells."""
    notes = [f"{name}: {note}" for note in phase_one_notes(nb.metadata.get("medsome", {}))]
    for index, cell in enumerate(nb.cells):
        notes += [f"{name}: {note}" for note in cell_notes(cell, index, timeout, memory_mb)]
    return notes


def graded_notes(autograded: Path, timeout: int | None, memory_mb: int) -> list[str]:
    """Notes on every executed cell of a student's autograded notebooks."""
    return [note for path in sorted(autograded.glob("*.ipynb"))
            for note in notebook_notes(path.name, nbformat.read(path, as_version=4), timeout, memory_mb)]


def explain_failure(result: dict) -> str:
    """Why nbgrader could not grade a submission, from its log and traceback."""
    text = f"{result.get('log', '')}\n{result.get('error', '')}"
    known = [
        ("database is locked", "the gradebook was busy (database is locked); grade again"),
        ("Kernel died before replying", "the kernel did not start (is --memory-limit too low?)"),
        ("DeadKernelError", "the kernel died while running the notebook (a crash, an exit() call, "
                            "or memory exhausted)"),
        ("CellTimeoutError", "a cell kept running after the timeout and ignored the interrupt "
                             "(an endless loop that catches KeyboardInterrupt?)"),
        ("JSON", "a notebook is not valid JSON"),
        ("No notebooks", "no notebook to grade"),
    ]
    for marker, reason in known:
        if marker in text:
            return reason
    errors = [m.group(1) for m in _EXCEPTION.finditer(text) if "NbGraderException" not in m.group(1)]
    return f"nbgrader failed: {errors[-1] if errors else 'see its log'}"

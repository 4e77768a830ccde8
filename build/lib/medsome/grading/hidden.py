"""Hidden tests: keep their code and their failures' details from learners.

A test cell's source may end with a region between `### BEGIN HIDDEN TESTS` and `### END HIDDEN
TESTS`. When such a cell fails, the line the error was raised at (from IPython's "Cell In[n],
line L" traceback frame) tells whether a visible check or a hidden test failed. Only a visible
check's own message is shown; anything else is reported with a generic line.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode

BEGIN, END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
HIDDEN_FAILED = "a hidden test of this question failed"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def has_hidden(source: str) -> bool:
    """Whether the source holds a hidden-test region."""
    return BEGIN in source


def strip_hidden(source: str) -> str:
    """The source without its hidden-test regions (delimiters included)."""
    kept, hiding = [], False
    for line in source.split("\n"):
        if BEGIN in line:
            hiding = True
        elif END in line:
            hiding = False
        elif not hiding:
            kept.append(line)
    return "\n".join(kept).rstrip()


def hidden_from_line(source: str) -> int | None:
    """1-based line number where the first hidden region begins."""
    for number, line in enumerate(source.split("\n"), start=1):
        if BEGIN in line:
            return number
    return None


def error_line(output: NotebookNode, execution_count: int | None) -> int | None:
    """The line of the executed cell an error output was raised at, if the traceback says."""
    text = _ANSI.sub("", "\n".join(output.get("traceback", [])))
    cell = rf"\[{execution_count}\]" if execution_count else r"\[\d+\]"
    match = re.search(rf"Cell In{cell}, line (\d+)", text)
    return int(match.group(1)) if match else None


def raised_in_hidden(cell: NotebookNode, output: NotebookNode) -> bool:
    """Whether an error output of a test cell may come from its hidden region (True if unsure)."""
    start = hidden_from_line(cell.source)
    if start is None:
        return False
    line = error_line(output, cell.get("execution_count"))
    return line is None or line >= start


def visible_message(output: NotebookNode) -> str:
    """An error output as one line, 'Name: message', without traceback or code."""
    name, value = output.get("ename", "Error"), str(output.get("evalue", "")).strip()
    return f"{name}: {value}" if value else name

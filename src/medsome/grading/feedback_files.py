"""`medsome feedback`: write every student's feedback HTML with nbgrader's generate_feedback.

nbgrader's feedback shows hidden tests' code and tracebacks (by design). Unless the instructor
asks otherwise, HideHiddenTests removes them first: a failing visible check keeps its one-line
message, a failing hidden test shows only a generic line, and of what such a test cell printed
only the course's own lines stay: "Passed: ...", "Well-formed: ..." and a judgement item's
explanation of the expert key (a notebook's code could print the hidden tests).
Every cell's printed output is capped (CapOutput), whatever the learner's code printed.
Feedback is inert (InertFeedback): what a learner wrote in a markdown answer is shown as text, never
as HTML (no <script>, no on* attributes, no javascript: links), and only plain-text and image
outputs are kept, so nothing a submission put in the notebook can run in the reader's browser.

Keys stay secret while residents may still resubmit: by default a judgement item shows only its
score (and that a critical error was made, if one was); `medsome feedback --with-keys`, run once
the resubmission window has closed, explains the key item by item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor
from traitlets import Bool

from medsome.grading.course_folder import Course, GradingError
from medsome.grading.hidden import HIDDEN_FAILED, has_hidden, raised_in_hidden, strip_hidden, visible_message
from medsome.grading.progress import Progress
from medsome.grading.tamper import mismatches
from medsome.judgement import CRITICAL_MARK, KEY_HEADING

PASSED = "Passed: "  # how medsome.feedback.passed starts its line
WELL_FORMED = "Well-formed: "  # how the judgement kit's visible checks start theirs
FEEDBACK_CHARS = 10_000
FEEDBACK_OUTPUTS = 20
CUT = "\n... (output cut in the feedback)"
KEY_WITHHELD = ("  The expert key is explained in the feedback released after the resubmission window "
                "closes.\n")
CRITICAL_WITHHELD = "  A critical error: an option you chose is one the key forbids, so this item scores 0.\n"


def hide_hidden_tests(cell: NotebookNode, keys: bool = True) -> NotebookNode:
    """A test cell without its hidden code, its errors reduced to what a learner may see (and the
    expert key explained only when `keys`)."""
    if cell.cell_type != "code" or not has_hidden(cell.source):
        return cell
    outputs = []
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            message = HIDDEN_FAILED if raised_in_hidden(cell, output) else visible_message(output)
            outputs.append(new_output("error", ename="Check failed", evalue=message, traceback=[message]))
        elif output.output_type == "stream":
            text = course_lines(output.text, keys)
            outputs += [new_output("stream", name=output.name, text=text)] if text else []
    cell.outputs = outputs
    cell.source = strip_hidden(cell.source)
    return cell


def course_lines(text: str, keys: bool = True) -> str:
    """What a test cell printed that the course wrote: check lines, and the expert key explained
    (from the line naming the item and its score, just before KEY_HEADING, to the end); without
    `keys`, only the score line, and whether a critical error was made."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == f"{KEY_HEADING}:"), None)
    explained = lines[max(start - 1, 0):] if start is not None else []
    checks = [line for line in lines[:len(lines) - len(explained)] if line.startswith((PASSED, WELL_FORMED))]
    if explained and not keys:
        critical = any(line.strip().startswith(f"{CRITICAL_MARK}: ") for line in explained)
        explained = [explained[0], *([CRITICAL_WITHHELD] if critical else []), KEY_WITHHELD]
    return "".join(checks + explained)


def cap_output(cell: NotebookNode) -> NotebookNode:
    """A cell with at most FEEDBACK_OUTPUTS outputs, each printed text cut to FEEDBACK_CHARS."""
    if cell.cell_type != "code":
        return cell
    cell.outputs = cell.get("outputs", [])[:FEEDBACK_OUTPUTS]
    for output in cell.outputs:
        if output.output_type == "stream" and len(output.text) > FEEDBACK_CHARS:
            output.text = output.text[:FEEDBACK_CHARS] + CUT
    return cell


ACTIVE_URL = re.compile(r"(?i)\b(java|vb)script\s*:|\bdata\s*:\s*text/html")
INERT_OUTPUTS = ("text/plain", "image/png", "image/jpeg")


def inert_text(text: str) -> str:
    """Markdown that renders as the text it holds: no HTML tag, no script URL."""
    return ACTIVE_URL.sub("blocked:", text.replace("&", "&amp;").replace("<", "&lt;"))


def inert_cell(cell: NotebookNode) -> NotebookNode:
    """A cell that can carry nothing active into HTML: markdown escaped, rich outputs dropped."""
    if cell.cell_type in ("markdown", "raw"):
        cell.source = inert_text(cell.source)
        cell.pop("attachments", None)
        if cell.cell_type == "raw":
            cell.cell_type = "markdown"
    elif cell.cell_type == "code":
        for output in cell.get("outputs", []):
            if "data" in output:
                output.data = {k: v for k, v in output.data.items() if k in INERT_OUTPUTS}
    return cell


class HideHiddenTests(NbGraderPreprocessor):
    """hide_hidden_tests on every cell, for nbgrader's GenerateFeedback."""

    keys = Bool(True, help="explain the expert key of judgement items").tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        return hide_hidden_tests(cell, self.keys), resources


class CapOutput(NbGraderPreprocessor):
    """cap_output on every cell, for nbgrader's GenerateFeedback."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        return cap_output(cell), resources


class InertFeedback(NbGraderPreprocessor):
    """inert_cell on every cell a learner could have written into, for nbgrader's GenerateFeedback."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        locked = meta.get("locked") and not meta.get("solution")
        return (cell if locked and cell.cell_type == "markdown" else inert_cell(cell)), resources


@dataclass
class FeedbackRun:
    """Feedback written for one assignment."""

    assignment: str
    folder: Path
    written: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"{self.assignment}: feedback for {len(self.written)} student(s) in {self.folder}"]
        lines += [f"  {student}: NO FEEDBACK: {why}" for student, why in sorted(self.failed.items())]
        return "\n".join(lines)


def write_feedback(course: Course, assignment: str, show_hidden: bool = False,
                   keys: bool = False) -> FeedbackRun:
    """Generate feedback for every autograded student of `assignment` (keys explained when `keys`)."""
    students = course.students("autograded", assignment)
    if not students:
        raise GradingError(f"nothing autograded for {assignment} yet: run `medsome grade {assignment}` first")
    hide = [] if show_hidden else [HideHiddenTests]
    steps = [GetGrades, *hide, CapOutput, InertFeedback, CSSHTMLHeaderPreprocessor]
    api = course.api(GenerateFeedback={"preprocessors": steps}, HideHiddenTests={"keys": keys})
    run = FeedbackRun(assignment, course.folder("feedback", assignment, "*"))
    for student, problems in mismatches(course, assignment).items():
        run.failed[student] = f"the grades differ from the grading record: {'; '.join(problems)}"
    students = [s for s in students if s not in run.failed]
    progress = Progress(len(students), f"feedback {assignment}")
    for student in students:
        result = api.generate_feedback(assignment, student, force=True)
        if result.get("success"):
            run.written.append(student)
        else:
            lines = (result.get("error") or result.get("log") or "no log").strip().splitlines()
            run.failed[student] = lines[-1] if lines else "no log"
        progress.advance()
    progress.close()
    return run

"""`medsome check MODULE`: a self-study learner grades their own workspace copy of an assignment.

The learner's notebook is graded in process (selfgrade.py) with the instructor's tests from the
course's source/, hidden ones included, under the same limits and in the same sandbox as instructor
grading, with the same scores; the workspace is only read. The report says per question what passed
and what failed in plain words: a failing visible check's own message, the type and line of an
error the learner's own answer cell raised (never its message, which their code controls), or only
"a hidden test of this question failed". Like instructor grading it has two phases (two_phase.py):
the learner's notebook runs only to read its answers as values, and the tests run on those values.
It never prints test code or solutions. Manually graded questions show their rubric for
self-assessment.

Keys stay secret until the learner is done: a check reports each item's score and which of the
assignment's objectives are met, without the key; `--final` records the attempt in the workspace
(attempts.py) and explains the key item by item, as does any later check of the same assignment.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from medsome.grading.attempts import FinalAttempt, read_final, record_final, today
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.critical import cell_critical_lines, critical_lines
from medsome.grading.hidden import HIDDEN_FAILED, error_line, raised_in_hidden, visible_message
from medsome.grading.outcome import GradeOptions, StudentResult
from medsome.grading.questions import GradeItem, grade_items, heading
from medsome.grading.selfgrade import Grade, self_grade

if TYPE_CHECKING:
    import pandas as pd

LEARNER = "self_study"
KEY_LATER = ("The expert key is explained once you confirm this is your final attempt: "
             "`medsome check {module} --final` (your score is then recorded).")
CRITICAL_FOUND = ("a critical error: you chose an option the key forbids "
                  "(a breach of consent or confidentiality)")
STUB = "YOUR ANSWER HERE"


def _errors(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def failure_reason(cell: nbformat.NotebookNode, timeout: int | None) -> str:
    """Why a test cell lost points, in words a learner may see."""
    errors = _errors(cell)
    if any(e.get("ename") == "CellTimeoutError" for e in errors):
        return f"it did not finish within {timeout or 'the'} s (an endless loop?)"
    if errors:
        return HIDDEN_FAILED if raised_in_hidden(cell, errors[0]) else visible_message(errors[0])
    if any(o.get("name") == "stderr" for o in cell.get("outputs", [])):
        return "it printed a warning or an error message, which counts as a failed test"
    return "the test gave no points"


def raised_where(cell: nbformat.NotebookNode, output: nbformat.NotebookNode) -> str:
    """An answer cell's error as its type and line only: its message could carry anything."""
    line = error_line(output, cell.get("execution_count"))
    return f"{output.get('ename', 'an error')}" + (f" at line {line}" if line else "")


def answer_errors(nb: nbformat.NotebookNode, name: str) -> dict[str, list[str]]:
    """Errors raised by the learner's own answer cells, type and line only, by question."""
    found: dict[str, list[str]] = {}
    question = name
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "markdown":
            question = heading(cell.source) or question
        elif meta.get("solution") and not meta.get("grade"):
            found.setdefault(question, []).extend(
                f"your answer cell raised {raised_where(cell, e)}" for e in _errors(cell)[:1])
    return found


def rubric_lines(item: GradeItem) -> list[str]:
    """The rubric part of the markdown before a manually graded answer (the whole cell if unmarked)."""
    lines = item.rubric.strip().splitlines()
    start = next((i for i, line in enumerate(lines) if "rubric" in line.lower()), 0)
    return [f"      {line}" for line in lines[start:]]


def key_explained(cell: nbformat.NotebookNode | None) -> list[str]:
    """The expert key as a judgement item printed it after grading (nothing for other items)."""
    from medsome.judgement import KEY_HEADING  # imports pandas: loaded by then (course_blueprint)

    text = "".join(o.get("text", "") for o in (cell or {}).get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    start = text.find(f"{KEY_HEADING}:")
    return [f"      {line}" for line in text[start:].splitlines() if line.strip()] if start >= 0 else []


def item_lines(item: GradeItem, cell: nbformat.NotebookNode | None, grade: Grade | None,
               timeout: int | None, keys: bool) -> list[str]:
    """A few lines on one graded item, with the expert key (when `keys`) where the item explains one."""
    points = f"{item.points:g} point{'s' if item.points != 1 else ''}"
    if not item.autograded:
        answered = cell is not None and cell.source.strip() not in ("", STUB)
        state = "answered" if answered else "not answered yet"
        return [f"  {item.grade_id}: graded by your instructor ({points}); {state}. "
                "Assess yourself with the rubric:", *rubric_lines(item)]
    score = grade.score if grade else 0.0
    explained = key_explained(cell)
    shown = explained if keys else []
    if cell is not None and score >= item.points:
        return [f"  {item.grade_id}: passed ({score:g} of {points})", *shown]
    status = "partly passed" if score > 0 else "failed"
    reason = failure_reason(cell, timeout) if cell is not None else "the cell is missing"
    if cell is not None and cell_critical_lines(cell):
        reason = CRITICAL_FOUND
    elif explained:
        reason = "scored against the expert key" + (", explained below" if keys else "")
    return [f"  {item.grade_id}: {status} ({score:g} of {points}): {reason}", *shown]


def course_blueprint() -> pd.DataFrame:
    """The course's blueprint (it imports pandas, as the report does: done while the kernels grade)."""
    from medsome.blueprint import load_blueprint

    return load_blueprint()


def objective_lines(assignment: str, items: list[GradeItem], grades: dict[tuple[str, str], Grade],
                    critical: set[str], blueprint: pd.DataFrame) -> tuple[list[str], list[str], int]:
    """Lines on each objective of the assignment, the ids met, and how many there are."""
    import pandas as pd

    from medsome.blueprint import MASTERY_SHARE
    from medsome.grading.mastery import MET, objective_results, pass_decision

    rows = [{"student_id": LEARNER, "assignment": assignment, "item": i.grade_id,
             "score": grades[(i.notebook, i.grade_id)].score if (i.notebook, i.grade_id) in grades else 0.0,
             "max_score": i.points, "submitted": True,
             "needs_manual_grade": not i.autograded} for i in items]
    flagged = {(LEARNER, assignment, g) for g in critical}
    mine = blueprint[blueprint["assignment"] == assignment]  # the other assignments' objectives: none here
    results = objective_results(pd.DataFrame(rows), flagged, mine)
    if results.empty:
        return [], [], 0
    lines = [f"\nObjectives (met with {MASTERY_SHARE:.0%} of their points and no critical error; written "
             "answers are graded by an instructor, so objectives that need them stay pending in self-study):"]
    lines += [f"  {row.objective_id} {row.status}: {row.objective}" for row in results.itertuples()]
    lines.append(f"Decision: {pass_decision(results['status'])}.")
    met = [row.objective_id for row in results.itertuples() if row.status == MET]
    return lines, met, len(results)


def render(assignment: str, notebooks: dict[str, nbformat.NotebookNode], items: list[GradeItem],
           grades: dict[tuple[str, str], Grade], timeout: int | None, keys: bool = True) -> str:
    """The whole self-check report, question by question (the key explained only when `keys`)."""
    lines, seen = [f"Self-check of {assignment}"], set()
    errors = {(name, q): e for name, nb in notebooks.items() for q, e in answer_errors(nb, name).items()}
    for item in items:
        nb = notebooks.get(item.notebook)
        cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells} if nb else {}
        if (item.notebook, item.question) not in seen:
            seen.add((item.notebook, item.question))
            lines.append(item.question)
            lines += [f"  {e}" for e in errors.get((item.notebook, item.question), [])]
        grade = grades.get((item.notebook, item.grade_id))
        lines += item_lines(item, cells.get(item.grade_id), grade, timeout, keys)
    auto = [i for i in items if i.autograded]
    earned = sum(grades[(i.notebook, i.grade_id)].score for i in auto if (i.notebook, i.grade_id) in grades)
    manual = sum(i.points for i in items if not i.autograded)
    lines.append(f"\nAutograded: {earned:g} of {sum(i.points for i in auto):g} points"
                 + (f"; {manual:g} more points are graded by your instructor." if manual else "."))
    lines.append("Hidden tests were included: they check more than the visible checks you can run.")
    return "\n".join(lines)


def this_attempt(assignment: str, items: list[GradeItem], grades: dict[tuple[str, str], Grade],
                 met: list[str], count: int) -> FinalAttempt:
    """The attempt just graded, as it would be recorded."""
    auto = [i for i in items if i.autograded]
    score = sum(grades[(i.notebook, i.grade_id)].score for i in auto if (i.notebook, i.grade_id) in grades)
    return FinalAttempt(assignment, score, sum(i.points for i in auto), met, count, today())


def attempt_line(module: str, workspace: Path, recorded: FinalAttempt | None, final: bool,
                 attempt: FinalAttempt) -> str:
    """Record a confirmed final attempt, or say that one was recorded, or how to see the key."""
    if recorded is not None:
        return recorded.line()
    if not final:
        return KEY_LATER.format(module=module)
    record_final(workspace, attempt)
    return attempt.line()


def learner_notebooks(workspace: Path, assignment: str) -> list[Path]:
    """The learner's copies of the assignment's notebooks; fail clearly if there are none."""
    folder = workspace / "assignments" / assignment
    found = sorted(folder.glob("*.ipynb"))
    if not found:
        raise GradingError(f"no copy of {assignment} in {folder}: run `medsome workspace` to add it")
    return found


def self_check(source_course: Course, module: str, workspace: Path,
               options: GradeOptions | None = None, final: bool = False) -> tuple[str, StudentResult]:
    """Grade the learner's copy privately; return the report and the raw result.

    Keys are explained only when `final` confirms the last attempt (recorded in the workspace) or
    when a final attempt was recorded before.
    """
    options = options or GradeOptions()
    assignment = source_course.resolve(module)
    recorded = read_final(workspace, assignment)
    mine = learner_notebooks(workspace, assignment)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="medsome-grading") as pool:
        grading = pool.submit(self_grade, source_course, assignment, mine[0].parent, options)
        items = grade_items(source_course.source_notebooks(assignment))
        blueprint = course_blueprint()
        graded = grading.result()
    result = StudentResult(LEARNER, graded=graded.graded, problems=graded.problems, notes=graded.notes)
    if not graded.graded:
        return "\n".join([f"Self-check of {assignment}: could not grade your copy.",
                          *[f"  {p}" for p in graded.problems]]), result
    grades, notebooks = graded.grades, graded.notebooks
    report = render(assignment, notebooks, items, grades, graded.timeout, keys=final or recorded is not None)
    critical = {g for nb in notebooks.values() for g in critical_lines(nb)}
    lines, met, count = objective_lines(assignment, items, grades, critical, blueprint)
    report += "\n".join(["", *lines])
    attempt = this_attempt(assignment, items, grades, met, count)
    report += "\n" + attempt_line(module, workspace, recorded, final, attempt)
    result.score, result.max_score = attempt.score, attempt.max_score
    notes = [n for n in result.notes if "test cells" not in n]
    return report + "".join(f"\nNote: {n}" for n in notes), result

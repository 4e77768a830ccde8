"""Grade one learner's copy in this process: two_phase.py's two phases without nbgrader's converters.

A self-check grades one copy once. nbgrader's autograde would first need a private course, a
generated student version and a gradebook database (created by alembic in a subprocess), and
nbgrader itself takes seconds to import; none of it changes a score. Here the same phases run
directly, each in its own sandboxed kernel (kernel_manager.LimitedKernelManager):

- phase one (readout.read_answers) runs the learner's code cells only to read the answers as values;
- meanwhile phase two's kernel starts, runs the graded notebook's cells before its first answer
  (set-up that never depends on an answer) and imports every module the notebook's own cells
  import, silently, binding no name; then the values go in and the rest runs, tests included.

The graded notebook is the one nbgrader would execute: the source notebook with its solutions
cleared (graded_notebook.cleared), the answers' values, the written answers, the hidden tests. Each
test cell is then scored as nbgrader scores it (`cell_score` follows nbgrader.utils.determine_grade)
and outputs are cut as nbgrader's LimitOutput and limits.LimitOutputSize cut them.
tests/grading/test_selfgrade.py shows the scores equal `medsome grade`'s.
"""

from __future__ import annotations

import ast
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from traitlets.config import Config

from medsome.grading.answers import Reading, answer_names, is_answer_cell
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.defaults import DEFAULT_TIMEOUT_S
from medsome.grading.diagnose import notebook_notes, precheck, read_notebook
from medsome.grading.graded_notebook import cleared, phase_two
from medsome.grading.kernel_manager import TRUNCATED, LimitedKernelManager
from medsome.grading.outcome import GradeOptions
from medsome.grading.questions import is_test_cell
from medsome.grading.readout import read_answers

CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"  # nbgrader's defaults, when the course sets none
TEXT_STUB = "YOUR ANSWER HERE"
TIMEOUT_ERROR = {"ename": "CellTimeoutError", "evalue": "",
                 "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"]}
NO_TRACEBACK = ["ERROR: An error occurred while showtraceback was disabled"]
MAX_CHARS = 100_000  # limits.LimitOutputSize's default


@dataclass(frozen=True)
class Grade:
    """A graded item's score, as nbgrader's gradebook would hold it."""

    score: float
    needs_manual_grade: bool


@dataclass
class SelfGraded:
    """The graded notebooks by name, each item's grade by (notebook, grade_id), notes, problems."""

    notebooks: dict[str, nbformat.NotebookNode] = field(default_factory=dict)
    grades: dict[tuple[str, str], Grade] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    timeout: int | None = None

    @property
    def graded(self) -> bool:
        return not self.problems


class GradingClient(NotebookClient):
    """nbclient as nbgrader's Execute step runs it: an error the reply names is kept as an output."""

    def on_cell_executed(self, **kw) -> None:  # type: ignore[override]
        cell, content = kw["cell"], kw["execute_reply"]["content"]
        if content["status"] != "error":
            return
        if any(o.output_type == "error" and o.ename == content["ename"] for o in cell.outputs):
            return
        cell.outputs.append(nbformat.from_dict({
            "output_type": "error", "ename": content["ename"], "evalue": content["evalue"],
            "traceback": content["traceback"] or NO_TRACEBACK}))


def partial_grade(output: nbformat.NotebookNode, max_points: float) -> float:
    """A test's result value as points (nbgrader.utils.get_partial_grade)."""
    grade = output["data"]["text/plain"]
    if isinstance(grade, list):
        if len(grade) > 1:
            return max_points
        grade = grade[0]
    try:
        value = float(grade)
    except ValueError:
        return max_points
    if value > max_points:
        raise GradingError(f"a test gave {value:g} points of {max_points:g}: fix the test")
    return value if value >= 0 else max_points


def cell_score(cell: nbformat.NotebookNode) -> float:
    """An executed test cell's points (nbgrader.utils.determine_grade for code tests)."""
    max_points = float(cell.metadata["nbgrader"]["points"])
    for output in cell.outputs:
        if output.output_type == "error" or (output.output_type == "stream" and output.name == "stderr"):
            return 0.0
        if output.output_type == "execute_result":
            return partial_grade(output, max_points)
    return max_points


def _cut_stream(outputs: list, max_lines: int) -> None:
    """nbgrader's LimitOutput on streams: at most `max_lines` lines in all, then a marker."""
    length = 0
    for output in outputs:
        if output.output_type != "stream" or length == max_lines:
            continue
        text = output.text.split("\n")
        if len(text) + length > max_lines:
            text = [*text[:max_lines - length - 1], "... Output truncated ..."]
        length += len(text)
        output.text = "\n".join(text)


def cut_outputs(cell: nbformat.NotebookNode, config: Config) -> None:
    """Cut a cell's outputs as autograde's LimitOutput and LimitOutputSize steps do."""
    if cell.cell_type != "code":
        return
    max_lines = config.LimitOutput.get("max_lines", 1000)
    max_traceback = config.LimitOutput.get("max_traceback", 100)
    if max_lines != -1:
        _cut_stream(cell.outputs, max_lines)
    for output in cell.outputs:
        if max_traceback != -1 and output.output_type == "error" and len(output.traceback) > max_traceback:
            start = max_traceback // 2
            end = max_traceback - start - 1
            output.traceback = [*output.traceback[:start], "... Traceback truncated ...",
                                *output.traceback[-end:]]
    max_chars = config.LimitOutputSize.get("max_chars", MAX_CHARS)
    for output in cell.outputs:
        if output.output_type == "stream" and len(output.text) > max_chars:
            output.text = output.text[:max_chars] + TRUNCATED


def grades_of(name: str, nb: nbformat.NotebookNode) -> dict[tuple[str, str], Grade]:
    """Every graded cell's grade; written answers wait for an instructor and count 0 until then."""
    found = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("grade"):
            continue
        test = is_test_cell(cell)
        found[(name, meta["grade_id"])] = Grade(cell_score(cell) if test else 0.0, not test)
    return found


def first_answer(nb: nbformat.NotebookNode) -> int:
    """The index of the first cell whose source the learner's answers decide."""
    for index, cell in enumerate(nb.cells):
        if is_answer_cell(cell) or cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            return index
    return len(nb.cells)


def imported_modules(nb: nbformat.NotebookNode) -> list[str]:
    """The modules the notebook's own (non-answer) code cells import, in order, each once."""
    found: dict[str, None] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or is_answer_cell(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                found.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found[node.module] = None
    return list(found)


def import_ahead(client: NotebookClient, modules: list[str]) -> None:
    """Import `modules` in the kernel, binding no name and recording nothing (errors come later)."""
    loop = (f"for name in {modules!r}:\n    try:\n        __import__(name)"
            "\n    except Exception:\n        pass")
    msg_id = client.kc.execute(f"exec({loop!r}, {{}})", silent=True, store_history=False)
    client.wait_for_reply(msg_id)


def kernel_config(course: Course, options: GradeOptions) -> Config:
    """The course's configuration with the kernels' limits, as `medsome grade` sets them.

    The per-cell timeout follows the rule of `medsome grade` (Course.cell_timeout), with nbgrader's
    default as defaults.py holds it: a self-check never imports nbgrader.
    """
    return course.configured(
        LimitedKernelManager={"memory_limit_mb": options.memory_limit_mb, "sandboxed": options.sandbox,
                              "course": str(course.root)},
        Execute={"timeout": course.cell_timeout(options.timeout, default=lambda: DEFAULT_TIMEOUT_S)},
    )


def run_graded(release: nbformat.NotebookNode, fill: Callable[[], nbformat.NotebookNode], config: Config,
               timeout: int | None) -> nbformat.NotebookNode:
    """Phase two: run `release` up to its first answer, then `fill()`'s notebook from there on."""
    work = Path(tempfile.mkdtemp(prefix="medsome-graded-"))
    client = GradingClient(release, timeout=timeout, allow_errors=True, interrupt_on_timeout=True,
                           raise_on_iopub_timeout=True, error_on_timeout=TIMEOUT_ERROR,
                           kernel_manager_class=LimitedKernelManager, shutdown_kernel="immediate",
                           config=config, resources={"metadata": {"path": str(work)}})
    ahead = first_answer(release)
    try:
        with client.setup_kernel():
            for index in range(ahead):
                client.execute_cell(release.cells[index], index)
            import_ahead(client, imported_modules(release))
            nb = fill()
            nb.cells[:ahead] = release.cells[:ahead]
            client.nb = nb
            for index in range(ahead, len(nb.cells)):
                client.execute_cell(nb.cells[index], index)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return nb


def grade_notebook(name: str, source: nbformat.NotebookNode, submitted: nbformat.NotebookNode,
                   config: Config, options: GradeOptions, pool: ThreadPoolExecutor) -> SelfGraded:
    """Both phases for one notebook, phase one in `pool` while phase two's kernel starts."""
    timeout = config.Execute.timeout  # kernel_config resolved it
    names = answer_names(source)
    reading = pool.submit(read_answers, submitted, [n for found in names.values() for n in found],
                          config=config, timeout=timeout, memory_mb=options.memory_limit_mb)
    stubs = config.ClearSolutions
    code_stub = stubs.get("code_stub", {})  # nbgrader also takes a bare string for Python
    code_stub = code_stub if isinstance(code_stub, str) else code_stub.get("python", CODE_STUB)
    release = cleared(source, code_stub, stubs.get("text_stub", TEXT_STUB))

    def fill() -> nbformat.NotebookNode:
        result: Reading = reading.result()
        return phase_two(release, submitted, names, result)

    result = SelfGraded(timeout=timeout)
    try:
        nb = run_graded(nbformat.from_dict(release), fill, config, timeout)
    except (DeadKernelError, CellTimeoutError, RuntimeError) as error:
        reading.result()  # phase one's kernel is gone before we report
        result.problems.append(f"{name}: the grading kernel failed ({type(error).__name__}): "
                               "run the check again; if it fails again, your copy may crash a kernel")
        return result
    for cell in nb.cells:
        cut_outputs(cell, config)
    result.notebooks[name] = nb
    result.grades = grades_of(name, nb)
    result.notes = notebook_notes(f"{name}.ipynb", nb, timeout, options.memory_limit_mb)
    return result


def self_grade(course: Course, assignment: str, mine: Path, options: GradeOptions) -> SelfGraded:
    """Grade the learner's folder `mine` against the course's source of `assignment`."""
    problems, notes = precheck(mine, course.folder("source", assignment))
    if problems:
        return SelfGraded(problems=problems)
    config = kernel_config(course, options)
    total = SelfGraded(notes=notes, timeout=config.Execute.timeout)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="medsome-answers") as pool:
        for path in course.source_notebooks(assignment):
            submitted, _ = read_notebook(mine / path.name)
            if submitted is None:
                continue  # precheck noted it: it scores 0
            one = grade_notebook(path.stem, nbformat.read(path, as_version=4), submitted, config, options,
                                 pool)
            total.notebooks.update(one.notebooks)
            total.grades.update(one.grades)
            total.notes += one.notes
            total.problems += one.problems
    return total

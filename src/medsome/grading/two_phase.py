"""Grade answers, not kernels: the submission nbgrader grades is rebuilt from its answers' values.

`AnswersOnly` is the first of nbgrader's sanitising steps at autograde. Phase one (readout.py)
runs the submission in its sandboxed kernel only to read each answer as a plain value. Phase two
is the notebook this step hands on: the released student version, with each answer cell replaced
by `name = <literal>` lines the grader wrote from the validated values, every other code cell as
released (not the student's), and the student's written (markdown) answers carried over for
manual grading. nbgrader then executes that notebook in a fresh kernel where no student code has
ever run, so its tests, gradebook, feedback and manual grading work as before. An answer phase one
could not read is written as `...`, the student version's blank, and the reason is recorded in
the notebook's metadata (`medsome.unread`) for the report.
"""

from __future__ import annotations

import functools
from functools import cached_property
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, Unicode

from medsome.grading.answers import answer_names, cell_id
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.graded_notebook import phase_two
from medsome.grading.readout import read_answers


def require_value_answers(source: NotebookNode, name: str) -> None:
    """Fail clearly if a code cell is both an answer and its own test (it cannot be read as a value)."""
    meta = [(c, c.metadata.get("nbgrader", {})) for c in source.cells if c.cell_type == "code"]
    both = [cell_id(c) for c, m in meta if m.get("solution") and m.get("grade")]
    if both:
        raise GradingError(f"{name}: cells {', '.join(map(str, both))} are answers and tests at once; "
                           "grading reads answers as values, so put the test in a cell of its own")


def check_assignment(course: Course, assignment: str) -> None:
    """Fail before grading unless every source notebook's answers can be read as values."""
    for path in course.source_notebooks(assignment):
        source = nbformat.read(path, as_version=4)
        require_value_answers(source, f"{assignment}/{path.name}")
        answer_names(source)


@functools.lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> NotebookNode:
    """A notebook file as read at `mtime_ns` and `size` (only read from: callers copy to change it)."""
    return nbformat.read(path, as_version=4)


@functools.lru_cache(maxsize=8)
def _answers(path: str, mtime_ns: int, size: int, name: str) -> dict[str, list[str]]:
    """answer_names of a source notebook file, checked to be readable as values, once per version."""
    source = _parsed(path, mtime_ns, size)
    require_value_answers(source, name)
    return answer_names(source)


class AnswersOnly(NbGraderPreprocessor):
    """Replace a submitted notebook by its answers' values in the released notebook (two phases)."""

    course = Unicode("", help="The course folder (its source and release steps).").tag(config=True)
    memory_limit_mb = Integer(0, help="The memory cap reported in notes, in MiB.").tag(config=True)
    prestart = Bool(False, help="Start the next submission's phase-one kernel once this one's is done "
                                "(a grading worker, grading one submission after another).").tag(config=True)

    @cached_property
    def graded_course(self) -> Course:
        """The course being graded, with the configuration nbgrader runs this step under."""
        return Course(Path(self.course), self.config)

    def _version(self, step: str, assignment: str, notebook: str) -> tuple[str, int, int]:
        """A course notebook's path and version (parsed once for every submission while unchanged)."""
        path = self.graded_course.folder(step, assignment) / f"{notebook}.ipynb"
        stat = path.stat()
        return str(path), stat.st_mtime_ns, stat.st_size

    def preprocess(self, nb: NotebookNode, resources: dict):
        assignment, notebook = resources["nbgrader"]["assignment"], resources["nbgrader"]["notebook"]
        names = _answers(*self._version("source", assignment, notebook), f"{assignment}/{notebook}")
        timeout = self.graded_course.cell_timeout()  # the worker set it: Execute.timeout
        reading = read_answers(nb, [n for found in names.values() for n in found], config=self.config,
                               timeout=timeout, memory_mb=self.memory_limit_mb, prestart=self.prestart)
        release = _parsed(*self._version("release", assignment, notebook))
        return phase_two(release, nb, names, reading), resources

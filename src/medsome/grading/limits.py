"""nbgrader's steps around a grading kernel: output cut to size, the course's preprocessor lists, and
nbgrader's own per-cell timeout, the default of `Course.cell_timeout` (course_folder.py), which
resolves the timeout once for nbgrader, phase one and the per-student deadline.

The kernel's own limits (sandbox, memory cap, private HOME) are kernel_manager.py's, a module free of
nbgrader that the self-check uses; `can_cap_memory` is still importable from here.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute, LimitOutput, NbGraderPreprocessor
from traitlets import Integer
from traitlets.config import Config

from medsome.grading.kernel_manager import TRUNCATED, can_cap_memory  # noqa: F401  (can_cap_memory: its old home)


class LimitOutputSize(NbGraderPreprocessor):
    """Cut very long stream outputs (LimitOutput counts lines; one huge line passes it)."""

    max_chars = Integer(100_000, help="Characters kept of each stream output.").tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.text) > self.max_chars:
                output.text = output.text[: self.max_chars] + TRUNCATED
        return cell, resources


def autograde_preprocessors(config: Config) -> list:
    """The course's autograde preprocessors, with LimitOutputSize after LimitOutput."""
    configured = config.Autograde.get("autograde_preprocessors")
    current = list(configured or Autograde.class_traits()["autograde_preprocessors"].default())
    if LimitOutputSize in current:
        return current
    at = current.index(LimitOutput) + 1 if LimitOutput in current else len(current)
    return [*current[:at], LimitOutputSize, *current[at:]]


def sanitize_preprocessors(config: Config) -> list:
    """The course's sanitising steps at autograde, with two_phase.AnswersOnly first."""
    from medsome.grading.two_phase import AnswersOnly

    configured = config.Autograde.get("sanitize_preprocessors")
    current = list(configured or Autograde.class_traits()["sanitize_preprocessors"].default())
    return current if AnswersOnly in current else [AnswersOnly, *current]


def nbgrader_timeout() -> int:
    """nbgrader's own per-cell timeout, for a course that sets no c.Execute.timeout."""
    return Execute.class_traits()["timeout"].default()

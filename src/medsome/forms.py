"""Parallel forms of an assignment: Form A is `NN_name`, Form B (for a resubmission) `NN_name_b`.

The course manifest (course/course.toml) lists which assignments exist and which form each is,
and holds every Form B to this naming rule, so that an assignment id read from a gradebook or a
command line says its form.

A Form B follows its Form A's blueprint (the same grade_ids, kinds, points, objectives and
misconceptions) with new cases, and is released as its own nbgrader assignment. Both forms are
attempts at the same assignment: objective ids, completion records and exports say which form
was graded.
"""

from __future__ import annotations

from medsome.manifest import FORM_B_SUFFIX

FORM_B_TITLE = "Form B (resubmission)"


def is_form_b(assignment: str) -> bool:
    """Whether an assignment id names a Form B (`02_identification_b`)."""
    return assignment.endswith(FORM_B_SUFFIX) and len(assignment) > len(FORM_B_SUFFIX)


def base_assignment(assignment: str) -> str:
    """The Form A an assignment is a form of: `02_identification_b` -> `02_identification`."""
    return assignment.removesuffix(FORM_B_SUFFIX) if is_form_b(assignment) else assignment


def form_letter(assignment: str) -> str:
    """'B' for a Form B, 'A' otherwise."""
    return "B" if is_form_b(assignment) else "A"


def form_label(assignment: str) -> str:
    """How a record names the form graded: 'Form A' or 'Form B (resubmission)'."""
    return FORM_B_TITLE if is_form_b(assignment) else "Form A"

"""Critical errors are read back from the graded test cells' output, and from nothing else."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_notebook, new_output

from medsome.grading.critical import critical_lines
from medsome.judgement import Decisions

ITEM = Decisions(name="verdicts", points=2, allowed=("post", "do_not_post"),
                 key={"A": "do_not_post", "B": "post"}, why={"A": "", "B": ""},
                 critical={"A:post": "consent was withdrawn"})


def _cell(grade_id: str, printed: str, graded: bool = True):
    meta = {"nbgrader": {"grade": graded, "solution": False, "grade_id": grade_id, "points": 2}}
    return new_code_cell("item.grade(answer)", metadata=meta,
                         outputs=[new_output("stream", name="stdout", text=printed)])


def test_only_graded_test_cells_that_printed_a_critical_error_count() -> None:
    nb = new_notebook(cells=[
        _cell("q1", ITEM.feedback({"A": "post", "B": "post"})),
        _cell("q2", ITEM.feedback({"A": "do_not_post", "B": "post"})),
        _cell("mine", "Critical error: A:post. printed by the learner's own cell", graded=False),
    ])
    assert critical_lines(nb) == {"q1": ["Critical error: A:post. consent was withdrawn"]}

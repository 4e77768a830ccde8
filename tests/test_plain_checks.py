"""A failed check shows one plain line in a notebook, yet still fails its cell for Validate and nbgrader."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from nbgrader.tests import create_grade_cell, create_solution_cell
from nbgrader.utils import determine_grade
from nbgrader.validator import Validator

pytestmark = pytest.mark.integration

CHECK = "from medsome import judgement\njudgement.check_ranking(ranking, 'ranking', 'ABC')"
UNANSWERED = f"ranking = ...\n{CHECK}"


def _run(*sources: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    return nb


def _errors(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [o for o in cell.outputs if o.output_type == "error"]


def test_a_failed_check_is_one_error_line_naming_the_cell_line() -> None:
    nb = _run("x = 1", UNANSWERED, "from medsome.feedback import expect\nexpect(1 == 2, 'count again')")
    [ranking] = _errors(nb.cells[1])
    assert ranking.ename == "CheckFailed" and "Not answered yet" in ranking.evalue
    assert ranking.traceback == [f"CheckFailed: {ranking.evalue} (Cell In[2], line 3)"]
    assert nb.cells[1].outputs == [ranking], "nothing but the one line"
    [counted] = _errors(nb.cells[2])
    assert counted.traceback == ["CheckFailed: count again (Cell In[3], line 2)"]


def test_the_kernel_keeps_a_failed_check_as_the_same_one_line() -> None:
    """IPython keeps each failed cell's traceback; a check's is its one line, not a highlighted stack."""
    nb = _run(UNANSWERED, "import json\n"
              "kept = getattr(get_ipython().history_manager, 'exceptions', None)\n"
              "print(json.dumps(None if kept is None else kept[1]['traceback']))")
    [ranking] = _errors(nb.cells[0])
    kept = json.loads(nb.cells[1].outputs[0]["text"])
    if kept is None:
        pytest.skip("this IPython keeps no tracebacks in its history")
    assert kept == ranking.traceback == [f"CheckFailed: {ranking.evalue} (Cell In[1], line 3)"]


def test_other_errors_keep_their_traceback() -> None:
    nb = _run("import medsome.feedback", "1 / 0")
    [error] = _errors(nb.cells[1])
    assert error.ename == "ZeroDivisionError" and len(error.traceback) > 1


def test_nbgrader_still_fails_the_cell(tmp_path: Path) -> None:
    answer = create_solution_cell("ranking = ...", "code", "answer")
    test = create_grade_cell(CHECK, "code", "test", 2)
    nb = new_notebook(cells=[answer, test])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "assignment.ipynb"
    nbformat.write(nb, path)
    result = Validator().validate(str(path))
    [failed] = result["failed"]
    assert "CheckFailed: `ranking`: Not answered yet" in failed["error"]
    assert "Traceback" not in failed["error"] and "judgement.py" not in failed["error"]

    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    assert determine_grade(nb.cells[1], logging.getLogger(__name__)) == (0, 2)  # autograde's scoring


@pytest.mark.parametrize(("installed", "flagged"), [
    ("import medsome.feedback", False),
    ("get_ipython().set_custom_exc((AssertionError,), lambda *args, **kwargs: None)", True),
    ("get_ipython().set_custom_exc((Exception,), None)", True),
])
def test_only_the_courses_handler_passes_the_interception_check(installed: str, flagged: bool) -> None:
    from medsome.grading import interception

    reading = f"json.loads({interception.expression()})"
    nb = _run(f"import json\nbefore = {reading}", installed, f"after = {reading}",
              "from medsome.grading.interception import installed\nprint(installed(before, after))")
    assert not any(_errors(cell) for cell in nb.cells), [_errors(cell) for cell in nb.cells]
    printed = "".join(o.get("text", "") for o in nb.cells[3].outputs)
    assert printed.startswith("[") and ("custom exception handler" in printed) is flagged, printed

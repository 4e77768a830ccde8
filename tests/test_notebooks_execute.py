"""Every lesson and every assignment's source notebook runs top to bottom in a fresh kernel.

The execution is shared with the rerun tests (tests/executed.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, SOURCES, notebook_id
from executed import executed

pytestmark = pytest.mark.integration


def _problems(nb: nbformat.NotebookNode) -> list[str]:
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output['ename']}: {output['evalue']}")
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {index} wrote to stderr: {output['text'][:300]}")
    return found


@pytest.mark.parametrize("notebook", LESSONS + SOURCES, ids=notebook_id)
def test_notebook_runs_clean(notebook: Path) -> None:
    assert _problems(executed(notebook).first) == []


def test_every_module_folder_has_its_notebook() -> None:
    """Assignments are named after their folder (a gradebook key); lessons add `_lesson`, so a lesson
    and its assignment never share a tab title."""
    for notebook in SOURCES:
        assert notebook.stem == notebook.parent.name, f"{notebook}: name it after its folder"
    for notebook in LESSONS:
        assert notebook.stem == f"{notebook.parent.name}_lesson", f"{notebook}: name it <folder>_lesson"

"""Every lesson and every assignment's source notebook runs top to bottom in a fresh kernel."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import LESSONS, SOURCES, notebook_id

pytestmark = pytest.mark.slow


def _execute_copy(notebook: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """Run a copy of the notebook's folder, so files it writes land in tmp_path."""
    folder = tmp_path / notebook.parent.name
    shutil.copytree(notebook.parent, folder)
    nb = nbformat.read(folder / notebook.name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


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
def test_notebook_runs_clean(notebook: Path, tmp_path: Path) -> None:
    nb = _execute_copy(notebook, tmp_path)
    assert _problems(nb) == []


def test_every_module_folder_has_its_notebook() -> None:
    """Assignments are named after their folder (a gradebook key); lessons add `_lesson`, so a lesson
    and its assignment never share a tab title."""
    for notebook in SOURCES:
        assert notebook.stem == notebook.parent.name, f"{notebook}: name it after its folder"
    for notebook in LESSONS:
        assert notebook.stem == f"{notebook.parent.name}_lesson", f"{notebook}: name it <folder>_lesson"

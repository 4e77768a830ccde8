"""Run All twice without restarting the kernel gives the same outputs as the first time."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import LESSONS, notebook_id

pytestmark = pytest.mark.slow


def _shape(cell: nbformat.NotebookNode) -> list[str]:
    """What a cell shows, by kind: output types and MIME types, and the text of printed output.

    Printed text arrives in chunks that differ from run to run: consecutive chunks are joined.
    """
    shown: list[str] = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            prefix = f"{output['name']}: "
            if shown and shown[-1].startswith(prefix):
                shown[-1] += output["text"]
            else:
                shown.append(prefix + output["text"])
        elif output["output_type"] == "error":
            shown.append(f"error: {output['ename']}")
        else:
            shown.append(f"{output['output_type']}: {', '.join(sorted(output.get('data', {})))}")
    return shown


def _run_all(client: NotebookClient, nb: nbformat.NotebookNode) -> list[list[str]]:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs = []
            client.execute_cell(cell, index)
    return [_shape(cell) for cell in nb.cells]


@pytest.mark.parametrize("lesson", LESSONS, ids=notebook_id)
def test_run_all_twice_in_one_kernel_shows_the_same(lesson: Path, tmp_path: Path) -> None:
    folder = tmp_path / lesson.parent.name
    shutil.copytree(lesson.parent, folder)
    nb = nbformat.read(folder / lesson.name, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    with client.setup_kernel():
        first = _run_all(client, nb)
        second = _run_all(client, nb)
    changed = [f"cell {i}: first {a}, then {b}" for i, (a, b) in enumerate(zip(first, second, strict=True))
               if a != b]
    assert not changed, "\n".join(changed)

"""Each notebook executed once per change: Run All in a fresh kernel, then Run All again in that kernel.

The notebook tests read the first run, the rerun tests compare it with the second; both come from
one cached execution (cached_runs), whichever test asks first.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from cached_runs import cached, digest
from medsome.paths import course_root


@dataclass(frozen=True)
class Executed:
    """A notebook after Run All in a fresh kernel (`first`) and after a second Run All (`second`)."""

    first: nbformat.NotebookNode
    second: nbformat.NotebookNode


def _run_all(client: NotebookClient, nb: nbformat.NotebookNode) -> None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs = []
            client.execute_cell(cell, index)


def _run_twice(notebook: Path, out: Path) -> None:
    """Run a copy of the notebook's folder, so files it writes stay in the cache, and keep both runs."""
    folder = out / "work" / notebook.parent.name
    shutil.copytree(notebook.parent, folder)
    nb = nbformat.read(folder / notebook.name, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    with client.setup_kernel():
        _run_all(client, nb)
        nbformat.write(nb, out / "first.ipynb")
        _run_all(client, nb)
        nbformat.write(nb, out / "second.ipynb")
    shutil.rmtree(out / "work")


def executed(notebook: Path) -> Executed:
    """The notebook's two runs, executed now or read from an earlier execution of the same inputs."""
    name = str(notebook.relative_to(course_root()))
    folder = cached("executed", digest(notebook.parent, extra=name), lambda out: _run_twice(notebook, out))
    return Executed(*(nbformat.read(folder / f"{run}.ipynb", as_version=4) for run in ("first", "second")))

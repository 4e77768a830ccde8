"""Run All twice without restarting the kernel gives the same outputs as the first time.

The execution is shared with the notebook tests (tests/executed.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, notebook_id
from executed import executed

pytestmark = pytest.mark.integration


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


@pytest.mark.parametrize("lesson", LESSONS, ids=notebook_id)
def test_run_all_twice_in_one_kernel_shows_the_same(lesson: Path) -> None:
    runs = executed(lesson)
    first, second = ([_shape(cell) for cell in nb.cells] for nb in (runs.first, runs.second))
    changed = [f"cell {i}: first {a}, then {b}" for i, (a, b) in enumerate(zip(first, second, strict=True))
               if a != b]
    assert not changed, "\n".join(changed)

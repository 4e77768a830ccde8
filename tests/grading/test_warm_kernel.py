"""Phase two's warm kernels and phase one's spare kernel: fast, and still one fresh kernel per notebook."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from medsome.grading import sandbox, spare_kernel
from medsome.grading.readout import read_answers
from medsome.grading.warm_kernel import Forked, WarmKernelManager, notebook_imports, zygote

KERNELSPEC = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def test_the_modules_a_notebook_imports_are_found_in_its_code() -> None:
    sources = ["from medsome.data import load_vignettes\nimport json, os.path as p",
               "def f():\n    import pandas\n", "from . import local\nx = 'import nothing'", "not python ("]
    assert notebook_imports(sources) == ["medsome.data", "json", "os.path", "pandas"]


def test_a_kernel_that_is_gone_is_seen_as_gone() -> None:
    gone = Forked(2**22 + 12345)  # above the largest pid Linux hands out
    assert gone.poll() == 0 and gone.wait(timeout=1) == 0
    gone.kill()  # nothing to signal: no error


def _run(nb: nbformat.NotebookNode, folder: Path) -> list[str]:
    config = Config()
    config.WarmKernelManager.sandboxed = False
    config.WarmKernelManager.preload = ["json"]
    client = NotebookClient(nb, kernel_manager_class=WarmKernelManager, shutdown_kernel="immediate",
                            config=config, allow_errors=True, resources={"metadata": {"path": str(folder)}})
    client.execute()
    return [o.get("text", o.get("ename")) for cell in nb.cells for o in cell.outputs]


@pytest.mark.integration
def test_each_warm_kernel_is_fresh_and_killed_after_its_notebook(tmp_path: Path) -> None:
    leak = new_notebook(metadata=KERNELSPEC, cells=[new_code_cell(
        "import json, os\njson.leaked = 1\nsecret = 2\nprint(os.getpid(), os.environ['HOME'], os.getcwd())")])
    probe = new_notebook(metadata=KERNELSPEC, cells=[
        new_code_cell("import json, os\nprint(hasattr(json, 'leaked'), 'secret' in globals(), os.getpid())"),
        new_code_cell("import sys\nprint('to stderr', file=sys.stderr)\n1 / 0")])
    first = _run(leak, tmp_path)[0].split()
    found = _run(probe, tmp_path)
    assert found[0].split()[:2] == ["False", "False"], "nothing of one notebook reaches the next"
    assert found[0].split()[2] != first[0], "a kernel of its own"
    assert first[1] != os.environ.get("HOME") and not Path(first[1]).exists(), "a private HOME, removed"
    assert first[2] == str(tmp_path)
    assert found[1:] == ["to stderr\n", "ZeroDivisionError"], "stderr and errors reach nbgrader as usual"
    assert not Forked(int(first[0]))._alive(), "killed once its notebook was done"


@pytest.mark.integration
def test_the_kernels_die_with_their_zygote(tmp_path: Path) -> None:
    nb = new_notebook(metadata=KERNELSPEC, cells=[new_code_cell("import os\nprint(os.getpid())")])
    warm = zygote(["json"])
    config = Config()
    config.WarmKernelManager.preload = ["json"]
    config.WarmKernelManager.sandboxed = False
    client = NotebookClient(nb, kernel_manager_class=WarmKernelManager, config=config,
                            resources={"metadata": {"path": str(tmp_path)}})
    with client.setup_kernel():
        client.execute_cell(nb.cells[0], 0)
        kernel = Forked(int(nb.cells[0].outputs[0].text))
        warm.close()
        assert kernel.wait(timeout=10) == 0


@pytest.mark.integration
def test_each_submission_gets_a_spare_kernel_of_its_own(tmp_path: Path) -> None:
    if sandbox.missing():
        pytest.skip(f"no sandbox here: {sandbox.missing()}")
    config = Config()
    config.LimitedKernelManager.course = str(tmp_path)
    config.LimitedKernelManager.memory_limit_mb = 1024
    for number in range(3):
        submitted = new_notebook(metadata=KERNELSPEC, cells=[new_code_cell(
            f"import sys\nseen = 'was_here' in globals()\nwas_here = {number}\n"
            "debugger = '_pydevd_bundle' in sys.modules")])
        reading = read_answers(submitted, ["seen", "was_here", "debugger"], config=copy.deepcopy(config),
                               timeout=20, memory_mb=1024, prestart=number < 2)
        assert reading.values == {"seen": False, "was_here": number, "debugger": False}, reading
        assert (spare_kernel._spare is not None) == (number < 2)


@pytest.mark.integration
def test_a_spare_started_for_another_kernel_is_not_used(tmp_path: Path) -> None:
    if sandbox.missing():
        pytest.skip(f"no sandbox here: {sandbox.missing()}")
    config = Config()
    config.LimitedKernelManager.course = str(tmp_path)
    submitted = new_notebook(metadata=KERNELSPEC, cells=[new_code_cell("x = 1")])
    read_answers(submitted, ["x"], config=copy.deepcopy(config), timeout=20, memory_mb=0, prestart=True)
    started = spare_kernel._spare
    assert started is not None
    other = copy.deepcopy(config)
    other.LimitedKernelManager.memory_limit_mb = 512
    assert read_answers(submitted, ["x"], config=other, timeout=20, memory_mb=512).values == {"x": 1}
    assert spare_kernel._spare is None and not started.work.exists(), "stopped and removed, not used"

"""A grading kernel starts without the debugger and is used as soon as it answers, and is otherwise
the kernel a notebook always gets: its working folder importable, debugpy importable by its cells."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from traitlets.config import Config

from medsome.grading import sandbox
from medsome.grading.kernel_launcher import THIS, grading_command
from medsome.grading.kernel_manager import LimitedKernelManager
from medsome.grading.ready_client import ReadyClient

PROBE = """import sys
import ipykernel.debugger
import debugpy
import helper
print(ipykernel.debugger._is_debugpy_available, helper.VALUE)"""


def test_the_grading_command_swaps_only_ipykernels_launcher() -> None:
    python = sys.executable
    assert grading_command([python, "-m", "ipykernel_launcher", "-f", "{connection_file}"]) == [
        python, *THIS, "-f", "{connection_file}"]
    other = [python, "-m", "other_kernel", "-f", "{connection_file}"]
    assert grading_command(other) == other
    assert grading_command([]) == []


def test_grading_kernels_get_the_ready_client() -> None:
    assert LimitedKernelManager().client_factory is ReadyClient


@pytest.mark.integration
@pytest.mark.parametrize("sandboxed", [False, True], ids=["plain", "sandboxed"])
def test_a_grading_kernel_runs_cells_without_its_debugger(sandboxed: bool, tmp_path: Path) -> None:
    if sandboxed and sandbox.missing() is not None:
        pytest.skip(f"no sandbox here: {sandbox.missing()}")
    work = tmp_path / "work"
    work.mkdir()
    (work / "helper.py").write_text("VALUE = 42\n", encoding="utf-8")
    config = Config()
    config.LimitedKernelManager.sandboxed = sandboxed
    config.LimitedKernelManager.course = str(tmp_path / "course")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    client = NotebookClient(nb, timeout=120, kernel_name="python3", kernel_manager_class=LimitedKernelManager,
                            config=config, resources={"metadata": {"path": str(work)}})
    with client.setup_kernel():
        assert isinstance(client.kc, ReadyClient)
        client.execute_cell(nb.cells[0], 0)
    outputs = nb.cells[0].outputs
    assert [o.get("text") for o in outputs] == ["False 42\n"], outputs

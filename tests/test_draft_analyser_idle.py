"""The draft analyser builds once the kernel is idle: showing its widget costs Run All nothing."""

from __future__ import annotations

import time

import nbformat
import pytest
from nbclient import NotebookClient

from medsome.widgets.draft_analyser import IDLE_SECONDS, when_idle

MAKE = """import sys
from medsome.data import load_population
from medsome.widgets.draft_analyser import DraftAnalyserWidget, when_idle

ran = []
when_idle(lambda: ran.append(True))
widget = DraftAnalyserWidget(load_population())"""
BUSY = "import time\ntime.sleep({seconds})"
STATE = "print(ran, 'medsome.disclosure' in sys.modules)"


def test_outside_a_kernel_the_action_runs_at_once() -> None:
    ran: list[bool] = []
    when_idle(lambda: ran.append(True))
    assert ran == [True]


@pytest.mark.integration
def test_in_a_kernel_the_action_waits_until_no_cell_has_run_for_a_while() -> None:
    cells = [MAKE, BUSY.format(seconds=IDLE_SECONDS * 2), STATE, STATE]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(nb, timeout=120, kernel_name="python3")
    with client.setup_kernel():
        for index in range(3):  # back to back, as Run All sends them
            client.execute_cell(nb.cells[index], index)
        time.sleep(IDLE_SECONDS * 4)
        client.execute_cell(nb.cells[3], 3)
    said = [cell.outputs[0]["text"] for cell in nb.cells[2:]]
    assert said == ["[] False\n", "[True] True\n"], "nothing before the kernel is idle, both after"

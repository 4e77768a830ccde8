"""Phase one: run a submission in its sandboxed kernel only to read its answers out as plain data.

The submission's code cells run in order, without any test cell (the tests never reach a kernel
that ran student code). Then the grader's readout (answers.dump_source) prints each answer as a
literal, and the grader parses that text outside the kernel (answers.read_dump). Of what the
notebook printed only errors and whether it printed too much are kept, never more than a few
kilobytes: the rest is dropped as it arrives. A kernel that dies or stops answering leaves its
answers unread, with the reason. The interception check (interception.hooks, before and after)
is kept as a signal only: it names what the notebook tried, and changes no score.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from medsome.grading import interception, spare_kernel
from medsome.grading.answers import Reading, dump_source, read_dump
from medsome.grading.diagnose import cell_notes
from medsome.grading.guard import read_hooks
from medsome.grading.kernel_manager import TRUNCATED, LimitedKernelManager
from medsome.grading.questions import is_test_cell

KEPT_ERRORS = 3
PRINTED_CHARS = 100_000  # a cell that printed more is reported as a flood
READOUT_CHARS = 4_000_000  # the readout's own line: every answer at its longest
SCRATCH_MB = 256  # the working folder and HOME of phase one: tmpfs, never the course's disk


class ReadoutClient(NotebookClient):
    """nbclient, keeping of each cell's output only its first errors and a count of what it printed."""

    def __init__(self, nb: nbformat.NotebookNode, readout_index: int, **kw) -> None:
        super().__init__(nb, **kw)
        self.readout_index = readout_index
        self.printed: dict[int, int] = {}
        self.readout_text: list[str] = []
        self.timed_out: set[int] = set()

    def output(self, outs, msg, display_id, cell_index):  # type: ignore[override]
        content, kind = msg.get("content", {}), msg.get("msg_type")
        if cell_index == self.readout_index:
            if kind == "stream" and sum(map(len, self.readout_text)) < READOUT_CHARS:
                self.readout_text.append(str(content.get("text", ""))[:READOUT_CHARS])
            return None
        if kind == "error" and sum(o.get("output_type") == "error" for o in outs) < KEPT_ERRORS:
            outs.append(nbformat.from_dict({"output_type": "error", "ename": str(content.get("ename"))[:200],
                                            "evalue": "", "traceback": []}))
        elif kind == "stream":
            self.printed[cell_index] = self.printed.get(cell_index, 0) + len(str(content.get("text", "")))
        return None

    def on_cell_executed(self, **kw) -> None:  # type: ignore[override]
        """Remember which cells timed out (nbclient's error_on_timeout reply)."""
        reply = kw.get("execute_reply") or {}
        if reply.get("content", {}).get("ename") == "CellTimeoutError":
            self.timed_out.add(kw.get("cell_index", -1))

    def hooks(self) -> dict[str, str]:
        """interception.hooks read in the kernel ({} if it did not answer)."""
        msg_id = self.kc.execute("", silent=True, store_history=False,
                                 user_expressions={"hooks": interception.expression()})
        reply = self.wait_for_reply(msg_id)
        return read_hooks(self.kc, reply) if reply else {}


def _label(cell: nbformat.NotebookNode) -> dict:
    """Only the grade_id of a cell's metadata, so that notes name the cell as the notebook does."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return {"nbgrader": {"grade_id": str(grade_id)}} if grade_id else {}


def runnable(submitted: nbformat.NotebookNode, names: list[str]) -> nbformat.NotebookNode:
    """The submission's code cells without test cells, then the readout of `names`."""
    cells = [nbformat.v4.new_code_cell(c.source, metadata=_label(c)) for c in submitted.cells
             if c.cell_type == "code" and not is_test_cell(c)]
    return nbformat.v4.new_notebook(cells=[*cells, nbformat.v4.new_code_cell(dump_source(names))],
                                    metadata={"kernelspec": submitted.metadata.get("kernelspec", {})})


def _run(client: ReadoutClient, nb: nbformat.NotebookNode) -> tuple[str | None, dict[str, str]]:
    """Execute every cell: (None, or why the kernel stopped answering; hooks before the readout)."""
    stuck, hooks = 0, {}
    for index, cell in enumerate(nb.cells):
        if index == client.readout_index:
            hooks = client.hooks()
        client.execute_cell(cell, index)
        timed_out = index in client.timed_out
        if timed_out:
            cell.outputs.append(nbformat.from_dict({"output_type": "error", "ename": "CellTimeoutError",
                                                    "evalue": "", "traceback": []}))
        stuck = stuck + 1 if timed_out else 0
        if stuck >= 2:
            return "the kernel stopped answering (a cell ignored the interrupt after the timeout)", {}
    return None, hooks


def raised(cell: nbformat.NotebookNode, index: int) -> list[str]:
    """A note naming the first error a submission's cell raised (its type only: the message is theirs)."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    errors = [o.ename for o in cell.outputs if o.get("output_type") == "error"
              and o.ename not in ("CellTimeoutError", "MemoryError")]
    label = f"cell {grade_id}" if grade_id else f"code cell {index + 1}"
    return [f"{label} raised {errors[0]}"] if errors else []


def _client(nb: nbformat.NotebookNode, config, timeout: int) -> ReadoutClient:
    """The phase-one client of `nb` (its working folder is set where its kernel starts)."""
    return ReadoutClient(nb, len(nb.cells) - 1, timeout=timeout, allow_errors=True,
                         interrupt_on_timeout=True, kernel_manager_class=LimitedKernelManager,
                         shutdown_kernel="immediate", config=config,
                         error_on_timeout={"ename": "CellTimeoutError", "evalue": "", "traceback": []})


def read_answers(submitted: nbformat.NotebookNode, names: list[str], *, config, timeout: int,
                 memory_mb: int, prestart: bool = False) -> Reading:
    """Phase one for one notebook: its answers as plain values, and notes on what went wrong.

    With `prestart`, the next submission's kernel is started once this one's is done (spare_kernel.py).
    """
    nb = runnable(submitted, names)
    config = copy.deepcopy(config)
    config.LimitedKernelManager.scratch_mb = SCRATCH_MB
    client = _client(nb, config, timeout)
    work = spare_kernel.take(client)
    if work is None:
        work = Path(tempfile.mkdtemp(prefix="medsome-answers-"))
        client.resources = {"metadata": {"path": str(work)}}
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    manager = None
    try:
        with client.setup_kernel():
            manager = client.km
            before = client.hooks()
            why, after = _run(client, nb)
    except (DeadKernelError, CellTimeoutError, RuntimeError) as error:
        died = isinstance(error, DeadKernelError) or "died" in str(error)
        why = ("the kernel died (a crash, an exit() call, or memory exhausted)" if died
               else f"the kernel failed: {error}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if prestart:
            spare_kernel.start(_client(nbformat.v4.new_notebook(metadata=nb.metadata), config, timeout))
    reading = read_dump("".join(client.readout_text), names) if not why else Reading(
        unread=dict.fromkeys(names, why))
    reading.tried = interception.installed(before, after) if before and after else []
    reading.notes += [f"exhausted {limit} of its own submission (each kernel has its own)"
                      for limit in getattr(manager, "exhausted", [])]
    for index, cell in enumerate(nb.cells[:-1]):
        if client.printed.get(index, 0) > PRINTED_CHARS:
            cell.outputs.append(nbformat.from_dict({"output_type": "stream", "name": "stdout",
                                                    "text": TRUNCATED}))
        reading.notes += cell_notes(cell, index, timeout, memory_mb) + raised(cell, index)
    return reading

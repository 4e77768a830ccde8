"""Phase one's next kernel, started while the current submission is still being graded.

A sandboxed kernel takes about a second to start (a new Python, ipykernel, the sandbox around
it), time in which a grading worker would otherwise only wait. A worker therefore starts the next
submission's phase-one kernel as soon as the current one is done with, and the next reading takes
it over. Nothing is shared: each spare is a kernel of its own, in its own sandbox, with its own
working folder and limits, that has run no code at all when it is handed to the one submission it
serves; a spare that does not fit (another kernel name, other limits) is discarded, not used.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.utils import run_sync
from nbclient import NotebookClient


@dataclass
class Spare:
    """A started kernel, the client settings it was started for, and its working folder."""

    key: str
    km: object
    work: Path


_spare: Spare | None = None


def _key(client: NotebookClient) -> str:
    """What a kernel's start depends on: the kernel (named as nbclient names it) and its settings."""
    name = client.kernel_name or client.nb.metadata.get("kernelspec", {}).get("name")
    return repr((name, client.kernel_manager_class, client.extra_arguments,
                 sorted(client.config.get("LimitedKernelManager", {}).items())))


def start(client: NotebookClient) -> None:
    """Start a kernel as `client` would, in a working folder of its own, and keep it for `take`."""
    global _spare
    discard()
    work = Path(tempfile.mkdtemp(prefix="medsome-answers-"))
    client.resources = {**client.resources, "metadata": {"path": str(work)}}
    key = _key(client)
    try:
        km = client.create_kernel_manager()
        client.start_new_kernel()
    except Exception:  # no spare then: the next reading starts its own kernel and reports what fails
        shutil.rmtree(work, ignore_errors=True)
        return
    _spare = Spare(key, km, work)


def take(client: NotebookClient) -> Path | None:
    """Give `client` the spare kernel if it was started for the same settings; its working folder."""
    global _spare
    spare, _spare = _spare, None
    if spare is None:
        return None
    if spare.key != _key(client) or not run_sync(spare.km.is_alive)():
        _stop(spare)
        return None
    client.km, client.owns_km = spare.km, True
    client.resources = {**client.resources, "metadata": {"path": str(spare.work)}}
    return spare.work


def _stop(spare: Spare) -> None:
    with contextlib.suppress(Exception):  # already gone: nothing left to stop
        run_sync(spare.km.shutdown_kernel)(now=True)
    shutil.rmtree(spare.work, ignore_errors=True)


def discard() -> None:
    """Stop the spare kernel, if there is one, and remove its working folder."""
    global _spare
    spare, _spare = _spare, None
    if spare is not None:
        _stop(spare)

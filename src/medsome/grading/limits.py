"""What a grading kernel may use: a memory cap, a private HOME and TMPDIR, one thread per library.

Every notebook nbgrader executes gets a LimitedKernelManager (Execute.kernel_manager_class): the
kernel starts with HOME and TMPDIR in a fresh private folder (removed afterwards), the folders that
derive from HOME (configuration, caches, user site-packages) pinned to where they were so grading
behaves as before, numerical libraries on one thread, few malloc arenas, and an address-space cap
(RLIMIT_AS) set on the kernel process alone before any cell runs.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbgrader.preprocessors import LimitOutput
from traitlets import Bool, Integer
from traitlets.config import Config

try:
    import resource
except ImportError:  # Windows: no memory cap
    resource = None  # type: ignore[assignment]

# One thread per numerical library (N workers share N cores), and few malloc arenas: glibc reserves
# 64 MiB of address space per thread otherwise, which a cap on the address space would count.
SMALL_FOOTPRINT = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                   "MALLOC_ARENA_MAX": "2"}
TRUNCATED = "\n... Output truncated (medsome: too many characters) ..."


def can_cap_memory() -> bool:
    """Whether this platform can cap another process's memory (Linux: resource.prlimit)."""
    return hasattr(resource, "prlimit")


def pinned_dirs(environ: dict[str, str]) -> dict[str, str]:
    """The locations that follow HOME, fixed to their current values."""
    home = Path(environ.get("HOME") or Path.home())
    defaults = {
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_DATA_HOME": home / ".local" / "share",
        "IPYTHONDIR": home / ".ipython",
        "JUPYTER_CONFIG_DIR": home / ".jupyter",
        "PYTHONUSERBASE": Path(site.getuserbase()),
    }
    return {name: environ.get(name) or str(path) for name, path in defaults.items()}


def kernel_env(environ: dict[str, str], private: Path) -> dict[str, str]:
    """The kernel's environment: HOME and TMPDIR private, everything else as before."""
    env = {**environ, **pinned_dirs(environ), "HOME": str(private), "TMPDIR": str(private / "tmp")}
    return {**SMALL_FOOTPRINT, **env}


def cap_memory(pid: int, megabytes: int) -> bool:
    """Cap the address space of process `pid`; False if there is no cap to set or no way to."""
    if megabytes <= 0 or not can_cap_memory():
        return False
    limit = megabytes * 2**20
    _, hard = resource.prlimit(pid, resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.prlimit(pid, resource.RLIMIT_AS, (limit, hard))
    return True


class LimitedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run with a private HOME/TMPDIR and capped memory."""

    memory_limit_mb = Integer(0, help="Address-space cap of each kernel in MiB (0: none).").tag(config=True)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        self._private_home = Path(tempfile.mkdtemp(prefix="medsome-kernel-"))
        (self._private_home / "tmp").mkdir()
        kw["env"] = kernel_env(dict(kw.get("env") or os.environ), self._private_home)
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL  # the kernel's own log, not cell output
        await super()._async_launch_kernel(kernel_cmd, **kw)
        cap_memory(self.provisioner.process.pid, self.memory_limit_mb)

    async def cleanup_resources(self, restart: bool = False) -> None:  # type: ignore[override]
        await super().cleanup_resources(restart=restart)
        home = getattr(self, "_private_home", None)
        if home is not None and not restart:
            shutil.rmtree(home, ignore_errors=True)


class LimitOutputSize(Preprocessor):
    """Cut very long stream outputs (LimitOutput counts lines; one huge line passes it)."""

    enabled = Bool(True).tag(config=True)
    max_chars = Integer(100_000, help="Characters kept of each stream output.").tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.text) > self.max_chars:
                output.text = output.text[: self.max_chars] + TRUNCATED
        return cell, resources


def autograde_preprocessors(config: Config) -> list:
    """The course's autograde preprocessors with LimitOutputSize right after LimitOutput."""
    from nbgrader.converters import Autograde

    configured = config.Autograde.get("autograde_preprocessors")
    current = list(configured or Autograde.class_traits()["autograde_preprocessors"].default())
    if LimitOutputSize in current:
        return current
    at = current.index(LimitOutput) + 1 if LimitOutput in current else len(current)
    return [*current[:at], LimitOutputSize, *current[at:]]

"""What a grading kernel may use: a sandbox, a memory cap, a private HOME and TMPDIR, one thread.

Every notebook nbgrader executes gets a LimitedKernelManager (Execute.kernel_manager_class): the
kernel starts with HOME and TMPDIR in a fresh private folder (removed afterwards), numerical
libraries on one thread, few malloc arenas, and an address-space cap (RLIMIT_AS, soft = hard).
Sandboxed (the default), it runs inside sandbox.py's bubblewrap sandbox, talking to nbgrader over
IPC sockets in a private folder, and is interrupted by a message (a signal would not reach it).
Without the sandbox, the folders that derive from HOME (configuration, caches, user site-packages)
are pinned to where they were, and the cap is set on the kernel process right after it starts.
Either way the kernel starts without ipykernel's debugger (kernel_launcher.py) and is used as soon
as it answers (ready_client.py).
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, Type, Unicode

from medsome.grading import cgroups, sandbox
from medsome.grading.kernel_launcher import grading_command
from medsome.grading.ready_client import ReadyClient

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
    """Cap the address space of process `pid`, soft = hard; False if there is no cap or no way to."""
    if megabytes <= 0 or not can_cap_memory():
        return False
    limit = megabytes * 2**20
    _, hard = resource.prlimit(pid, resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.prlimit(pid, resource.RLIMIT_AS, (limit, limit))
    return True


class LimitedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run sandboxed, with a private HOME/TMPDIR and capped memory."""

    client_factory = Type(ReadyClient, help="The kernel client: ready_client.ReadyClient or a subclass.").tag(
        config=True)

    memory_limit_mb = Integer(0, help="Address-space cap of each kernel in MiB (0: none).").tag(config=True)
    sandboxed = Bool(True, help="Run each kernel in sandbox.py's sandbox.").tag(config=True)
    course = Unicode("", help="The course folder being graded (kept out of the sandbox).").tag(config=True)
    scratch_mb = Integer(0, help="Sandboxed: the working folder and HOME on a tmpfs of this many MiB "
                                 "each (0: folders on disk).").tag(config=True)
    cgroup = Bool(True, help="Sandboxed: each kernel in its own control group where one can be made "
                             "(memory, processes, CPU capped for it and its children).").tag(config=True)

    async def _async_pre_start_kernel(self, **kw):  # type: ignore[override]
        if self.sandboxed:
            self._sockets = Path(tempfile.mkdtemp(prefix="medsome-ipc-"))
            self.transport, self.ip = "ipc", str(self._sockets / "kernel")
            self.connection_file = str(self._sockets / "kernel.json")
            self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        kernel_cmd = grading_command(kernel_cmd)
        self._private_home = home = Path(tempfile.mkdtemp(prefix="medsome-kernel-"))
        (home / "tmp").mkdir()
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL  # the kernel's own log, not cell output
        source = dict(kw.get("env") or os.environ)
        if not self.sandboxed:
            kw["env"] = kernel_env(source, home)
            await super()._async_launch_kernel(kernel_cmd, **kw)
            cap_memory(self.provisioner.process.pid, self.memory_limit_mb)
            return
        cwd = Path(kw.get("cwd") or os.getcwd())
        self._handed = [cwd, home, self._sockets]
        uid = sandbox.kernel_uid()
        sandbox.hand_over(self._handed, uid)
        env = sandbox.environment(source, home, SMALL_FOOTPRINT)
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}  # for finding bwrap itself
        scratch = [cwd, home] if self.scratch_mb > 0 else []
        writable = [p for p in self._handed if p not in scratch]
        launch = sandbox.command(kernel_cmd, Path(self.course or os.getcwd()), writable, env, cwd,
                                 self.memory_limit_mb, scratch, self.scratch_mb, uid)
        self._group = cgroups.create(self.memory_limit_mb) if self.cgroup and cgroups.available() is None \
            else None
        self.exhausted: list[str] = []
        await super()._async_launch_kernel([*cgroups.prefix(self._group), *launch] if self._group else launch,
                                           **kw)

    async def _async_kill_kernel(self, restart: bool = False) -> None:
        """Kill the kernel and wait until nothing of its sandbox runs any more."""
        process = getattr(self.provisioner, "process", None)
        inside = sandbox.processes(process.pid) if self.sandboxed and process is not None else []
        await super()._async_kill_kernel(restart=restart)
        sandbox.wait_gone(inside)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        """Remove the kernel's private folders; give its working folder back, links removed."""
        await super()._async_cleanup_resources(restart=restart)
        if restart:
            return
        if (group := getattr(self, "_group", None)) is not None:
            self.exhausted = cgroups.exhausted(group)
            cgroups.remove(group)
            self._group = None
        sandbox.take_back(getattr(self, "_handed", [])[:1])
        for folder in (getattr(self, "_private_home", None), getattr(self, "_sockets", None)):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources  # nbclient calls this name, shutdown_kernel the other

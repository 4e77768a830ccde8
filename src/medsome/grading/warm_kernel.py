"""Phase two's kernels, forked from a warm process: no Python start or library import per notebook.

Phase two runs only trusted code: the released notebook, its hidden tests and the answers written
back as validated literals (two_phase.py); no student code ever reaches it. What its kernel costs
is the start: a new Python, ipykernel and the course library imported again for every notebook.
A zygote process (one per grading worker, `python -m medsome.grading.warm_kernel MODULE ...`)
imports them once, without starting a thread or opening a socket, and forks a fresh kernel for
each notebook: every kernel starts from the same pristine state, serves one notebook and is killed
(nothing a notebook does can reach the next one). Each gets a private HOME and TMPDIR, its own
session and the memory cap, as LimitedKernelManager's unsandboxed kernels do, and dies with the
zygote, which dies with its worker.
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import ctypes
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import psutil
from traitlets import List, Unicode

from medsome.grading.kernel_manager import SMALL_FOOTPRINT, LimitedKernelManager, cap_memory, kernel_env

if TYPE_CHECKING:  # for annotations only: the zygote imports this module, never the course folder
    from medsome.grading.course_folder import Course

# What an IPython kernel imports by the time it answers (its debugger's pydevd included).
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
                  "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.logger",
                  "IPython.core.oinspect", "IPython.extensions.storemagic", "sqlite3")
PR_SET_PDEATHSIG = 1
LAUNCHER = "ipykernel_launcher"


def notebook_imports(sources: list[str]) -> list[str]:
    """The top-level modules the code cells `sources` import (`import a.b`, `from a.b import c`)."""
    found: list[str] = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            found += [n for n in names if n not in found]
    return found


def preloaded_modules(course: Course, assignment: str) -> list[str]:
    """The modules phase two's notebooks import: those of the source's cells other than answers."""
    import nbformat

    from medsome.grading.answers import is_answer_cell

    cells = [c for path in course.source_notebooks(assignment)
             for c in nbformat.read(path, as_version=4).cells]
    return notebook_imports([c.source for c in cells if c.cell_type == "code" and not is_answer_cell(c)])


# --- inside the zygote -------------------------------------------------------------------------

def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent (the zygote) exits."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the kernel's parent poller remains
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _become_kernel(request: dict) -> None:
    """(In the forked child.) Turn into an IPython kernel with `request`'s arguments and folders."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    _die_with_parent()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"], JPY_PARENT_PID=str(os.getppid()))
    tempfile.tempdir = None
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=request["argv"])


def _fork(request: dict) -> int:
    """Fork a kernel for `request`; the child never returns here."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        _become_kernel(request)
        code = 0
    finally:
        os._exit(code)


def serve(modules: list[str]) -> None:
    """The zygote: import `modules`, then fork one kernel per request line read from stdin."""
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]  # as ipykernel_launcher does; the kernel puts its own working folder back
    for name in [*KERNEL_MODULES, *modules]:
        try:
            importlib.import_module(name)
        except Exception:  # the kernel imports it again and shows the error in its cell
            continue
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    _die_with_parent()
    for line in sys.stdin:
        pid = _fork(json.loads(line))
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()


# --- in the grader -----------------------------------------------------------------------------

class Zygote:
    """A warm process that forks kernels; started once per grader process and set of modules."""

    def __init__(self, modules: list[str]) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="medsome-zygote-"))
        (self.home / "tmp").mkdir()
        env = kernel_env(dict(os.environ), self.home)
        env.pop("JPY_PARENT_PID", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "medsome.grading.warm_kernel", *modules], cwd=self.home, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        atexit.register(self.close)

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """The pid of a new kernel started with `argv` (as ipykernel_launcher's), in `cwd`, with `env`."""
        if self.process.poll() is not None:
            raise RuntimeError(f"the warm kernel process exited (code {self.process.returncode})")
        request = {"argv": argv, "cwd": cwd, "env": env}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer.strip().isdigit():
            raise RuntimeError("the warm kernel process did not start a kernel")
        return int(answer)

    def close(self) -> None:
        """Stop the zygote (its kernels die with it) and remove its folder."""
        if self.process.stdin.closed:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()
        shutil.rmtree(self.home, ignore_errors=True)


_zygotes: dict[tuple[str, ...], Zygote] = {}


def zygote(modules: list[str]) -> Zygote:
    """This process's zygote for `modules`, started on first use (and again if it died)."""
    key = tuple(modules)
    if key not in _zygotes or _zygotes[key].process.poll() is not None:
        _zygotes[key] = Zygote(modules)
    return _zygotes[key]


def close_all() -> None:
    """Stop this process's zygotes and their kernels."""
    while _zygotes:
        _zygotes.popitem()[1].close()


class Forked:
    """A forked kernel seen as subprocess.Popen sees a child (it is the zygote's child, not ours)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._process: psutil.Process | None = psutil.Process(pid)
        except psutil.NoSuchProcess:
            self._process = None

    def poll(self) -> int | None:
        """None while the kernel runs; its exit code is not ours to read, so 0 once it has gone."""
        if self.returncode is None and not self._alive():
            self.returncode = 0
        return self.returncode

    def _alive(self) -> bool:
        try:
            return self._process is not None and self._process.is_running() \
                and self._process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    def wait(self, timeout: float | None = None) -> int:
        """Wait until the kernel has exited."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.005)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        """Signal the kernel, if it still runs."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class WarmKernelManager(LimitedKernelManager):
    """Phase two's kernel manager: kernels forked from this worker's zygote, never sandboxed.

    A kernel command other than this Python's ipykernel launcher starts as LimitedKernelManager does.
    """

    preload = List(Unicode(), help="Modules the zygote imports before forking (the course library "
                                   "the notebooks import).").tag(config=True)

    def _forkable(self, kernel_cmd: list[str]) -> bool:
        return len(kernel_cmd) >= 3 and kernel_cmd[1:3] == ["-m", LAUNCHER] \
            and kernel_cmd[0] == sys.executable

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:  # type: ignore[override]
        if self.sandboxed or not self._forkable(kernel_cmd):
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        self._private_home = home = Path(tempfile.mkdtemp(prefix="medsome-kernel-"))
        (home / "tmp").mkdir()
        env = kernel_env({**SMALL_FOOTPRINT, **dict(kw.get("env") or os.environ)}, home)
        cwd = str(kw.get("cwd") or os.getcwd())
        pid = zygote(list(self.preload)).fork(kernel_cmd[3:], cwd, env)
        cap_memory(pid, self.memory_limit_mb)
        provisioner = self.provisioner
        provisioner.process, provisioner.pid, provisioner.pgid, provisioner.cwd = Forked(pid), pid, pid, cwd
        self._reconcile_connection_info(provisioner.connection_info)


if __name__ == "__main__":
    serve(sys.argv[1:])

"""A bubblewrap sandbox around each grading kernel (Linux).

The kernel sees a new root holding only the system's programs and libraries, the Python
environment and the course library read-only, the datasets read-only, and three writable folders:
the student's working folder, a private HOME and the folder of its connection sockets (ZeroMQ over
IPC: the kernel has no network, loopback included). The course folder (source/, the gradebook,
other students), the exchange and the instructor's files are not there at all. It runs in its own
PID, IPC, UTS and network namespaces, in a new session, with an allow-listed environment and an
address-space cap whose soft and hard limits are equal; everything it starts dies with it. Run as
root, bubblewrap sets the sandbox up and the kernel runs as an unnamed user id drawn for it alone
(kernel_uid), under seccomp.py's filter (no keyring, ptrace, mounts or kernel modules); otherwise
bubblewrap needs unprivileged user namespaces and the kernel keeps the grader's user id, seeing
only what the sandbox shows.
"""

from __future__ import annotations

import atexit
import functools
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import psutil

from medsome.grading import seccomp
from medsome.grading.course_folder import GradingError
from medsome.paths import ROOT_ENV, course_root

SANDBOX_UID = 65534  # nobody: the default of the functions below when no kernel id is given
FIRST_KERNEL_UID, KERNEL_UIDS = 200_000, 1_000_000_000  # unnamed ids, one drawn per kernel
KEPT_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64")
ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/fonts",
       "/etc/mime.types", "/etc/nsswitch.conf")
NAMESPACES_AS_ROOT = ("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                      "--unshare-cgroup-try")
NAMESPACES_AS_USER = ("--unshare-all", "--unshare-user")
NO_SANDBOX_HINT = "or pass --no-sandbox to grade without it (the submissions' code then runs as you)"


class SandboxUnavailable(GradingError):
    """The grading sandbox cannot be set up here; the message says what is missing."""


def as_root() -> bool:
    """Whether the grader runs as root (the kernel then runs as SANDBOX_UID)."""
    return os.geteuid() == 0


def _system_args() -> list[str]:
    """The system's programs and libraries, read-only, top-level symlinks kept as symlinks."""
    args: list[str] = []
    for path in SYSTEM:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in ETC:
        args += ["--ro-bind-try", path, path]
    return args


def _contains(folder: Path, path: Path) -> bool:
    return folder == path or folder in path.parents


def library_paths(course: Path) -> list[Path]:
    """What a kernel reads: the Python installation and environment, the import path, the datasets.

    An import-path entry that holds the course folder or the checkout's assignments is left out.
    """
    import medsome

    root = course_root()
    secret = [course.resolve(), (root / "assignments").resolve()]
    wanted = [Path(sys.prefix), Path(sys.base_prefix), Path(medsome.__file__).parent, root / "datasets"]
    wanted += [Path(p) for p in sys.path if p and os.path.isabs(p)]
    found: list[Path] = []
    for path in (p.resolve() for p in wanted if p.is_dir()):
        if not any(_contains(path, s) for s in secret) and not any(_contains(f, path) for f in found):
            found = [f for f in found if not _contains(path, f)] + [path]
    return sorted(found)


def environment(source: dict[str, str], home: Path, extra: dict[str, str]) -> dict[str, str]:
    """The kernel's whole environment: an allow-list, nothing of the grader's secrets."""
    env = {name: source[name] for name in KEPT_ENV if name in source}
    if ROOT_ENV in os.environ:
        env[ROOT_ENV] = str(course_root())
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"])
    return {**env, **extra, "PATH": path, "HOME": str(home), "TMPDIR": str(home / "tmp"),
            "USER": "student", "LOGNAME": "student", "PYTHONDONTWRITEBYTECODE": "1"}


def _folders(paths: Iterable[Path]) -> list[str]:
    """Create each path's parent folders, readable by all (bubblewrap's own are private to root)."""
    made: list[str] = []
    for path in paths:
        for parent in reversed(path.parents[:-1]):
            if str(parent) not in made:
                made.append(str(parent))
    return [arg for folder in made for arg in ("--perms", "0755", "--dir", folder)]


def scratch_args(folders: Iterable[Path], megabytes: int) -> list[str]:
    """Each folder as a fresh tmpfs of at most `megabytes` (with a tmp/ inside), writable by all."""
    size = str(megabytes * 2**20)
    return [arg for folder in folders for arg in (
        "--perms", "01777", "--size", size, "--tmpfs", str(folder), "--perms", "01777", "--dir",
        str(folder / "tmp"))]


def bwrap_args(course: Path, writable: Iterable[Path], env: dict[str, str], cwd: Path,
               scratch: Iterable[Path] = (), scratch_mb: int = 0) -> list[str]:
    """bubblewrap's arguments (after the program name) for a kernel working in `cwd`.

    `scratch` folders are size-capped tmpfs mounts (`scratch_mb` each) instead of folders on disk.
    """
    root = course_root()
    readonly, writable, scratch = library_paths(course), list(writable), list(scratch)
    markers = [root / "course", root / "assignments"]  # medsome.paths finds its root by these
    args = ["--die-with-parent", "--new-session",
            *(NAMESPACES_AS_ROOT if as_root() else NAMESPACES_AS_USER),
            "--proc", "/proc", "--dev", "/dev", *_system_args(),
            *_folders([*readonly, *markers, *writable, *scratch])]
    for path in readonly:
        args += ["--ro-bind", str(path), str(path)]
    for folder in markers:
        args += ["--perms", "0755", "--dir", str(folder)]
    for path in writable:
        args += ["--bind", str(path), str(path)]
    args += scratch_args(scratch, scratch_mb)
    args += ["--remount-ro", "/", "--clearenv"]
    for name, value in env.items():
        args += ["--setenv", name, value]
    return [*args, "--chdir", str(cwd)]


def kernel_uid() -> int:
    """A user id of its own for one kernel (as root): no two kernels share processes, limits or keys."""
    return FIRST_KERNEL_UID + secrets.randbelow(KERNEL_UIDS)


def drop_privileges(uid: int = SANDBOX_UID) -> list[str]:
    """The prefix that runs a command as `uid` without capabilities (used as root)."""
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]


def memory_prefix(megabytes: int) -> list[str]:
    """The prefix that caps the address space, soft = hard, before the sandbox starts."""
    if megabytes <= 0:
        return []
    limit = megabytes * 2**20
    return ["prlimit", f"--as={limit}:{limit}", "--"]


def command(kernel_cmd: list[str], course: Path, writable: Iterable[Path], env: dict[str, str],
            cwd: Path, megabytes: int, scratch: Iterable[Path] = (), scratch_mb: int = 0,
            uid: int = SANDBOX_UID) -> list[str]:
    """The full launch command of a sandboxed kernel, under seccomp.py's filter where one exists."""
    inner = [*drop_privileges(uid), *kernel_cmd] if as_root() else kernel_cmd
    bwrap = ["bwrap", *bwrap_args(course, writable, env, cwd, scratch, scratch_mb)]
    if (filtered := seccomp_filter()) is not None:
        return [*seccomp.prefix(filtered), *memory_prefix(megabytes), *bwrap, "--seccomp", "9", "--", *inner]
    return [*memory_prefix(megabytes), *bwrap, "--", *inner]


@functools.cache
def seccomp_filter() -> Path | None:
    """This machine's compiled seccomp filter, written once per process (None: no filter for it)."""
    try:
        path = seccomp.filter_file()
    except ValueError:
        return None
    atexit.register(path.unlink, missing_ok=True)
    return path


def hand_over(paths: Iterable[Path], uid: int = SANDBOX_UID) -> None:
    """Give the kernel's writable folders to its user `uid` (as root; otherwise nothing to do)."""
    if as_root():
        _chown_tree(paths, uid)


def take_back(paths: Iterable[Path]) -> None:
    """Give the folders back to the grader once the kernel is gone, without the links it left.

    nbgrader writes the graded notebook into the student's folder after the kernel: a symbolic
    link left in its place would make the grader write wherever the link points.
    """
    paths = list(paths)
    if as_root():
        _chown_tree(paths, os.geteuid())
    for top in paths:
        for folder, dirs, files in os.walk(top):
            for name in dirs + files:
                if os.path.islink(os.path.join(folder, name)):
                    os.unlink(os.path.join(folder, name))


def processes(pid: int) -> list[psutil.Process]:
    """The sandbox started as `pid` and every process inside it."""
    try:
        outer = psutil.Process(pid)
        return [outer, *outer.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _running(process: psutil.Process) -> bool:
    """Whether a process still runs; a zombie has exited (and a PID namespace's init only turns
    zombie once everything inside it is gone), whoever reaps it and however slowly."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_gone(inside: list[psutil.Process], seconds: float = 5) -> None:
    """Wait until every process of a killed sandbox has exited, killing stragglers."""
    for attempt in range(2):
        deadline = time.monotonic() + seconds
        while (alive := [p for p in inside if _running(p)]) and time.monotonic() < deadline:
            time.sleep(0.005)
        for process in alive if attempt == 0 else []:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                continue


def _chown_tree(paths: Iterable[Path], uid: int) -> None:
    for top in paths:
        for folder, dirs, files in os.walk(top):
            for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                os.lchown(name, uid, uid)


@functools.cache
def missing() -> str | None:
    """What prevents the sandbox here, in words, or None when a trial sandbox ran."""
    if not sys.platform.startswith("linux"):
        return "the grading sandbox needs Linux (bubblewrap); this is " + sys.platform
    needed = {"bwrap": "bubblewrap (Debian: apt-get install bubblewrap)", "prlimit": "prlimit (util-linux)"}
    if as_root():
        needed["setpriv"] = "setpriv (util-linux)"
    absent = [what for tool, what in needed.items() if shutil.which(tool) is None]
    if absent:
        return f"{', '.join(absent)} not found"
    inner = [*drop_privileges(), "/bin/true"] if as_root() else ["/bin/true"]
    trial = ["bwrap", "--die-with-parent", *(NAMESPACES_AS_ROOT if as_root() else NAMESPACES_AS_USER),
             "--proc", "/proc", "--dev", "/dev", *_system_args(), "--", *inner]
    done = subprocess.run(trial, capture_output=True, text=True, timeout=30, check=False)
    if done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return (f"bubblewrap could not create a sandbox ({why[0]}): it needs root, or unprivileged "
                "user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)")
    return None


def require() -> None:
    """Fail with what is missing unless grading kernels can be sandboxed here."""
    reason = missing()
    if reason is not None:
        raise SandboxUnavailable(f"cannot sandbox the grading kernels: {reason}; install it, "
                                 f"{NO_SANDBOX_HINT}")

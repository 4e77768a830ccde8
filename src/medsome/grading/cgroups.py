"""A control group per grading kernel: memory, processes and CPU capped for the kernel and its children.

Where the grader may create control groups (root, with cgroup v2's memory, pids and cpu
controllers, or cgroup v1's memory, pids and cpu hierarchies), each kernel starts inside its own
group (`prefix` joins it before anything else runs): memory.max (v1: memory.limit_in_bytes),
pids.max and cpu.max (v1: cpu.cfs_quota_us) hold for every process it starts, so a fork storm or
a memory hog exhausts only its own submission's share, and `exhausted` names which limit it hit.
Elsewhere `available` says why not, and the per-process limits (RLIMIT_AS) still apply.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
PIDS = 256  # a notebook needs a few dozen (kernel threads, a subprocess or two)
CPU_PERIOD_US = 100_000


@dataclass(frozen=True)
class Group:
    """One kernel's control group: its folder per controller (one folder with cgroup v2)."""

    folders: tuple[Path, ...]
    unified: bool

    def file(self, name: str) -> Path | None:
        """The control file `name` in whichever folder holds it."""
        return next((f / name for f in self.folders if (f / name).exists()), None)


def _v2() -> bool:
    controllers = ROOT / "cgroup.controllers"
    return controllers.is_file() and {"memory", "pids", "cpu"} <= set(controllers.read_text().split())


def available() -> str | None:
    """None when per-kernel control groups can be made here, else why not."""
    if os.geteuid() != 0:
        return "control groups need root"
    if _v2():
        return None if os.access(ROOT, os.W_OK) else f"{ROOT} is not writable"
    missing = [c for c in ("memory", "pids", "cpu") if not os.access(ROOT / c, os.W_OK)]
    return f"no writable cgroup controllers {', '.join(missing)}" if missing else None


def create(memory_mb: int, cpus: float = 1.0, pids: int = PIDS) -> Group:
    """A new control group with the given caps (memory_mb 0: no memory cap)."""
    name = f"medsome-{uuid.uuid4().hex[:12]}"
    if _v2():
        group = Group((ROOT / name,), unified=True)
        group.folders[0].mkdir()
        limits = {"pids.max": str(pids), "cpu.max": f"{int(cpus * CPU_PERIOD_US)} {CPU_PERIOD_US}"}
        if memory_mb > 0:
            limits.update({"memory.max": str(memory_mb * 2**20), "memory.swap.max": "0"})
    else:
        group = Group(tuple(ROOT / c / name for c in ("memory", "pids", "cpu")), unified=False)
        for folder in group.folders:
            folder.mkdir()
        limits = {"pids.max": str(pids), "cpu.cfs_period_us": str(CPU_PERIOD_US),
                  "cpu.cfs_quota_us": str(int(cpus * CPU_PERIOD_US))}
        if memory_mb > 0:
            limits["memory.limit_in_bytes"] = str(memory_mb * 2**20)
    for key, value in limits.items():
        if (target := group.file(key)) is not None:
            target.write_text(value)
    return group


def prefix(group: Group) -> list[str]:
    """The command prefix that moves itself into `group`, then runs the rest."""
    procs = " ".join(f"'{f / 'cgroup.procs'}'" for f in group.folders)
    return ["/bin/sh", "-c", f'for f in {procs}; do echo $$ > "$f" || exit 125; done; exec "$@"',
            "medsome-cgroup"]


def exhausted(group: Group) -> list[str]:
    """The limits the group's processes ran into, in words ([] when none)."""
    found = []
    events = group.file("pids.events")
    if events is not None and any(line.split()[-1] != "0" for line in events.read_text().splitlines()
                                  if line.startswith("max")):
        found.append(f"the process limit ({PIDS} processes)")
    failcnt, memory_events = group.file("memory.failcnt"), group.file("memory.events")
    counts = [failcnt.read_text().strip()] if failcnt is not None else []
    counts += [line.split()[1] for line in (memory_events.read_text() if memory_events else "").splitlines()
               if line.split()[0] in ("max", "oom")]
    if any(count not in ("", "0") for count in counts):
        found.append("the memory limit")
    return found


def remove(group: Group) -> None:
    """Kill whatever still runs in the group and remove it."""
    for _ in range(50):
        pids = {int(p) for f in group.folders if (f / "cgroup.procs").exists()
                for p in (f / "cgroup.procs").read_text().split()}
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
        time.sleep(0.02)
    for folder in group.folders:
        try:
            folder.rmdir()
        except OSError:  # a process that would not die; the group stays, empty of use
            continue

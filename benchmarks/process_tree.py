"""Run a command and measure its whole process tree: wall time, CPU seconds, peak memory.

CPU seconds are the larger of two counts. Resource usage of children (getrusage) is exact for
every process that was waited for, but a sandboxed kernel is not: bubblewrap is killed when its
notebook is done, and the kernel inside, reparented, is reaped elsewhere. So the tree is also
sampled every 50 ms and each process's own CPU time, as last seen, is summed (a process that lives
less than 50 ms, or the last 50 ms of one, escapes the sampling).
"""

from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_S = 0.05


@dataclass(frozen=True)
class Measured:
    """What one run of a command cost, and what it printed."""

    wall: float
    cpu: float
    peak_mib: float
    returncode: int
    stdout: str


def children_cpu() -> float:
    """User + system CPU seconds of every finished, waited-for descendant so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], cwd: Path | None = None, capture: bool = False) -> Measured:
    """Run `command` to its end, sampling its process tree."""
    start, reaped = time.perf_counter(), children_cpu()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, text=True)
    seen: dict[tuple[int, float], float] = {}
    peak, done = [0], threading.Event()

    def sample() -> None:
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            rss = 0
            for proc in tree:
                try:
                    with proc.oneshot():
                        times = proc.cpu_times()
                        seen[(proc.pid, proc.create_time())] = times.user + times.system
                        rss += proc.memory_info().rss
                except psutil.Error:
                    continue
            peak[0] = max(peak[0], rss)
            time.sleep(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    done.set()
    sampler.join()
    cpu = max(children_cpu() - reaped, sum(seen.values()))
    return Measured(time.perf_counter() - start, cpu, peak[0] / 2**20, process.returncode, stdout or "")

"""Measure what one hub user costs: memory and CPU of a single-user server and of a kernel
running each lesson, on a real JupyterHub started from deploy/jupyterhub_config.py.

Usage: python benchmarks/hub_user.py
Needs JupyterHub and the proxy the hub tests use (bash scripts/test.sh installs them); nothing
else is started. The hub comes from tests/hub/localhub.py, as in the hub tests.
A benchmark, not a test: it prints one JSON line per measurement for docs/deployment.md's
capacity plan, and asserts nothing.
Memory is USS (pages the process alone holds: what one more user adds) and RSS (shared
libraries counted too), sampled every 0.1 s; CPU is user + system seconds.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

from medsome.hub import prepare_course
from medsome.manifest import load_course
from medsome.paths import course_root

sys.path.insert(0, str(course_root() / "tests"))  # the hub tests' own helpers, not the course's
from hub.localhub import Hub, Kernel, free_port, proxy_command, start_hub

USER = "resident-measure"
MIB = 2**20


def user_server_process(name: str) -> psutil.Process:
    """The single-user server process the hub started for `name`."""
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        try:
            if "jupyterhub-singleuser" in cmdline and process.environ().get("JUPYTERHUB_USER") == name:
                return process
        except psutil.Error:
            continue
    raise RuntimeError(f"no single-user server process for {name}")


class Sampler:
    """Peak USS and RSS (MiB) of some processes, sampled in a thread until stopped."""

    def __init__(self, processes: list[psutil.Process]) -> None:
        self.processes, self.peak_uss, self.peak_rss = processes, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            uss = rss = 0
            for process in self.processes:
                try:
                    info = process.memory_full_info()
                    uss, rss = uss + info.uss, rss + info.rss
                except psutil.Error:
                    continue
            self.peak_uss, self.peak_rss = max(self.peak_uss, uss / MIB), max(self.peak_rss, rss / MIB)
            time.sleep(0.1)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def run_lesson(hub: Hub, lesson: Path, server_process: psutil.Process) -> dict:
    """Run every code cell of `lesson` in a new kernel of the user's server; its costs."""
    server = hub.server(USER)
    folder = f"course/lessons/{lesson.parent.name}"
    cells = [c.source for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "code"]
    started = time.monotonic()
    kernel_id = server.request("POST", "api/kernels", json={"name": "python3", "path": folder}).json()["id"]
    kernel_process = next(p for p in server_process.children(recursive=True)
                          if kernel_id in " ".join(p.cmdline()))
    server_cpu = cpu_seconds(server_process)
    kernel = Kernel(server, kernel_id)
    with Sampler([kernel_process]) as kernel_memory, Sampler([server_process]) as server_memory:
        for source in cells:
            kernel.run(source)
        kernel_cpu = cpu_seconds(kernel_process)
    wall = time.monotonic() - started
    server.session.delete(f"{server.url}/api/kernels/{kernel_id}", timeout=60)
    return {"lesson": lesson.parent.name, "cells": len(cells), "wall_s": round(wall, 1),
            "kernel_peak_uss_mib": round(kernel_memory.peak_uss),
            "kernel_peak_rss_mib": round(kernel_memory.peak_rss),
            "kernel_cpu_s": round(kernel_cpu, 1),
            "server_peak_uss_mib": round(server_memory.peak_uss),
            "server_cpu_s_during_lesson": round(cpu_seconds(server_process) - server_cpu, 1)}


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    proxy = proxy_command()
    if proxy is None:
        sys.exit("configurable-http-proxy is not in .hub-tools/: run `bash scripts/test.sh` first")
    base = Path(tempfile.mkdtemp(prefix="medsome-measure-"))
    (base / "state").mkdir()
    prepare_course(base / "course", base / "exchange")
    (base / "roster.toml").write_text(f'instructors = []\nresidents = ["{USER}"]\n', encoding="utf-8")
    port = free_port()
    settings = {
        "MEDSOME_HUB_STATE_DIR": str(base / "state"), "MEDSOME_HUB_BIND_URL": f"http://127.0.0.1:{port}",
        "MEDSOME_HUB_API_PORT": str(free_port()), "MEDSOME_HUB_PROXY_API_PORT": str(free_port()),
        "MEDSOME_HUB_PROXY": str(proxy),
        "MEDSOME_HUB_AUTHENTICATOR": "dummy", "MEDSOME_HUB_ROSTER": str(base / "roster.toml"),
        "MEDSOME_HUB_OPERATOR_TOKEN": secrets.token_hex(32), "MEDSOME_HUB_SPAWNER": "shared-uid",
        "MEDSOME_HUB_HOMES": str(base / "homes"), "MEDSOME_COURSE_ROOT": str(base / "course"),
        "MEDSOME_EXCHANGE_ROOT": str(base / "exchange"),
    }
    hub = start_hub(base / "state", settings, f"http://127.0.0.1:{port}")
    try:
        started = time.monotonic()
        hub.start_servers([USER])
        spawn = time.monotonic() - started
        process = user_server_process(USER)
        time.sleep(2)
        idle = process.memory_full_info()
        print(json.dumps({"server_start_s": round(spawn, 1), "server_idle_uss_mib": round(idle.uss / MIB),
                          "server_idle_rss_mib": round(idle.rss / MIB),
                          "server_start_cpu_s": round(cpu_seconds(process), 1)}))
        for lesson in load_course().lesson_notebooks():
            print(json.dumps(run_lesson(hub, lesson, process)))
    finally:
        hub.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()

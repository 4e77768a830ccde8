"""A real JupyterLab server for browser tests, isolated from the user's own Jupyter state."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from medsome.toolchain import ensure_env_bin_on_path

TOKEN = "medsome-browser-test"
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@dataclass
class Lab:
    """A running server: where it listens, what it serves, and its process."""

    url: str
    root: Path
    process: subprocess.Popen

    def page_url(self, path: str) -> str:
        """The URL that opens `path` (relative to root) in a freshly reset JupyterLab."""
        return f"{self.url}/lab/tree/{path}?reset&token={TOKEN}"

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(state: Path) -> dict[str, str]:
    env = ensure_env_bin_on_path(dict(os.environ))
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                 "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(state / name.lower())
    settings = state / "jupyterlab_settings_dir"
    for relative, values in USER_SETTINGS.items():
        (settings / relative).parent.mkdir(parents=True, exist_ok=True)
        (settings / relative).write_text(json.dumps(values), encoding="utf-8")
    return env


def _warm_up_kernel(lab: Lab) -> None:
    """Start and stop one kernel, so the first test does not pay for a cold start."""
    request = urllib.request.Request(f"{lab.url}/api/kernels?token={TOKEN}", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        kernel = json.load(response)["id"]
    time.sleep(2)
    delete = urllib.request.Request(f"{lab.url}/api/kernels/{kernel}?token={TOKEN}", method="DELETE")
    urllib.request.urlopen(delete, timeout=60).close()


def start_lab(root: Path, state: Path, log: Path) -> Lab:
    """Start `jupyter lab` on 127.0.0.1 serving `root`; wait until it answers."""
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={root}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    handle = log.open("w")
    process = subprocess.Popen(command, cwd=root, env=_environment(state), stdout=handle,
                               stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", root, process)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited: see {log}")
        try:
            with urllib.request.urlopen(f"{lab.url}/api/status?token={TOKEN}", timeout=2):
                _warm_up_kernel(lab)
                return lab
        except OSError:
            time.sleep(0.5)
    lab.stop()
    raise RuntimeError(f"jupyter lab did not answer within 90 s: see {log}")

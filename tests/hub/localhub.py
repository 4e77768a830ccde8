"""A real JupyterHub (deploy/jupyterhub_config.py) on 127.0.0.1, and clients for its REST API,
for one user's single-user server (Jupyter's and nbgrader's HTTP APIs) and for a kernel in it.

For the hub tests (tests/hub) and the per-user benchmark (benchmarks/hub_user.py), not the course:
it needs the checkout's deploy/ and the proxy `bash scripts/test.sh` installs into .hub-tools/.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psutil
import requests

from medsome.paths import course_root
from medsome.toolchain import ensure_env_bin_on_path, env_bin

# in the checkout (medsome.paths.course_root)
CONFIG = Path("deploy") / "jupyterhub_config.py"
PROXY = Path(".hub-tools") / "node_modules" / ".bin" / "configurable-http-proxy"
START_S = 90
SPAWN_S = 150


def proxy_command() -> Path | None:
    """configurable-http-proxy from the project's .hub-tools/ (scripts/test.sh installs it)."""
    proxy = course_root() / PROXY
    return proxy if proxy.exists() else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalHubError(AssertionError):
    """The hub or a server did not do what the test or benchmark asked."""


def _check(response: requests.Response, what: str) -> requests.Response:
    if response.status_code >= 400:
        raise LocalHubError(f"{what}: HTTP {response.status_code}: {response.text[:2000]}")
    return response


@dataclass
class Hub:
    """A running JupyterHub: its public URL, the operator service's token, process and log."""

    url: str
    token: str
    process: subprocess.Popen[bytes]
    log: Path
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.trust_env = False  # never through a proxy from the environment
        self.session.headers["Authorization"] = f"token {self.token}"

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the hub's REST API as the operator service."""
        return _check(self.session.request(method, f"{self.url}/hub/api/{path}", timeout=60, **kwargs),
                      f"{method} /hub/api/{path}")

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def start_servers(self, names: list[str]) -> None:
        """Ask the hub to start each user's server, then wait until all are ready."""
        for name in names:
            self.api("POST", f"users/{name}/server")
        deadline = time.monotonic() + SPAWN_S
        waiting = set(names)
        while waiting and time.monotonic() < deadline:
            for name in sorted(waiting):
                server = self.api("GET", f"users/{name}").json().get("servers", {}).get("", {})
                if server.get("ready"):
                    waiting.discard(name)
            time.sleep(0.5)
        if waiting:
            raise LocalHubError(f"servers of {sorted(waiting)} not ready within {SPAWN_S} s:\n"
                                f"{self.log_tail()}")

    def user_token(self, name: str) -> str:
        """A short-lived API token of `name`'s own, allowed to use that user's server only."""
        body = {"note": "end-to-end test", "expires_in": 900, "scopes": [f"access:servers!user={name}"]}
        return self.api("POST", f"users/{quote(name)}/tokens", json=body).json()["token"]

    def server(self, name: str) -> UserServer:
        return UserServer(f"{self.url}/user/{quote(name)}", self.user_token(name))

    def stop(self) -> list[int]:
        """SIGTERM: the hub stops the users' servers and its proxy. Kill what outlives it and
        return those processes (none, when the hub cleaned up as configured)."""
        family = [self.process.pid]
        with contextlib.suppress(psutil.NoSuchProcess):
            family += [p.pid for p in psutil.Process(self.process.pid).children(recursive=True)]
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return kill_left(family)


def kill_left(pids: list[int]) -> list[int]:
    """Kill the processes of `pids` still alive (a server or proxy left behind); return them."""
    alive = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE:
                process.kill()
                alive.append(pid)
        except psutil.NoSuchProcess:
            continue
    return alive


def start_hub(state: Path, settings: dict[str, str], url: str) -> Hub:
    """Start `jupyterhub -f deploy/jupyterhub_config.py` with MEDSOME_* settings; wait for its API."""
    env = ensure_env_bin_on_path(dict(os.environ))
    for name in [k for k in env if k.startswith(("MEDSOME_", "JUPYTER"))]:
        env.pop(name)
    env.update(settings)
    token = settings["MEDSOME_HUB_OPERATOR_TOKEN"]
    log = state / "jupyterhub.log"
    with log.open("wb") as out:
        command = [str(env_bin() / "jupyterhub"), "-f", str(course_root() / CONFIG)]
        process = subprocess.Popen(command, cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT)
    hub = Hub(url, token, process, log)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LocalHubError(f"jupyterhub exited with {process.returncode}:\n{hub.log_tail()}")
        try:
            if hub.session.get(f"{url}/hub/api/", timeout=2).status_code == 200:
                return hub
        except requests.RequestException:
            pass
        time.sleep(0.3)
    hub.stop()
    raise LocalHubError(f"jupyterhub did not answer within {START_S} s:\n{hub.log_tail()}")


@dataclass
class UserServer:
    """One user's single-user server, reached through the hub's proxy with that user's token."""

    url: str
    token: str
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.trust_env = False
        self.session.headers["Authorization"] = f"token {self.token}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        return _check(self.session.request(method, f"{self.url}/{path}", timeout=120, **kwargs),
                      f"{method} {self.url}/{path}")

    # nbgrader's assignment list: what the Lab "Assignments" panel calls
    def assignments(self, course: str) -> list[dict]:
        return _nbgrader_value(self.request("GET", "assignments", params={"course_id": course}).json())

    def assignment_action(self, action: str, course: str, assignment: str) -> list[dict]:
        """fetch, submit or fetch_feedback; the assignment list afterwards."""
        body = {"course_id": course, "assignment_id": assignment}
        return _nbgrader_value(self.request("POST", f"assignments/{action}", data=body).json())

    # Jupyter's contents API
    def read_notebook(self, path: str) -> dict:
        return self.request("GET", f"api/contents/{quote(path)}", params={"content": "1"}).json()["content"]

    def write_notebook(self, path: str, notebook: dict) -> None:
        self.request("PUT", f"api/contents/{quote(path)}",
                     json={"type": "notebook", "format": "json", "content": notebook})

    def read_text(self, path: str) -> str:
        body = self.request("GET", f"api/contents/{quote(path)}",
                            params={"content": "1", "type": "file", "format": "text"}).json()
        return body["content"]

    @contextlib.contextmanager
    def kernel(self) -> Iterator[Kernel]:
        """A new kernel of this server, shut down afterwards."""
        kernel = self.request("POST", "api/kernels", json={"name": "python3"}).json()["id"]
        try:
            yield Kernel(self, kernel)
        finally:
            self.session.delete(f"{self.url}/api/kernels/{kernel}", timeout=60)


@dataclass
class Kernel:
    """A kernel in a user's server, driven over its websocket as JupyterLab does."""

    server: UserServer
    id: str

    def run(self, code: str, timeout: float = 300) -> str:
        """Run `code`; its stdout (fails on an error or on output to stderr).

        The websocket client runs its own event loop in a thread: the test's thread may already
        have one running (Playwright's sync API keeps one for the whole session).
        """
        execution = _execute(self.server.url, self.server.token, self.id, code, timeout)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, execution).result()


def _nbgrader_value(body) -> list[dict]:
    if isinstance(body, dict) and not body.get("success", False):
        raise LocalHubError(f"nbgrader's server extension failed: {body.get('value')}")
    return body["value"] if isinstance(body, dict) else body


async def _execute(url: str, token: str, kernel: str, code: str, timeout: float) -> str:
    """Send one execute_request over the kernel's websocket and gather its stdout."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    ws_url = url.replace("http://", "ws://", 1) + f"/api/kernels/{kernel}/channels"
    socket = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}))
    msg_id = uuid.uuid4().hex
    socket.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                   "session": uuid.uuid4().hex, "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    stdout, problems, done = [], [], False
    deadline = time.monotonic() + timeout
    try:
        while not done:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LocalHubError(f"kernel code did not finish within {timeout} s; stdout so far:\n"
                               + "".join(stdout))
            raw = await asyncio.wait_for(socket.read_message(), remaining)
            if raw is None:
                raise LocalHubError("the kernel's websocket closed before the code finished")
            if isinstance(raw, bytes):  # a message with binary buffers (widget state): not ours
                continue
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["header"]["msg_type"], message["content"]
            if kind == "stream":
                (stdout if content["name"] == "stdout" else problems).append(content["text"])
            elif kind == "error":
                problems.append("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                done = True
    finally:
        socket.close()
    if problems:
        raise LocalHubError("kernel code failed:\n" + "".join(problems) + "\nstdout:\n" + "".join(stdout))
    return "".join(stdout)

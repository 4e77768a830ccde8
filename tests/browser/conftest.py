"""Browser-test fixtures: JupyterLab servers on temporary copies, Chromium, failure artifacts.

Facts these rely on are in /work/shared/notes/browser-testing.md: --allow-root, alembic on PATH,
isolated JUPYTER_* folders, `?reset`, the news toast, windowingMode "none", the Run All flake.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from nbformat.sign import NotebookNotary
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import COURSE, ROOT, skip_or_fail_in_ci
from medsome.cli import learner_environment
from medsome.toolchain import ensure_env_bin_on_path
from medsome.workspace import prepare_workspace

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]
SERVER_START_S = 90
USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none", "autoStartDefaultKernel": True},
}
# The learner's config turns the news toast off by itself; the instructor's server needs it here.
INSTRUCTOR_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}
STATE_DIRS = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
              "JUPYTERLAB_SETTINGS_DIR": "settings", "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
              "IPYTHONDIR": "ipython"}
SOLVED_PREFIX = "solved_"

# The workspace's notebooks, known at collection time: prepare_workspace copies every lesson
# folder to lessons/ and builds one student notebook per assignment source (tests check they exist).
WORKSPACE_LESSONS = sorted(f"lessons/{p.parent.name}/{p.name}" for p in COURSE.lesson_notebooks())
WORKSPACE_ASSIGNMENTS = sorted(f"assignments/{p.parent.name}/{p.name}"
                               for p in COURSE.assignment_notebooks())

log = logging.getLogger(__name__)
PHASE_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


# --- Chromium -------------------------------------------------------------------------------------

@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    """Skip without Debian's chromium, except in CI, where a skip would hide untested code."""
    if CHROMIUM.exists():
        return
    skip_or_fail_in_ci(f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium",
                       "browser tests")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's chromium (Playwright adds --no-sandbox, which root needs); no network."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: tests use absolute server URLs (this also replaces pytest-playwright's fallback
    fixture, which pytest 9 warns about)."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A tall window, so more of a notebook is visible in failure screenshots."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1000}}


# --- JupyterLab servers -----------------------------------------------------------------------------

@dataclass
class JupyterServer:
    """A running `jupyter lab`: its address, token, root folder, process and log file."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]
    log: Path

    def lab(self, path: str) -> str:
        """The URL opening `path` (relative to root) in a reset JupyterLab workspace."""
        return f"{self.url}/lab/tree/{quote(path)}?reset&token={self.token}"

    def page(self, path: str) -> str:
        """The URL of any other page of the server, e.g. "formgrader"."""
        return f"{self.url}/{path}?token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM (the server shuts its kernels down with it); kill if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _isolated_env(state: Path, learner: bool) -> dict[str, str]:
    """os.environ with the venv's bin/ first on PATH (alembic) and Jupyter's state under `state`.

    A learner's server gets the configuration `medsome start` gives it; an instructor's does not.
    """
    env = learner_environment(dict(os.environ)) if learner else ensure_env_bin_on_path(dict(os.environ))
    for var, name in STATE_DIRS.items():
        (state / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(state / name)
    for relative, values in {**USER_SETTINGS, **({} if learner else INSTRUCTOR_SETTINGS)}.items():
        path = state / STATE_DIRS["JUPYTERLAB_SETTINGS_DIR"] / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env.pop("JUPYTER_TOKEN", None)
    return env


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_server(root: Path, state: Path, learner: bool) -> JupyterServer:
    """Start `jupyter lab` serving `root` (also its cwd) on a free port; wait for /api/status."""
    token = secrets.token_hex(16)
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = _isolated_env(state, learner)
    log = state / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = JupyterServer(f"http://127.0.0.1:{port}", token, root, process, log)
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}")
        if _answers(f"{server.url}/api/status?token={token}"):
            return server
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_S} s:\n{server.log_tail()}")


@pytest.fixture(scope="session")
def workspace_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """The learner's JupyterLab (as `medsome start` runs it) on a fresh workspace, with solved copies.

    A solved copy, `solved_<id>.ipynb` next to each assignment, is the assignment's source notebook:
    solutions in place, nbgrader metadata intact.
    """
    base = tmp_path_factory.mktemp("workspace-server")
    root = base / "workspace"
    with pytest.MonkeyPatch.context() as env:  # signed as trusted where this server looks
        env.setenv("JUPYTER_DATA_DIR", str(base / "state" / STATE_DIRS["JUPYTER_DATA_DIR"]))
        prepare_workspace(root)
        with NotebookNotary() as notary:  # as a learner's saved work is: JupyterLab signs what it saves
            for source in COURSE.assignment_notebooks():
                solved = root / "assignments" / source.parent.name / f"{SOLVED_PREFIX}{source.name}"
                shutil.copy2(source, solved)
                notary.sign(nbformat.read(solved, as_version=4))
    server = start_server(root, base / "state", learner=True)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def course_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """The instructor's JupyterLab, whose root and cwd are a copy of the nbgrader course (config, source/)."""
    base = tmp_path_factory.mktemp("course-server")
    root = base / "course"
    root.mkdir()
    shutil.copy2(ROOT / "assignments" / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "assignments" / "source", root / "source")
    server = start_server(root, base / "state", learner=False)
    yield server
    server.stop()


# --- Failure artifacts -------------------------------------------------------------------------------

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Keep each phase's report on the item, for the artifacts fixture to read."""
    report: pytest.TestReport = yield
    item.stash.setdefault(PHASE_REPORTS, {})[report.when] = report
    return report


def _artifact_name(nodeid_name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", nodeid_name).strip("_")


@pytest.fixture(autouse=True)
def console_messages(request: pytest.FixtureRequest, page: Page) -> Iterator[list[str]]:
    """The page's console; on failure, save a screenshot and this log to test-artifacts/browser/."""
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"[{m.type}] {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"[pageerror] {e}"))
    yield messages
    reports = request.node.stash.get(PHASE_REPORTS, {})
    if not any(report.failed for report in reports.values()):
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = _artifact_name(request.node.name)
    (ARTIFACTS / f"{stem}.console.log").write_text("\n".join(messages) + "\n", encoding="utf-8")
    try:
        page.screenshot(path=ARTIFACTS / f"{stem}.png", full_page=True, timeout=15_000)
    except PlaywrightError as error:  # a crashed page: the console log is still worth having
        (ARTIFACTS / f"{stem}.png.error.txt").write_text(str(error), encoding="utf-8")


# --- Driving a notebook ------------------------------------------------------------------------------

CODE_CELLS = ".jp-NotebookPanel .jp-Notebook .jp-CodeCell"
KERNEL_STATUS = ".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator"
NOT_RUN_JS = """cells => [...document.querySelectorAll(cells + ' .jp-InputArea-prompt')]
  .every(p => /^\\[ ?\\]:?$/.test(p.textContent.trim()))"""
STARTED_JS = """cells => [...document.querySelectorAll(cells + ' .jp-InputArea-prompt')]
  .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
# Cells with no code keep `[ ]:` when run, so only cells with source must show a number.
ALL_RAN_JS = """cells => {
  const withCode = [...document.querySelectorAll(cells)]
    .filter(c => (c.querySelector('.cm-content')?.textContent ?? 'x').trim() !== '');
  return withCode.length > 0 && withCode.every(
    c => /^\\[\\d+\\]:?$/.test(c.querySelector('.jp-InputArea-prompt').textContent.trim()));
}"""
# ipywidgets' outputs carry no data-mime-type; each holds a .jupyter-widgets view once drawn.
WIDGETS_DRAWN_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output:not([data-mime-type])')]
  .every(o => o.querySelector('.jupyter-widgets') !== null)"""
ERROR_OUTPUTS = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def wait_for_idle(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the notebook has a kernel and it is idle."""
    expect(page.locator(".jp-NotebookPanel-toolbar .jp-KernelName")).not_to_have_text(
        re.compile(r"^\s*(No Kernel)?\s*$"), timeout=timeout_ms)
    expect(page.locator(KERNEL_STATUS)).to_have_attribute("data-status", "idle", timeout=timeout_ms)


def open_notebook(page: Page, url: str) -> None:
    """Open a notebook URL and wait until its cells are drawn and its kernel is idle."""
    page.goto(url)
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    wait_for_idle(page)


def click_menu(page: Page, menu: str, item: str) -> None:
    """Click menu bar `menu`, then its enabled entry `item` (exact labels)."""
    page.keyboard.press("Escape")  # close a menu a previous attempt may have left open
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                 has_text=re.compile(rf"^{re.escape(item)}$")).click()


def run_all(page: Page, timeout_ms: int = 120_000, attempts: int = 3) -> None:
    """Run > Run All Cells until every code cell shows a number and the kernel is idle.

    Under load the menu click occasionally starts nothing (prompts stay `[ ]:`): click again.
    The notebook must not have run yet, or old numbers would pass for new ones.
    """
    assert page.evaluate(NOT_RUN_JS, CODE_CELLS), "run_all needs a notebook whose cells have not run"
    for attempt in range(1, attempts + 1):
        click_menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(STARTED_JS, arg=CODE_CELLS, timeout=5_000)
            break
        except PlaywrightTimeoutError:
            log.warning("Run All Cells started nothing (attempt %d of %d)", attempt, attempts)
    else:
        raise AssertionError(f"Run > Run All Cells started no cell in {attempts} attempts")
    try:
        page.wait_for_function(ALL_RAN_JS, arg=CODE_CELLS, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        prompts = page.locator(f"{CODE_CELLS} .jp-InputArea-prompt").all_inner_texts()
        raise AssertionError(f"not every code cell ran within {timeout_ms} ms: {prompts}") from None
    wait_for_idle(page, timeout_ms)


def wait_for_widgets(page: Page, timeout_ms: int = 30_000) -> None:
    """Wait until every widget output shows a view (a working one, or ipywidgets' error icon)."""
    page.wait_for_function(WIDGETS_DRAWN_JS, timeout=timeout_ms)


def error_outputs(page: Page) -> list[str]:
    """Outputs showing an error: stderr and tracebacks, widgets that failed to display or render."""
    found = page.locator(ERROR_OUTPUTS).all_inner_texts()
    outputs = page.locator(".jp-OutputArea-output")
    for marker in ("Traceback (most recent call last)", "Error displaying widget"):
        found += outputs.filter(has_text=marker).all_inner_texts()
    for broken in page.locator(".jp-OutputArea-output .jupyter-widgets-error-widget").all():
        broken.click()  # ipywidgets shows the JavaScript error behind its broken-widget icon on click
        found.append(f"a widget failed to render: {broken.inner_text()}")
    return found

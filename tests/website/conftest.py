"""Site-test fixtures: the website and handouts built once per session, served on 127.0.0.1."""

from __future__ import annotations

import fcntl
import functools
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser.conftest import CHROMIUM, CHROMIUM_ARGS

from conftest import ROOT, skip_or_fail_in_ci
from medsome.site.build import SiteBuild

AXE = ROOT / ".browser-tools" / "node_modules" / "axe-core" / "axe.min.js"


def _require(path: Path, install: str) -> None:
    """Skip without a tool, except in CI."""
    if not path.exists():
        skip_or_fail_in_ci(f"{path} is missing: {install}", "site tests")


def _build(out: Path) -> None:
    """`medsome site build`, the instructor edition (every page of the public one, plus the facilitator
    guides and handouts), into `out`, noting how long it took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "medsome.cli", "site", "build", "--instructor", "--out", str(out)],
                   check=True)
    (out / "seconds.txt").write_text(f"{time.monotonic() - started:.1f}", encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> SiteBuild:
    """`medsome site build` into a temporary folder, once for the whole run.

    It runs in a process of its own: the build prints the handouts with Playwright's sync API, which
    cannot start inside the Playwright the browser tests of the same session already run. Under
    pytest-xdist the workers share one build, made by the first that needs it while the others wait on
    its lock, so the site tests spread over both workers."""
    _require(CHROMIUM, "apt-get install -y --no-install-recommends chromium")
    # the run's temporary folder, which every worker's own folder is in (it is this session's without xdist)
    run = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out = run / "site"
    with (run / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "seconds.txt").is_file():  # written last: a build that failed is tried again
            shutil.rmtree(out, ignore_errors=True)
            _build(out)
    html = out / "html"
    seconds = float((out / "seconds.txt").read_text(encoding="utf-8"))
    return SiteBuild(html, sorted((html / "handouts").glob("*.pdf")), seconds)


@pytest.fixture(scope="session")
def site_url(site: SiteBuild) -> Iterator[str]:
    """The built website served over HTTP on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site.html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on the test output."""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from npm into .browser-tools/ by scripts/test.sh."""
    _require(AXE, "npm install --prefix .browser-tools axe-core@4")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium with the browser tests' arguments (no background network)."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: the tests use the served site's absolute URLs."""
    return None

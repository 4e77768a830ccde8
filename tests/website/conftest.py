"""Site-test fixtures: the website and handouts built once per session, served on 127.0.0.1."""

from __future__ import annotations

import functools
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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """`medsome site build` into a temporary folder, once for the whole session.

    It runs in a process of its own: the build prints the handouts with Playwright's sync API, which
    cannot start inside the Playwright the browser tests of the same session already run."""
    _require(CHROMIUM, "apt-get install -y --no-install-recommends chromium")
    out = tmp_path_factory.mktemp("site")
    started = time.monotonic()
    # the instructor edition: every page of the public one, plus the facilitator guides and handouts
    subprocess.run([sys.executable, "-m", "medsome.cli", "site", "build", "--instructor", "--out", str(out)],
                   check=True)
    html = out / "html"
    return SiteBuild(html, sorted((html / "handouts").glob("*.pdf")), time.monotonic() - started)


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

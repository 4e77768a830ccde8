"""Fixtures for browser tests: Chromium, a learner's workspace served by JupyterLab, artifacts."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import ROOT
from medsome.workspace import prepare_workspace
from ui.lab import Lab, start_lab

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is a browser test; without Chromium they skip, except in CI."""
    for item in items:
        if "tests/ui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists() and os.environ.get("CI") != "true":
                item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        pytest.fail("CI must run the browser tests: install Debian's chromium (scripts/test.sh does)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": [
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-gpu"]}


@pytest.fixture(scope="session")
def workspace_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab on a fresh learner workspace, plus a solved copy of each assignment."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "workspace"
    prepare_workspace(root)
    for source in (ROOT / "assignments" / "source").glob("*/*.ipynb"):
        shutil.copy(source, root / "assignments" / source.parent.name / f"solved_{source.name}")
    lab = start_lab(root, base / "state", base / "server.log")
    yield lab
    lab.stop()


@pytest.fixture(scope="session")
def instructor_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab on a copy of the nbgrader course root, as an instructor would run it."""
    base = tmp_path_factory.mktemp("instructor")
    root = base / "course"
    root.mkdir()
    shutil.copy(ROOT / "assignments" / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "assignments" / "source", root / "source")
    lab = start_lab(root, base / "state", base / "server.log")
    yield lab
    lab.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def lab_page(page: Page, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page whose console is recorded; on failure, a screenshot and the log are saved."""
    console: list[str] = []
    page.on("console", lambda message: console.append(f"[{message.type}] {message.text}"))
    page.set_default_timeout(30_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.console.log").write_text("\n".join(console), encoding="utf-8")

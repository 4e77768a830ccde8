"""The hub in a browser (Debian's Chromium): instructors' formgrader in its own tab, residents'
Assignments panel in JupyterLab, each after logging in on the hub's own login page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

from conftest import ROOT, skip_or_fail_in_ci

from .conftest import CALL_FAILED, INSTRUCTOR, RESIDENTS, Deployment

pytestmark = pytest.mark.hub  # drives the hub in Chromium too

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "hub"
ASSIGNMENT = "02_identification"


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, from pytest-playwright's Playwright; skipped without it, except in CI."""
    if not CHROMIUM.exists():
        skip_or_fail_in_ci(f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium",
                           "hub's browser tests")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--disable-quic"])
    yield browser
    browser.close()


@pytest.fixture
def tab(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Page]:
    """A fresh browser context; on failure its screenshot is kept in test-artifacts/hub/."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    if request.node.stash.get(CALL_FAILED, False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


def log_in(page: Page, hub_url: str, name: str) -> None:
    """Log in on the hub's login page; the hub then opens the user's JupyterLab."""
    page.goto(f"{hub_url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", "any password: the test hub's authenticator is the dummy one")
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/lab"), timeout=60_000)


def test_instructors_formgrader_in_its_own_tab(deployment: Deployment, tab: Page) -> None:
    log_in(tab, deployment.hub.url, INSTRUCTOR)
    tab.goto(f"{deployment.hub.url}/user/{INSTRUCTOR}/formgrader")
    expect(tab.get_by_role("heading", name="Manage Assignments")).to_be_visible(timeout=30_000)
    expect(tab.get_by_role("link", name=ASSIGNMENT, exact=True)).to_be_visible(timeout=30_000)


def test_residents_assignments_panel(deployment: Deployment, tab: Page) -> None:
    log_in(tab, deployment.hub.url, RESIDENTS[0])
    tab.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Nbgrader$")).click()
    tab.locator(".lm-Menu-itemLabel", has_text=re.compile("^Assignment List$")).click()
    for section in ("Released assignments", "Downloaded assignments", "Submitted assignments"):
        expect(tab.get_by_text(section, exact=True)).to_be_visible(timeout=30_000)
    menu = tab.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Nbgrader$"))
    menu.click()
    assert tab.locator(".lm-Menu-itemLabel").all_inner_texts()[:1] == ["Assignment List"]
    assert "Formgrader" not in tab.locator(".lm-Menu-itemLabel").all_inner_texts()

"""An instructor's formgrader loads on the nbgrader course and lists every assignment in source/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import ASSIGNMENT_IDS

from .conftest import JupyterServer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def test_formgrader_lists_the_assignments(page: Page, course_server: JupyterServer) -> None:
    page.goto(course_server.page("formgrader"))
    expect(page).to_have_url(re.compile(r"/formgrader/manage_assignments"))
    expect(page.get_by_role("heading", name="Manage Assignments")).to_be_visible()
    names = page.locator("#main-table td.name")
    expect(names).to_have_count(len(ASSIGNMENT_IDS), timeout=30_000)
    for assignment in ASSIGNMENT_IDS:
        expect(names.filter(has_text=re.compile(rf"^{re.escape(assignment)}$"))).to_have_count(1)
    assert (course_server.root / "gradebook.db").is_file(), "the formgrader created no gradebook"

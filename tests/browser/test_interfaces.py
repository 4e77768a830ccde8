"""The learner's JupyterLab has no instructor tools and shows Validate on assignments only; the
instructor's keeps the formgrader, the assignment creator and Validate everywhere."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import WORKSPACE_ASSIGNMENTS, WORKSPACE_LESSONS, JupyterServer, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
VALIDATE = ".jp-NotebookPanel-toolbar .validate-button"
NEWS_TOAST = ".Toastify__toast"


def _menu_items(page: Page, menu: str) -> list[str]:
    """The labels of a menu bar menu's entries (empty when the menu is missing)."""
    bar = page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$"))
    if bar.count() == 0:
        return []
    bar.click()
    labels = page.locator(".lm-Menu .lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    return [label.strip() for label in labels if label.strip()]


def test_the_learner_sees_no_instructor_tools(page: Page, workspace_server: JupyterServer) -> None:
    open_notebook(page, workspace_server.lab(WORKSPACE_LESSONS[0]))
    expect(page.locator(VALIDATE)).to_be_hidden()
    assert "Formgrader" not in _menu_items(page, "Nbgrader")
    assert "Course List" not in _menu_items(page, "Nbgrader")
    expect(page.get_by_role("tab", name="Create Assignment")).to_have_count(0)
    expect(page.locator(NEWS_TOAST)).to_have_count(0)
    response = page.request.get(workspace_server.page("formgrader"))
    assert response.status == 404, f"the learner's server serves the formgrader ({response.status})"


def test_the_learner_sees_validate_on_an_assignment(page: Page, workspace_server: JupyterServer) -> None:
    open_notebook(page, workspace_server.lab(WORKSPACE_ASSIGNMENTS[0]))
    expect(page.locator(VALIDATE)).to_be_visible(timeout=15_000)


def test_the_instructor_keeps_the_tools(page: Page, course_server: JupyterServer) -> None:
    notebook = sorted(p.relative_to(course_server.root).as_posix()
                      for p in (course_server.root / "source").glob("*/*.ipynb"))[0]
    open_notebook(page, course_server.lab(notebook))
    expect(page.locator(VALIDATE)).to_be_visible()
    assert {"Formgrader", "Course List"} <= set(_menu_items(page, "Nbgrader"))
    expect(page.get_by_role("tab", name="Create Assignment")).to_have_count(1)
    response = page.request.get(course_server.page("formgrader"))
    assert response.ok, f"the instructor's formgrader answered {response.status}"

"""nbgrader's Validate button in JupyterLab: it fails the untouched student version, passes a solved copy."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import SOLVED_PREFIX, WORKSPACE_ASSIGNMENTS, JupyterServer, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
VALIDATE_MS = 120_000  # nbgrader runs the whole notebook in a kernel of its own


def validate(page: Page) -> Locator:
    """Press the toolbar's Validate button; return the result dialog's message once it shows."""
    page.locator(".jp-NotebookPanel-toolbar .validate-button").click()
    message = page.locator(".jp-Dialog #validation-message")
    expect(message).to_be_visible(timeout=VALIDATE_MS)
    return message


def _solved(notebook: str) -> str:
    path = PurePosixPath(notebook)
    return str(path.with_name(SOLVED_PREFIX + path.name))


def _id(notebook: str) -> str:
    return PurePosixPath(notebook).parent.name


@pytest.mark.parametrize("notebook", WORKSPACE_ASSIGNMENTS, ids=_id)
def test_validate_fails_on_the_untouched_student_version(
    page: Page, workspace_server: JupyterServer, notebook: str
) -> None:
    assert (workspace_server.root / notebook).is_file(), f"prepare_workspace did not create {notebook}"
    open_notebook(page, workspace_server.lab(notebook))
    message = validate(page)
    expect(message).to_have_class(re.compile(r"\bvalidation-failed\b"))
    expect(message).to_contain_text("CheckFailed")  # an unanswered exercise fails its check in plain words
    assert "Traceback" not in message.inner_text(), "a failed check is one line, not a traceback"


@pytest.mark.parametrize("notebook", WORKSPACE_ASSIGNMENTS, ids=_id)
def test_validate_passes_on_a_solved_copy(
    page: Page, workspace_server: JupyterServer, notebook: str
) -> None:
    solved = _solved(notebook)
    assert (workspace_server.root / solved).is_file(), f"the workspace fixture did not create {solved}"
    open_notebook(page, workspace_server.lab(solved))
    message = validate(page)
    expect(message).to_have_class(re.compile(r"\bvalidation-success\b"))
    expect(message).to_have_text("Success! Your notebook passes all the tests.")

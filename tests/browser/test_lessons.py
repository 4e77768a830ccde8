"""Every lesson of the learner's workspace runs in JupyterLab, and one of its widgets responds."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import (
    WORKSPACE_LESSONS,
    JupyterServer,
    error_outputs,
    open_notebook,
    run_all,
    wait_for_widgets,
)
from .interactions import INTERACTIONS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def _assert_no_errors(page: Page, console_messages: list[str], notebook: str) -> None:
    errors = error_outputs(page)
    console_errors = [m for m in console_messages if m.startswith(("[error]", "[pageerror]"))]
    assert not errors, f"{notebook} shows errors: {errors}\nconsole errors: {console_errors}"


@pytest.mark.parametrize("notebook", WORKSPACE_LESSONS, ids=lambda path: Path(path).parent.name)
def test_lesson_runs_clean_and_its_widget_responds(
    page: Page, workspace_server: JupyterServer, console_messages: list[str], notebook: str
) -> None:
    path = workspace_server.root / notebook
    assert path.is_file(), f"prepare_workspace did not create {notebook}"
    open_notebook(page, workspace_server.lab(notebook))
    run_all(page)
    wait_for_widgets(page)
    _assert_no_errors(page, console_messages, notebook)
    expect(page.locator(".jp-OutputArea-output .widget-box").first).to_be_visible()

    folder = path.parent.name
    interaction = INTERACTIONS.get(folder)
    if interaction is None:
        pytest.fail(f"register a widget interaction for {folder} in tests/browser/interactions.py")
    interaction(page, path.parent.resolve())
    _assert_no_errors(page, console_messages, notebook)  # nothing broke while the widgets changed

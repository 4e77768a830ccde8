"""Every lesson of the learner's workspace runs in JupyterLab, Run All a second time (without
restarting the kernel) shows what the first showed, and one of its widgets responds."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import (
    CODE_CELLS,
    WORKSPACE_LESSONS,
    JupyterServer,
    click_menu,
    error_outputs,
    open_notebook,
    run_all,
    wait_for_idle,
    wait_for_widgets,
)
from .interactions import INTERACTIONS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]
# Per code cell: its prompt number and the kind of each output (MIME type, or "widget").
OUTPUTS_JS = """cells => [...document.querySelectorAll(cells)].map(cell => ({
  prompt: Number((cell.querySelector('.jp-InputArea-prompt').textContent.match(/\\d+/) || [0])[0]),
  shown: [...cell.querySelectorAll('.jp-OutputArea-output')].map(
    o => o.dataset.mimeType || (o.querySelector('.jupyter-widgets') ? 'widget' : 'other'))}))"""
RERAN_JS = """([cells, after]) => [...document.querySelectorAll(cells)].every(cell => {
  const code = (cell.querySelector('.cm-content')?.textContent ?? 'x').trim();
  const n = Number((cell.querySelector('.jp-InputArea-prompt').textContent.match(/\\d+/) || [0])[0]);
  return code === '' || n > after;
})"""


def _assert_no_errors(page: Page, console_messages: list[str], notebook: str) -> None:
    errors = error_outputs(page)
    console_errors = [m for m in console_messages if m.startswith(("[error]", "[pageerror]"))]
    assert not errors, f"{notebook} shows errors: {errors}\nconsole errors: {console_errors}"


def _run_all_again(page: Page) -> list[str]:
    """Run All once more in the same kernel; what changed, cell by cell, from the first Run All."""
    first = page.evaluate(OUTPUTS_JS, CODE_CELLS)
    last = max(cell["prompt"] for cell in first)
    click_menu(page, "Run", "Run All Cells")
    page.wait_for_function(RERAN_JS, arg=[CODE_CELLS, last], timeout=120_000)
    wait_for_idle(page)
    wait_for_widgets(page)
    second = page.evaluate(OUTPUTS_JS, CODE_CELLS)
    return [f"cell {i}: first {a['shown']}, then {b['shown']}"
            for i, (a, b) in enumerate(zip(first, second, strict=True)) if a["shown"] != b["shown"]]


@pytest.mark.parametrize("notebook", WORKSPACE_LESSONS, ids=lambda path: Path(path).parent.name)
def test_lesson_runs_clean_twice_and_its_widget_responds(
    page: Page, workspace_server: JupyterServer, console_messages: list[str], notebook: str
) -> None:
    path = workspace_server.root / notebook
    assert path.is_file(), f"prepare_workspace did not create {notebook}"
    open_notebook(page, workspace_server.lab(notebook))
    run_all(page)
    wait_for_widgets(page)
    _assert_no_errors(page, console_messages, notebook)
    expect(page.locator(".jp-OutputArea-output .widget-box").first).to_be_visible()

    changed = _run_all_again(page)
    assert not changed, "Run All a second time shows something else:\n" + "\n".join(changed)
    _assert_no_errors(page, console_messages, notebook)

    folder = path.parent.name
    interaction = INTERACTIONS.get(folder)
    if interaction is None:
        pytest.fail(f"register a widget interaction for {folder} in tests/browser/interactions.py")
    interaction(page, path.parent.resolve())  # on the widgets the second Run All drew
    _assert_no_errors(page, console_messages, notebook)  # nothing broke while the widgets changed

"""Run All a second time, without restarting the kernel, shows what the first Run All showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import (
    CODE_CELLS,
    WORKSPACE_LESSONS,
    JupyterServer,
    click_menu,
    open_notebook,
    run_all,
    wait_for_idle,
    wait_for_widgets,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
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


@pytest.mark.parametrize("notebook", WORKSPACE_LESSONS, ids=lambda path: Path(path).parent.name)
def test_run_all_twice_shows_the_same(page: Page, workspace_server: JupyterServer, notebook: str) -> None:
    open_notebook(page, workspace_server.lab(notebook))
    run_all(page)
    wait_for_widgets(page)
    first = page.evaluate(OUTPUTS_JS, CODE_CELLS)
    last = max(cell["prompt"] for cell in first)

    click_menu(page, "Run", "Run All Cells")
    page.wait_for_function(RERAN_JS, arg=[CODE_CELLS, last], timeout=120_000)
    wait_for_idle(page)
    wait_for_widgets(page)
    second = page.evaluate(OUTPUTS_JS, CODE_CELLS)

    changed = [f"cell {i}: first {a['shown']}, then {b['shown']}"
               for i, (a, b) in enumerate(zip(first, second, strict=True)) if a["shown"] != b["shown"]]
    assert not changed, "\n".join(changed)

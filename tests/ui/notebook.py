"""Driving a JupyterLab notebook from Playwright: open, run all, read outputs, validate."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

VALIDATION_DONE = re.compile(r"Success!|failed")

ALL_PROMPTS_RAN = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')];
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def open_notebook(page: Page, url: str) -> None:
    """Open a notebook and wait until its kernel is idle."""
    page.goto(url)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(
        1, timeout=60_000)


def _menu(page: Page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel", has_text=item).first.click()


def run_all(page: Page, timeout_ms: int = 90_000) -> None:
    """Run every cell and wait until all have run.

    Run > Run All Cells occasionally does nothing under load, and a kernel that failed to start
    leaves cells queued for ever; the second and third tries restart the kernel and run all.
    """
    for attempt in range(3):
        if attempt == 0:
            _menu(page, "Run", "Run All Cells")
        else:
            _menu(page, "Kernel", "Restart Kernel and Run All Cells")
            page.locator(".jp-Dialog .jp-mod-accept").click()
        try:
            page.wait_for_function(ALL_PROMPTS_RAN, timeout=timeout_ms)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError("the notebook's cells did not all run after three tries")
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(
        1, timeout=timeout_ms)


def error_outputs(page: Page) -> list[str]:
    """Text of every error or stderr output in the notebook."""
    selector = (".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    return [text[:500] for text in page.locator(selector).all_inner_texts()]


def validate(page: Page) -> str:
    """Press nbgrader's Validate button; return 'passed' or 'failed' and close the dialog."""
    page.locator(".jp-NotebookPanel-toolbar .validate-button").click()
    body = page.locator(".jp-Dialog .jp-Dialog-body").filter(has_text=VALIDATION_DONE)
    body.wait_for(timeout=120_000)
    outcome = "passed" if "Success!" in body.inner_text() else "failed"
    page.locator(".jp-Dialog .jp-Dialog-footer button").last.click()
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    return outcome

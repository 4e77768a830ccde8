"""One interaction per course widget with the keyboard alone: focus its first control, then only keys.

Each step checks that the widget's result changed and that focus stayed in the widget, with the
notebook's active cell unchanged (JupyterLab's command mode once took arrow keys for cell moves).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from medsome.appraisal import DISCERN_SHORT

Keyboard = Callable[[Page], None]
TIMEOUT_MS = 15_000
ACTIVE_CELL_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')]
  .findIndex(c => c.classList.contains('jp-mod-active'))"""
FOCUS_IN_JS = "widget => widget.contains(document.activeElement)"


def _widget(page: Page, control: Locator) -> Locator:
    """The course widget (`.medsome-widget`) holding `control`."""
    widget = page.locator(".medsome-widget").filter(has=control)
    expect(widget).to_have_count(1)
    return widget


def _press(page: Page, widget: Locator, result: Locator, *keys: str) -> None:
    """Press `keys` in order; the result must change, focus stay in the widget, the active cell too."""
    cell = page.evaluate(ACTIVE_CELL_JS)
    before = result.inner_text()
    for key in keys:
        page.keyboard.press(key)
    expect(result).not_to_have_text(before, timeout=TIMEOUT_MS)
    assert widget.evaluate(FOCUS_IN_JS), f"focus left the widget after {keys}"
    assert page.evaluate(ACTIVE_CELL_JS) == cell, f"{keys} moved the notebook to another cell"


def _live(widget: Locator, words: str = "") -> Locator:
    """The widget's announced result holding `words`."""
    return widget.locator(".medsome-live").filter(has_text=words).first


def quiz(page: Page) -> None:
    """Question 1: an arrow key picks the second option, Tab passes the others to Check, Space presses it.

    ipywidgets makes each radio button a tab stop of its own, so Tab visits the remaining options.
    """
    widget = page.locator(".medsome-widget:has(.widget-radio)")
    expect(widget).to_have_count(1)
    question = widget.locator(".widget-vbox:has(> .widget-radio)").first
    radios = question.locator(".widget-radio input[type=radio]")
    radios.first.focus()
    tabs = ["Tab"] * (radios.count() - 1)
    _press(page, widget, question.locator(".medsome-live"), "ArrowDown", *tabs, "Space")
    expect(question.locator(".medsome-live")).to_have_text(re.compile(r"^[✔✘] "))


def _select(page: Page, label: str, words: str = "") -> Locator:
    """Focus the dropdown named `label`; ArrowDown on the closed dropdown picks the next option."""
    select = page.get_by_label(label, exact=True)
    widget = _widget(page, select)
    select.focus()
    _press(page, widget, _live(widget, words), "ArrowDown")
    return widget


def _tick(page: Page, name: str) -> None:
    """Focus the checkbox named `name` and tick it with Space."""
    box = page.get_by_role("checkbox", name=name, exact=True)
    widget = _widget(page, box)
    box.focus()
    _press(page, widget, _live(widget), "Space")


def _slide(page: Page, name: str) -> None:
    """Focus the slider named `name` (its label) and move it one step with ArrowRight."""
    handle = page.get_by_role("slider", name=name, exact=True)
    widget = _widget(page, handle)
    handle.focus()
    _press(page, widget, _live(widget), "ArrowRight")


def photo_inspector(page: Page) -> None:
    """Choose the next photo with ArrowDown, then Tab to Strip metadata and press Enter."""
    select = page.get_by_label("Photo:", exact=True)
    widget = _widget(page, select)
    select.focus()
    _press(page, widget, widget.locator(".widget-html-content", has_text="metadata gives away").first,
           "ArrowDown")
    _press(page, widget, _live(widget), "Tab", "Enter")
    expect(_live(widget)).to_contain_text("Stripped copy written")


def why_some(page: Page) -> None:
    _select(page, "Planned post:")
    _select(page, "Load academic:")
    quiz(page)


def identification(page: Page) -> None:
    _tick(page, "Reveal sex")
    photo_inspector(page)
    quiz(page)


def consent(page: Page) -> None:
    _select(page, "Load vignette:", "Decision:")
    quiz(page)


def misinformation(page: Page) -> None:
    _tick(page, "After: flash on")
    _slide(page, f"1. {DISCERN_SHORT[0]}")
    quiz(page)


def professionalism(page: Page) -> None:
    _select(page, "Load draft:")
    quiz(page)


KEYBOARD: dict[str, Keyboard] = {
    "00_orientation": quiz,
    "01_why_some": why_some,
    "02_identification": identification,
    "03_consent": consent,
    "04_misinformation": misinformation,
    "05_professionalism": professionalism,
}

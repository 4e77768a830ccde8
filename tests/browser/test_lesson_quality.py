"""Every lesson after Run All: no axe violations in the course's content, no cut-off widget text at
1366 px or on a 390 px phone, every widget operable with the keyboard alone.

Each widget is screenshotted at both widths into test-artifacts/browser/widgets/ (look at them), and
axe's counts, the course's and JupyterLab's own, go to test-artifacts/browser/axe/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from . import accessibility
from .conftest import ARTIFACTS, WORKSPACE_LESSONS, JupyterServer, open_notebook, run_all, wait_for_widgets
from .keyboard import KEYBOARD

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Text in a widget must fit its box: a label, button, option or readout cut off (scrollWidth beyond
# clientWidth, or a dropdown's chosen option wider than the box), or an element sticking out of
# the widget, is a problem; so is a dropdown that shows nothing.
OVERFLOW_JS = """() => {
  const problems = [];
  const ctx = document.createElement('canvas').getContext('2d');
  const parts = '.widget-label, .widget-label-basic, label, button, .widget-readout, select, ' +
                '.widget-html-content, .widget-radio-box, input, textarea, .widget-inline-hbox';
  document.querySelectorAll('.medsome-widget').forEach((widget, w) => {
    const edge = widget.getBoundingClientRect().right;
    for (const el of widget.querySelectorAll(parts)) {
      if (el.offsetParent === null) continue;
      const name = `widget ${w + 1}: ${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
      let text = el.innerText.trim();
      if (el.tagName === 'SELECT') {
        text = el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : '';
        if (!text.trim()) { problems.push(`${name} shows a blank choice`); continue; }
        const s = getComputedStyle(el);
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        if (ctx.measureText(text).width > room + 1) problems.push(`${name} cuts off "${text}"`);
      } else if (el.scrollWidth > el.clientWidth + 1) {
        const sizes = `${el.scrollWidth} > ${el.clientWidth} px`;
        problems.push(`${name} overflows its box (${sizes}): "${text.slice(0, 60)}"`);
      }
      if (el.getBoundingClientRect().right > edge + 1) {
        problems.push(`${name} sticks out of the widget: "${text.slice(0, 60)}"`);
      }
    }
  });
  return problems;
}"""


def _screenshots(page: Page, lesson: str, width: int) -> None:
    folder = ARTIFACTS / "widgets"
    folder.mkdir(parents=True, exist_ok=True)
    for index, widget in enumerate(page.locator(".medsome-widget").all(), start=1):
        widget.screenshot(path=folder / f"{lesson}-{index}-{width}.png", timeout=20_000)


def _axe(page: Page, lesson: str) -> list[dict]:
    course = accessibility.violations(page, accessibility.COURSE_CONTENT)
    whole = accessibility.violations(page, [])
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"course": accessibility.node_count(course), "jupyterlab_page": accessibility.node_count(whole),
              "course_rules": sorted({v["id"] for v in course}),
              "page_rules": sorted({v["id"] for v in whole})}
    (folder / f"{lesson}.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")
    return course


@pytest.mark.parametrize("notebook", WORKSPACE_LESSONS, ids=lambda path: Path(path).parent.name)
def test_lesson_is_accessible_and_fits(page: Page, workspace_server: JupyterServer, notebook: str) -> None:
    lesson = Path(notebook).parent.name
    accessibility.axe_path()
    page.set_viewport_size(DESKTOP)
    open_notebook(page, workspace_server.lab(notebook))
    run_all(page)
    wait_for_widgets(page)

    course = _axe(page, lesson)
    assert not course, f"axe finds WCAG 2.1 AA violations in {lesson}:\n{accessibility.describe(course)}"
    problems = page.evaluate(OVERFLOW_JS)
    _screenshots(page, lesson, DESKTOP["width"])
    assert not problems, f"at {DESKTOP['width']} px:\n" + "\n".join(problems)

    KEYBOARD[lesson](page)

    page.set_viewport_size(PHONE)  # the learner's lab extension closes the side panels by itself
    page.wait_for_function("() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
                           "?.getBoundingClientRect().width >= 300", timeout=15_000)
    page.wait_for_timeout(500)  # JupyterLab relays out the notebook for the narrow screen
    problems = page.evaluate(OVERFLOW_JS)
    _screenshots(page, lesson, PHONE["width"])
    assert not problems, f"at {PHONE['width']} px:\n" + "\n".join(problems)

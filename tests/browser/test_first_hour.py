"""A self-study learner's first hour: where JupyterLab opens, what its launcher and menus offer, how a
failed check reads, and a readable notebook on a phone from a fresh start.

Screenshots of the orientation lesson, Lesson 2 and Assignment 2 at 1366 and 390 px, and of a failed
check and Validate's dialog, go to test-artifacts/browser/first-hour/ (look at them).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest
from playwright.sync_api import Page, expect

from medsome.cli import FIRST_LESSON

from . import accessibility
from .conftest import (
    ARTIFACTS,
    ERROR_OUTPUTS,
    WORKSPACE_ASSIGNMENTS,
    WORKSPACE_LESSONS,
    JupyterServer,
    click_menu,
    open_notebook,
)
from .test_assignments import validate

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
SHOTS = ARTIFACTS / "first-hour"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
READABLE_PX = 300  # narrower than this, a notebook's lines break every few words
ASSIGNMENT_2 = next(a for a in WORKSPACE_ASSIGNMENTS if PurePosixPath(a).parent.name.startswith("02_"))
LESSON_2 = next(lesson for lesson in WORKSPACE_LESSONS if PurePosixPath(lesson).parent.name.startswith("02_"))
FIRST_NOTEBOOKS = {"orientation": FIRST_LESSON, "lesson-02": LESSON_2, "assignment-02": ASSIGNMENT_2}
NOTEBOOK = ".jp-NotebookPanel:visible"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def test_the_learner_lands_on_the_orientation_lesson(page: Page, workspace_server: JupyterServer) -> None:
    page.goto(workspace_server.page(""))
    expect(page).to_have_url(re.compile(re.escape(f"/lab/tree/{FIRST_LESSON}")), timeout=60_000)
    expect(page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=re.compile(
        rf"^{re.escape(PurePosixPath(FIRST_LESSON).name)}$"))).to_have_count(1, timeout=60_000)


def test_the_launcher_and_menus_offer_nothing_dead(page: Page, workspace_server: JupyterServer) -> None:
    start = workspace_server.log.stat().st_size
    open_notebook(page, workspace_server.lab(FIRST_LESSON))
    bar = [label.strip() for label in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]
    assert "Nbgrader" not in bar, f"self-study has no assignment list, so no Nbgrader menu: {bar}"
    click_menu(page, "File", "New Launcher")
    cards = page.locator(".jp-LauncherCard:visible")
    expect(cards.first).to_be_visible(timeout=15_000)
    labels = {label.strip() for label in cards.all_inner_texts()}
    assert "Text File" in labels and any("Python 3" in label for label in labels), labels
    assert not {"Terminal", "Python File"} & labels, labels
    assert not page.locator(".jp-Launcher-sectionTitle:visible", has_text="Console").count()
    for path in ("api/terminals", "assignments"):
        assert page.request.get(workspace_server.page(path)).status == 404, path
    log = workspace_server.log.read_bytes()
    # The server's start-up, and what this test did: other tests on this server run Validate, whose
    # kernel may log ipykernel's own shutdown race (a ZMQ traceback) that no learner sees.
    startup = log.split(b"is running at:", 1)[0]
    for complaint in ("is not trusted", "Unwritable directory", "Traceback"):
        for part, text in (("start-up", startup), ("this test", log[start:])):
            said = complaint in text.decode(errors="replace")
            assert not said, f"the learner's server log says {complaint!r} during {part}"


def test_an_unanswered_check_is_one_line_in_the_notebook_and_in_validate(
    page: Page, workspace_server: JupyterServer
) -> None:
    accessibility.axe_path()
    page.set_viewport_size(DESKTOP)
    open_notebook(page, workspace_server.lab(ASSIGNMENT_2))
    click_menu(page, "Run", "Run All Cells")  # stops at the first failed check, as the kernel should
    failed = page.locator(ERROR_OUTPUTS).first
    expect(failed).to_be_visible(timeout=120_000)
    failed.scroll_into_view_if_needed()
    _shot(page, "assignment-02-unanswered-1366")
    text = failed.inner_text().strip()
    assert text.startswith("CheckFailed: ") and "Not answered yet" in text, text
    assert "\n" not in text and "Traceback" not in text, text
    found = accessibility.violations(page, accessibility.COURSE_CONTENT)
    assert not found, f"axe, on the failed check's output:\n{accessibility.describe(found)}"

    message = validate(page)
    _shot(page, "assignment-02-validate-1366")
    expect(message).to_have_class(re.compile(r"\bvalidation-failed\b"))
    shown = message.inner_text()
    assert shown.count("CheckFailed: ") >= 2, shown
    assert "Traceback" not in shown and "judgement.py" not in shown, shown


@pytest.mark.parametrize("name", FIRST_NOTEBOOKS)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=lambda size: str(size["width"]))
def test_a_fresh_start_shows_a_readable_notebook(
    page: Page, workspace_server: JupyterServer, name: str, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)
    page.goto(workspace_server.lab(FIRST_NOTEBOOKS[name]))  # on a phone the kernel name folds away
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    notebook = page.locator(NOTEBOOK)
    expect(notebook).to_have_count(1)
    page.wait_for_function(f"() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
                           f"?.getBoundingClientRect().width >= {READABLE_PX}", timeout=15_000)
    page.wait_for_timeout(500)  # the last relayout of the narrowed notebook
    _shot(page, f"{name}-{size['width']}")
    width = notebook.bounding_box()["width"]
    assert width >= READABLE_PX, f"{name} at {size['width']} px is a {width:.0f} px column"
    if size is PHONE:
        expect(page.locator("#jp-left-stack")).to_be_hidden()
        expect(page.locator("#jp-right-stack")).to_be_hidden()


def test_the_last_cell_of_an_assignment_shows_its_score(page: Page, workspace_server: JupyterServer) -> None:
    page.set_viewport_size(DESKTOP)
    open_notebook(page, workspace_server.lab(ASSIGNMENT_2))
    cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell")
    last = cells.nth(cells.count() - 1)  # pinned: a locator's .last would follow a new cell
    last.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")  # run the cell in place
    report = last.locator(".jp-OutputArea-output")
    expect(report).to_contain_text("Autograded: 0 of", timeout=240_000)  # grading takes its time
    report.last.scroll_into_view_if_needed()
    _shot(page, "assignment-02-check-your-score-1366")
    text = report.all_inner_texts()
    assert any("Self-check of 02_identification" in part for part in text), text
    assert not last.locator(ERROR_OUTPUTS).count(), text

"""Every lesson opens, runs to the end without errors, and a widget answers a change in the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import LESSONS
from ui.interactions import INTERACTIONS
from ui.lab import Lab
from ui.notebook import error_outputs, open_notebook, run_all


@pytest.mark.parametrize("lesson", [p.parent.name for p in LESSONS])
def test_lesson_runs_and_its_widget_responds(lesson: str, workspace_lab: Lab, lab_page: Page) -> None:
    assert lesson in INTERACTIONS, f"register a widget interaction for {lesson} in tests/ui/interactions.py"
    open_notebook(lab_page, workspace_lab.page_url(f"lessons/{lesson}/{lesson}.ipynb"))
    run_all(lab_page)
    assert error_outputs(lab_page) == []
    INTERACTIONS[lesson](lab_page)

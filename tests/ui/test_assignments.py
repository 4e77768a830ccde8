"""The student version fails Validate untouched; a solved copy passes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import ASSIGNMENT_IDS
from ui.lab import Lab
from ui.notebook import open_notebook, validate


@pytest.mark.parametrize("assignment", ASSIGNMENT_IDS)
def test_validate_fails_untouched_and_passes_solved(assignment: str, workspace_lab: Lab,
                                                    lab_page: Page) -> None:
    open_notebook(lab_page, workspace_lab.page_url(f"assignments/{assignment}/{assignment}.ipynb"))
    assert validate(lab_page) == "failed"
    open_notebook(lab_page, workspace_lab.page_url(f"assignments/{assignment}/solved_{assignment}.ipynb"))
    assert validate(lab_page) == "passed"

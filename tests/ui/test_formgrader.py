"""An instructor's formgrader loads and lists the course's assignments."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import ASSIGNMENT_IDS
from ui.lab import TOKEN, Lab


def test_formgrader_lists_assignments(instructor_lab: Lab, lab_page: Page) -> None:
    lab_page.goto(f"{instructor_lab.url}/formgrader?token={TOKEN}")
    expect(lab_page.get_by_text("Manage Assignments").first).to_be_visible(timeout=60_000)
    for assignment in ASSIGNMENT_IDS:
        expect(lab_page.get_by_text(assignment).first).to_be_visible()

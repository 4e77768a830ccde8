"""One widget interaction per lesson: change a control in the page, check what the library predicts.

A new lesson registers its interaction here; the lesson test fails until it does.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from playwright.sync_api import Page, expect

from conftest import ROOT
from medsome.data import load_case_posts, load_population
from medsome.privacy import candidate_count
from medsome.quiz import load_quiz

Interaction = Callable[[Page], None]


def orientation_quiz(page: Page) -> None:
    """Pick the second option of the first question, press Check, read the explanation."""
    quiz = load_quiz(ROOT / "course" / "00_orientation" / "quiz.json")
    expected = quiz.questions[0].grade(1)
    first = page.locator(".widget-radio-box").first
    first.locator("label").nth(1).click()
    page.get_by_role("button", name="Check").first.click()
    shown = ("✔ " if expected.correct else "✘ ") + str(expected)
    expect(page.locator(".widget-html-content", has_text=shown).first).to_be_visible()


def identification_explorer(page: Page) -> None:
    """Load post P02 into the candidate explorer; the page shows the library's count."""
    post = load_case_posts().set_index("post_id").loc["P02"]
    details = {c: post[c] for c in ("sex", "age", "municipality", "occupation", "condition")
               if pd.notna(post[c])}
    count = candidate_count(load_population(), details)
    page.locator(".widget-dropdown", has_text="Load post").locator("select").select_option("P02")
    words = "1 person matches" if count == 1 else f"{count:,} people match"
    expect(page.get_by_text(words).first).to_be_visible()
    page.get_by_role("button", name="Strip metadata").click()
    expect(page.get_by_text("Stripped copy written").first).to_be_visible()


INTERACTIONS: dict[str, Interaction] = {
    "00_orientation": orientation_quiz,
    "02_identification": identification_explorer,
}

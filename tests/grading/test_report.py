"""`medsome report`: item statistics, and an HTML page with accessible charts."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from traitlets.config import Config

from medsome.cli import main as run
from medsome.grading import report
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.itemstats import hardest, item_stats, totals
from medsome.grading.scores import ITEM_COLUMNS, SUBMISSION_COLUMNS

from .conftest import Graded


def _items(scores: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Long item rows from {student: {item: score}}; every item is worth 1 point."""
    return pd.DataFrame([
        {"student_id": s, "assignment": "a", "notebook": "a", "question": f"Q {i}", "item": i,
         "autograded": True, "score": v, "max_score": 1.0, "needs_manual_grade": False, "submitted": True}
        for s, items in scores.items() for i, v in items.items()
    ])


def test_difficulty_and_discrimination_follow_their_definitions() -> None:
    # six students of rising ability n: a_k is earned from n >= k; `good` follows ability, `bad` opposes it
    cohort = {f"s{n}": {**{f"a{k}": float(n >= k) for k in range(1, 6)}, "good": float(n >= 3),
                        "bad": float(n < 3), "easy": 1.0, "flat": 0.0} for n in range(6)}
    stats = item_stats(_items(cohort)).set_index("item")
    assert stats.loc["easy", "difficulty"] == 1 and stats.loc["flat", "difficulty"] == 0
    assert stats.loc["good", "difficulty"] == pytest.approx(0.5)
    assert stats.loc["good", "discrimination"] > 0.5 and stats.loc["bad", "discrimination"] < -0.5
    assert math.isnan(stats.loc["easy", "discrimination"]), "a constant item has no correlation"
    assert stats.loc["good", "upper_lower"] == 1 and stats.loc["bad", "upper_lower"] == -1
    assert list(hardest(item_stats(_items(cohort)), 2)["item"]) == ["flat", "a5"]
    assert totals(_items(cohort)).set_index("student_id").loc["s5", "percent"] == pytest.approx(700 / 9)


def test_items_awaiting_manual_grading_do_not_count() -> None:
    items = _items({"s1": {"x": 0.0}, "s2": {"x": 1.0}})
    items.loc[0, "needs_manual_grade"] = True
    assert item_stats(items).loc[0, "responses"] == 1



def test_a_built_ungraded_course_gets_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = pd.DataFrame([], columns=ITEM_COLUMNS), pd.DataFrame([], columns=SUBMISSION_COLUMNS)
    assert totals(empty[0]).empty and item_stats(empty[0]).empty
    monkeypatch.setattr(report, "read_gradebook", lambda course: empty)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    with pytest.raises(GradingError, match="no submissions yet: grade an assignment first"):
        report.write_report(Course(tmp_path), tmp_path / "out")

@pytest.mark.integration
def test_report_page_has_charts_with_alt_text(graded: Graded, tmp_path: Path) -> None:
    assert run(["report", "--course", str(graded.course), "--out", str(tmp_path)]) == 0
    page = (tmp_path / "index.html").read_text()
    images = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', page)
    assert len(images) == 3
    for src, alt in images:
        assert (tmp_path / src).read_bytes().startswith(b"\x89PNG") and len(alt) > 40
    assert "Hardest items" in page and "q1_test" in page and "Discrimination" in page
    assert not list(tmp_path.glob(".*")), "a temporary file was left behind"


class _Page(HTMLParser):
    """The text and the images of a page, as a browser reads them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.images += [dict(attrs)] if tag == "img" else []
        self.scripts += tag == "script"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report_page_escapes_names_and_embeds_its_figures(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    hostile = {"<script>alert(1)</script>": 1.0, "fish & chips": 0.0, "plain": 1.0}
    items = _items({f"s{n}": {k: (v + n) % 2 for k, v in hostile.items()} for n in range(5)})
    items["assignment"] = "a&b"
    submissions = items[["student_id", "assignment"]].drop_duplicates().assign(
        submitted=True, timestamp=None, late_penalty=0.0)
    monkeypatch.setattr(report, "read_gradebook", lambda course: (items, submissions))
    page_file = report.write_report(Course(tmp_path / "course <x>", Config()), tmp_path / "out")
    page = page_file.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "fish &amp; chips" in page
    parsed = _Page()
    parsed.feed(page)
    text = " ".join(parsed.text)
    assert parsed.scripts == 0
    assert "<script>alert(1)</script>" in text and "fish & chips" in text and "a&b" in text
    assert "course <x>" in text
    assert len(parsed.images) == 3
    records = sorted((tmp_path / "out" / "records").glob("*.html"))
    assert [r.stem for r in records] == [f"s{n}" for n in range(5)]
    assert "a&amp;b" in records[0].read_text(encoding="utf-8")
    for image in parsed.images:
        assert (page_file.parent / image["src"]).read_bytes().startswith(b"\x89PNG")
        assert "a&b" in image["alt"] and len(image["alt"]) > 40

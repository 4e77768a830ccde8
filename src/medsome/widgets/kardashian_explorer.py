"""The Kardashian-index explorer: citations and followers in; expected followers and K out."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from medsome.bibliometrics import (
    COEFFICIENT,
    EXPONENT,
    KARDASHIAN_CUTOFF,
    SOURCE,
    describe_k,
    expected_followers,
    kardashian_index,
)
from medsome.errors import UnknownName
from medsome.widgets.controls import record_picker, table_row
from medsome.widgets.layout import CourseWidget, live, panel

MAX_COUNT = 10_000_000
NO_ACADEMIC = "(type your own numbers)"
SATIRE = (
    "<p><i>Why it is satire.</i> Hall's index is a joke (Hall 2014), and the course reads it as one with "
    "two edges: it teases scientists whose following outruns their published work, and it mocks the habit "
    "of ranking scientists by a single number. Followers measure reach, not quality; citations measure "
    "attention from other researchers, not truth. The cut-off K &gt; "
    f"{KARDASHIAN_CUTOFF:g} for a 'Science Kardashian' is Hall's own, part of the joke. "
    f"({html.escape(SOURCE)})</p>"
)


class KardashianExplorer(CourseWidget):
    """Set citations and followers (or load an invented academic); read the expected followers and K."""

    def __init__(self, academics: pd.DataFrame | None = None) -> None:
        self.academics = None if academics is None else academics.set_index("academic_id", drop=False)
        self.loaded: str | None = None
        self.citations = w.BoundedIntText(value=1000, min=1, max=MAX_COUNT,
                                          description="Citations (all papers):")
        self.followers = w.BoundedIntText(value=500, min=0, max=MAX_COUNT, description="Followers on X:")
        self.result = live()
        header = [self._picker()] if self.academics is not None else []
        self.widget = panel([*header, self.citations, self.followers, self.result, w.HTML(SATIRE)])
        for control in (self.citations, self.followers):
            control.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    def _picker(self) -> w.Dropdown:
        """The dropdown that loads an invented academic's citations and followers."""
        rows = zip(self.academics["academic_id"], self.academics["specialty"], strict=True)
        self.picker = record_picker(self, "Load academic:", NO_ACADEMIC, [(f"{i} · {s}", i) for i, s in rows])
        return self.picker

    @property
    def expected(self) -> float:
        return expected_followers(self.citations.value)

    @property
    def k(self) -> float:
        return kardashian_index(self.followers.value, self.citations.value)

    def load(self, academic_id: str) -> float:
        """Set the controls to one invented academic's numbers and return their K."""
        row = table_row(self.academics, academic_id, "academic", UnknownName,
                        "KardashianExplorer(load_academics())")
        self.loaded = academic_id
        with self.widget.hold_trait_notifications():
            self.citations.value = max(1, int(row["citations"]))
            self.followers.value = int(row["x_followers"])
        self.picker.value = academic_id
        self.refresh()
        return self.k

    def refresh(self) -> None:
        """Recompute and redraw the expected followers and K."""
        citations, followers = self.citations.value, self.followers.value
        self.result.value = (
            f"<p>Expected followers for {citations:,} citations: {COEFFICIENT} × {citations:,}"
            f"<sup>{EXPONENT}</sup> = <b>{self.expected:,.0f}</b>.</p>"
            f"<p>Actual followers: {followers:,}. <b>{html.escape(describe_k(self.k))}</b>.</p>"
        )

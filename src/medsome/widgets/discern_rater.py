"""The DISCERN rater: read a post, rate its 16 DISCERN items, read your section scores and the JAMA check.

Scores come from `medsome.appraisal.discern_score`; the JAMA benchmarks from `jama_benchmarks`. A
checkbox compares your ratings with the course panel's (synthetic) ratings and names the items on
which you differ by two points or more: raters often disagree on DISCERN items.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from medsome.appraisal import (
    DISCERN_ITEMS,
    DISCERN_SHORT,
    OVERALL_ITEM,
    RATING_RANGE,
    RELIABILITY_ITEMS,
    TREATMENT_ITEMS,
    DiscernScore,
    JamaResult,
    discern_ratings,
    discern_score,
    jama_benchmarks,
    rating_differences,
)
from medsome.catalogue import POSTS_SCHEMA
from medsome.errors import MedsomeError, UnknownName
from medsome.schema import validate
from medsome.widgets.controls import checkbox, dropdown, heading
from medsome.widgets.layout import CourseWidget, live, panel, row

SECTIONS = (("Reliability: is the post trustworthy? (items 1-8)", RELIABILITY_ITEMS),
            ("Treatment choices: what it says about them (items 9-15)", TREATMENT_ITEMS),
            ("Overall (item 16)", (OVERALL_ITEM,)))
START_RATING = 3


class UnknownPost(UnknownName):
    """A post id the rater's table does not hold."""


def _words(value: object) -> str:
    """'board_certified_plastic_surgeon' -> 'board certified plastic surgeon'."""
    return str(value).replace("_", " ")


def score_html(score: DiscernScore) -> str:
    """Section scores in words, with their possible ranges."""
    return (f"<p><b>Your DISCERN scores:</b> reliability {score.reliability} of 40 (items 1-8, from 8), "
            f"treatment {score.treatment} of 35 (items 9-15, from 7), <b>total {score.total} of 75</b> "
            f"(items 1-15; mean item rating {score.mean_item:.2f} on 1-5), overall rating "
            f"{score.overall} of 5 (item 16).</p>")


def jama_html(result: JamaResult) -> str:
    """The JAMA benchmarks met, and why each missing one matters."""
    met = ", ".join(result.met) if result.met else "none"
    missing = "".join(f"<li>{html.escape(text)}</li>" for text in result.explanations)
    return (f"<p><b>JAMA benchmarks: {result.score} of 4</b> (met: {html.escape(met)}).</p>"
            + (f"<p>Missing:</p><ul>{missing}</ul>" if missing else ""))


def comparison_html(mine: DiscernScore, panel: DiscernScore, differing: tuple[int, ...]) -> str:
    """How your ratings compare with the course panel's."""
    items = "".join(f"<li>item {n}, {html.escape(DISCERN_SHORT[n - 1])}: you {mine.ratings[n - 1]}, "
                    f"panel {panel.ratings[n - 1]}</li>" for n in differing)
    where = (f"<p>You differ by two points or more on:</p><ul>{items}</ul>" if items else
             "<p>You never differ by two points or more.</p>")
    return (f"<p><b>The course panel (synthetic):</b> reliability {panel.reliability}, treatment "
            f"{panel.treatment}, total {panel.total}, overall {panel.overall}.</p>{where}"
            "<p>Raters often disagree: DISCERN's agreement was kappa 0.53 among experts and 0.23 among "
            "lay raters (Charnock 1999). Talk through the items where you differ.</p>")


class DiscernRater(CourseWidget):
    """Pick a post, rate the 16 DISCERN items; the scores, the JAMA check and the comparison follow."""

    def __init__(self, posts: pd.DataFrame) -> None:
        checked = validate(posts, POSTS_SCHEMA, "DiscernRater's posts")
        if checked.empty:
            raise MedsomeError("DiscernRater needs at least one post, e.g. "
                               "DiscernRater(load_featured_posts())")
        self.posts = checked.set_index("post_id", drop=False)
        self.sliders = {n: w.IntSlider(value=START_RATING, min=RATING_RANGE[0], max=RATING_RANGE[1],
                                       description=f"{n}. {DISCERN_SHORT[n - 1]}")
                        for n in range(1, len(DISCERN_ITEMS) + 1)}
        labels = [(f"{pid} · {_words(theme) if isinstance(theme, str) else 'corpus post'} ({where})", pid)
                  for pid, theme, where in zip(self.posts["post_id"], self.posts["featured"],
                                               self.posts["platform"], strict=True)]
        self.picker = dropdown("Post to rate:", labels)
        self.compare = checkbox("Compare with the course panel's ratings")
        self.post, self.jama, self.result, self.comparison = w.HTML(), w.HTML(), live(), live()
        rows = []
        for title, items in SECTIONS:
            rows.append(heading(title, " (1 = no, 5 = yes)"))
            rows += [row([self.sliders[n], w.HTML(html.escape(DISCERN_ITEMS[n - 1]))]) for n in items]
        self.widget = panel([self.picker, self.post, self.jama, *rows, self.result, self.compare,
                              self.comparison])
        for control in [*self.sliders.values(), self.compare]:
            control.observe(lambda _: self.refresh(), names="value")
        self.picker.observe(lambda change: self._show(change["new"]), names="value")
        self._show(self.picker.value)

    @property
    def ratings(self) -> dict[int, int]:
        """Your ratings, as {item: rating}."""
        return {n: slider.value for n, slider in self.sliders.items()}

    @property
    def score(self) -> DiscernScore:
        return discern_score(self.ratings)

    @property
    def panel(self) -> DiscernScore:
        """The course panel's scores for the selected post."""
        return discern_score(discern_ratings(self.posts.loc[self.picker.value]))

    def load(self, post_id: str) -> JamaResult:
        """Show one post and its JAMA benchmarks; returns the benchmarks."""
        if post_id not in self.posts.index:
            raise UnknownPost(f"no post {post_id!r}; the posts are {', '.join(self.posts.index[:8])}")
        if self.picker.value == post_id:
            self._show(post_id)
        else:
            self.picker.value = post_id  # its observer shows the post
        return jama_benchmarks(self.posts.loc[post_id])

    def select(self, post_id: str) -> JamaResult:
        """Former name of load, kept so notebooks from earlier in the term still run."""
        return self.load(post_id)

    def _show(self, post_id: str) -> None:
        """Describe the post, check its JAMA benchmarks and redraw the scores."""
        row = self.posts.loc[post_id]
        self.post.value = (f"<p><b>Post {html.escape(post_id)}</b> on {html.escape(str(row['platform']))}, "
                           f"by a creator who is: {html.escape(_words(row['creator_role']))}; type: "
                           f"{html.escape(_words(row['post_type']))}; {int(row['views']):,} views.</p>"
                           f"<blockquote>{html.escape(str(row['text']))}</blockquote>")
        self.jama.value = jama_html(jama_benchmarks(row))
        self.refresh()

    def set_ratings(self, ratings: dict[int, int]) -> DiscernScore:
        """Set all 16 sliders at once (checked first); returns the score."""
        score = discern_score(ratings)
        for n, value in zip(self.sliders, score.ratings, strict=True):
            self.sliders[n].value = value
        return score

    def refresh(self) -> None:
        """Redraw the scores and, if asked, the comparison with the panel."""
        self.result.value = score_html(self.score)
        if self.compare.value:
            differing = rating_differences(self.ratings, discern_ratings(self.posts.loc[self.picker.value]))
            self.comparison.value = comparison_html(self.score, self.panel, differing)
        else:
            self.comparison.value = ""

"""The DISCERN rater, driven from Python: sliders in, the library's scores and benchmarks out."""

from __future__ import annotations

import html

import pytest

from medsome.appraisal import DISCERN_ITEMS, AppraisalError, discern_ratings, discern_score, jama_benchmarks
from medsome.data import load_featured_posts, load_posts
from medsome.errors import DatasetError, MedsomeError
from medsome.widgets.discern_rater import DiscernRater, UnknownPost, score_html

FEATURED = load_featured_posts()


@pytest.fixture
def rater() -> DiscernRater:
    return DiscernRater(FEATURED)


def test_every_control_is_labelled_and_it_displays_itself(rater: DiscernRater) -> None:
    controls = [*rater.sliders.values(), rater.picker, rater.compare]
    assert all(control.description for control in controls)
    assert len(rater.sliders) == 16
    shown = " ".join(child.children[1].value for child in rater.widget.children if hasattr(child, "children")
                     and len(child.children) == 2)
    assert all(html.escape(question) in shown for question in DISCERN_ITEMS)
    assert "application/vnd.jupyter.widget-view+json" in rater._repr_mimebundle_()


def test_starts_on_the_first_post_with_middle_ratings(rater: DiscernRater) -> None:
    first = FEATURED.iloc[0]
    assert rater.picker.value == first["post_id"]
    assert html.escape(first["text"]) in rater.post.value
    assert rater.score == discern_score(dict.fromkeys(range(1, 17), 3))
    assert "total 45 of 75" in rater.result.value


def test_moving_sliders_updates_the_scores(rater: DiscernRater) -> None:
    rater.sliders[4].value = 5
    rater.sliders[16].value = 1
    want = discern_score({**dict.fromkeys(range(1, 17), 3), 4: 5, 16: 1})
    assert rater.score == want
    assert rater.result.value == score_html(want)
    assert f"reliability {want.reliability} of 40" in rater.result.value
    assert "overall rating 1 of 5" in rater.result.value


def test_selecting_a_post_shows_its_jama_benchmarks(rater: DiscernRater) -> None:
    for _, row in FEATURED.iterrows():
        result = rater.load(row["post_id"])
        assert result == jama_benchmarks(row)
        assert f"JAMA benchmarks: {result.score} of 4" in rater.jama.value
        for text in result.explanations:
            assert html.escape(text) in rater.jama.value
    rater.picker.value = "F2"
    assert "F2" in rater.post.value and "JAMA benchmarks: 4 of 4" in rater.jama.value


def test_comparison_with_the_panel_names_the_items_apart(rater: DiscernRater) -> None:
    rater.load("F2")
    panel = discern_ratings(FEATURED.set_index("post_id").loc["F2"])
    rater.set_ratings({**panel, 3: 1, 7: panel[7] - 1})
    assert rater.comparison.value == ""
    rater.compare.value = True
    assert f"total {discern_score(panel).total}" in rater.comparison.value
    assert "item 3, relevant: you 1, panel 5" in rater.comparison.value
    assert "item 7" not in rater.comparison.value
    rater.set_ratings(panel)
    assert "never differ by two points" in rater.comparison.value


def test_set_ratings_checks_its_input(rater: DiscernRater) -> None:
    with pytest.raises(AppraisalError, match="missing item"):
        rater.set_ratings({1: 3})
    with pytest.raises(AppraisalError, match="from 1 to 5, not 7"):
        rater.set_ratings({**dict.fromkeys(range(1, 17), 3), 2: 7})


def test_bad_tables_and_ids_fail_clearly(rater: DiscernRater) -> None:
    with pytest.raises(UnknownPost, match="no post 'F99'"):
        rater.load("F99")
    with pytest.raises(MedsomeError, match="needs at least one post"):
        DiscernRater(FEATURED.iloc[:0])
    with pytest.raises(DatasetError, match=r"DiscernRater's posts: missing column.*'discern_16'"):
        DiscernRater(FEATURED.drop(columns="discern_16"))
    with pytest.raises(DatasetError, match="expected a pandas DataFrame, got list"):
        DiscernRater([1, 2])  # type: ignore[arg-type]


def test_works_on_corpus_posts_too() -> None:
    corpus = load_posts().head(3)
    rater = DiscernRater(corpus)
    assert "corpus post" in rater.picker.options[0][0]
    rater.compare.value = True
    assert "The course panel (synthetic)" in rater.comparison.value

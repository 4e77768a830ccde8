"""The candidate explorer: controls set from Python, counts as the library predicts."""

from __future__ import annotations

import pandas as pd

from medsome.data import load_case_posts, load_population
from medsome.privacy import AgeBand, candidate_count
from medsome.widgets.candidate_explorer import CandidateExplorer

POPULATION = load_population()
POSTS = load_case_posts()


def test_nothing_revealed_is_everyone() -> None:
    explorer = CandidateExplorer(POPULATION)
    assert explorer.count == POPULATION["count"].sum()
    assert "Warning" not in explorer.result.value


def test_ticking_details_shrinks_the_pool() -> None:
    explorer = CandidateExplorer(POPULATION)
    explorer.revealed["sex"].value = True
    explorer.values["sex"].value = "male"
    explorer.revealed["age"].value = True
    explorer.values["age"].value = 58
    expected = candidate_count(POPULATION, {"sex": "male", "age": 58})
    assert explorer.count == expected
    assert f"{expected:,} people match" in explorer.result.value
    explorer.age_width.value = 10
    assert explorer.count == candidate_count(POPULATION, {"sex": "male", "age": AgeBand(50, 59)})


def test_loading_a_post_sets_the_controls_and_warns() -> None:
    explorer = CandidateExplorer(POPULATION, POSTS)
    explorer.load("P01")
    post = POSTS.set_index("post_id").loc["P01"]
    details = {c: post[c] for c in ("sex", "age", "municipality", "occupation", "condition")
               if pd.notna(post[c])}
    assert explorer.count == candidate_count(POPULATION, details) == 1
    assert "1 person matches" in explorer.result.value
    assert "fewer than 5 people" in explorer.result.value


def test_district_generalisation() -> None:
    explorer = CandidateExplorer(POPULATION, POSTS)
    explorer.load("P01")
    before = explorer.count
    explorer.place_level.value = "district"
    assert "district" in explorer.details() and explorer.count >= before


def test_every_control_is_labelled() -> None:
    explorer = CandidateExplorer(POPULATION, POSTS)
    controls = [*explorer.values.values(), *explorer.revealed.values(), explorer.age_width,
                explorer.place_level]
    assert all(control.description for control in controls)

"""Re-identification logic on small tables with known answers, and its errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medsome.errors import DatasetError
from medsome.privacy import (
    AgeBand,
    UnknownDetail,
    candidate_count,
    equivalence_class_sizes,
    generalise_age,
    generalise_place,
    k_anonymity,
    shrinking_pool,
)


@pytest.fixture
def population() -> pd.DataFrame:
    return pd.DataFrame({
        "municipality": ["Aby", "Aby", "Aby", "Bel", "Bel"],
        "district": ["North"] * 5,
        "age": [40, 40, 47, 40, 62],
        "sex": ["female", "male", "female", "female", "male"],
        "condition": ["none", "none", "none", "port-wine birthmark", "none"],
        "occupation": ["other", "nurse", "other", "other", "teacher"],
        "count": [6, 2, 3, 1, 4],
    })


def test_count_sums_matching_groups(population: pd.DataFrame) -> None:
    assert candidate_count(population, {}) == 16
    assert candidate_count(population, {"sex": "female"}) == 10
    assert candidate_count(population, {"sex": "female", "age": 40}) == 7
    assert candidate_count(population, {"condition": "port-wine birthmark"}) == 1


def test_unrevealed_details_are_ignored(population: pd.DataFrame) -> None:
    assert candidate_count(population, {"sex": "male", "age": None, "municipality": np.nan}) == 6
    assert candidate_count(population, {"sex": "male", "age": pd.NA}) == 6


def test_age_bands_and_districts(population: pd.DataFrame) -> None:
    assert candidate_count(population, {"age": AgeBand(40, 49)}) == 12
    assert candidate_count(population, {"age": generalise_age(47, 5)}) == 3
    assert candidate_count(population, {"district": "North"}) == 16
    assert generalise_place(population, "Bel") == "North"


def test_generalise_age_bands() -> None:
    assert generalise_age(47, 10) == AgeBand(40, 49)
    assert str(generalise_age(47, 20)) == "40–59"
    assert generalise_age(47, 1) == AgeBand(47, 47)
    with pytest.raises(ValueError, match="width should be one of"):
        generalise_age(47, 7)
    with pytest.raises(TypeError, match="whole number"):
        generalise_age("47", 10)


def test_unknown_details_and_values_say_what_is_allowed(population: pd.DataFrame) -> None:
    with pytest.raises(UnknownDetail, match="unknown detail 'shoe_size'; details are"):
        candidate_count(population, {"shoe_size": 44})
    with pytest.raises(UnknownDetail, match="unknown municipality 'Xyz'; known: Aby, Bel"):
        candidate_count(population, {"municipality": "Xyz"})
    with pytest.raises(UnknownDetail, match="unknown municipality"):
        generalise_place(population, "Xyz")


def test_wrong_tables_name_the_problem(population: pd.DataFrame) -> None:
    with pytest.raises(DatasetError, match=r"lacks the column.*'count'"):
        candidate_count(population.drop(columns="count"), {"sex": "male"})
    with pytest.raises(DatasetError, match="should be a pandas DataFrame, not list"):
        candidate_count([1, 2], {})


def test_shrinking_pool_follows_the_order(population: pd.DataFrame) -> None:
    pool = shrinking_pool(population, {"sex": "female", "age": 40, "municipality": None}, ["sex", "age",
                                                                                           "municipality"])
    assert pool["detail"].tolist() == ["sex", "age"]
    assert pool["candidates"].tolist() == [10, 7]


def test_k_anonymity() -> None:
    table = pd.DataFrame({"age": [40, 40, 41, 41, 41], "sex": ["f", "f", "m", "m", "m"]})
    assert equivalence_class_sizes(table, ["age", "sex"]).tolist() == [2, 2, 3, 3, 3]
    assert k_anonymity(table, ["age", "sex"]) == 2
    assert k_anonymity(table, ["sex"]) == 2
    with pytest.raises(ValueError, match="empty"):
        k_anonymity(table.iloc[:0], ["age"])
    with pytest.raises(DatasetError, match="'zip'"):
        k_anonymity(table, ["zip"])
    with pytest.raises(ValueError, match="at least one"):
        k_anonymity(table, [])


def test_candidate_counts_gives_k_for_every_post() -> None:
    from medsome.data import load_case_posts, load_population
    from medsome.privacy import candidate_counts

    population, posts = load_population(), load_case_posts()
    counts = candidate_counts(posts, population)
    assert list(counts.index) == list(posts.index) and counts.dtype == "int64"
    first = posts.iloc[0]
    revealed = {c: first[c] for c in ("municipality", "age", "sex", "condition", "occupation")}
    assert counts.iloc[0] == candidate_count(population, revealed)


def test_candidate_counts_equal_candidate_count_post_by_post() -> None:
    from medsome.data import load_case_posts, load_population
    from medsome.privacy import DETAILS, candidate_counts

    population, posts = load_population(), load_case_posts()
    one_by_one = [candidate_count(population, {c: row[c] for c in DETAILS if c in posts.columns})
                  for _, row in posts.iterrows()]
    assert candidate_counts(posts, population).tolist() == one_by_one


def test_candidate_counts_of_age_bands_and_missing_details(population: pd.DataFrame) -> None:
    from medsome.privacy import candidate_counts

    posts = pd.DataFrame({"age": [AgeBand(40, 49), None, 62], "sex": ["female", "male", None],
                          "municipality": [np.nan, "Aby", "Bel"]})
    assert candidate_counts(posts, population).tolist() == [
        candidate_count(population, {"age": AgeBand(40, 49), "sex": "female"}),
        candidate_count(population, {"sex": "male", "municipality": "Aby"}),
        candidate_count(population, {"age": 62, "municipality": "Bel"})]


def test_candidate_counts_name_an_unknown_value_as_candidate_count_does(population: pd.DataFrame) -> None:
    from medsome.privacy import candidate_counts

    posts = pd.DataFrame({"sex": ["female", "female"], "municipality": ["Aby", "Atlantis"]})
    with pytest.raises(UnknownDetail, match="unknown municipality 'Atlantis'"):
        candidate_counts(posts, population)
    with pytest.raises(DatasetError, match="'occupation'"):
        candidate_counts(pd.DataFrame({"occupation": ["nurse"]}), population.drop(columns="occupation"))

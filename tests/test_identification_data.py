"""Module 2's datasets: seeded, byte-identical, consistent, and loaded with clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from medsome.data import load_case_posts, load_population
from medsome.datasets import identification
from medsome.errors import DatasetError
from medsome.privacy import candidate_count

POSTS = load_case_posts()
POPULATION = load_population()


def _k(post: pd.Series) -> int:
    return candidate_count(POPULATION, {c: post[c] for c in identification.LINKABLE if pd.notna(post[c])})


def test_regeneration_gives_identical_bytes(tmp_path: Path) -> None:
    first = identification.write(tmp_path / "a")
    second = identification.write(tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        committed = ROOT / "datasets" / a.relative_to(tmp_path / "a")
        assert committed.read_bytes() == a.read_bytes(), f"{committed}: run `medsome datasets build`"


def test_posts_reveal_what_their_columns_say() -> None:
    for _, post in POSTS.iterrows():
        revealed = [c for c in identification.IDENTIFIER_CATEGORIES if pd.notna(post[c])]
        assert post["identifiers"] == ";".join(revealed), post["post_id"]
        for column in ("municipality", "condition", "occupation", "hospital", "date", "time_of_day"):
            if pd.notna(post[column]):
                assert str(post[column]) in post["text"], (post["post_id"], column)
        if pd.notna(post["age"]):
            assert f"{post['age']}-year-old" in post["text"]


def test_revealed_values_exist_in_the_population() -> None:
    for column in ("municipality", "condition", "occupation"):
        assert set(POSTS[column].dropna()) <= set(POPULATION[column])


def test_the_posts_span_unique_to_anonymous() -> None:
    ks = POSTS.apply(_k, axis=1)
    assert (ks == 1).sum() >= 5 and (ks < 5).sum() >= 8 and (ks >= 1000).sum() >= 5


def test_population_is_plausible() -> None:
    assert 300_000 <= POPULATION["count"].sum() <= 450_000
    sizes = POPULATION.groupby("municipality")["count"].sum()
    assert sizes.min() < 1_000 and sizes.max() > 100_000
    assert (POPULATION["count"] >= 1).all()
    assert POPULATION.groupby("municipality")["district"].nunique().eq(1).all()


def test_loading_errors_name_file_and_column(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="file not found"):
        load_population(tmp_path)
    folder = tmp_path / "identification"
    folder.mkdir()
    shutil.copy(ROOT / "datasets" / "identification" / "case_posts.csv", folder)
    frame = pd.read_csv(folder / "case_posts.csv")
    frame.drop(columns="text").to_csv(folder / "case_posts.csv", index=False)
    with pytest.raises(DatasetError, match=r"case_posts.csv: missing column.*'text'"):
        load_case_posts(tmp_path)
    frame.assign(age="forty").to_csv(folder / "case_posts.csv", index=False)
    with pytest.raises(DatasetError, match="column 'age' should hold int"):
        load_case_posts(tmp_path)

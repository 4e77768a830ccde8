"""Module 4's posts and photo pairs: seeded, byte-identical, calibrated to the studies, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from medsome.appraisal import DISCERN_COLUMNS, discern_ratings, discern_score, jama_benchmarks
from medsome.catalogue import FEATURED_SCHEMA, PAIRS_SCHEMA, POSTS_SCHEMA
from medsome.comparability import differing_parameters, pair_setups
from medsome.data import load_featured_posts, load_photo_pairs, load_posts
from medsome.datasets import misinformation as m
from medsome.errors import DatasetError

POSTS = load_posts()
FEATURED = load_featured_posts()
PAIRS = load_photo_pairs()
ITEMS_1_15 = list(DISCERN_COLUMNS[:15])


def _mean_item(frame: pd.DataFrame) -> pd.Series:
    return frame[ITEMS_1_15].mean(axis=1)


def test_regeneration_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = m.write(tmp_path / "a"), m.write(tmp_path / "b")
    names = [p.relative_to(tmp_path / "a").as_posix() for p in first]
    assert names == [POSTS_SCHEMA.filename, FEATURED_SCHEMA.filename, PAIRS_SCHEMA.filename]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        committed = ROOT / "datasets" / a.relative_to(tmp_path / "a")
        assert committed.read_bytes() == a.read_bytes(), f"{committed}: run `medsome datasets build`"


def test_corpus_size_ids_and_values() -> None:
    assert len(POSTS) >= 2000 and POSTS["post_id"].is_unique and POSTS["featured"].isna().all()
    assert set(POSTS["creator_role"]) == set(m.ROLES)
    assert set(POSTS["platform"]) == set(m.PLATFORM_COUNTS)
    assert set(POSTS["post_type"]) == set(m.POST_TYPES)
    assert set(POSTS["accuracy"]) == {"accurate", "inaccurate"}
    assert POSTS[list(DISCERN_COLUMNS)].isin(range(1, 6)).all().all()
    assert (POSTS[["views", "likes", "comments", "shares"]] >= 0).all().all()
    assert (POSTS["likes"] <= POSTS["views"]).all()


def test_creator_roles_match_dorfman_2018() -> None:
    shares = POSTS["creator_role"].value_counts(normalize=True)
    assert shares[m.BOARD] == pytest.approx(0.178, abs=0.0005)
    assert shares["other_physician"] == pytest.approx(0.264, abs=0.0005)
    assert shares["non_physician_clinic"] == pytest.approx(0.055, abs=0.0005)
    assert POSTS["self_promotional"].mean() == pytest.approx(0.671, abs=0.0005)
    board = POSTS["creator_role"] == m.BOARD
    assert POSTS.loc[board, "educational"].mean() == pytest.approx(0.621, abs=0.002)
    assert POSTS.loc[~board, "educational"].mean() == pytest.approx(0.381, abs=0.0005)


def test_inaccuracy_by_platform_and_creator() -> None:
    rate = POSTS["accuracy"].eq("inaccurate").groupby(POSTS["platform"]).mean()
    assert rate["tiktok"] == pytest.approx(0.27, abs=0.001)  # Tzatzidou & Abdullmalek 2024
    assert rate["instagram"] == pytest.approx(0.125, abs=0.001)
    by_role = POSTS["accuracy"].eq("inaccurate").groupby(POSTS["creator_role"]).mean()
    assert by_role.idxmin() == m.BOARD and by_role[m.BOARD] < 0.5 * by_role.drop(m.BOARD).min()
    breaches = POSTS[POSTS["asepsis_breach"]]
    assert len(breaches) >= 20 and breaches["accuracy"].eq("inaccurate").all()
    assert breaches["post_type"].eq("procedure_video").all()
    assert breaches["text"].str.contains("bare hands").all()
    assert (POSTS["text"].str.contains("bare hands") == POSTS["asepsis_breach"]).all()


def test_discern_levels_match_the_published_ranges() -> None:
    mean = _mean_item(POSTS).groupby(POSTS["platform"]).mean()
    assert 2.21 <= mean["youtube"] <= 2.44  # Ward 2019, 2020
    assert 1.25 <= mean["tiktok"] <= 1.91  # Om 2021; Zargaran 2023
    for platform, target in m.DISCERN_TARGET.items():
        assert mean[platform] == pytest.approx(target, abs=0.01)
    by_role = _mean_item(POSTS).groupby(POSTS["creator_role"]).mean()
    assert by_role.idxmax() == m.BOARD
    by_type = _mean_item(POSTS).groupby(POSTS["post_type"]).mean()
    assert by_type.idxmin() == "comedy"
    by_accuracy = _mean_item(POSTS).groupby(POSTS["accuracy"]).mean()
    assert by_accuracy["accurate"] > by_accuracy["inaccurate"]


def test_engagement_is_heavy_tailed_and_higher_for_inaccurate_posts() -> None:
    engagement = POSTS["likes"] + POSTS["comments"] + POSTS["shares"]
    median = engagement.groupby(POSTS["accuracy"]).median()
    assert median["inaccurate"] > median["accurate"]
    assert engagement.mean() > 2 * engagement.median()
    youtube = POSTS.loc[POSTS["platform"] == "youtube", "views"]
    assert youtube.mean() == pytest.approx(667_000_000 / 143, rel=0.001)  # Ward 2020


def test_jama_benchmarks_are_rarely_all_met() -> None:
    scores = POSTS.apply(lambda row: jama_benchmarks(row).score, axis=1)
    assert scores.between(0, 4).all() and (scores == 4).mean() < 0.1
    assert scores.groupby(POSTS["creator_role"]).mean().idxmax() == m.BOARD


def test_featured_posts_cover_the_essays_themes() -> None:
    themes = set(FEATURED["featured"])
    assert themes >= {"bare_hands", "non_comparable_photos", "board_certified_explainer", "comedy",
                      "graphic_video", "undisclosed_sponsorship"}
    assert FEATURED["post_id"].is_unique and not set(FEATURED["post_id"]) & set(POSTS["post_id"])
    scores = {row["featured"]: discern_score(discern_ratings(row)) for _, row in FEATURED.iterrows()}
    assert max(scores, key=lambda theme: scores[theme].total) == "board_certified_explainer"
    explainer = FEATURED.set_index("featured").loc["board_certified_explainer"]
    assert jama_benchmarks(explainer).score == 4
    bare = FEATURED.set_index("featured").loc["bare_hands"]
    assert bare["asepsis_breach"] and bare["accuracy"] == "inaccurate"


def test_photo_pairs_groups_and_comparability() -> None:
    assert len(PAIRS) == sum(m.PAIR_GROUPS.values()) and PAIRS["pair_id"].is_unique
    differs = PAIRS.apply(lambda row: bool(differing_parameters(*pair_setups(row))), axis=1)
    groups = pd.crosstab(PAIRS["surgery"], differs)
    assert groups.loc[True, True] == 40 and groups.loc[True, False] == 40
    assert groups.loc[False, True] == 60 and groups.loc[False, False] == 20
    assert (PAIRS.loc[~PAIRS["surgery"], "lines_after"] == 1.0).all()
    assert (PAIRS.loc[PAIRS["surgery"], "lines_after"] < 1.0).all()
    assert PAIRS["rated_improved"].between(0, PAIRS["raters"]).all()


def test_same_day_ratings_match_the_blinded_study() -> None:
    """Same day, no surgery, changed technique: 45% of ratings 'improved'; flash the strongest."""
    setups = PAIRS.apply(lambda row: differing_parameters(*pair_setups(row)), axis=1)
    same_day = PAIRS[~PAIRS["surgery"] & setups.map(bool)]
    share = same_day["rated_improved"].sum() / same_day["raters"].sum()
    assert share == pytest.approx(0.45, abs=0.01)
    flash = setups[same_day.index].map(lambda found: "flash" in found)
    improved = same_day["rated_improved"] / same_day["raters"]
    assert improved[flash].mean() > 2 * improved[~flash].mean()
    control = PAIRS[~PAIRS["surgery"] & ~setups.map(bool)]
    assert control["rated_improved"].sum() / control["raters"].sum() < 0.15


def test_loading_errors_name_file_and_column(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"posts\.csv: file not found"):
        load_posts(tmp_path)
    folder = tmp_path / "misinformation"
    folder.mkdir()
    shutil.copy(ROOT / "datasets" / PAIRS_SCHEMA.filename, folder)
    frame = pd.read_csv(folder / "photo_pairs.csv", dtype=str, keep_default_na=False)
    frame.drop(columns="after_zoom").to_csv(folder / "photo_pairs.csv", index=False)
    with pytest.raises(DatasetError, match=r"photo_pairs.csv: missing column.*'after_zoom'"):
        load_photo_pairs(tmp_path)
    frame.assign(before_flash="maybe").to_csv(folder / "photo_pairs.csv", index=False)
    with pytest.raises(DatasetError, match="column 'before_flash' should hold bool"):
        load_photo_pairs(tmp_path)


def test_loaded_types_match_the_schema() -> None:
    assert list(POSTS.columns) == POSTS_SCHEMA.names == list(FEATURED.columns)
    assert POSTS["views"].dtype == "int64" and POSTS["educational"].dtype == bool
    assert PAIRS["after_flash"].dtype == bool and PAIRS["after_zoom"].dtype == "float64"

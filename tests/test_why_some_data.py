"""Module 1's datasets: seeded, byte-identical, labelled, calibrated, and clear loading errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from medsome.catalogue import ACADEMICS_SCHEMA, AGE_GROUPS, SURVEY_SCHEMA, TOPIC_COLUMNS, USERS_SCHEMA
from medsome.data import load_academics, load_information_survey, load_social_media_users
from medsome.datasets import academics, information_seeking, social_media_users
from medsome.datasets.academics import h_index
from medsome.errors import DatasetError

USERS = load_social_media_users()
ACADEMICS = load_academics()
SURVEY = load_information_survey()
WRITERS = (social_media_users.write, academics.write, information_seeking.write)


@pytest.mark.parametrize("write", WRITERS, ids=lambda f: f.__module__.rsplit(".", 1)[-1])
def test_regeneration_gives_identical_bytes(write, tmp_path: Path) -> None:
    first, second = write(tmp_path / "a"), write(tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        committed = ROOT / "datasets" / a.relative_to(tmp_path / "a")
        assert committed.read_bytes() == a.read_bytes(), f"{committed}: run `medsome datasets build`"


def test_users_label_every_figure_and_keep_the_checked_ones() -> None:
    assert set(USERS["kind"]) == {"reported", "derived", "synthetic"}
    reported = USERS[USERS["kind"] == "reported"].set_index(["year", "month"])["users_bn"]
    assert reported.to_dict() == {(2020, 7): 3.96, (2021, 1): 4.20, (2024, 1): 5.04}
    assert USERS.loc[USERS["kind"] == "synthetic", "source"].str.startswith("synthetic").all()
    assert USERS.loc[USERS["kind"] != "synthetic", "source"].str.contains("DataReportal").all()
    january = USERS[USERS["month"] == 1].set_index("year")["users_bn"]
    assert list(january.index) == list(range(2015, 2025))
    assert january.is_monotonic_increasing
    assert january[2021] - january[2020] == pytest.approx(0.49)
    assert january[2024] / january[2023] - 1 == pytest.approx(0.056, abs=0.0005)


def test_academics_h_index_is_computed_from_papers() -> None:
    assert h_index(np.array([10, 8, 5, 4, 3])) == 4
    assert h_index(np.array([0, 0])) == 0
    assert h_index(np.array([100])) == 1
    assert ACADEMICS["academic_id"].is_unique and len(ACADEMICS) == academics.N_ACADEMICS
    assert (ACADEMICS["h_index"] <= ACADEMICS["papers"]).all()
    assert (ACADEMICS["h_index"] ** 2 <= ACADEMICS["citations"]).all()
    assert (ACADEMICS["citations"] > 0).all() and (ACADEMICS["x_followers"] > 0).all()


def test_academics_show_correlation_without_causation() -> None:
    log_followers = np.log10(ACADEMICS["x_followers"])
    overall = log_followers.corr(ACADEMICS["h_index"])
    assert 0.3 < overall < 0.7  # followers and h-index correlate, as in the published study
    bands = pd.cut(ACADEMICS["career_years"], [0, 12, 24, 40])
    within = [log_followers[bands == b].corr(ACADEMICS.loc[bands == b, "h_index"])
              for b in bands.cat.categories]
    assert max(within) < overall - 0.2  # ... mostly through career length, a confounder


def test_some_academics_are_kardashians_and_most_are_not() -> None:
    expected = 43.3 * ACADEMICS["citations"] ** 0.32
    k = ACADEMICS["x_followers"] / expected
    assert 2 <= (k > 5).sum() <= 10
    assert (k < 1).sum() > len(k) / 3


def test_survey_is_calibrated_to_montemurro_2015() -> None:
    assert SURVEY["uses_internet"].mean() == pytest.approx(0.95, abs=0.03)
    assert SURVEY["uses_social_media"].mean() == pytest.approx(0.46, abs=0.03)


def test_survey_is_consistent() -> None:
    offline = ~SURVEY["uses_internet"]
    assert not SURVEY.loc[offline, ["uses_social_media", *TOPIC_COLUMNS]].any().any()
    assert not SURVEY.loc[~SURVEY["uses_social_media"], "joined_since_2020"].any()
    assert set(SURVEY["age_group"]) == set(AGE_GROUPS)
    assert SURVEY["respondent_id"].is_unique


def test_survey_shows_older_newcomers_and_age_differences() -> None:
    users = SURVEY[SURVEY["uses_social_media"]]
    newcomers = users.groupby("age_group")["joined_since_2020"].mean()
    assert newcomers["75+"] > newcomers["18-29"]
    by_age = SURVEY.groupby("age_group")[list(TOPIC_COLUMNS)].mean()
    assert by_age.loc["18-29"].idxmax() == "sought_clinical_photos"
    assert by_age.loc["75+"].idxmax() in {"sought_hospital", "sought_surgeon"}


@pytest.mark.parametrize(("loader", "schema", "column"), [
    (load_social_media_users, USERS_SCHEMA, "users_bn"),
    (load_academics, ACADEMICS_SCHEMA, "citations"),
    (load_information_survey, SURVEY_SCHEMA, "uses_internet"),
])
def test_loading_errors_name_file_and_column(loader, schema, column: str, tmp_path: Path) -> None:
    name = Path(schema.filename).name
    with pytest.raises(DatasetError, match=rf"{name}: file not found"):
        loader(tmp_path)
    target = tmp_path / schema.filename
    target.parent.mkdir(parents=True)
    shutil.copy(ROOT / "datasets" / schema.filename, target)
    frame = pd.read_csv(target, dtype=str, keep_default_na=False)
    frame.drop(columns=column).to_csv(target, index=False)
    with pytest.raises(DatasetError, match=rf"{name}: missing column.*'{column}'"):
        loader(tmp_path)
    frame.assign(**{column: "lots"}).to_csv(target, index=False)
    with pytest.raises(DatasetError, match=f"column '{column}' should hold"):
        loader(tmp_path)
    frame.assign(**{column: ""}).to_csv(target, index=False)
    with pytest.raises(DatasetError, match=f"column '{column}' is empty on line 2"):
        loader(tmp_path)


def test_loaded_types_match_the_schemas() -> None:
    assert ACADEMICS["h_index"].dtype == "int64" and ACADEMICS["posts_per_month"].dtype == "float64"
    assert SURVEY["uses_internet"].dtype == bool
    assert USERS["users_bn"].dtype == "float64"
    for frame, schema in ((USERS, USERS_SCHEMA), (ACADEMICS, ACADEMICS_SCHEMA), (SURVEY, SURVEY_SCHEMA)):
        assert list(frame.columns) == schema.names

"""Loading the course's datasets, each checked against its schema (`medsome.catalogue`).

Readers only: the generators (`medsome.datasets`) and the rules they apply are never imported here,
so a notebook that loads data pays for pandas and the schemas, nothing more.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from medsome import catalogue
from medsome.errors import DatasetError, MedsomeError
from medsome.paths import datasets_dir
from medsome.schema import Schema, load_csv

__all__ = ["UnknownPhotoError", "load_academics", "load_case_posts", "load_draft_posts",
           "load_featured_posts", "load_information_survey", "load_photo_manifest", "load_photo_pairs",
           "load_population", "load_posts", "load_rule_matrix", "load_social_media_users",
           "load_vignettes", "photo_path"]

Folder = str | os.PathLike[str] | None


class UnknownPhotoError(MedsomeError, LookupError):
    """No photo of the course has the name asked for."""


def _root(datasets: Folder) -> Path:
    """The datasets folder asked for, else the course's datasets/."""
    return datasets_dir() if datasets is None else Path(datasets)


def _load(schema: Schema, datasets: Folder) -> pd.DataFrame:
    return load_csv(_root(datasets) / schema.filename, schema)


def load_social_media_users(datasets: Folder = None) -> pd.DataFrame:
    """Module 1's social media users by year: reported, derived and synthetic rows, schema-checked."""
    return _load(catalogue.USERS_SCHEMA, datasets)


def load_academics(datasets: Folder = None) -> pd.DataFrame:
    """Module 1's synthetic surgeon-academics, checked against the schema."""
    return _load(catalogue.ACADEMICS_SCHEMA, datasets)


def load_information_survey(datasets: Folder = None) -> pd.DataFrame:
    """Module 1's synthetic patient information-seeking survey, checked against the schema."""
    return _load(catalogue.SURVEY_SCHEMA, datasets)


def load_population(datasets: Folder = None) -> pd.DataFrame:
    """Module 2's synthetic regional population: one row per group of identical people."""
    return _load(catalogue.POPULATION_SCHEMA, datasets)


def load_case_posts(datasets: Folder = None) -> pd.DataFrame:
    """Module 2's synthetic case posts and the details each reveals."""
    return _load(catalogue.CASE_POSTS_SCHEMA, datasets)


def load_photo_manifest(datasets: Folder = None) -> pd.DataFrame:
    """The photo manifest, checked against PHOTOS_SCHEMA (default: the course's datasets/)."""
    return _load(catalogue.PHOTOS_SCHEMA, datasets)


def photo_path(name: str, datasets: Folder = None) -> Path:
    """The file of the photo called `name` (e.g. "ward_round"); the error lists the known names."""
    if not isinstance(name, str):
        raise TypeError(f"photo_path: name should be a str such as 'ward_round', got {name!r}.")
    manifest = load_photo_manifest(datasets)
    match = manifest.loc[manifest["scene"] == name, "file"]
    if match.empty:
        known = ", ".join(manifest["scene"])
        raise UnknownPhotoError(f"There is no photo called {name!r}. The photos are: {known}.")
    path = _root(datasets) / str(match.iloc[0])
    if not path.is_file():
        raise DatasetError(
            f"{path}: the photo is missing. Regenerate the datasets with `medsome datasets build`."
        )
    return path


def load_vignettes(datasets: Folder = None) -> pd.DataFrame:
    """Module 3's synthetic consent vignettes with the experts' decision, checked against the schema."""
    return _load(catalogue.VIGNETTES_SCHEMA, datasets)


def load_posts(datasets: Folder = None) -> pd.DataFrame:
    """Module 4's synthetic corpus of surgery posts, checked against its schema."""
    return _load(catalogue.POSTS_SCHEMA, datasets)


def load_featured_posts(datasets: Folder = None) -> pd.DataFrame:
    """Module 4's hand-written featured posts, with the course panel's DISCERN ratings."""
    return _load(catalogue.FEATURED_SCHEMA, datasets)


def load_photo_pairs(datasets: Folder = None) -> pd.DataFrame:
    """Module 4's synthetic before/after photo pairs: set-ups and blinded synthetic ratings."""
    return _load(catalogue.PAIRS_SCHEMA, datasets)


def load_rule_matrix(datasets: Folder = None) -> pd.DataFrame:
    """Module 5's guideline rule matrix, one row per (rule, body) cell, checked against the schema."""
    return _load(catalogue.RULE_MATRIX_SCHEMA, datasets)


def load_draft_posts(datasets: Folder = None) -> pd.DataFrame:
    """Module 5's invented draft posts with the audit's expected findings, checked against the schema."""
    return _load(catalogue.DRAFT_POSTS_SCHEMA, datasets)

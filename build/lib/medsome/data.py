"""Loading the course's datasets, each checked against its schema."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medsome.datasets.academics import load_academics
from medsome.datasets.consent_vignettes import load_vignettes
from medsome.datasets.identification import CASE_POSTS_SCHEMA, POPULATION_SCHEMA
from medsome.datasets.information_seeking import load_information_survey
from medsome.datasets.misinformation import load_featured_posts, load_photo_pairs, load_posts
from medsome.datasets.photos import load_photo_manifest, photo_path
from medsome.datasets.professionalism import load_draft_posts, load_rule_matrix
from medsome.datasets.social_media_users import load_social_media_users
from medsome.paths import datasets_dir
from medsome.schema import Schema, load_csv

__all__ = ["load_academics", "load_case_posts", "load_draft_posts", "load_featured_posts",
           "load_information_survey", "load_photo_manifest", "load_photo_pairs", "load_population",
           "load_posts", "load_rule_matrix", "load_social_media_users", "load_vignettes", "photo_path"]


def _load(schema: Schema, datasets: Path | None) -> pd.DataFrame:
    return load_csv((datasets or datasets_dir()) / schema.filename, schema)


def load_population(datasets: Path | None = None) -> pd.DataFrame:
    """Module 2's synthetic regional population: one row per group of identical people."""
    return _load(POPULATION_SCHEMA, datasets)


def load_case_posts(datasets: Path | None = None) -> pd.DataFrame:
    """Module 2's synthetic case posts and the details each reveals."""
    return _load(CASE_POSTS_SCHEMA, datasets)

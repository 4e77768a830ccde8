"""Synthetic surgeon-academics (Module 1): publications, citations, h-index, followers and posting.

Nobody in the table exists. Each academic gets a career length, a research output and a posting
habit. Citations are drawn paper by paper and the h-index is computed from them, as it is for real
researchers. Followers are generated from **posting and career length only, never from the
h-index**: the two still correlate, because senior academics have both more citations and more
followers. That is the lesson's point: a correlation (as the published one between followers and
h-index in academic plastic surgery) does not show that one causes the other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.catalogue import ACADEMICS_SCHEMA

SEED = 20240502
N_ACADEMICS = 80
SPECIALTIES = ("plastic surgery", "general surgery", "orthopaedics", "cardiothoracic surgery",
               "vascular surgery", "neurosurgery")
CAREER_YEARS = (3, 36)  # years since the first paper, inclusive
PAPERS_PER_YEAR = 3.0
NEVER_POSTS = 0.15  # share of academics with an account who (almost) never post


def h_index(citations_per_paper: np.ndarray) -> int:
    """The largest h such that h papers have at least h citations each."""
    ranked = np.sort(np.asarray(citations_per_paper))[::-1]
    return int((ranked >= np.arange(1, len(ranked) + 1)).sum())


def _academic(rng: np.random.Generator, number: int) -> dict[str, object]:
    """One invented academic."""
    career = int(rng.integers(CAREER_YEARS[0], CAREER_YEARS[1] + 1))
    output = rng.lognormal(0, 0.45)  # research productivity, independent of posting
    papers = max(1, int(rng.poisson(career * PAPERS_PER_YEAR * output)))
    ages = rng.uniform(0, career, size=papers)  # years since each paper appeared
    per_paper = rng.poisson(rng.lognormal(0.6, 1.0, size=papers) * (1 + ages))
    posts = 0.0 if rng.random() < NEVER_POSTS else float(np.round(rng.lognormal(1.6, 0.8), 1))
    x_log = 3.8 + 0.6 * np.log1p(posts) + 0.07 * career + rng.normal(0, 0.75)
    insta_log = 4.6 + 0.75 * np.log1p(posts) - 0.03 * career + rng.normal(0, 0.8)
    return {
        "academic_id": f"A{number:02d}", "specialty": SPECIALTIES[int(rng.integers(len(SPECIALTIES)))],
        "career_years": career, "papers": papers, "citations": int(per_paper.sum()),
        "h_index": h_index(per_paper), "x_followers": int(np.round(np.expm1(x_log))),
        "instagram_followers": int(np.round(np.expm1(insta_log))), "posts_per_month": posts,
    }


def generate_academics(seed: int = SEED, n: int = N_ACADEMICS) -> pd.DataFrame:
    """`n` invented surgeon-academics, one row each."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame([_academic(rng, i) for i in range(1, n + 1)], columns=ACADEMICS_SCHEMA.names)
    return frame


def write(target: Path) -> list[Path]:
    """Write target/why_some/academics.csv."""
    csv = generate_academics().to_csv(index=False, lineterminator="\n")
    return [write_text(Path(target) / ACADEMICS_SCHEMA.filename, csv)]

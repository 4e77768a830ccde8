"""Appraising health information: DISCERN scores and the JAMA benchmarks.

DISCERN (Charnock D, Shepperd S, Needham G, Gann R. J Epidemiol Community Health 1999;53:105-11)
has 16 questions, each rated 1 (no) to 5 (yes): items 1-8 ask whether the publication is
reliable, items 9-15 about the quality of its information on treatment choices, and item 16 is an
overall rating. It rates quality, not accuracy; raters agreed with kappa 0.53 among experts and
0.23 among lay raters. The questions below are the course's paraphrases.

Totals. The course's convention is `total` = the sum of items 1-15 (range 15-75), the two
sections the instrument builds up item by item; item 16, the overall judgement, is reported on
its own (`overall`), after the instrument's own structure (Charnock 1999). Published appraisals
of surgical videos report a mean item rating on the 1-5 scale (e.g. Ward 2019: 2.21 for facial
procedures on YouTube), which is `mean_item` here (the total divided by 15).

JAMA benchmarks (Silberg WM, Lundberg GD, Musacchio RA. JAMA 1997;277:1244-5): authorship,
attribution, disclosure and currency; one point each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from medsome.catalogue import DISCERN_COLUMNS, JAMA_BENCHMARKS
from medsome.errors import MedsomeError

DISCERN_ITEMS: tuple[str, ...] = (
    "Are the aims of the post clear?",
    "Does it achieve its aims?",
    "Is it relevant to the viewer?",
    "Is it clear what sources of information were used (other than the author)?",
    "Is it clear when the information it uses was produced?",
    "Is it balanced and unbiased?",
    "Does it point to further sources of support and information?",
    "Does it mention areas of uncertainty?",
    "Does it describe how each treatment works?",
    "Does it describe the benefits of each treatment?",
    "Does it describe the risks of each treatment?",
    "Does it describe what would happen without treatment?",
    "Does it describe how the treatment choices affect overall quality of life?",
    "Is it clear that there may be more than one possible treatment choice?",
    "Does it support shared decision-making?",
    "Overall, how would you rate the post as a source of information about treatment choices?",
)
DISCERN_SHORT: tuple[str, ...] = (
    "clear aims", "achieves aims", "relevant", "sources", "date", "balanced", "further support",
    "uncertainty", "how it works", "benefits", "risks", "no-treatment outcome", "quality of life",
    "alternatives", "shared decisions", "overall",
)
RELIABILITY_ITEMS = tuple(range(1, 9))
TREATMENT_ITEMS = tuple(range(9, 16))
OVERALL_ITEM = 16
RATING_RANGE = (1, 5)

JAMA_EXPLANATIONS: dict[str, str] = {
    "authorship": "authorship: the post does not say who made it and what their credentials are",
    "attribution": "attribution: the post gives no references or sources for its claims",
    "disclosure": "disclosure: the post declares no sponsorship, payment or conflict of interest",
    "currency": "currency: the post does not say when its content was written or last updated",
}


class AppraisalError(MedsomeError, ValueError):
    """Ratings or benchmarks that cannot be scored: missing, out of range, or of the wrong type."""


@dataclass(frozen=True)
class DiscernScore:
    """A DISCERN appraisal: the 16 ratings and their section sums."""

    ratings: tuple[int, ...]
    reliability: int
    treatment: int
    overall: int
    total: int

    @property
    def mean_item(self) -> float:
        """The mean rating of items 1-15 on the 1-5 scale, as published appraisals report it."""
        return self.total / 15


@dataclass(frozen=True)
class JamaResult:
    """Which JAMA benchmarks a post meets, which it misses, and why each missing one matters."""

    met: tuple[str, ...]
    missing: tuple[str, ...]
    score: int
    explanations: tuple[str, ...]


def _rating(item: int, value: object) -> int:
    """A rating as an int from 1 to 5, or an error naming the item."""
    low, high = RATING_RANGE
    whole = not isinstance(value, bool) and hasattr(value, "__index__")
    if not whole and isinstance(value, float) and value.is_integer():
        whole, value = True, int(value)
    if not whole:
        raise AppraisalError(f"DISCERN item {item}: the rating should be a whole number from {low} to "
                             f"{high}, not {value!r}")
    rating = int(value)
    if not low <= rating <= high:
        raise AppraisalError(f"DISCERN item {item}: the rating should be from {low} to {high}, not {rating}")
    return rating


def discern_score(ratings: Mapping[int, int]) -> DiscernScore:
    """Score DISCERN ratings given as {item number 1-16: rating 1-5}."""
    if not isinstance(ratings, Mapping):
        raise AppraisalError("DISCERN ratings should be a mapping of item number (1-16) to rating (1-5), "
                             f"e.g. {{1: 4, 2: 3, ...}}, not {type(ratings).__name__}")
    items = range(1, len(DISCERN_ITEMS) + 1)
    unknown = [k for k in ratings if isinstance(k, bool) or k not in items]
    if unknown:
        raise AppraisalError(f"DISCERN has items 1 to 16 only; remove {', '.join(repr(k) for k in unknown)}")
    missing = [n for n in items if n not in ratings]
    if missing:
        raise AppraisalError(f"DISCERN ratings are missing item(s) {', '.join(map(str, missing))}: "
                             "rate all 16")
    values = tuple(_rating(n, ratings[n]) for n in items)
    reliability = sum(values[n - 1] for n in RELIABILITY_ITEMS)
    treatment = sum(values[n - 1] for n in TREATMENT_ITEMS)
    return DiscernScore(values, reliability, treatment, values[OVERALL_ITEM - 1], reliability + treatment)


def discern_ratings(row: Mapping[str, Any]) -> dict[int, int]:
    """The {item: rating} mapping of a post row with columns discern_01 ... discern_16."""
    missing = [c for c in DISCERN_COLUMNS if c not in row]
    if missing:
        raise AppraisalError(f"the post lacks the DISCERN column(s) {', '.join(missing)}")
    values = (row[column] for column in DISCERN_COLUMNS)
    return {n: v.item() if isinstance(v, np.generic) else v for n, v in enumerate(values, start=1)}


def rating_differences(mine: Mapping[int, int], reference: Mapping[int, int],
                       threshold: int = 2) -> tuple[int, ...]:
    """The items on which two raters differ by `threshold` points or more."""
    first, second = discern_score(mine).ratings, discern_score(reference).ratings
    return tuple(n for n, (a, b) in enumerate(zip(first, second, strict=True), start=1)
                 if abs(a - b) >= threshold)


def jama_benchmarks(post: Mapping[str, Any]) -> JamaResult:
    """The JAMA benchmarks a post meets, from a mapping with the four boolean keys."""
    if not isinstance(post, Mapping) and not hasattr(post, "keys"):
        raise AppraisalError(f"jama_benchmarks needs a mapping with the keys {', '.join(JAMA_BENCHMARKS)}, "
                             f"not {type(post).__name__}")
    missing = [b for b in JAMA_BENCHMARKS if b not in post]
    if missing:
        raise AppraisalError(f"the post lacks the JAMA benchmark(s) {', '.join(missing)}: give each as "
                             "True or False")
    for benchmark in JAMA_BENCHMARKS:
        value = post[benchmark]
        if not isinstance(value, bool | np.bool_):
            raise AppraisalError(f"JAMA benchmark {benchmark} should be True or False, not {value!r}")
    met = tuple(b for b in JAMA_BENCHMARKS if post[b])
    missing = tuple(b for b in JAMA_BENCHMARKS if not post[b])
    return JamaResult(met, missing, len(met), tuple(JAMA_EXPLANATIONS[b] for b in missing))


def discern_section_feedback(answer: object, ratings: Mapping[int, int], section: str) -> str:
    """Plain-words feedback on a learner's sum for one DISCERN section, without giving it away."""
    sections = {"reliability": RELIABILITY_ITEMS, "treatment": TREATMENT_ITEMS,
                "total": RELIABILITY_ITEMS + TREATMENT_ITEMS}
    if section not in sections:
        raise AppraisalError(f"section should be one of {', '.join(sections)}, not {section!r}")
    items = sections[section]
    if answer is ... or answer is None:
        return f"Not answered yet: replace ... with the {section} score, a whole number."
    if isinstance(answer, bool) or not isinstance(answer, int):
        return f"The {section} score should be a whole number, not {type(answer).__name__}."
    expected = getattr(discern_score(ratings), section)
    low, high = len(items) * RATING_RANGE[0], len(items) * RATING_RANGE[1]
    if answer == expected:
        return f"Correct: the {section} score is {expected} (possible range {low}-{high})."
    if not low <= answer <= high:
        return (f"{answer} cannot be a {section} score: it adds {len(items)} ratings of 1-5, so it lies "
                f"between {low} and {high}.")
    return (f"Not yet: add the ratings of items {items[0]}-{items[-1]} only "
            f"({'item 16, the overall rating, is not part of it' if section == 'total' else 'no others'}).")

"""The Kardashian index: a scientist's social media following against what their citations predict.

Hall proposed it as satire (Hall N. The Kardashian index. Genome Biol 2014;15:424). The followers
a scientist "should" have for their citations are F = 43.3 · C^0.32, and K = actual followers ÷
expected followers. K well above 1 means more followers than the citations predict; well below 1,
fewer. Hall himself calls those with K > 5 "Science Kardashians"; the course uses his cut-off.
"""

from __future__ import annotations

import math
from numbers import Real

from medsome.errors import MedsomeError

COEFFICIENT = 43.3  # Hall 2014: expected followers = 43.3 · citations ** 0.32
EXPONENT = 0.32
KARDASHIAN_CUTOFF = 5.0  # Hall 2014's own cut-off for a "Science Kardashian"
SOURCE = "Hall N. The Kardashian index. Genome Biol 2014;15:424"


class BibliometricsError(MedsomeError, ValueError):
    """A count that cannot go into the Kardashian index."""


def _count(value: object, name: str, positive: bool) -> float:
    """A non-negative (or positive) real count, or an error saying what it should be."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} should be a number, not {type(value).__name__}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise BibliometricsError(f"{name} should be a finite number, not {value}")
    if number < 0 or (positive and number == 0):
        need = "more than 0" if positive else "0 or more"
        raise BibliometricsError(f"{name} should be {need}, not {value}")
    return number


def expected_followers(citations: float) -> float:
    """The followers Hall's fit predicts for a citation count: 43.3 · C^0.32."""
    return COEFFICIENT * _count(citations, "citations", positive=True) ** EXPONENT


def kardashian_index(followers: float, citations: float) -> float:
    """K: actual followers divided by the followers the citations predict."""
    return _count(followers, "followers", positive=False) / expected_followers(citations)


def describe_k(k: float) -> str:
    """K in words: how the following compares with what the citations predict."""
    k = _count(k, "k", positive=False)
    if k > KARDASHIAN_CUTOFF:
        return (f"K = {k:.1f}: more than {KARDASHIAN_CUTOFF:g} times the followers the citations predict; "
                "a 'Science Kardashian' by Hall's own cut-off of 5 (Hall 2014)")
    if k >= 1:
        return f"K = {k:.1f}: more followers than the citations predict"
    return f"K = {k:.2f}: fewer followers than the citations predict"


def k_feedback(answer: object, followers: float, citations: float) -> str:
    """Plain-words feedback on a learner's Kardashian index, without giving it away."""
    if isinstance(answer, bool) or not isinstance(answer, Real):
        return "Not answered yet: your K should be a number."
    k, expected = kardashian_index(followers, citations), expected_followers(citations)

    def close(target: float) -> bool:
        return abs(float(answer) - target) <= 0.01 * abs(target) + 1e-9

    if close(k):
        return f"Correct: {describe_k(k)}."
    if close(expected):
        return "That is the expected number of followers; K compares the actual followers with it."
    if close(1 / k if k else math.inf):
        return "Upside down: K is actual followers divided by expected followers."
    if close(followers / (COEFFICIENT * citations * EXPONENT)):
        return "Check the formula: the citations are raised to the power 0.32, not multiplied by it."
    return ("Not yet. Compute the expected followers, 43.3 × citations^0.32, then divide the actual "
            "followers by it.")

"""The Kardashian index: Hall's formula, the course's cut-off, and clear errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from medsome.bibliometrics import (
    KARDASHIAN_CUTOFF,
    BibliometricsError,
    describe_k,
    expected_followers,
    k_feedback,
    kardashian_index,
)


def test_expected_followers_is_halls_formula() -> None:
    assert expected_followers(1) == pytest.approx(43.3)
    assert expected_followers(1000) == pytest.approx(43.3 * 1000 ** 0.32)
    assert expected_followers(np.int64(500)) == pytest.approx(43.3 * 500 ** 0.32)
    assert expected_followers(10_000) > expected_followers(1000)


def test_k_is_actual_over_expected() -> None:
    assert kardashian_index(43.3, 1) == pytest.approx(1.0)
    assert kardashian_index(0, 250) == 0
    followers = 6 * expected_followers(2000)
    assert kardashian_index(followers, 2000) == pytest.approx(6.0)


def test_describe_k_in_words() -> None:
    assert "Science Kardashian" in describe_k(KARDASHIAN_CUTOFF + 0.1)
    assert "Hall's own cut-off" in describe_k(12)
    assert "more followers than the citations predict" in describe_k(2)
    assert describe_k(KARDASHIAN_CUTOFF).startswith("K = 5.0: more followers")
    assert describe_k(0.25) == "K = 0.25: fewer followers than the citations predict"


@pytest.mark.parametrize(("followers", "citations", "error", "message"), [
    (100, 0, BibliometricsError, "citations should be more than 0"),
    (100, -3, BibliometricsError, "citations should be more than 0"),
    (-1, 100, BibliometricsError, "followers should be 0 or more"),
    ("many", 100, TypeError, "followers should be a number, not str"),
    (100, None, TypeError, "citations should be a number, not NoneType"),
    (True, 100, TypeError, "followers should be a number, not bool"),
    (math.nan, 100, BibliometricsError, "followers should be a finite number"),
])
def test_bad_counts_are_explained(followers: object, citations: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        kardashian_index(followers, citations)


def test_describe_k_rejects_a_negative_k() -> None:
    with pytest.raises(BibliometricsError, match="k should be 0 or more"):
        describe_k(-1)


def test_k_feedback_names_the_usual_mistakes_without_the_answer() -> None:
    k = kardashian_index(7489, 3162)
    assert k_feedback(k, 7489, 3162).startswith("Correct: K = 13.1")
    assert "expected number of followers" in k_feedback(expected_followers(3162), 7489, 3162)
    assert "Upside down" in k_feedback(1 / k, 7489, 3162)
    assert "power 0.32" in k_feedback(7489 / (43.3 * 3162 * 0.32), 7489, 3162)
    wrong = k_feedback(3, 7489, 3162)
    assert wrong.startswith("Not yet") and "13" not in wrong
    assert k_feedback(..., 7489, 3162).startswith("Not answered yet")

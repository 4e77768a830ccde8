"""Self-check helpers: plain messages, hashes that hide answers, the own-work check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medsome import feedback
from medsome.feedback import CheckFailed


def test_hash_ignores_order_of_sets_and_numpy_scalars() -> None:
    assert feedback.answer_hash({"b", "a"}) == feedback.answer_hash({"a", "b"})
    assert feedback.answer_hash(np.int64(3)) == feedback.answer_hash(3)
    assert feedback.answer_hash(0.1 + 0.2) == feedback.answer_hash(0.3)
    assert feedback.answer_hash([1, 2]) != feedback.answer_hash([2, 1])


def test_expect_hash_passes_and_fails_with_the_message() -> None:
    digest = feedback.answer_hash({"age", "sex"})
    feedback.expect_hash({"sex", "age"}, digest, "unused")
    with pytest.raises(CheckFailed, match="re-read the post"):
        feedback.expect_hash({"age"}, digest, "re-read the post")


def test_expect_type_names_both_types() -> None:
    with pytest.raises(CheckFailed, match="`answer` should be a set, but it is list"):
        feedback.expect_type([1], set, "answer")
    with pytest.raises(CheckFailed, match="None"):
        feedback.expect_type(None, int, "count")


def test_expect_columns_lists_what_is_missing() -> None:
    frame = pd.DataFrame({"post_id": [], "k": []})
    feedback.expect_columns(frame, ["post_id"], "result")
    with pytest.raises(CheckFailed, match="'identifiable'"):
        feedback.expect_columns(frame, ["post_id", "identifiable"], "result")


def test_passed_says_hidden_tests_may_check_more(capsys: pytest.CaptureFixture[str]) -> None:
    feedback.passed("question 1")
    assert "hidden tests" in capsys.readouterr().out

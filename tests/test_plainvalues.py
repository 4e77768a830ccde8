"""Checks accept plain values only: an object made up to fool `==` is named, not compared."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medsome import feedback
from medsome.feedback import CheckFailed
from medsome.plainvalues import foreign_type


class AlwaysEqual(str):
    """What a hostile answer returns: equal to everything."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


def test_plain_values_of_python_numpy_and_pandas_pass() -> None:
    plain = [1, 2.5, "a", None, True, {"a": [1, (2, 3)]}, {1, 2}, np.float64(0.5), pd.Series(["x", "y"]),
             pd.DataFrame({"a": [1]})]
    assert [foreign_type(v) for v in plain] == [None] * len(plain)


def test_a_made_up_type_is_named_even_inside_containers() -> None:
    assert foreign_type(AlwaysEqual("x")) == "AlwaysEqual"
    assert foreign_type(["P01", {"k": AlwaysEqual("x")}]) == "AlwaysEqual"
    assert foreign_type(pd.Series([AlwaysEqual("x")], dtype=object)) == "AlwaysEqual"
    assert foreign_type(type("Fake", (str,), {"__eq__": str.__ne__})("x")) == "Fake"


def test_expect_type_and_expect_hash_refuse_an_always_equal_answer() -> None:
    with pytest.raises(CheckFailed, match="AlwaysEqual defined in the notebook"):
        feedback.expect_type(AlwaysEqual("tattoo"), str, "risk")
    with pytest.raises(CheckFailed, match="AlwaysEqual"):
        feedback.expect_hash([AlwaysEqual("a")], feedback.answer_hash(["a"]), "wrong")
    feedback.expect_type(np.float64(0.75), float, "score")  # numpy's float is a plain float

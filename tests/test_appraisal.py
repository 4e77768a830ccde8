"""DISCERN scoring and the JAMA benchmarks: sums, conventions, feedback and clear errors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from medsome.appraisal import (
    DISCERN_COLUMNS,
    DISCERN_ITEMS,
    DISCERN_SHORT,
    JAMA_BENCHMARKS,
    JAMA_EXPLANATIONS,
    OVERALL_ITEM,
    RELIABILITY_ITEMS,
    TREATMENT_ITEMS,
    AppraisalError,
    discern_ratings,
    discern_score,
    discern_section_feedback,
    jama_benchmarks,
    rating_differences,
)
from medsome.errors import MedsomeError

RATINGS = {n: (n % 5) + 1 for n in range(1, 17)}  # 2, 3, 4, 5, 1, 2, ... ; item 16 -> 2


def test_the_instrument_has_16_items_in_three_parts() -> None:
    assert len(DISCERN_ITEMS) == len(DISCERN_SHORT) == len(DISCERN_COLUMNS) == 16
    assert RELIABILITY_ITEMS == (1, 2, 3, 4, 5, 6, 7, 8)
    assert TREATMENT_ITEMS == (9, 10, 11, 12, 13, 14, 15)
    assert OVERALL_ITEM == 16 and "overall" in DISCERN_ITEMS[15].lower()
    assert all(question.endswith("?") for question in DISCERN_ITEMS)


def test_sections_and_total_follow_the_stated_convention() -> None:
    score = discern_score(RATINGS)
    assert score.reliability == sum(RATINGS[n] for n in range(1, 9)) == 24
    assert score.treatment == sum(RATINGS[n] for n in range(9, 16)) == 21
    assert score.overall == RATINGS[16] == 2
    assert score.total == score.reliability + score.treatment == 45  # items 1-15; item 16 apart
    assert score.mean_item == pytest.approx(3.0)
    assert score.ratings == tuple(RATINGS[n] for n in range(1, 17))
    with pytest.raises(dataclasses.FrozenInstanceError):
        score.total = 0  # type: ignore[misc]


def test_extremes_and_numpy_or_whole_float_ratings() -> None:
    assert discern_score(dict.fromkeys(range(1, 17), 1)).total == 15
    assert discern_score(dict.fromkeys(range(1, 17), 5)).total == 75
    numpy = {n: np.int64(3) for n in range(1, 17)}
    assert discern_score(numpy).total == 45
    assert discern_score({n: 4.0 for n in range(1, 17)}).overall == 4


@pytest.mark.parametrize(("ratings", "message"), [
    ({n: 3 for n in range(1, 16)}, r"missing item\(s\) 16"),
    ({n: 3 for n in range(3, 17)}, r"missing item\(s\) 1, 2"),
    ({**RATINGS, 4: 6}, "item 4: the rating should be from 1 to 5, not 6"),
    ({**RATINGS, 9: 0}, "item 9: the rating should be from 1 to 5, not 0"),
    ({**RATINGS, 2: 2.5}, "item 2: the rating should be a whole number"),
    ({**RATINGS, 3: "4"}, "item 3: the rating should be a whole number"),
    ({**RATINGS, 5: True}, "item 5: the rating should be a whole number"),
    ({**RATINGS, 17: 3}, "items 1 to 16 only; remove 17"),
    ({**RATINGS, "1": 3}, "items 1 to 16 only; remove '1'"),
])
def test_bad_ratings_fail_clearly(ratings: dict, message: str) -> None:
    with pytest.raises(AppraisalError, match=message):
        discern_score(ratings)


def test_not_a_mapping_fails_clearly_and_belongs_to_the_course_errors() -> None:
    with pytest.raises(AppraisalError, match="should be a mapping of item number"):
        discern_score([3] * 16)  # type: ignore[arg-type]
    assert issubclass(AppraisalError, MedsomeError) and issubclass(AppraisalError, ValueError)


def test_ratings_from_a_data_row() -> None:
    row = pd.Series({column: n % 5 + 1 for n, column in enumerate(DISCERN_COLUMNS, start=1)} | {"x": 1})
    assert discern_score(discern_ratings(row)) == discern_score(RATINGS)
    assert all(type(v) is int for v in discern_ratings(row).values())  # plain ints, readable when printed
    with pytest.raises(AppraisalError, match=r"lacks the DISCERN column.*discern_16"):
        discern_ratings(row.drop("discern_16"))


def test_rating_differences_lists_items_two_points_apart() -> None:
    other = {**RATINGS, 3: RATINGS[3] - 2, 7: RATINGS[7] + 1, 16: RATINGS[16] + 3}
    assert rating_differences(RATINGS, other) == (3, 16)
    assert rating_differences(RATINGS, other, threshold=1) == (3, 7, 16)
    assert rating_differences(RATINGS, RATINGS) == ()


def test_jama_benchmarks_met_missing_and_explained() -> None:
    result = jama_benchmarks({"authorship": True, "attribution": False, "disclosure": np.bool_(True),
                              "currency": False, "other": "ignored"})
    assert result.met == ("authorship", "disclosure") and result.missing == ("attribution", "currency")
    assert result.score == 2
    assert result.explanations == (JAMA_EXPLANATIONS["attribution"], JAMA_EXPLANATIONS["currency"])
    assert jama_benchmarks(dict.fromkeys(JAMA_BENCHMARKS, True)).score == 4
    none = jama_benchmarks(pd.Series(dict.fromkeys(JAMA_BENCHMARKS, False)))
    assert none.score == 0 and none.met == () and len(none.explanations) == 4
    assert all(text.startswith(f"{b}:") for b, text in JAMA_EXPLANATIONS.items())


def test_jama_bad_input_fails_clearly() -> None:
    with pytest.raises(AppraisalError, match=r"lacks the JAMA benchmark\(s\) currency"):
        jama_benchmarks({"authorship": True, "attribution": True, "disclosure": True})
    with pytest.raises(AppraisalError, match="disclosure should be True or False, not 'yes'"):
        jama_benchmarks({**dict.fromkeys(JAMA_BENCHMARKS, True), "disclosure": "yes"})
    with pytest.raises(AppraisalError, match="needs a mapping"):
        jama_benchmarks(["authorship"])  # type: ignore[arg-type]


def test_section_feedback_never_gives_the_answer_away() -> None:
    right = discern_section_feedback(24, RATINGS, "reliability")
    assert right.startswith("Correct: the reliability score is 24")
    wrong = discern_section_feedback(25, RATINGS, "reliability")
    assert wrong.startswith("Not yet") and "24" not in wrong
    assert "between 8 and 40" in discern_section_feedback(50, RATINGS, "reliability")
    assert "Not answered yet" in discern_section_feedback(..., RATINGS, "total")
    assert "should be a whole number, not float" in discern_section_feedback(24.0, RATINGS, "reliability")
    assert "item 16" in discern_section_feedback(48, RATINGS, "total")
    with pytest.raises(AppraisalError, match="section should be one of"):
        discern_section_feedback(3, RATINGS, "overall")

"""Before/after comparability: one finding per parameter that differs, tolerances, clear errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medsome.comparability import (
    ANGLE_TOLERANCE_DEGREES,
    LIGHTING_TOLERANCE_STOPS,
    PHOTO_PARAMETERS,
    STANDARD_SETUP,
    ZOOM_TOLERANCE,
    ComparabilityError,
    check_setup,
    comparability_feedback,
    comparability_problems,
    differing_parameters,
    pair_setups,
)
from medsome.errors import MedsomeError

S = STANDARD_SETUP


def test_the_contract_parameters() -> None:
    assert PHOTO_PARAMETERS == ("lighting", "flash", "zoom", "angle", "background", "clothing")
    assert set(S) == set(PHOTO_PARAMETERS)


def test_identical_and_within_tolerance_are_comparable() -> None:
    assert comparability_problems(S, dict(S)) == []
    close = {**S, "lighting": LIGHTING_TOLERANCE_STOPS, "zoom": 1 + ZOOM_TOLERANCE,
             "angle": ANGLE_TOLERANCE_DEGREES}
    assert comparability_problems(S, close) == [] and differing_parameters(S, close) == ()


def test_one_finding_per_differing_parameter_in_order() -> None:
    after = {"lighting": 1.0, "flash": True, "zoom": 1.4, "angle": 20, "background": "plain black",
             "clothing": "top and necklace"}
    findings = comparability_problems(S, after)
    assert len(findings) == 6 and differing_parameters(S, after) == PHOTO_PARAMETERS
    assert findings[0].startswith("the after photo is brighter (0.0 -> 1.0 stops)")
    assert "flash alone made unchanged faces look improved (Aesthetic Plast Surg 2013)" in findings[1]
    assert findings[2] == "the after photo is zoomed in (1.0 -> 1.4): apparent size changes without surgery"
    assert "(0° -> 20°)" in findings[3]
    assert "(plain blue -> plain black)" in findings[4]
    assert "(plain gown -> top and necklace)" in findings[5]


def test_direction_is_named() -> None:
    assert "darker" in comparability_problems(S, {**S, "lighting": -1})[0]
    assert "zoomed out (1.0 -> 0.8)" in comparability_problems(S, {**S, "zoom": 0.8})[0]
    assert "the before photo uses flash" in comparability_problems({**S, "flash": True}, S)[0]


def test_numpy_and_pandas_values_are_accepted() -> None:
    row = pd.Series({**S, "flash": np.bool_(False), "zoom": np.float64(1.3), "angle": np.int64(0)})
    assert differing_parameters(S, row) == ("zoom",)


@pytest.mark.parametrize(("after", "message"), [
    ({k: v for k, v in S.items() if k != "zoom"}, "the after photo's set-up lacks zoom"),
    ({**S, "zoom": "big"}, "the after photo's zoom should be a number, not 'big'"),
    ({**S, "zoom": 3.0}, "zoom should be between 0.5 and 2"),
    ({**S, "angle": True}, "angle should be a number, not True"),
    ({**S, "lighting": float("nan")}, "lighting should be between -2 and 2"),
    ({**S, "flash": "yes"}, "flash should be True or False, not 'yes'"),
    ({**S, "background": "beach"}, "background should be one of 'plain blue'"),
    ({**S, "clothing": None}, "clothing should be one of"),
])
def test_bad_setups_fail_clearly(after: dict, message: str) -> None:
    with pytest.raises(ComparabilityError, match=message):
        comparability_problems(S, after)


def test_not_a_mapping_and_error_family() -> None:
    with pytest.raises(ComparabilityError, match="before photo's set-up should be a mapping"):
        comparability_problems([1, 2], S)  # type: ignore[arg-type]
    assert issubclass(ComparabilityError, MedsomeError)
    assert check_setup({**S, "extra": 1}) == {**S, "lighting": 0.0, "zoom": 1.0, "angle": 0.0}


def test_pair_setups_from_a_row() -> None:
    row = {**{f"before_{p}": v for p, v in S.items()}, **{f"after_{p}": v for p, v in S.items()},
           "after_zoom": 1.2}
    before, after = pair_setups(row)
    assert before == check_setup(S) and after["zoom"] == 1.2
    with pytest.raises(ComparabilityError, match=r"needs the column.*after_clothing"):
        pair_setups({k: v for k, v in row.items() if k != "after_clothing"})


def test_feedback_says_what_is_off_without_the_answer() -> None:
    after = {**S, "zoom": 1.3, "flash": True}
    assert comparability_feedback({"zoom", "flash"}, S, after).startswith("Correct: 2 parameter(s) differ")
    missing = comparability_feedback({"zoom"}, S, after)
    assert "1 parameter(s) that differ are missing" in missing and "flash" not in missing
    extra = comparability_feedback({"zoom", "flash", "angle"}, S, after)
    assert "1 of yours are the same" in extra and "angle" not in extra
    assert "is not a parameter" in comparability_feedback({"colour"}, S, after)
    assert comparability_feedback(..., S, after).startswith("Not answered yet")
    assert "not a str" in comparability_feedback("zoom", S, after)

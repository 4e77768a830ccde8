"""Values asked for to a stated number of decimals: what the tolerance admits and what the check warns of."""

from __future__ import annotations

import pytest

from medsome.rounding import check_rounding, rounding_tolerance, rounding_warnings


@pytest.mark.parametrize(("truth", "given", "decimals"), [
    (0.4123456, 0.412, 3), (0.4126, 0.413, 3), (0.4125, 0.4125, 3), (44503.93, 44504, 0), (44503.5, 44503, 0),
])
def test_the_tolerance_admits_a_value_rounded_as_asked(truth: float, given: float, decimals: int) -> None:
    assert abs(given - truth) <= rounding_tolerance(decimals)


@pytest.mark.parametrize(("truth", "given", "decimals"), [
    (0.4123456, 0.41, 3), (0.4123456, 41.2, 3), (44503.93, 44500, 0), (44503.93, 44505, 0),
])
def test_the_tolerance_refuses_a_value_rounded_further(truth: float, given: float, decimals: int) -> None:
    assert abs(given - truth) > rounding_tolerance(decimals)


def test_a_percentage_and_a_coarse_share_are_warned_of_and_exact_forms_are_not() -> None:
    lines = rounding_warnings({"a": 41.2, "b": 0.41, "c": 0.412, "d": 0.4123456}, "shares", 3, share=True)
    assert len(lines) == 2
    assert "for a: 41.2 looks like a percentage" in lines[0] and "0.412" in lines[0]
    assert "for b: 0.41 looks rounded more coarsely than asked (to 3 decimals)" in lines[1]


def test_a_mean_rounded_to_hundreds_is_warned_of() -> None:
    lines = rounding_warnings({"accurate": 44500.0, "inaccurate": 85873.0, "x": 85872.66}, "means", 0)
    assert len(lines) == 1
    assert lines[0].startswith("`means` for accurate: 44500.0 looks rounded more coarsely than asked (to the "
                               "nearest whole number); a value rounded too far scores nothing.")


def test_the_check_prints_warnings_to_stdout_only(capsys: pytest.CaptureFixture[str]) -> None:
    check_rounding({"a": 0.5, "b": 0.537}, "shares", 3, share=True)
    out, err = capsys.readouterr()
    assert out.startswith("Warning: `shares` for a: 0.5") and out.count("Warning") == 1 and err == ""

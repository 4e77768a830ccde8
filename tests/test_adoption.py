"""Growth of social media users between two counts: the arithmetic, and clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from medsome.adoption import AdoptionError, Growth, annualised_feedback, growth
from medsome.data import load_social_media_users

USERS = load_social_media_users()


def test_growth_reproduces_datareportal_statements() -> None:
    year_2021 = growth(USERS, 2020, 2021)
    assert year_2021.added_bn == pytest.approx(0.49)
    assert year_2021.relative > 0.13  # "more than 13%"
    assert year_2021.per_day_m > 1.3  # "over 1.3 million new users a day"
    assert growth(USERS, 2023, 2024).relative == pytest.approx(0.056, abs=0.0005)


def test_annualised_rate_compounds_to_the_end_count() -> None:
    g = growth(USERS, 2021, 2024)
    assert g.years == 3
    assert g.start_bn * (1 + g.annualised) ** 3 == pytest.approx(g.end_bn)
    assert g.annualised < g.relative
    assert str(g).startswith("2021→2024: 4.20 bn → 5.04 bn, +840 m")


def test_another_month_can_be_compared() -> None:
    users = pd.DataFrame({"year": [2020, 2021], "month": [7, 7], "users_bn": [2.0, 2.5]})
    assert growth(users, 2020, 2021, month=7) == Growth(2020, 2021, 2.0, 2.5)


def test_bad_input_is_explained() -> None:
    with pytest.raises(TypeError, match="users should be a DataFrame"):
        growth([1, 2], 2020, 2021)
    with pytest.raises(AdoptionError, match=r"missing the column.*users_bn"):
        growth(USERS.drop(columns="users_bn"), 2020, 2021)
    with pytest.raises(AdoptionError, match="should come after"):
        growth(USERS, 2021, 2021)
    with pytest.raises(AdoptionError, match=r"no count for month 1 of 2030; that month has the years 2015"):
        growth(USERS, 2020, 2030)
    with pytest.raises(AdoptionError, match="no count for month 7 of 2021"):
        growth(USERS, 2020, 2021, month=7)
    with pytest.raises(TypeError, match="start_year should be a whole number"):
        growth(USERS, "2020", 2021)
    zero = pd.DataFrame({"year": [2020, 2021], "month": [1, 1], "users_bn": [0.0, 1.0]})
    with pytest.raises(AdoptionError, match="positive start"):
        growth(zero, 2020, 2021)


def test_annualised_feedback_names_the_usual_mistakes() -> None:
    g = growth(USERS, 2021, 2024)
    assert annualised_feedback(g.annualised, USERS, 2021, 2024).startswith("Correct: 6.27% a year")
    assert "wrong unit" in annualised_feedback(100 * g.annualised, USERS, 2021, 2024)
    assert "Growth compounds" in annualised_feedback(g.relative / 3, USERS, 2021, 2024)
    assert "all 3 years together" in annualised_feedback(g.relative, USERS, 2021, 2024)
    wrong = annualised_feedback(0.5, USERS, 2021, 2024)
    assert wrong.startswith("Not yet") and "6.2" not in wrong
    assert annualised_feedback(..., USERS, 2021, 2024).startswith("Not answered yet")
    assert annualised_feedback(True, USERS, 2021, 2024).startswith("Not answered yet")

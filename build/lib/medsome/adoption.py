"""Social media adoption over time: how many users were added between two counts, and how fast.

The counts are Kepios/DataReportal's, which count user *identities* (accounts), not unique
people (course evidence file, §5). `growth` compares two counts of the same month; the lesson
uses it to check DataReportal's own statements (for January 2021: +490 million, more than 13%,
over 1.3 million new users a day).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from medsome.errors import MedsomeError

DAYS_PER_YEAR = 365.25
USER_COLUMNS = ("year", "month", "users_bn")


class AdoptionError(MedsomeError, ValueError):
    """A users table or a pair of years that cannot be compared."""


@dataclass(frozen=True)
class Growth:
    """The change in users between two counts of the same month."""

    start_year: int
    end_year: int
    start_bn: float
    end_bn: float

    @property
    def years(self) -> int:
        return self.end_year - self.start_year

    @property
    def added_bn(self) -> float:
        """Users added, in billions."""
        return self.end_bn - self.start_bn

    @property
    def relative(self) -> float:
        """Growth as a share of the starting count (0.13 is 13%)."""
        return self.added_bn / self.start_bn

    @property
    def annualised(self) -> float:
        """The constant yearly rate that turns the start count into the end count."""
        return (self.end_bn / self.start_bn) ** (1 / self.years) - 1

    @property
    def per_day_m(self) -> float:
        """New users a day, in millions, averaged over the period."""
        return self.added_bn * 1000 / (self.years * DAYS_PER_YEAR)

    def __str__(self) -> str:
        return (f"{self.start_year}→{self.end_year}: {self.start_bn:.2f} bn → {self.end_bn:.2f} bn, "
                f"+{self.added_bn * 1000:,.0f} m ({self.relative:.1%}; {self.annualised:.1%} a year; "
                f"{self.per_day_m:.2f} m a day)")


def _count(users: pd.DataFrame, year: int, month: int) -> float:
    """The users count of one year and month, or an error naming the years there are."""
    rows = users[(users["year"] == year) & (users["month"] == month)]
    if rows.empty:
        there = sorted(users.loc[users["month"] == month, "year"].unique())
        raise AdoptionError(f"no count for month {month} of {year}; that month has the years "
                            f"{', '.join(str(y) for y in there) or 'none'}")
    return float(rows["users_bn"].iloc[0])


def growth(users: pd.DataFrame, start_year: int, end_year: int, month: int = 1) -> Growth:
    """The growth between the counts of `month` in `start_year` and in `end_year`."""
    if not isinstance(users, pd.DataFrame):
        raise TypeError(f"users should be a DataFrame (from load_social_media_users()), not "
                        f"{type(users).__name__}")
    missing = [c for c in USER_COLUMNS if c not in users.columns]
    if missing:
        raise AdoptionError(f"users is missing the column(s) {', '.join(missing)}; "
                            f"it needs {', '.join(USER_COLUMNS)}")
    for name, value in (("start_year", start_year), ("end_year", end_year), ("month", month)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} should be a whole number, not {type(value).__name__}")
    if end_year <= start_year:
        raise AdoptionError(f"end_year ({end_year}) should come after start_year ({start_year})")
    start, end = _count(users, start_year, month), _count(users, end_year, month)
    if start <= 0:
        raise AdoptionError(f"the count for {start_year} is {start}: growth needs a positive start")
    return Growth(start_year, end_year, start, end)


def _close(answer: float, target: float) -> bool:
    return abs(answer - target) <= max(1e-4, 0.005 * abs(target))


def annualised_feedback(answer: object, users: pd.DataFrame, start_year: int, end_year: int) -> str:
    """Plain-words feedback on a learner's average yearly growth (a share, e.g. 0.05 for 5%)."""
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return "Not answered yet: your answer should be a number, such as 0.05 for 5% a year."
    g = growth(users, start_year, end_year)
    if _close(answer, g.annualised):
        return f"Correct: {g.annualised:.2%} a year, compounded. In full: {g}."
    if _close(answer, 100 * g.annualised):
        return "Right number, wrong unit: give a share (0.05), not a percentage (5)."
    if _close(answer, g.relative / g.years):
        return (f"That is the total growth divided by {g.years}. Growth compounds: each year grows from a "
                "larger base, so find the constant rate r with start × (1 + r)^years = end.")
    if _close(answer, g.relative):
        return f"That is the growth over all {g.years} years together; the question asks for one year's."
    return (f"Not yet. Take the January {start_year} and January {end_year} counts and find r with "
            f"start × (1 + r)^{g.years} = end.")

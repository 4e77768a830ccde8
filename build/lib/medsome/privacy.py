"""Re-identification risk: how many people match what a post reveals, and k-anonymity.

These are the lesson's reference functions (Sweeney 2000; Sweeney 2002). Assignments ask learners
to build related logic themselves, so nothing here computes an assignment's answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from medsome.errors import DatasetError, MedsomeError

DETAILS = ("municipality", "district", "age", "sex", "condition", "occupation")
AGE_BAND_WIDTHS = (1, 5, 10, 20, 100)


class UnknownDetail(MedsomeError, KeyError):
    """A detail or value that the population table does not know."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, order=True)
class AgeBand:
    """An age range, both ends included: AgeBand(40, 49) prints as 40–49."""

    lo: int
    hi: int

    def __str__(self) -> str:
        return f"{self.lo}–{self.hi}"


def generalise_age(age: int, width: int) -> AgeBand:
    """The band of `width` years holding `age`, aligned to multiples of the width."""
    if isinstance(age, bool) or not isinstance(age, int):
        raise TypeError(f"age should be a whole number of years, not {type(age).__name__}")
    if width not in AGE_BAND_WIDTHS:
        raise ValueError(f"width should be one of {AGE_BAND_WIDTHS}, not {width}")
    lo = age // width * width
    return AgeBand(lo, lo + width - 1)


def _require_columns(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise DatasetError(f"{what} should be a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DatasetError(f"{what} lacks the column(s) {', '.join(repr(c) for c in missing)}")


def generalise_place(population: pd.DataFrame, municipality: str) -> str:
    """The district a municipality belongs to."""
    _require_columns(population, ["municipality", "district"], "the population table")
    districts = population.loc[population["municipality"] == municipality, "district"]
    if districts.empty:
        known = ", ".join(sorted(population["municipality"].unique()))
        raise UnknownDetail(f"unknown municipality {municipality!r}; known: {known}")
    return str(districts.iloc[0])


def _is_revealed(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def _match(population: pd.DataFrame, key: str, value: object) -> pd.Series:
    """Which rows of the population agree with one revealed detail."""
    column = population[key]
    if key == "age":
        band = value if isinstance(value, AgeBand) else AgeBand(int(value), int(value))
        return column.between(band.lo, band.hi)
    if value not in set(column):
        known = ", ".join(sorted(map(str, column.unique()))[:20])
        raise UnknownDetail(f"unknown {key} {value!r}; known: {known}")
    return column == value


def candidate_count(population: pd.DataFrame, details: Mapping[str, object]) -> int:
    """How many people in the population match every revealed detail (None/NaN: not revealed)."""
    revealed = {k: v for k, v in details.items() if _is_revealed(v)}
    unknown = [k for k in revealed if k not in DETAILS]
    if unknown:
        raise UnknownDetail(f"unknown detail {unknown[0]!r}; details are {', '.join(DETAILS)}")
    _require_columns(population, ["count", *revealed], "the population table")
    match = pd.Series(True, index=population.index)
    for key, value in revealed.items():
        match &= _match(population, key, value)
    return int(population.loc[match, "count"].sum())


def candidate_counts(posts: pd.DataFrame, population: pd.DataFrame) -> pd.Series:
    """For each post (a row with detail columns), how many people match what it reveals."""
    columns = [c for c in DETAILS if c in posts.columns]
    counts = [candidate_count(population, {c: row[c] for c in columns}) for _, row in posts.iterrows()]
    return pd.Series(counts, index=posts.index, name="k", dtype="int64")


def shrinking_pool(
    population: pd.DataFrame, details: Mapping[str, object], order: Iterable[str]
) -> pd.DataFrame:
    """The candidate pool after revealing each detail of `order` in turn (unrevealed ones skipped)."""
    steps, revealed = [], {}
    for key in order:
        value = details.get(key)
        if _is_revealed(value):
            revealed[key] = value
            steps.append({"detail": key, "value": value, "candidates": candidate_count(population, revealed)})
    return pd.DataFrame(steps, columns=["detail", "value", "candidates"])


def equivalence_class_sizes(table: pd.DataFrame, quasi_identifiers: list[str]) -> pd.Series:
    """For each record, how many records share its quasi-identifier values (itself included)."""
    _require_columns(table, quasi_identifiers, "the table")
    if table.empty:
        raise ValueError("the table is empty: there are no records to compare")
    if not quasi_identifiers:
        raise ValueError("name at least one quasi-identifier column")
    keys = table[quasi_identifiers].astype(str)
    return keys.groupby(quasi_identifiers, sort=False)[quasi_identifiers[0]].transform("size")


def k_anonymity(table: pd.DataFrame, quasi_identifiers: list[str]) -> int:
    """The table's k: the size of its smallest equivalence class (Sweeney 2002)."""
    return int(equivalence_class_sizes(table, quasi_identifiers).min())

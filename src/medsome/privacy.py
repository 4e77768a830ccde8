"""Re-identification risk: how many people match what a post reveals, and k-anonymity.

These are the lesson's reference functions (Sweeney 2000; Sweeney 2002). Assignments ask learners
to build related logic themselves, so nothing here computes an assignment's answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from medsome.errors import DatasetError, UnknownName

# The course's own rule (course/references.md, "The course's own rule: k ≥ 5"): a post that fewer
# than K_THRESHOLD people match identifies its patient. A teaching threshold after k-anonymity
# (Sweeney 2002); no law or guideline the course cites sets it. Other modules read it as
# `privacy.K_THRESHOLD` when they run, so changing it here changes every verdict and message.
K_THRESHOLD = 5
# The population table's columns that candidate_count can match.
DETAILS = ("municipality", "district", "age", "sex", "condition", "occupation")
# The details a post itself reveals and the table can match: DETAILS without the district,
# which only generalising a municipality gives (generalise_place).
LINKABLE = tuple(d for d in DETAILS if d != "district")
AGE_BAND_WIDTHS = (1, 5, 10, 20, 100)


class UnknownDetail(UnknownName):
    """A detail or value that the population table does not know."""


def identifies(count: int) -> bool:
    """Fewer than K_THRESHOLD people match: a post revealing this identifies its patient."""
    return count < K_THRESHOLD


def is_missing(value: object) -> bool:
    """None, NaN or pandas' NA: a detail that is not given."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


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
    revealed = {k: v for k, v in details.items() if not is_missing(v)}
    unknown = [k for k in revealed if k not in DETAILS]
    if unknown:
        raise UnknownDetail(f"unknown detail {unknown[0]!r}; details are {', '.join(DETAILS)}")
    _require_columns(population, ["count", *revealed], "the population table")
    match = pd.Series(True, index=population.index)
    for key, value in revealed.items():
        match &= _match(population, key, value)
    return int(population.loc[match, "count"].sum())


class _Coded:
    """The population's detail columns as integer codes, to count many posts against it quickly."""

    def __init__(self, population: pd.DataFrame, columns: list[str]) -> None:
        self.counts = population["count"].to_numpy()
        self.ages = population["age"].to_numpy() if "age" in columns else None
        self.codes: dict[str, np.ndarray] = {}
        self.lookup: dict[str, dict[object, int]] = {}
        for column in columns:
            if column != "age":
                codes, values = pd.factorize(population[column])
                self.codes[column], self.lookup[column] = codes, {v: i for i, v in enumerate(values)}

    def count(self, revealed: Mapping[str, object]) -> int | None:
        """candidate_count of the revealed details, or None where it would raise (an unknown value)."""
        match = np.ones(len(self.counts), dtype=bool)
        for key, value in revealed.items():
            if key == "age" and self.ages is not None:
                band = value if isinstance(value, AgeBand) else AgeBand(int(value), int(value))
                match &= (self.ages >= band.lo) & (self.ages <= band.hi)
            elif (code := self.lookup.get(key, {}).get(value)) is None:
                return None
            else:
                match &= self.codes[key] == code
        return int(self.counts[match].sum())


def candidate_counts(posts: pd.DataFrame, population: pd.DataFrame) -> pd.Series:
    """For each post (a row with detail columns), how many people match what it reveals."""
    columns = [c for c in DETAILS if c in posts.columns]
    _require_columns(population, ["count"], "the population table")
    coded = _Coded(population, [c for c in columns if c in population.columns])
    counts = []
    for values in posts[columns].itertuples(index=False, name=None):
        details = {c: v for c, v in zip(columns, values, strict=True) if not is_missing(v)}
        found = coded.count(details)
        counts.append(candidate_count(population, details) if found is None else found)  # raises why
    return pd.Series(counts, index=posts.index, name="k", dtype="int64")


def shrinking_pool(
    population: pd.DataFrame, details: Mapping[str, object], order: Iterable[str]
) -> pd.DataFrame:
    """The candidate pool after revealing each detail of `order` in turn (unrevealed ones skipped)."""
    steps, revealed = [], {}
    for key in order:
        value = details.get(key)
        if not is_missing(value):
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

"""Synthetic data for Module 2: a regional population table and case posts to link against it.

Everything is invented: the region, its municipalities and hospitals, the people and the posts.
The generator is seeded, so writing the files twice gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.catalogue import CASE_POSTS_SCHEMA, POPULATION_SCHEMA
from medsome.privacy import LINKABLE
from medsome.world import DISTRICTS

SEED = 20240130
IDENTIFIER_CATEGORIES = (
    "age", "sex", "municipality", "date", "time_of_day", "hospital", "condition", "occupation", "mark",
)

# Synthetic prevalences per person (not calibrated to any real population).
CONDITIONS = {
    "below-knee amputation": 0.0015,
    "port-wine birthmark": 0.003,
    "congenital hand difference": 0.001,
    "facial burn scar": 0.0008,
}
OCCUPATIONS = {  # share of people of working age (18-67)
    "nurse": 0.02,
    "teacher": 0.02,
    "ferry captain": 0.0004,
    "professional ice-hockey player": 0.0005,
}
HOSPITALS = {
    "North Coast": "Harbourvik Central Hospital",
    "Lake District": "Järvenkylä University Hospital",
    "Eastern Hills": "Vaaramäki Hospital",
    "Southern Plains": "Peltola Regional Hospital",
}


def _age_weights() -> np.ndarray:
    """A plausible, synthetic age pyramid over 0-99: flat to 60, then tapering."""
    ages = np.arange(100)
    weights = np.where(ages < 60, 1.0, np.exp(-(ages - 60) / 12.0))
    return weights / weights.sum()


def _split(rng: np.random.Generator, n: int, shares: dict[str, float], rest: str) -> dict[str, int]:
    """Split n people into the named rare groups and the rest."""
    names = [*shares, rest]
    probs = np.array([*shares.values(), 1 - sum(shares.values())])
    return dict(zip(names, rng.multinomial(n, probs).tolist(), strict=True))


def _cell_rows(rng, municipality, district, age, sex, n) -> list[tuple]:
    occupations = OCCUPATIONS if 18 <= age <= 67 else {}
    hockey_ok = {k: v for k, v in occupations.items() if k != "professional ice-hockey player" or age <= 36}
    rows = []
    for condition, n_condition in _split(rng, n, CONDITIONS, "none").items():
        for occupation, count in _split(rng, n_condition, hockey_ok, "other").items():
            if count:
                rows.append((municipality, district, age, sex, condition, occupation, count))
    return rows


def generate_population(seed: int = SEED) -> pd.DataFrame:
    """The region's population, one row per group of identical people (count ≥ 1)."""
    rng = np.random.default_rng(seed)
    weights = _age_weights()
    rows: list[tuple] = []
    for district, municipalities in DISTRICTS.items():
        for municipality, size in municipalities:
            by_age = rng.multinomial(size, weights)
            for age, n_age in enumerate(by_age.tolist()):
                n_female = int(rng.binomial(n_age, 0.5))
                for sex, n in (("female", n_female), ("male", n_age - n_female)):
                    rows += _cell_rows(rng, municipality, district, age, sex, n)
    frame = pd.DataFrame(rows, columns=POPULATION_SCHEMA.names)
    return frame.sort_values(POPULATION_SCHEMA.names[:-1], ignore_index=True)


PROFILES: tuple[tuple[str, ...], ...] = (
    ("age", "sex", "municipality", "condition", "occupation"),
    ("age", "sex", "municipality", "time_of_day"),
    ("sex", "condition"),
    ("age", "sex"),
    ("age", "sex", "municipality", "hospital"),
    ("age", "occupation", "municipality"),
    ("sex", "condition", "mark"),
    ("age", "sex", "condition", "date"),
    ("condition", "time_of_day", "hospital"),
    ("age", "sex", "mark"),
    ("sex", "municipality", "occupation"),
    ("age", "sex", "municipality", "condition"),
    ("date", "hospital"),
    ("age", "condition"),
    ("sex", "occupation", "date"),
    ("age", "sex", "municipality", "occupation", "mark"),
    ("municipality", "condition"),
    ("age", "sex", "time_of_day"),
    ("age", "sex", "municipality", "date", "hospital"),
    ("age", "sex", "occupation"),
    ("sex",),
    ("age", "municipality"),
    ("sex", "municipality", "condition", "time_of_day"),
    ("age", "sex", "municipality", "occupation"),
    ("occupation", "hospital"),
    ("age", "sex", "condition", "occupation"),
    ("sex", "municipality"),
    ("age", "sex", "municipality", "mark", "date"),
    ("condition",),
    ("age", "sex", "municipality", "condition", "hospital"),
    ("age", "occupation"),
    ("sex", "age", "municipality", "time_of_day", "date"),
    ("municipality", "occupation", "condition"),
    ("age", "sex", "hospital", "mark"),
    ("age",),
    ("age", "sex", "municipality", "occupation", "condition", "date"),
    ("sex", "occupation"),
    ("age", "sex", "municipality"),
    ("time_of_day", "mark"),
    ("age", "sex", "condition", "municipality", "time_of_day"),
)
OPENERS = ("Great case:", "Teaching point:", "Case of the week:", "Learning moment:", "Proud of the team:")
CLOSERS = ("Recovery is going well.", "Home already and smiling.", "Always check the circulation afterwards!",
           "#plasticsurgery #handsurgery", "What would you have done?")
CONDITION_PHRASES = {
    "below-knee amputation": "for revision of a below-knee amputation stump",
    "port-wine birthmark": "for laser treatment of a port-wine birthmark",
    "congenital hand difference": "for reconstruction of a congenital hand difference",
    "facial burn scar": "for release of a facial burn scar",
}
DATES = ("on Midsummer Eve", "last Tuesday", "on New Year's Day", "on 14 March",
         "the day after the cup final")
TIMES = ("at 3 a.m.", "at lunchtime", "during the night shift", "at 6.30 in the morning")
MARKS = ("an anchor tattoo on the forearm", "a dragon tattoo across the shoulder",
         "a long scar from an old snowmobile accident", "a rose tattoo on the ankle")


def _noun(person: pd.Series, reveals: set[str]) -> str:
    """'a 47-year-old woman from X', 'a ferry captain', 'a patient'... from what the post reveals."""
    adult = person["age"] >= 18
    noun = "patient"
    if "sex" in reveals:
        noun = ("woman" if adult else "girl") if person["sex"] == "female" else ("man" if adult else "boy")
    if "occupation" in reveals and "sex" not in reveals:
        noun = person["occupation"]
    if "age" in reveals:
        noun = f"{person['age']}-year-old {noun}"
    if "municipality" in reveals:
        noun = f"{noun} from {person['municipality']}"
    if "occupation" in reveals and "sex" in reveals:
        noun = f"{noun} who works as a {person['occupation']}"
    vowel_sound = noun[0] in "aeio8" or noun.startswith(("11-", "18-"))
    return f"{'an' if vowel_sound else 'a'} {noun}"


def _eligible(population: pd.DataFrame, reveals: set[str]) -> pd.DataFrame:
    rows = population
    if "condition" in reveals:
        rows = rows[rows["condition"] != "none"]
    if "occupation" in reveals:
        rows = rows[rows["occupation"] != "other"]
    return rows


def _post(rng: np.random.Generator, number: int, profile: tuple[str, ...], population: pd.DataFrame) -> dict:
    reveals = set(profile)
    candidates = _eligible(population, reveals)
    person = candidates.iloc[int(rng.integers(len(candidates)))]
    values: dict[str, object] = {c: None for c in CASE_POSTS_SCHEMA.names}
    for key in LINKABLE:
        if key in reveals:
            values[key] = person[key]
    values["date"] = DATES[int(rng.integers(len(DATES)))] if "date" in reveals else None
    values["time_of_day"] = TIMES[int(rng.integers(len(TIMES)))] if "time_of_day" in reveals else None
    values["hospital"] = HOSPITALS[person["district"]] if "hospital" in reveals else None
    values["mark"] = MARKS[int(rng.integers(len(MARKS)))] if "mark" in reveals else None
    when = "".join(f" {values[k]}" for k in ("date", "time_of_day") if values[k])
    what = CONDITION_PHRASES[person["condition"]] if "condition" in reveals else "for a hand operation"
    at = f" at {values['hospital']}" if values["hospital"] else ""
    text = f"{OPENERS[number % len(OPENERS)]} {_noun(person, reveals)} came in{when} {what}{at}."
    if values["mark"]:
        text += f" The {values['mark'].removeprefix('an ').removeprefix('a ')} came through untouched."
    values.update(
        post_id=f"P{number + 1:02d}",
        text=f"{text} {CLOSERS[number % len(CLOSERS)]}",
        identifiers=";".join(c for c in IDENTIFIER_CATEGORIES if c in reveals),
    )
    return values


def generate_case_posts(population: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Invented case posts, each revealing the details its profile lists about one person."""
    rng = np.random.default_rng(seed + 1)
    posts = [_post(rng, i, profile, population) for i, profile in enumerate(PROFILES)]
    frame = pd.DataFrame(posts, columns=CASE_POSTS_SCHEMA.names)
    frame["age"] = frame["age"].astype("Int64")
    return frame


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def write(target: Path) -> list[Path]:
    """Write population.csv and case_posts.csv under target/identification/."""
    population = generate_population()
    posts = generate_case_posts(population)
    return [
        write_text(Path(target) / POPULATION_SCHEMA.filename, _csv(population)),
        write_text(Path(target) / CASE_POSTS_SCHEMA.filename, _csv(posts)),
    ]

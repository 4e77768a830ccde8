"""Place names a draft can give away: the course region's, and which real names to ignore.

The course region (Module 2) is invented; its municipalities and districts are facts of `medsome.world`.
Real towns, villages and regions come from GeoNames through `medsome.wordlists` (every place of
1,000 people or more, and admin regions), compiled by `medsome.lexicon`. Real names that are also
everyday words in a post are listed in `patterns/not_places.txt`, which an instructor can extend.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from medsome.world import DISTRICTS


def municipalities() -> dict[str, str]:
    """The course region's municipalities, each with its district."""
    return {name: district for district, places in DISTRICTS.items() for name, _ in places}


def districts() -> tuple[str, ...]:
    """The course region's districts."""
    return tuple(DISTRICTS)


@cache
def not_places() -> frozenset[str]:
    """Real place names the analyser ignores as ordinary words of a post (patterns/not_places.txt)."""
    text = files("medsome").joinpath("patterns", "not_places.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))

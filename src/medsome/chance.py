"""What an assignment gives to answers written without reading the case: chance floors.

For every keyed item, the expected score of a uniformly random well-formed answer (a seeded sample)
and the best score of a blind habit (letters in order or reversed, first or last options, tick
everything or nothing, one constant rating or decision: `Item.habits`). Summed over an assignment,
as shares of its autograded points, these are the floors `docs/assessment.md` reports and the
course holds below `RANDOM_CEILING` and `HABIT_CEILING`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from medsome.judgement import Item
from medsome.keyed_items import keyed_items

RANDOM_CEILING = 0.15
HABIT_CEILING = 0.20
SAMPLES = 2000
SEED = 20261207


@dataclass(frozen=True)
class ItemFloor:
    """One item's points, the expected score of a random answer, and its best blind habit."""

    grade_id: str
    points: float
    random: float
    habit: float
    habit_name: str


@dataclass(frozen=True)
class AssignmentFloor:
    """An assignment's autograded points and the shares that random answers and blind habits earn."""

    assignment: str
    items: tuple[ItemFloor, ...]

    @property
    def points(self) -> float:
        return sum(i.points for i in self.items)

    @property
    def random_share(self) -> float:
        return sum(i.random for i in self.items) / self.points

    @property
    def habit_share(self) -> float:
        return sum(i.habit for i in self.items) / self.points


def random_expectation(item: Item, samples: int = SAMPLES, seed: int = SEED) -> float:
    """The mean score of `samples` uniformly random well-formed answers (0 for an open finding)."""
    rng = np.random.default_rng(seed)
    first = item.random_answer(rng)
    if first is None:
        return 0.0
    answers = [first, *(item.random_answer(rng) for _ in range(samples - 1))]
    return float(np.mean([item.assess(answer)[0] for answer in answers]))


def best_habit(item: Item) -> tuple[float, str]:
    """The best score any blind habit earns on the item, and the habit's name ("none" if none does)."""
    scored = [(item.assess(answer)[0], name) for name, answer in item.habits().items()]
    return max(scored, default=(0.0, "none"))


def item_floor(grade_id: str, item: Item) -> ItemFloor:
    """The floors of one item."""
    habit, name = best_habit(item)
    return ItemFloor(grade_id, float(item.points), random_expectation(item), habit, name)


@functools.lru_cache(maxsize=16)
def _floor(notebook: Path, version: int) -> AssignmentFloor:
    """assignment_floor for one version (modification time) of a notebook."""
    floors = []
    for keyed in keyed_items(notebook):
        if keyed.derived:   # graded on a value computed from a table or series: chance cannot reach it
            floors.append(ItemFloor(keyed.grade_id, float(keyed.item.points), 0.0, 0.0, "none"))
        else:
            floors.append(item_floor(keyed.grade_id, keyed.item))
    return AssignmentFloor(notebook.parent.name, tuple(floors))


def assignment_floor(notebook: Path) -> AssignmentFloor:
    """The floors of every autograded item of an assignment's source notebook."""
    return _floor(notebook.resolve(), notebook.stat().st_mtime_ns)

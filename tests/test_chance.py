"""What guessing earns: random answers and blind habits, computed from the assignments themselves.

For every autograded item of every assignment (taken from the notebooks' hidden tests), the
expected score of uniformly random well-formed answers and the best score of a blind habit
(letters in order or reversed, first or last options, tick everything or nothing, one constant
rating or decision). Each assignment is held to RANDOM_CEILING and HABIT_CEILING of its
autograded points, and docs/assessment.md reports the same figures.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, SOURCES
from medsome.blueprint import figures, load_blueprint, render_figures
from medsome.chance import HABIT_CEILING, RANDOM_CEILING, assignment_floor


@pytest.fixture(scope="module")
def floors() -> list:
    return [assignment_floor(nb) for nb in SOURCES]


def test_random_answers_earn_little(floors: list) -> None:
    for floor in floors:
        assert floor.random_share <= RANDOM_CEILING, (
            f"{floor.assignment}: random answers earn {floor.random_share:.1%} of the autograded points")


def test_blind_habits_earn_little(floors: list) -> None:
    for floor in floors:
        worst = sorted(floor.items, key=lambda i: -i.habit)[:3]
        assert floor.habit_share <= HABIT_CEILING, (
            f"{floor.assignment}: the best blind habit per item earns {floor.habit_share:.1%}; "
            f"worst items: {[(i.grade_id, i.habit_name, round(i.habit, 2)) for i in worst]}")


def test_floors_cover_every_autograded_point(floors: list) -> None:
    blueprint = load_blueprint()
    for floor in floors:
        rows = blueprint[(blueprint["assignment"] == floor.assignment) & (blueprint["kind"] != "manual")]
        assert floor.points == rows["points"].sum()
        assert [i.grade_id for i in floor.items] == list(rows["grade_id"])


def test_ticking_everything_scores_zero_on_every_spotting_and_choice_item(keyed: list) -> None:
    for k in keyed:
        habits = k.item.habits()
        if "tick everything" in habits and not k.derived:
            score = k.item.assess(habits["tick everything"])[0]
            assert score == 0.0, f"{k.grade_id}: ticking everything scores {score}"


def test_the_assessment_guide_reports_the_measured_floors() -> None:
    guide = (ROOT / "docs" / "assessment.md").read_text(encoding="utf-8")
    table = render_figures(figures(load_blueprint(), ROOT / "assignments" / "source"))
    assert table in guide, "run `medsome blueprint --update-docs` to refresh docs/assessment.md"

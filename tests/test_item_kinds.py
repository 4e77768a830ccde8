"""Item kinds register themselves: a kind is one class, found by name by the kit and the primer.

A kind defined in this file, and nowhere in medsome, parses, checks, scores, explains and hints
through the public entry points (`item_from_mapping`, `check`, `check_form`, `assess`, `grade`,
`feedback`, `primer.answer_hint`, `chance`), with its critical errors and chance correction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from medsome.chance import best_habit, random_expectation
from medsome.feedback import CheckFailed
from medsome.judgement import (
    KEY_HEADING,
    KINDS,
    Item,
    ItemError,
    Reading,
    Selection,
    item_from_mapping,
)
from medsome.primer import answer_hint

VERDICTS = ("post", "hold")


@pytest.fixture
def verdict_kind() -> Iterator[type[Item]]:
    """A throw-away kind: one verdict on one draft, "post" or "hold"."""

    @dataclass(frozen=True)
    class Verdict(Item, kind="verdict"):
        """Say whether one draft may go out as it is."""

        key: str = "hold"

        def __post_init__(self) -> None:
            super().__post_init__()
            if self.key not in VERDICTS or "" not in self.why:
                raise ItemError(f"{self.name}: the key is 'post' or 'hold', explained under ''")

        @property
        def shape(self) -> dict[str, Any]:
            return {}

        @classmethod
        def read(cls, answer: object, **shape: Any) -> Reading:
            word = answer.strip().lower() if type(answer) is str else None
            if word not in VERDICTS:
                return Reading(answer, problem="write 'post' or 'hold', in quotes.")
            return Reading(answer, word)

        @property
        def chance(self) -> float:
            return 1 / len(VERDICTS)

        def _critical_choices(self) -> tuple[str, ...]:
            return VERDICTS

        def _committed(self, form: str) -> set[str]:
            return {form}

        def random_answer(self, rng: np.random.Generator) -> str:
            return str(rng.choice(VERDICTS))

        def habits(self) -> dict[str, object]:
            return {f"always {verdict}": verdict for verdict in VERDICTS}

        def _marks(self, form: str) -> tuple[float, float, list[str]]:
            right = form == self.key
            return float(right), 1.0, [f"Expert: {self.key}; you: {form}. {self.why['']}"]

        def _hint(self, reading: Reading, **wording: Any) -> str:
            if reading.raw is Ellipsis:
                return "Not answered yet: write 'post' or 'hold'."
            if not reading.well_formed:
                return f"Almost: {reading.problem}"
            return "Correct." if reading.form == self.key else "Read the draft again: what does it reveal?"

    yield Verdict
    KINDS.pop("verdict")


FIELDS = {"kind": "verdict", "name": "verdict", "points": 2, "key": "hold",
          "why": {"": "The draft names the ward and the day."},
          "critical": {"post": "Posting it breaches confidentiality."}}


def test_a_new_kind_is_found_by_name(verdict_kind: type[Item]) -> None:
    assert KINDS["verdict"] is verdict_kind and verdict_kind.kind == "verdict"
    item = item_from_mapping(FIELDS)
    assert isinstance(item, verdict_kind) and item.points == 2
    with pytest.raises(ItemError, match="verdict"):
        item_from_mapping({**FIELDS, "kind": "verdicts"})


def test_a_new_kind_checks_the_form_in_plain_words(verdict_kind: type[Item],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    item = item_from_mapping(FIELDS)
    item.check(" Hold ")
    verdict_kind.check_form("post", "verdict")
    assert capsys.readouterr().out.count("Well-formed: `verdict`") == 2
    with pytest.raises(CheckFailed) as failed:
        item.check(["hold"])
    assert str(failed.value) == "`verdict`: write 'post' or 'hold', in quotes."
    with pytest.raises(CheckFailed, match="Not answered yet"):
        verdict_kind.check_form(..., "verdict")


def test_a_new_kind_scores_with_chance_correction_and_critical_errors(verdict_kind: type[Item]) -> None:
    item = item_from_mapping(FIELDS)
    assert item.assess("hold")[0] == 2.0
    score, lines = item.assess("post")
    assert score == 0.0 and lines[0] == "Critical error: post. Posting it breaches confidentiality."
    assert item.critical_errors("post") and not item.critical_errors("hold")
    lenient = item_from_mapping({**FIELDS, "critical": {}})
    assert lenient.assess("post")[0] == 0.0, "a wrong verdict earns no more than chance"
    assert lenient.assess(3)[0] == 0.0 and "Not gradable: `verdict`: write" in lenient.assess(3)[1][0]
    assert random_expectation(lenient, samples=200) == pytest.approx(1.0, abs=0.2)
    assert best_habit(lenient) == (2.0, "always hold")


def test_a_new_kind_explains_its_key(verdict_kind: type[Item], capsys: pytest.CaptureFixture[str]) -> None:
    item = item_from_mapping(FIELDS)
    assert item.grade("hold") == 2.0
    shown = capsys.readouterr().out
    assert shown.startswith("verdict: 2 of 2 points.") and KEY_HEADING in shown
    assert "Expert: hold; you: hold. The draft names the ward and the day." in shown
    assert item.practise(1).startswith("Not yet in the right form: `verdict`: write")


def test_a_new_kind_gives_the_primer_its_hints(verdict_kind: type[Item]) -> None:
    keyed = {key: FIELDS[key] for key in ("kind", "key", "why")}
    assert answer_hint(keyed, ...) == "Not answered yet: write 'post' or 'hold'."
    assert answer_hint(keyed, "HOLD") == "Correct."
    assert answer_hint(keyed, "post").startswith("Read the draft again")
    assert answer_hint(keyed, 7) == "Almost: write 'post' or 'hold', in quotes."


def test_two_kinds_may_not_share_a_name(verdict_kind: type[Item]) -> None:
    with pytest.raises(ItemError, match="two item kinds are named 'verdict'"):
        class Other(Item, kind="verdict"):
            """A second kind under a taken name."""


def test_a_kind_without_a_reading_says_so() -> None:
    class Unfinished(Item):
        """A subclass that names no kind is not registered, and cannot read answers."""

    assert Unfinished not in KINDS.values()
    with pytest.raises(NotImplementedError, match="cannot read an answer"):
        Unfinished.read("A")


# Selection: the ids of the records a question describes

POSTS = ("P01", "P02", "P03", "P04")


def _selection(**fields: Any) -> Item:
    return item_from_mapping({"kind": "selection", "name": "ids", "points": 1, "key": ["P01", "P04"],
                              "known": list(POSTS), "why": {"": "Both name Peltola."}, **fields})


def test_selection_is_all_or_nothing_and_in_order_only_when_asked() -> None:
    item = _selection()
    assert isinstance(item, Selection)
    assert item.assess(["P04", "P01"])[0] == 1.0 and item.assess(["P01"])[0] == 0.0
    assert _selection(ordered=True).assess(["P04", "P01"])[0] == 0.0
    assert item.chance == 0.0 and item.random_answer(np.random.default_rng(1)) is None


@pytest.mark.parametrize(("answer", "words"), [
    ({"P01", "P04"}, "write a list of ids in square brackets, such as ['P01'], not a set."),
    ([1, 4], "each id is a word in quotes, such as 'P01', not int."),
    (["P01", "P09"], "'P09' is not one of the ids in the table."),
    (["P01", "P01"], "list each id once; 'P01' appear(s) more than once."),
])
def test_selection_check_says_what_is_malformed(answer: object, words: str) -> None:
    with pytest.raises(CheckFailed) as failed:
        _selection().check(answer)
    assert str(failed.value) == f"`ids`: {words}"


def test_selection_needs_its_key_among_the_ids() -> None:
    with pytest.raises(ItemError, match="ids of the table"):
        _selection(key=["P09"])


def test_a_kind_without_its_own_hint_words_gets_the_plain_ones() -> None:
    finding = {"kind": "value", "key": "Peltola", "why": {"": "The post names it."}}
    assert answer_hint(finding, " peltola ") == "Correct."
    assert answer_hint(finding, "Kivikko").startswith("The format is right, but it differs")
    assert answer_hint(finding, 3) == "Not yet in the right form: the answer is a word in quotes, not int."
    assert answer_hint(finding, ...).startswith("Not answered yet")

"""The judgement item kit: near-miss scoring, well-formedness checks, and nbgrader-safe scores."""

from __future__ import annotations

import itertools
import random

import pytest

from medsome.feedback import CheckFailed
from medsome.judgement import (
    KEY_HEADING,
    NOT_ANSWERED,
    Choice,
    Decisions,
    ItemError,
    Ranking,
    Rating,
    Spotting,
)

RANKING = Ranking(name="ranking", points=4, key="BDACE",
                  why={c: f"reason {c}" for c in "ABCDE"}, source="GMC 2024")
RATING = Rating(name="rating", points=4, key={"A": 4, "B": 1, "C": 3, "D": 2},
                why={c: f"reason {c}" for c in "ABCD"})
CHOICE = Choice(name="choice", points=3, options="ABCDEFG", key=frozenset("ACD"),
                why={c: f"reason {c}" for c in "ABCDEFG"})
DECISIONS = Decisions(name="decisions", points=3, allowed=("post", "wait", "do_not_post"),
                      key={"V1": "post", "V2": ("wait", "do_not_post"), "V3": "do_not_post"},
                      why={"V1": "r1", "V2": "r2", "V3": "r3"})
SPOTTING = Spotting(name="spotting", points=2, vocabulary=("age", "sex", "place", "date", "job"),
                    key=frozenset({"age", "place"}), why={"age": "an age", "job": "not said"})
ITEMS = (RANKING, RATING, CHOICE, DECISIONS, SPOTTING)


class AlwaysEqual(str):
    """A hostile answer: equal to everything."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


# Ranking: the Foundation Programme's near-miss matrix ---------------------------------------

@pytest.mark.parametrize(("answer", "marks"), [
    ("BDACE", 20),        # the key: 4 marks each
    ("DBACE", 18),        # two neighbours swapped: 3 + 3
    ("ECADB", 8),         # reversed: 0 + 2 + 4 + 2 + 0
])
def test_ranking_marks_follow_the_near_miss_matrix(answer: str, marks: int) -> None:
    form = RANKING.reading(answer).form
    assert RANKING._marks(form)[0] == marks


def test_near_miss_matrix_for_five_options() -> None:
    item = Ranking(name="r", points=20, key="ABCDE", why={c: "" for c in "ABCDE"})
    for order in itertools.permutations("ABCDE"):
        expected = sum(max(0, 4 - abs(order.index(c) - "ABCDE".index(c))) for c in "ABCDE")
        assert item._marks(item.reading("".join(order)).form)[0] == expected
        assert item.assess("".join(order))[0] == pytest.approx(max(0.0, (expected / 20 - 0.6) / 0.4) * 20)


def test_ranking_chance_is_the_mean_over_all_orders() -> None:
    item = Ranking(name="r", points=4, key="CAEBD", why={c: "" for c in "ABCDE"})
    orders = list(itertools.permutations("ABCDE"))
    mean = sum(item._marks(item.reading("".join(o)).form)[0] for o in orders) / len(orders) / 20
    assert item.chance == pytest.approx(mean) == pytest.approx(0.6)


def test_near_misses_keep_credit_above_chance_and_the_reverse_earns_nothing() -> None:
    assert RANKING.assess("DBACE")[0] == 3.0     # raw 18 of 20: (0.9 - 0.6) / 0.4 of 4 points
    assert RANKING.assess("ECADB")[0] == 0.0     # the exact reverse: raw 40%, below chance


def test_ranking_accepts_spaces_commas_and_lower_case() -> None:
    assert RANKING.assess("b, d, a, c, e")[0] == 4.0


def test_tied_options_earn_nothing() -> None:
    form = RANKING.reading({"B": 1, "D": 1, "A": 3, "C": 4, "E": 5}).form
    assert RANKING._marks(form)[0] == 12
    score, lines = RANKING.assess({"B": 1, "D": 1, "A": 3, "C": 4, "E": 5})
    assert score == 0.0      # 12 of 20 is what chance earns
    assert sum("tied" in line for line in lines) == 2


@pytest.mark.parametrize(("answer", "words"), [
    ("BDAC", "missing: E"),
    ("BDACEB", "more than once"),
    ("BDACX", "'X' is not one of the options"),
    (["B", "D", "A", "C", "E"], "as a string"),
    ({"A": 1, "B": 2, "C": 3, "D": 4, "E": 6}, "from 1 to 5"),
    ({"A": 1, "B": True, "C": 3, "D": 4, "E": 5}, "whole number"),
])
def test_ranking_check_says_what_is_malformed(answer: object, words: str) -> None:
    with pytest.raises(CheckFailed, match=words):
        RANKING.check(answer)


def test_check_passes_a_well_formed_answer_without_revealing_the_key(capsys) -> None:
    RANKING.check("ABCDE")
    out = capsys.readouterr().out
    assert "Well-formed" in out and "BDACE" not in out and "B > D" not in out


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.name)
def test_unanswered_fails_the_check_and_scores_zero(item) -> None:
    with pytest.raises(CheckFailed, match="Not answered yet"):
        item.check(...)
    assert item.assess(...)[0] == 0.0
    assert NOT_ANSWERED in item.feedback(None)


# Rating, choice, decisions, spotting -----------------------------------------------------------

def test_rating_credit_by_distance() -> None:
    assert RATING.assess({"A": 4, "B": 1, "C": 3, "D": 2})[0] == 4.0
    # one step off: half a mark, raw 3.5 of 4, above the chance of 0.4375: (0.875 - 0.4375) / 0.5625
    assert RATING.chance == pytest.approx(0.4375)
    assert RATING.assess({"A": 3, "B": 1, "C": 3, "D": 2})[0] == 3.11
    assert RATING.assess({"A": 1, "B": 4, "C": 1, "D": 4})[0] == 0.0   # far off: nothing
    with pytest.raises(CheckFailed, match="from 1 to 4"):
        RATING.check({"A": 5, "B": 1, "C": 3, "D": 2})
    with pytest.raises(CheckFailed, match="missing: 'D'"):
        RATING.check({"A": 4, "B": 1, "C": 3})


def test_choice_credit_per_pick_and_zero_when_too_many() -> None:
    assert CHOICE.assess({"A", "C", "D"})[0] == 3.0
    assert CHOICE.chance == pytest.approx(3 / 7)
    assert CHOICE.assess({"A", "B"})[0] == 0.0       # one right pick of three is below chance
    assert CHOICE.assess({"a", "c"})[0] == 1.25      # (2/3 - 3/7) / (4/7) of 3 points
    assert CHOICE.assess({"A", "C", "D", "B"})[0] == 0.0
    with pytest.raises(CheckFailed, match="at most 3"):
        CHOICE.check(set("ABCD"))
    with pytest.raises(CheckFailed, match="set of letters"):
        CHOICE.check(["A", "C", "D"])


def test_decisions_credit_per_case_with_accepted_alternatives() -> None:
    assert DECISIONS.assess({"V1": "post", "V2": "wait", "V3": "do_not_post"})[0] == 3.0
    assert DECISIONS.chance == pytest.approx(4 / 9)  # V2 accepts two of the three decisions
    assert DECISIONS.assess({"V1": "post", "V2": "do not post", "V3": "post"})[0] == 1.2
    with pytest.raises(CheckFailed, match="not one of the allowed decisions"):
        DECISIONS.check({"V1": "publish", "V2": "wait", "V3": "wait"})
    with pytest.raises(CheckFailed, match="missing: 'V3'"):
        DECISIONS.check({"V1": "post", "V2": "wait"})


def test_spotting_scores_hit_rate_minus_false_alarm_rate() -> None:
    assert SPOTTING.assess({"age", "place"})[0] == 2.0
    assert SPOTTING.assess({"age"})[0] == 1.0                    # half the key, nothing extra
    assert SPOTTING.assess({"age", "place", "job"})[0] == 1.33   # all of the key, 1 of 3 others
    assert SPOTTING.assess(set(SPOTTING.vocabulary))[0] == 0.0   # everything ticked: nothing
    assert SPOTTING.assess(set())[0] == 0.0


# nbgrader safety: a plain float from 0 to points, nothing on stderr, no hostile values --------

def _random_answers(item, rng: random.Random):
    letters = "ABCDEFGX"
    yield "".join(rng.sample("ABCDE", 5))
    yield {c: rng.randint(0, 6) for c in "ABCDE"}
    yield set(rng.sample(letters, rng.randint(0, 5)))
    yield {f"V{i}": rng.choice(["post", "wait", "do_not_post", "x"]) for i in range(1, 4)}
    yield set(rng.sample(["age", "sex", "place", "date", "job", "other"], rng.randint(0, 6)))
    yield rng.choice([None, ..., 3, -1.5, float("nan"), [], "", AlwaysEqual("BDACE")])


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.name)
def test_grade_always_returns_a_plain_float_within_the_points(item, capsys) -> None:
    rng = random.Random(7)
    for _ in range(200):
        for answer in _random_answers(item, rng):
            score = item.grade(answer)
            assert type(score) is float and 0.0 <= score <= item.points
            assert round(score, 2) == score
    captured = capsys.readouterr()
    assert captured.err == "" and KEY_HEADING in captured.out


@pytest.mark.parametrize("hostile", [
    AlwaysEqual("BDACE"),
    {AlwaysEqual("A"), "C", "D"},
    {"V1": AlwaysEqual("post"), "V2": "wait", "V3": "do_not_post"},
])
def test_objects_that_equal_everything_are_not_accepted(hostile: object) -> None:
    for item in ITEMS:
        assert item.assess(hostile)[0] < item.points


def test_subclasses_of_containers_are_not_accepted() -> None:
    class Everything(set):
        def __contains__(self, item: object) -> bool:
            return True

    assert CHOICE.assess(Everything({"A"}))[0] == 0.0


def test_feedback_explains_each_option_with_its_source() -> None:
    text = RANKING.feedback("DBACE")
    assert "Expert order: B > D > A > C > E" in text
    assert all(f"reason {c}" in text for c in "ABCDE")
    assert "Source: GMC 2024" in text and "3 of 4 points" in text


@pytest.mark.parametrize("make", [
    lambda: Ranking(name="r", points=4, key="ABCA", why={c: "" for c in "ABC"}),
    lambda: Ranking(name="r", points=4, key="ABC", why={"A": ""}),
    lambda: Ranking(name="r", points=0, key="ABC", why={c: "" for c in "ABC"}),
    lambda: Rating(name="r", points=2, key={"A": 5}, why={"A": ""}),
    lambda: Choice(name="c", points=2, options="ABC", key=frozenset("AX"), why={c: "" for c in "ABC"}),
    lambda: Decisions(name="d", points=1, allowed=("post",), key={"V1": "wait"}, why={"V1": ""}),
    lambda: Spotting(name="s", points=1, vocabulary=("a",), key=frozenset({"b"}), why={}),
])
def test_inconsistent_items_are_refused(make) -> None:
    with pytest.raises(ItemError):
        make()


def test_value_findings_accept_numpy_scalars_and_words() -> None:
    import numpy as np

    from medsome.judgement import Value

    count = Value(name="count", points=2, key=12, why={"": "twelve posts"})
    assert count.assess(np.int64(12))[0] == 2.0 and count.assess(12)[0] == 2.0
    assert count.assess(11)[0] == 0.0
    with pytest.raises(CheckFailed, match="whole number"):
        count.check("12")
    with pytest.raises(CheckFailed, match="whole number"):
        count.check(True)
    share = Value(name="share", points=1, key=0.25, tolerance=0.01, why={"": "a quarter"})
    assert share.assess(0.255)[0] == 1.0 and share.assess(float("nan"))[0] == 0.0
    word = Value(name="rule", points=1, key="power_differential", why={"": "the day of surgery"})
    assert word.assess(" Power_Differential ")[0] == 1.0
    assert word.assess(AlwaysEqual("x"))[0] == 0.0


def test_keyless_checks_match_the_items_forms(capsys) -> None:
    from medsome.judgement import (
        check_choice,
        check_decisions,
        check_ranking,
        check_rating,
        check_spotting,
        check_value,
    )

    check_ranking("EDCBA", "r", "ABCDE")
    check_rating({"A": 1, "B": 2, "C": 3, "D": 4}, "t", "ABCD")
    check_choice({"B"}, "c", "ABCDEFG", 3)
    check_decisions({"V1": "wait", "V2": "post", "V3": "post"}, "d", ("V1", "V2", "V3"),
                    ("post", "wait", "do_not_post"))
    check_spotting(["age"], "s", SPOTTING.vocabulary)
    check_value(3, "v", int)
    assert capsys.readouterr().out.count("Well-formed") == 6
    with pytest.raises(CheckFailed, match="Not answered yet"):
        check_value(..., "v", int)
    with pytest.raises(CheckFailed, match="at most 3"):
        check_choice({"A", "B", "C", "D"}, "c", "ABCDEFG", 3)


def test_practice_files_of_the_lessons_load_and_explain(tmp_path) -> None:
    from conftest import COURSE
    from medsome.judgement import load_practice

    files = COURSE.practice_files()
    assert files, "lessons use the kit for their self-checks"
    for path in files:
        for item in load_practice(path).values():
            assert item.practise(...) == NOT_ANSWERED          # unanswered: no key shown
            assert "right form" in item.practise(42)            # malformed: how to fix, no key
            assert KEY_HEADING not in item.practise(42)


def test_practise_shows_the_key_only_for_a_well_formed_answer() -> None:
    assert RANKING.practise("ABCDE").count("Expert order") == 1
    assert "Expert order" not in RANKING.practise("ABC")


@pytest.mark.parametrize(("content", "words"), [
    ('{"items": []}', "no practice items"),
    ("not json", "not valid JSON"),
    ('{"items": [{"id": "x", "kind": "poll", "name": "n"}]}', "kind must be one of"),
    ('{"items": [{"id": "x", "kind": "ranking", "name": "n", "points": 4, "keys": "AB"}]}', "unexpected"),
])
def test_bad_practice_files_are_refused_clearly(tmp_path, content: str, words: str) -> None:
    from medsome.judgement import load_practice

    path = tmp_path / "practice.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ItemError, match=words):
        load_practice(path)
    with pytest.raises(ItemError, match="not found"):
        load_practice(tmp_path / "missing.json")


def test_rating_on_another_scale_such_as_discern() -> None:
    from medsome.judgement import check_rating

    discern = {value: f"{value} of 5" for value in range(1, 6)}
    item = Rating(name="discern", points=2, key={"Q1": 5, "Q2": 1}, why={"Q1": "aims", "Q2": "sources"},
                  scale=discern)
    assert item.assess({"Q1": 5, "Q2": 2})[0] == 1.29    # raw 0.75, chance 0.3: (0.75 - 0.3) / 0.7
    assert item.assess({"q1": 3, "q2": 1})[0] == 0.57    # raw 0.5: (0.5 - 0.3) / 0.7
    check_rating({"Q1": 5, "Q2": 1}, "discern", ["Q1", "Q2"], range(1, 6))
    with pytest.raises(CheckFailed, match="from 1 to 5"):
        check_rating({"Q1": 6, "Q2": 1}, "discern", ["Q1", "Q2"], range(1, 6))


# Chance correction and critical errors ----------------------------------------------------------

@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.name)
def test_random_answers_earn_little_and_are_well_formed(item) -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    answers = [item.random_answer(rng) for _ in range(400)]
    for answer in answers[:20]:
        assert item.reading(answer).well_formed, answer
    mean = sum(item.assess(answer)[0] for answer in answers) / len(answers)
    assert mean <= 0.25 * item.points, f"{item.name}: random answers earn {mean / item.points:.0%}"


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.name)
def test_habits_are_named_answers_scored_like_any_other(item) -> None:
    habits = item.habits()
    assert habits and all(isinstance(name, str) for name in habits)
    for answer in habits.values():
        assert 0.0 <= item.assess(answer)[0] <= item.points


def test_ticking_everything_or_nothing_scores_zero() -> None:
    assert SPOTTING.assess(set(SPOTTING.vocabulary))[0] == 0.0
    assert CHOICE.assess(set(CHOICE.options))[0] == 0.0     # more than k: not gradable
    assert CHOICE.assess(set())[0] == 0.0


def test_a_critical_error_scores_the_item_zero_and_says_so(capsys) -> None:
    why = {c: f"reason {c}" for c in "ABCDE"}
    ranking = Ranking(name="r", points=4, key="BDACE", why=why,
                      critical={"E": "posting the patient's reply breaches confidentiality"})
    assert ranking.assess("BDACE")[0] == 4.0
    assert ranking.assess("EBDAC")[0] == 0.0
    assert ranking.critical_errors("EBDAC") == [
        "Critical error: E. posting the patient's reply breaches confidentiality"]
    assert ranking.critical_errors("BEDAC") == []           # ranked second: not chosen
    ranking.grade("EBDAC")
    assert "Critical error: E" in capsys.readouterr().out

    choice = Choice(name="c", points=3, options="ABCDEFG", key=frozenset("ACD"),
                    why={c: "" for c in "ABCDEFG"}, critical={"F": "no consent"})
    assert choice.assess({"A", "C", "F"})[0] == 0.0 and choice.assess({"A", "C", "B"})[0] > 0
    rating = Rating(name="t", points=4, key={"A": 4, "B": 1, "C": 3, "D": 2},
                    why={c: "" for c in "ABCD"}, critical={"B": "a breach"})
    assert rating.assess({"A": 4, "B": 3, "C": 3, "D": 2})[0] == 0.0    # rated appropriate
    assert rating.assess({"A": 4, "B": 2, "C": 3, "D": 2})[0] > 0        # inappropriate: fine
    decisions = Decisions(name="d", points=3, allowed=("post", "wait", "do_not_post"),
                          key={"V1": "post", "V2": "wait", "V3": "do_not_post"},
                          why={"V1": "", "V2": "", "V3": ""}, critical={"V3:post": "no consent"})
    assert decisions.assess({"V1": "post", "V2": "wait", "V3": "post"})[0] == 0.0
    assert decisions.critical_errors({"V1": "post", "V2": "wait", "V3": "wait"}) == []


def test_critical_errors_must_name_options() -> None:
    with pytest.raises(ItemError, match="critical"):
        Ranking(name="r", points=4, key="ABC", why={c: "" for c in "ABC"}, critical={"X": "?"})
    with pytest.raises(ItemError, match="critical"):
        Decisions(name="d", points=1, allowed=("post", "wait"), key={"V1": "wait"}, why={"V1": ""},
                  critical={"V1:publish": "?"})

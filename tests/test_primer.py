"""The primer's self-checks: right answers, the typical wrong ones, `...`, and they never raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medsome.data import load_case_posts, load_population
from medsome.primer import (
    ACCEPTABLE_REPLIES,
    DRAFT_DECISIONS,
    DRAFT_MENU,
    MATCH_DETAILS,
    REPLY_LETTERS,
    REPLY_RANKING,
    candidate_match_feedback,
    check_candidate_match,
    check_draft_decisions,
    check_error_name,
    check_municipality_posts,
    check_reply_ranking,
    choice_set_feedback,
    decision_dict_feedback,
    draft_decisions_feedback,
    error_name_feedback,
    id_list_feedback,
    municipality_posts_feedback,
    ranking_feedback,
    reply_ranking_feedback,
    whole_number_feedback,
)
from medsome.privacy import candidate_count

LETTERS, KEY = "ABCDE", "CAEBD"
RATINGS = {"A": 4, "B": 1}


@pytest.fixture
def posts() -> pd.DataFrame:
    return pd.DataFrame({
        "post_id": ["P01", "P02", "P03", "P04"],
        "municipality": ["Peltola", None, "Kivikko", "Peltola"],
    })


@pytest.fixture
def population() -> pd.DataFrame:
    return pd.DataFrame({
        "municipality": ["Harbourvik", "Harbourvik", "Harbourvik", "Peltola", "Harbourvik"],
        "district": ["West"] * 5,
        "age": [52, 52, 40, 52, 34],
        "sex": ["male", "female", "female", "male", "female"],
        "condition": ["none"] * 5,
        "occupation": ["teacher", "teacher", "teacher", "teacher", "other"],
        "count": [3, 4, 20, 50, 9],
    })


# Reading an error

@pytest.mark.parametrize("answer", ["decison", " 'decison' ", '"decison"'])
def test_error_name_right(answer: str) -> None:
    assert error_name_feedback(answer).startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    ("decision", "meant to type"),
    ("NameError", "kind of error"),
    ("ranking", "is fine"),
    ("Decison", "case-sensitive"),
    ("something", "last line"),
    (42, "a whole number"),
])
def test_error_name_wrong(answer: object, says: str) -> None:
    feedback = error_name_feedback(answer)
    assert says in feedback and not feedback.startswith("Correct")


# A ranking: a string of letters

def test_ranking_right() -> None:
    assert ranking_feedback(KEY, LETTERS, KEY).startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    (["C", "A", "E", "B", "D"], "a list"),
    (("C", "A"), "a tuple"),
    (5, "a whole number"),
    (None, "None"),
    ("", "empty"),
    ("C A E B D", "no spaces"),
    ("C,A,E,B,D", "commas"),
    ("caebd", "capital letters"),
    ("CAEBX", '"X" is not among the choices'),
    ("CAEBB", "B appears 2 times; D is missing"),
    ("CAEB", "D is missing"),
    ("CAEBDA", "A appears 2 times"),
    (KEY[::-1], "reversed"),
    ("ACEBD", "2 of the 5 letters"),
])
def test_ranking_wrong(answer: object, says: str) -> None:
    feedback = ranking_feedback(answer, LETTERS, KEY)
    assert says in feedback, feedback
    assert not feedback.startswith("Correct")
    assert KEY not in feedback, "the feedback must not give the ranking away"


def test_ranking_example_is_never_the_key() -> None:
    assert "BCDEA" not in ranking_feedback(..., LETTERS, "BCDEA")


# A set of choices

@pytest.mark.parametrize("answer", [{"A", "C", "E"}, set("EACA"), frozenset("ACE")])
def test_set_right_in_any_order_with_repeats(answer: set[str]) -> None:
    assert choice_set_feedback(answer, LETTERS, {"A", "C", "E"}, "reply").startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    (["A", "C", "E"], "a list (square brackets): write a set with curly braces"),
    (("A", "C", "E"), "a tuple"),
    ({}, "an empty set is written set()"),
    ({"A": 1}, "no colons"),
    ("ACE", "its own quotes"),
    (3, "a whole number"),
    ({"a", "C", "E"}, 'write "A"'),
    ({"A", "C", "F"}, '"F" is not one of the replies'),
    ({"A", "C"}, "1 reply is missing"),
    ({"A", "C", "E", "B"}, "1 reply does not belong"),
    ({"A", "B", "D"}, "2 replies are missing and 2 replies do not belong"),
    (set(), "empty"),
])
def test_set_wrong(answer: object, says: str) -> None:
    feedback = choice_set_feedback(answer, LETTERS, {"A", "C", "E"}, "reply")
    assert says in feedback, feedback
    assert not feedback.startswith("Correct")


def test_set_of_identifiers() -> None:
    allowed = ["age", "sex", "municipality", "condition"]
    assert choice_set_feedback({"municipality", "age"}, allowed, {"age", "municipality"}, "identifier"
                               ).startswith("Correct")
    assert 'write "municipality"' in choice_set_feedback({"Municipality"}, allowed, {"age"}, "identifier")


# A dict of decisions or ratings

def test_dict_right() -> None:
    assert decision_dict_feedback(dict(DRAFT_DECISIONS), DRAFT_DECISIONS, DRAFT_MENU).startswith("Correct")
    assert decision_dict_feedback({"B": 1, "A": 4}, RATINGS, (1, 2, 3, 4, 5), "rating").startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    ({"D1", "post"}, "a set (curly braces): a dict pairs each key"),
    ([("D1", "post")], "a list"),
    ("D1: post", "text"),
    ({}, "empty"),
    ({"D1": "post", "D2": "revise", "D3": "do_not_post"}, '"D4" has no decision yet'),
    ({**DRAFT_DECISIONS, "D5": "post"}, '"D5" is not one of the keys'),
    ({**DRAFT_DECISIONS, "d1": "post"}, 'write "D1"'),
    ({**DRAFT_DECISIONS, "D3": "delete"}, '"delete" is not one of the decisions'),
    ({**DRAFT_DECISIONS, "D3": "do not post"}, 'write "do_not_post"'),
    ({**DRAFT_DECISIONS, "D3": ["do_not_post"]}, "not one of the decisions"),
    ({**DRAFT_DECISIONS, "D2": "post"}, 'the decision for "D2" differs'),
])
def test_dict_wrong(answer: object, says: str) -> None:
    feedback = decision_dict_feedback(answer, DRAFT_DECISIONS, DRAFT_MENU)
    assert says in feedback, feedback
    assert not feedback.startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    ({"A": "4", "B": 1}, "without quotes"),
    ({"A": 4, "B": 7}, "7 is not one of the ratings"),
    ({"A": 4, "B": True}, "True is not one of the ratings"),
    ({"A": 4.5, "B": 1}, "not one of the ratings"),
    ({"A": 3, "B": 1}, 'the rating for "A" differs'),
])
def test_ratings_wrong(answer: object, says: str) -> None:
    feedback = decision_dict_feedback(answer, RATINGS, (1, 2, 3, 4, 5), "rating")
    assert says in feedback, feedback


def test_dict_wrong_value_is_not_revealed() -> None:
    feedback = decision_dict_feedback({**DRAFT_DECISIONS, "D2": "post"}, DRAFT_DECISIONS, DRAFT_MENU)
    assert "revise" not in feedback


# A list of ids

def test_list_right(posts: pd.DataFrame) -> None:
    known = posts["post_id"].tolist()
    assert id_list_feedback(["P04", "P01"], ["P01", "P04"], known).startswith("Correct")
    assert id_list_feedback(["P01", "P04"], ["P01", "P04"], known, ordered=True).startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    ({"P01", "P04"}, "a set (curly braces): the question asks for a list"),
    ("P01 P04", "its own quotes"),
    (("P01", "P04"), "a tuple"),
    (["P01", "P09"], '"P09" is not one of the ids'),
    ([1, 4], "1 is not one of the ids"),
    ([["P01"]], "not one of the ids"),
    (["P01", "P01", "P04"], '"P01" appears more than once'),
    (["P01", "P02", "P03", "P04"], "holds every id"),
    (["P01"], "1 id is missing"),
    (["P01", "P03", "P04"], "1 id does not belong"),
    ([], "empty"),
])
def test_list_wrong(posts: pd.DataFrame, answer: object, says: str) -> None:
    feedback = id_list_feedback(answer, ["P01", "P04"], posts["post_id"].tolist())
    assert says in feedback, feedback
    assert not feedback.startswith("Correct")


def test_list_from_pandas_needs_tolist(posts: pd.DataFrame) -> None:
    picked = posts[posts["municipality"] == "Peltola"]
    known = posts["post_id"].tolist()
    assert ".tolist()" in id_list_feedback(picked, ["P01", "P04"], known)
    assert ".tolist()" in id_list_feedback(picked["post_id"], ["P01", "P04"], known)


def test_list_in_order(posts: pd.DataFrame) -> None:
    feedback = id_list_feedback(["P04", "P01"], ["P01", "P04"], posts["post_id"].tolist(), ordered=True)
    assert "not in the order" in feedback


# A whole number

def test_whole_number_right() -> None:
    assert whole_number_feedback(5, 5).startswith("Correct")
    assert whole_number_feedback(np.int64(5), 5).startswith("Correct")


@pytest.mark.parametrize(("answer", "says"), [
    ("5", "without quotes"),
    ("five", "text"),
    (5.0, "without the decimal point"),
    (4.5, "has a fraction"),
    (True, "True or False"),
    ([1, 2, 3, 4, 5], "len(...)"),
    (pd.Series([1, 2]), "count its rows with len(...)"),
    (None, "None"),
    (9, "too high"),
    (2, "too low"),
])
def test_whole_number_wrong(answer: object, says: str) -> None:
    feedback = whole_number_feedback(answer, 5)
    assert says in feedback, feedback
    assert not feedback.startswith("Correct")


def test_whole_number_hints() -> None:
    assert whole_number_feedback(40, 5, {40: "every post"}) == "every post"
    assert whole_number_feedback(9, 5, too_high="a detail is missing.").endswith("a detail is missing.")


# Not answered, and never raising

GENERIC_CHECKS = [
    lambda a: error_name_feedback(a),
    lambda a: ranking_feedback(a, LETTERS, KEY),
    lambda a: choice_set_feedback(a, LETTERS, {"A", "C"}),
    lambda a: decision_dict_feedback(a, DRAFT_DECISIONS, DRAFT_MENU),
    lambda a: id_list_feedback(a, ["P01"], ["P01", "P02"]),
    lambda a: whole_number_feedback(a, 5),
]
ODD_ANSWERS = [None, 0, -1, 2.5, float("nan"), True, "", "?", [], [None], [[1]], {}, {1: [2]}, set(),
               {None}, (), pd.NA, pd.DataFrame(), pd.Series(dtype=object), object()]


@pytest.mark.parametrize("check", GENERIC_CHECKS)
def test_unanswered_says_so(check) -> None:
    assert check(...).startswith("Not answered yet")


@pytest.mark.parametrize("check", GENERIC_CHECKS)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
def test_never_raises(check, answer: object) -> None:
    feedback = check(answer)
    assert isinstance(feedback, str) and feedback
    assert not feedback.startswith("Correct")


@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
def test_exercise_checks_never_raise(posts: pd.DataFrame, population: pd.DataFrame, answer: object) -> None:
    for feedback in (reply_ranking_feedback(answer, answer), draft_decisions_feedback(answer, answer, answer),
                     municipality_posts_feedback(answer, answer, posts),
                     candidate_match_feedback(answer, population)):
        assert isinstance(feedback, str) and "Correct" not in feedback


# The primer's exercises, as the lesson calls them

def test_reply_ranking_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    check_reply_ranking(..., ...)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == ["ranking", "acceptable"]
    assert all("Not answered yet" in line for line in lines)
    right = reply_ranking_feedback(REPLY_RANKING, set(ACCEPTABLE_REPLIES)).splitlines()
    assert all(": Correct" in line for line in right)
    assert set(REPLY_RANKING) == set(REPLY_LETTERS) and set(REPLY_LETTERS) >= ACCEPTABLE_REPLIES


def test_draft_decisions_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    check_draft_decisions(..., ..., ...)
    assert capsys.readouterr().out.count("Not answered yet") == 3
    right = draft_decisions_feedback(dict(DRAFT_DECISIONS), ["D4", "D2"], 1).splitlines()
    assert len(right) == 3 and all(": Correct" in line for line in right)
    wrong = draft_decisions_feedback({**DRAFT_DECISIONS, "D1": "publish"}, {"D2", "D4"}, 4)
    assert "not one of the decisions" in wrong and "a set" in wrong and "every draft" in wrong


def test_error_name_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    check_error_name(...)
    assert capsys.readouterr().out.startswith("Not answered yet")


def test_municipality_posts_exercise(posts: pd.DataFrame, capsys: pytest.CaptureFixture[str]) -> None:
    check_municipality_posts(..., ..., posts)
    assert capsys.readouterr().out.count("Not answered yet") == 2
    right = municipality_posts_feedback(["P01", "P04"], 2, posts).splitlines()
    assert [line.split(": ", 1)[0] for line in right] == ["ids", "count"]
    assert all(": Correct" in line for line in right)
    everything = municipality_posts_feedback(posts["post_id"].tolist(), len(posts), posts)
    assert "every post id" in everything and "every post (4)" in everything


def test_candidate_match_exercise(population: pd.DataFrame, capsys: pytest.CaptureFixture[str]) -> None:
    check_candidate_match(..., population)
    assert capsys.readouterr().out.startswith("Not answered yet")
    assert candidate_match_feedback(7, population).startswith("Correct: 7.")
    assert "whole population" in candidate_match_feedback(86, population)
    assert "worked example" in candidate_match_feedback(9, population)
    assert "two of the post's three details" in candidate_match_feedback(27, population)  # no age
    assert "two of the post's three details" in candidate_match_feedback(57, population)  # no place
    assert "too low" in candidate_match_feedback(1, population)
    assert "too high" in candidate_match_feedback(60, population)


def test_exercises_on_the_course_data() -> None:
    """The keys fit the real synthetic datasets: the right answers are reachable, and not trivial."""
    posts, population = load_case_posts(), load_population()
    ids = posts.loc[posts["municipality"] == "Peltola", "post_id"].tolist()
    assert 2 <= len(ids) < len(posts)
    assert all(": Correct" in line for line in municipality_posts_feedback(ids, len(ids), posts).splitlines())
    n = candidate_count(population, MATCH_DETAILS)
    assert 5 <= n < 100
    assert candidate_match_feedback(n, population).startswith("Correct")

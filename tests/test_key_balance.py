"""Graded and practice keys cannot be gamed: no favourite letter, no favourite length.

Covers every ranking and choice item of the assignments (read from the notebooks by
`medsome.keyed_items`) and of the lessons' practice files; the lesson quizzes have their own test
(test_quiz_balance.py). A ranking's keyed best option and a choice's keyed options must not be the
longest text too often, because a test-wise reader picks the longest, most qualified option.
"""

from __future__ import annotations

import math
from collections import Counter

from conftest import COURSE
from medsome.judgement import Choice, Ranking, load_practice

MAX_FIRST_SHARE = 0.40
MAX_LONGEST_SHARE = 1 / 3


def _practice() -> list:
    return [item for path in COURSE.practice_files()
            for item in load_practice(path).values()]


def _rankings(keyed: list) -> list[tuple[str, Ranking]]:
    graded = [(f"{k.assignment}:{k.grade_id}", k.item) for k in keyed if isinstance(k.item, Ranking)]
    return graded + [(f"practice:{i.name}", i) for i in _practice() if isinstance(i, Ranking)]


def _choices(keyed: list) -> list[tuple[str, Choice]]:
    graded = [(f"{k.assignment}:{k.grade_id}", k.item) for k in keyed if isinstance(k.item, Choice)]
    return graded + [(f"practice:{i.name}", i) for i in _practice() if isinstance(i, Choice)]


def test_no_letter_leads_too_many_ranking_keys(keyed: list) -> None:
    rankings = _rankings(keyed)
    firsts = Counter(item.key[0] for _, item in rankings)
    letter, count = firsts.most_common(1)[0]
    assert count <= MAX_FIRST_SHARE * len(rankings), (
        f"{letter} leads {count} of {len(rankings)} ranking keys: {dict(firsts)}")


def test_no_letter_in_more_than_half_the_choice_keys(keyed: list) -> None:
    """At most half of the keys, rounded up: three keys of 3 from 7 letters must share some letters."""
    choices = _choices(keyed)
    counts = Counter(letter for _, item in choices for letter in item.key)
    letter, count = counts.most_common(1)[0]
    assert count <= math.ceil(len(choices) / 2), f"{letter} is in {count} of {len(choices)} choice keys"


def test_the_keyed_best_option_is_rarely_the_longest(keyed: list) -> None:
    longest = []
    texted = [k for k in keyed if isinstance(k.item, Ranking | Choice)]
    for k in texted:
        assert set(k.options) == set(k.item.options), f"{k.grade_id}: the stem lists other options"
        lengths = {letter: len(text) for letter, text in k.options.items()}
        top = max(lengths, key=lengths.get)
        strictly = sum(length == lengths[top] for length in lengths.values()) == 1
        best = {k.item.key[0]} if isinstance(k.item, Ranking) else set(k.item.key)
        if strictly and top in best:
            longest.append(f"{k.assignment}:{k.grade_id}")
    assert len(longest) <= MAX_LONGEST_SHARE * len(texted), (
        f"the keyed option is the longest in {len(longest)} of {len(texted)} items: {longest}")


def test_rankings_in_letter_order_or_reversed_earn_nothing(keyed: list) -> None:
    for label, item in _rankings(keyed):
        for habit, answer in item.habits().items():
            assert item.assess(answer)[0] == 0.0, f"{label}: {habit} ({answer}) scores"

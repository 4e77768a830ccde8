"""What every judgement item and primer check says and scores, for a fixed set of answers.

`snapshot()` runs the kit's public entry points on every keyed item of every assignment and every
lesson's practice items, with their keys, blind habits, seeded random answers, each misconception
profile's answers and a set of malformed answers, and the primer's checks on the answers its tests
use. `tests/item_golden.json` holds the snapshot of the released kit; `tests/test_item_golden.py`
holds the kit to it, score for score and word for word. Some explanations follow the order of a
set built in a notebook, so the snapshot is taken with a fixed PYTHONHASHSEED (`HASH_SEED`), in a
process of its own. Refresh it (only when a score or message is meant to change) with
`PYTHONHASHSEED=0 python tests/item_golden.py --write`; without `--write` it prints the snapshot.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from conftest import ROOT, SOURCES  # noqa: E402
from medsome import primer  # noqa: E402
from medsome.feedback import CheckFailed  # noqa: E402
from medsome.judgement import (  # noqa: E402
    Choice,
    Decisions,
    Item,
    Ranking,
    Rating,
    Spotting,
    Value,
    check_choice,
    check_decisions,
    check_ranking,
    check_rating,
    check_spotting,
    check_value,
    load_practice,
)
from medsome.keyed_items import keyed_items  # noqa: E402
from misconception_profiles import PROFILES  # noqa: E402

GOLDEN = HERE / "item_golden.json"
SEED = 20261208
HASH_SEED = "0"
RANDOM_ANSWERS = 12


class Claims:
    """An answer that claims to equal anything (as a hostile submission would)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


ODD = [None, 0, -1, 2.5, float("nan"), True, "", "?", [], [None], [[1]], {}, {1: [2]}, set(), {None},
       (), np.int64(3), np.float64(2.0), Claims(), ...]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _shown(answer: object) -> str:
    """An answer as a stable label (sets sorted, so the label does not depend on hash order)."""
    if isinstance(answer, set | frozenset):
        return "{" + ", ".join(sorted(map(repr, answer))) + "}" if answer else "set()"
    if isinstance(answer, Claims):
        return "<claims to equal anything>"
    return repr(answer)


def _said(call: Callable[[], object]) -> str:
    """What a call prints, or the message it fails with."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            result = call()
    except CheckFailed as problem:
        return f"CheckFailed: {problem}"
    return out.getvalue() + ("" if result is None else repr(result))


def key_answer(item: Item) -> object:
    """The answer the key gives, as a learner would type it."""
    if isinstance(item, Decisions):
        return {case: v if isinstance(v, str) else v[0] for case, v in item.key.items()}
    if isinstance(item, Choice | Spotting):
        return set(item.key)
    if isinstance(item, Rating):
        return dict(item.key)
    return item.key


def _mutations(item: Item, key: object) -> list[object]:
    """Malformed and nearly right answers built from the key."""
    if isinstance(key, str) and isinstance(item, Ranking):
        return [key.lower(), " ".join(key), ",".join(key), key + key[0], key[:-1], "X" + key[1:],
                key[::-1], key[1] + key[0] + key[2:], {o: 1 for o in key}, dict.fromkeys(key, 9),
                {o: i for i, o in enumerate(key, 1)}, list(key)]
    if isinstance(key, dict):
        first = next(iter(key))
        values = list(key.values())
        return [{k: v for k, v in key.items() if k != first}, {**key, "ZZ": values[0]},
                {**key, first: 7}, {**key, first: "zzz"}, {**key, first: str(values[0])},
                {**key, first: True}, {(k.lower() if isinstance(k, str) else k): v for k, v in key.items()},
                {**key, first: values[-1]}, set(key), list(key.items())]
    if isinstance(key, set):
        words = sorted(key)
        return [list(words), tuple(words), ",".join(words), {w.lower() for w in words},
                {w.upper().replace("_", " ") for w in words}, key | {"nonsense"}, set(), set(words[:1]),
                dict.fromkeys(words, 1)]
    if isinstance(key, bool | int | float):
        return [str(key), float(key), key + 1, key - 1, np.int64(int(key)), np.float32(key), [key]]
    return [str(key).upper(), f"  {key} ", 3, key + "s"]


def _keyless_check(item: Item, answer: object) -> str:
    """The visible check module function an assignment calls for this kind of item."""
    if isinstance(item, Ranking):
        return _said(lambda: check_ranking(answer, item.name, "".join(item.options)))
    if isinstance(item, Rating):
        return _said(lambda: check_rating(answer, item.name, sorted(item.key), sorted(item.scale)))
    if isinstance(item, Choice):
        return _said(lambda: check_choice(answer, item.name, item.options, item.k))
    if isinstance(item, Decisions):
        return _said(lambda: check_decisions(answer, item.name, list(item.key), item.allowed))
    if isinstance(item, Spotting):
        return _said(lambda: check_spotting(answer, item.name, item.vocabulary))
    assert isinstance(item, Value)
    return _said(lambda: check_value(answer, item.name, type(item.key)))


def _record(item: Item, answer: object, detail: str) -> dict[str, object]:
    """Score and explanation of one answer; checks and critical errors unless `detail` is "score"."""
    entry: dict[str, object] = {"answer": _shown(answer), "score": item.assess(answer)[0]}
    if detail != "score":
        check, keyless = _said(lambda: item.check(answer)), _keyless_check(item, answer)
        entry |= {"check": check, "keyless_check": "the same" if keyless == check else keyless,
                  "critical": item.critical_errors(answer), "practise": _digest(item.practise(answer))}
    grade = _said(lambda: item.grade(answer))
    entry["grade"] = grade if detail == "text" else _digest(grade)
    return entry


def item_snapshot(item: Item, profiles: dict[str, object], rng: np.random.Generator) -> dict[str, object]:
    """Every recorded answer of one item, with its chance figures."""
    key = key_answer(item)
    answers = [("key", key, "text")]
    answers += [(f"habit: {name}", answer, "checks") for name, answer in item.habits().items()]
    answers += [(f"profile: {name}", answer, "text") for name, answer in profiles.items()]
    answers += [("malformed", answer, "checks") for answer in [*_mutations(item, key), *ODD]]
    answers += [("random", item.random_answer(rng), "score") for _ in range(RANDOM_ANSWERS)]
    return {"kind": type(item).__name__, "points": item.points, "chance": item.chance,
            "answers": [{"what": what, **_record(item, answer, detail)} for what, answer, detail in answers
                        if answer is not None or what != "random"]}


def _profile_answers(assignment: str, variable: str) -> dict[str, object]:
    return {name: ast.literal_eval(answers[variable])
            for name, answers in PROFILES.get(assignment, {}).items() if variable in answers}


def assignment_items() -> dict[str, object]:
    """Every keyed item of every assignment's source notebook."""
    rng, result = np.random.default_rng(SEED), {}
    for notebook in SOURCES:
        for keyed in keyed_items(notebook):
            profiles = {} if keyed.derived else _profile_answers(keyed.assignment, keyed.answer)
            result[f"{keyed.assignment}/{keyed.grade_id}"] = item_snapshot(keyed.item, profiles, rng)
    return result


def practice_items() -> dict[str, object]:
    """Every practice item of every lesson."""
    rng, result = np.random.default_rng(SEED + 1), {}
    for path in sorted((ROOT / "course").glob("*/practice.json")):
        for item_id, item in load_practice(path).items():
            result[f"{path.parent.name}/{item_id}"] = item_snapshot(item, {}, rng)
    return result


POSTS = pd.DataFrame({"post_id": ["P01", "P02", "P03", "P04"],
                      "municipality": ["Peltola", None, "Kivikko", "Peltola"]})
POPULATION = pd.DataFrame({
    "municipality": ["Harbourvik", "Harbourvik", "Harbourvik", "Peltola", "Harbourvik"],
    "district": ["West"] * 5, "age": [52, 52, 40, 52, 34],
    "sex": ["male", "female", "female", "male", "female"], "condition": ["none"] * 5,
    "occupation": ["teacher", "teacher", "teacher", "teacher", "other"], "count": [3, 4, 20, 50, 9]})
PRIMER_ODD = [*ODD, pd.NA, pd.DataFrame(), pd.Series(dtype=object), pd.Series([1, 2]), POSTS,
              POSTS["post_id"]]
RANKINGS = ["CAEBD", ["C", "A", "E", "B", "D"], ("C", "A"), 5, "C A E B D", "C,A,E,B,D", "caebd", "CAEBX",
            "caebx", "CAEBB", "CAEB", "CAEBDA", "DBEAC", "ACEBD", "C>A>E>B>D", "XYZ", "abcde", "A", "EDCBA",
            {"A": 1}, "cAEBD"]
SETS = [{"A", "C", "E"}, set("EACA"), frozenset("ACE"), ["A", "C", "E"], ("A", "C", "E"), {"A": 1}, "ACE", 3,
        {"a", "C", "E"}, {"A", "C", "F"}, {"A", "C"}, {"A", "C", "E", "B"}, {"A", "B", "D"}, {1, "A"},
        {" A", "C"}, {"A", "C", "E", "B", "D"}]
IDENTIFIERS = [{"municipality", "age"}, {"Municipality"}, {"age"}, {"tattoo"}, {"municipality", "sex", "age"},
               {"condition-x"}]
DICTS = [dict(primer.DRAFT_DECISIONS), {"D1", "post"}, [("D1", "post")], "D1: post",
         {"D1": "post", "D2": "revise", "D3": "do_not_post"}, {**primer.DRAFT_DECISIONS, "D5": "post"},
         {**primer.DRAFT_DECISIONS, "d1": "post"}, {**primer.DRAFT_DECISIONS, "D3": "delete"},
         {**primer.DRAFT_DECISIONS, "D3": "do not post"}, {**primer.DRAFT_DECISIONS, "D3": ["do_not_post"]},
         {**primer.DRAFT_DECISIONS, "D2": "post"}, {**primer.DRAFT_DECISIONS, "D2": "post", "D3": "post"},
         {1: "post"}, {"D1": "Post", "D2": "revise", "D3": "do_not_post", "D4": "revise"}]
RATINGS = [{"A": 4, "B": 1}, {"B": 1, "A": 4}, {"A": "4", "B": 1}, {"A": 4, "B": 7}, {"A": 4, "B": True},
           {"A": 4.5, "B": 1}, {"A": 3, "B": 1}, {"A": 4.0, "B": 1}, {"A": np.int64(4), "B": 1}]
LISTS = [["P04", "P01"], ["P01", "P04"], {"P01", "P04"}, "P01 P04", ("P01", "P04"), ["P01", "P09"], [1, 4],
         [["P01"]], ["P01", "P01", "P04"], ["P01", "P02", "P03", "P04"], ["P01"], ["P01", "P03", "P04"], [],
         ["p01", "P04"], POSTS[POSTS["municipality"] == "Peltola"], POSTS["post_id"]]
NUMBERS = [5, np.int64(5), "5", "five", 5.0, 4.5, True, [1, 2, 3, 4, 5], pd.Series([1, 2]), 9, 2, 40, -3,
           " 5 ", {1: 2}]


def primer_snapshot() -> dict[str, list[list[str]]]:
    """The primer's hints on the answers its tests use and on odd answers."""
    long_known = [f"P{i:02}" for i in range(1, 20)]
    checks: dict[str, tuple[Callable[[object], str], list[object]]] = {
        "error_name": (primer.error_name_feedback,
                       ["decison", " 'decison' ", '"decison"', "decision", "NameError", "ranking", "print",
                        "Decison", "something", 42]),
        "ranking": (lambda a: primer.ranking_feedback(a, "ABCDE", "CAEBD"), RANKINGS),
        "ranking_example": (lambda a: primer.ranking_feedback(a, "ABCDE", "BCDEA"), ["x", ...]),
        "ranking_four": (lambda a: primer.ranking_feedback(a, "ABCD", "DCBA"), ["ABCD", "DCBA", 1, "ABC"]),
        "set": (lambda a: primer.choice_set_feedback(a, "ABCDE", {"A", "C", "E"}, "reply"), SETS),
        "set_default": (lambda a: primer.choice_set_feedback(a, "ABCDE", {"A", "C"}), SETS),
        "identifiers": (lambda a: primer.choice_set_feedback(
            a, ["age", "sex", "municipality", "condition"], {"age", "municipality"}, "identifier"),
            IDENTIFIERS),
        "decisions": (lambda a: primer.decision_dict_feedback(a, primer.DRAFT_DECISIONS, primer.DRAFT_MENU),
                      DICTS),
        "ratings": (lambda a: primer.decision_dict_feedback(a, {"A": 4, "B": 1}, (1, 2, 3, 4, 5), "rating"),
                    RATINGS),
        "ids": (lambda a: primer.id_list_feedback(a, ["P01", "P04"], POSTS["post_id"].tolist()), LISTS),
        "ids_ordered": (lambda a: primer.id_list_feedback(a, ["P01", "P04"], POSTS["post_id"].tolist(),
                                                          ordered=True), LISTS),
        "ids_long": (lambda a: primer.id_list_feedback(a, ["P01", "P04"], long_known, what="post id"),
                     [*LISTS, ["P99"]]),
        "number": (lambda a: primer.whole_number_feedback(a, 5), NUMBERS),
        "number_hints": (lambda a: primer.whole_number_feedback(a, 5, {40: "every post"}, "total",
                                                                "a detail is missing.", "too few."),
                         NUMBERS),
        "reply_ranking": (lambda a: primer.reply_ranking_feedback(a, a), [*RANKINGS, *SETS]),
        "reply_pair": (lambda a: primer.reply_ranking_feedback(primer.REPLY_RANKING, a), SETS),
        "drafts": (lambda a: primer.draft_decisions_feedback(a, a, a), [*DICTS, *LISTS, *NUMBERS]),
        "drafts_right": (lambda a: primer.draft_decisions_feedback(dict(primer.DRAFT_DECISIONS), a, 1),
                         [["D4", "D2"], ["D2"], {"D2", "D4"}]),
        "municipality": (lambda a: primer.municipality_posts_feedback(a, a, POSTS), [*LISTS, *NUMBERS]),
        "municipality_right": (lambda a: primer.municipality_posts_feedback(["P01", "P04"], a, POSTS),
                               NUMBERS),
        "candidates": (lambda a: primer.candidate_match_feedback(a, POPULATION),
                       [7, 86, 9, 27, 57, 1, 60, *NUMBERS]),
    }
    return {name: [[_shown(a), check(a)] for a in [*answers, *PRIMER_ODD]]
            for name, (check, answers) in checks.items()}


def snapshot() -> dict[str, object]:
    """The whole snapshot, as `tests/item_golden.json` holds it."""
    return json.loads(json.dumps({"assignments": assignment_items(), "practice": practice_items(),
                                  "primer": primer_snapshot()}))


def as_text(taken: dict[str, object]) -> str:
    """The snapshot as the golden file holds it."""
    return json.dumps(taken, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        sys.exit(f"run with PYTHONHASHSEED={HASH_SEED}: some explanations follow a set's order")
    if sys.argv[1:] == ["--write"]:
        GOLDEN.write_text(as_text(snapshot()), encoding="utf-8")
    else:
        sys.stdout.write(as_text(snapshot()))

"""Self-checks for the Python primer of the orientation lesson: plain words, and they never raise.

The generic checks (a ranking, a set of choices, a dict of decisions, a list of ids, a whole number)
are the hints of the judgement item kinds (`medsome.judgement`) on the answer formats the
assignments use: each names a kind and its key, and the kind reads the answer once and says what is
wrong with it, checking the type first, then the spelling of each item, then the content
(`answer_hint` does the same for any kind). The `check_*` functions print the feedback for one
primer exercise. An unanswered exercise (`...`) gets "Not answered yet".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

import pandas as pd

from medsome.feedback import what_it_is
from medsome.judgement import HOW_COUNTED, ItemError, item_from_mapping
from medsome.privacy import candidate_count

NOT_ANSWERED = "Not answered yet: replace the ... with your answer and run the cell again."

# Keys of the primer's exercises. The primer is practice in writing answers, not graded work: each
# exercise describes its answer in words, and the learner writes it in Python.
ERROR_NAME = "decison"  # reading an error: the name the error message complains about
REPLY_LETTERS = "ABCDE"
REPLY_RANKING = "CAEBD"  # a ranking: C most appropriate, then A, E, B, and D least
ACCEPTABLE_REPLIES = frozenset({"A", "C", "E"})
DRAFT_MENU = ("post", "revise", "do_not_post")
DRAFT_DECISIONS = {"D1": "post", "D2": "revise", "D3": "do_not_post", "D4": "revise"}  # a dict
PRIMER_MUNICIPALITY = "Peltola"  # pandas: the case posts that name this municipality
MATCH_DETAILS = {"age": 52, "occupation": "teacher", "municipality": "Harbourvik"}  # candidate_count
WORKED_DETAILS = {"age": 34, "sex": "female"}  # the primer's worked example of candidate_count


def error_name_feedback(answer: object) -> str:
    """Feedback on reading an error: the name that the primer's error message complains about."""
    if answer is ...:
        return NOT_ANSWERED
    if not isinstance(answer, str):
        return f"Your answer is {what_it_is(answer)}: write the name as text, in quotes."
    name = answer.strip().strip("'\"").strip()
    if name == ERROR_NAME:
        return (f'Correct: Python could not find a name spelt "{ERROR_NAME}". The fix is to correct '
                "the spelling, or to run the cell that defines the name.")
    if name.lower() == ERROR_NAME:
        return "Right name, but Python names are case-sensitive: copy it exactly as the error spells it."
    if name == "decision":
        return ("That is the name the author meant to type. The last line quotes the name exactly as "
                "Python saw it: compare the spelling letter by letter.")
    if name == "NameError":
        return ("NameError is the kind of error. The same last line also quotes, between ' ', the name "
                "that Python could not find: that is the answer.")
    if name in ("ranking", "print"):
        return (f"{name} is fine: it is defined (or built in). Read the very last line of the error: "
                "it quotes the one name that Python could not find.")
    return ("Not that one: read the very last line of the error; the name Python could not find "
            "is between ' '.")


def answer_hint(fields: Mapping[str, Any], answer: object, **wording: Any) -> str:
    """The hint of an item kind on an answer (what to fix, or how it compares with the key); never raises.

    `fields` name the kind and its key as a practice file does ({"kind": "ranking", "key": "CAEB",
    "why": ...}); `wording` is the kind's own (`what="reply"`). The kind reads the answer once.
    """
    return item_from_mapping({"name": "answer", "points": 1, **fields}).hint(answer, **wording)


def ranking_feedback(answer: object, letters: str, expected: str) -> str:
    """Feedback on a ranking written as one string of letters, most appropriate first."""
    if sorted(letters) != sorted(expected):
        raise ItemError(f"the letters {letters!r} and the ranking {expected!r} name different choices")
    return answer_hint({"kind": "ranking", "key": expected, "why": dict.fromkeys(expected, "")}, answer)


def choice_set_feedback(
    answer: object, allowed: Collection[str], expected: AbstractSet[str], what: str = "choice"
) -> str:
    """Feedback on a set of choices or identifiers, in which order and repeats do not matter."""
    vocabulary = sorted(set(allowed), key=str)
    fields = {"kind": "spotting", "vocabulary": vocabulary, "key": set(expected), "why": {}}
    return answer_hint(fields, answer, what=what)


def decision_dict_feedback(
    answer: object, expected: Mapping[str, object], allowed: Sequence[object], what: str = "decision"
) -> str:
    """Feedback on a dict that maps each case (its key) to a decision or rating from a fixed menu."""
    why = dict.fromkeys(expected, "")
    if all(type(value) is int for value in allowed):
        fields = {"kind": "rating", "key": dict(expected), "scale": dict.fromkeys(allowed, ""), "why": why}
    else:
        fields = {"kind": "decisions", "key": dict(expected), "allowed": list(allowed), "why": why}
    return answer_hint(fields, answer, what=what)


def id_list_feedback(
    answer: object, expected: Sequence[str], known: Collection[str], ordered: bool = False,
    what: str = "id",
) -> str:
    """Feedback on a list of ids (in the expected order only when `ordered`)."""
    table = list(known) if isinstance(known, list | tuple) else sorted(known, key=str)
    fields = {"kind": "selection", "key": list(expected), "known": table, "ordered": ordered, "why": {"": ""}}
    return answer_hint(fields, answer, what=what)


def whole_number_feedback(
    answer: object, expected: int, hints: Mapping[int, str] | None = None, what: str = "count",
    too_high: str = HOW_COUNTED, too_low: str = HOW_COUNTED,
) -> str:
    """Feedback on a whole number; `hints` explains typical wrong values, `too_high`/`too_low` the rest."""
    fields = {"kind": "value", "key": int(expected), "why": {"": ""}}
    return answer_hint(fields, answer, what=what, near=hints, too_high=too_high, too_low=too_low)


def check_error_name(answer: object) -> None:
    """Print the feedback of error_name_feedback."""
    print(error_name_feedback(answer))


def reply_ranking_feedback(ranking: object, acceptable: object) -> str:
    """Feedback on the primer's ranking of replies A to E and its set of acceptable ones."""
    return (f"ranking: {ranking_feedback(ranking, REPLY_LETTERS, REPLY_RANKING)}\n"
            f"acceptable: {choice_set_feedback(acceptable, REPLY_LETTERS, ACCEPTABLE_REPLIES, 'reply')}")


def check_reply_ranking(ranking: object, acceptable: object) -> None:
    """Print the feedback of reply_ranking_feedback."""
    print(reply_ranking_feedback(ranking, acceptable))


def draft_decisions_feedback(decisions: object, to_revise: object, n_ready: object) -> str:
    """Feedback on the primer's drafts D1 to D4: a dict of decisions, a list of ids, a whole number."""
    revise = [k for k, v in DRAFT_DECISIONS.items() if v == "revise"]
    ready = sum(v == "post" for v in DRAFT_DECISIONS.values())
    hints = {len(DRAFT_DECISIONS): "That counts every draft: count only those that can go out as they are."}
    return (f"decisions: {decision_dict_feedback(decisions, DRAFT_DECISIONS, DRAFT_MENU)}\n"
            f"to_revise: {id_list_feedback(to_revise, revise, list(DRAFT_DECISIONS), what='draft id')}\n"
            f"n_ready: {whole_number_feedback(n_ready, ready, hints)}")


def check_draft_decisions(decisions: object, to_revise: object, n_ready: object) -> None:
    """Print the feedback of draft_decisions_feedback."""
    print(draft_decisions_feedback(decisions, to_revise, n_ready))


def municipality_posts_feedback(
    ids: object, count: object, posts: pd.DataFrame, municipality: str = PRIMER_MUNICIPALITY
) -> str:
    """Feedback on the ids and the number of case posts that name a municipality."""
    expected = posts.loc[posts["municipality"] == municipality, "post_id"].tolist()
    hints = {len(posts): f"That is every post ({len(posts)}): count only the rows you picked."}
    return (f"ids: {id_list_feedback(ids, expected, set(posts['post_id']), what='post id')}\n"
            f"count: {whole_number_feedback(count, len(expected), hints)}")


def check_municipality_posts(
    ids: object, count: object, posts: pd.DataFrame, municipality: str = PRIMER_MUNICIPALITY
) -> None:
    """Print the feedback of municipality_posts_feedback."""
    print(municipality_posts_feedback(ids, count, posts, municipality))


def candidate_match_feedback(answer: object, population: pd.DataFrame) -> str:
    """Feedback on a count of the people who match the details of the primer's invented post."""
    expected = candidate_count(population, MATCH_DETAILS)
    hints = {
        int(population["count"].sum()): ("That is the whole population: the dict of details is empty. "
                                          "Put the post's three details in it."),
        candidate_count(population, WORKED_DETAILS): ("That is the count of the worked example above: "
                                                      "use the details of this post instead."),
    }
    for left_out in MATCH_DETAILS:
        partial = {k: v for k, v in MATCH_DETAILS.items() if k != left_out}
        hints.setdefault(candidate_count(population, partial),
                         "That count matches only two of the post's three details: one is missing "
                         "from your dict.")
    feedback = whole_number_feedback(
        answer, expected, hints,
        too_high="a detail of the post is missing from your dict, or a value differs from the post's.",
        too_low="check each value against the post, and leave out details it does not reveal.",
    )
    if feedback.startswith("Correct"):
        feedback += (" Three ordinary details shrink a region of "
                     f"{int(population['count'].sum()):,} people to this few; Module 2 asks when a "
                     "pool this small identifies a patient.")
    return feedback


def check_candidate_match(answer: object, population: pd.DataFrame) -> None:
    """Print the feedback of candidate_match_feedback."""
    print(candidate_match_feedback(answer, population))

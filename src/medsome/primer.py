"""Self-checks for the Python primer of the orientation lesson: plain words, and they never raise.

The generic checks (a ranking, a set of choices, a dict of decisions, a list of ids, a whole number)
read an answer in one of the formats the assignments use and say what is wrong with it, checking the
type first, then the spelling of each item, then the content. The `check_*` functions print the
feedback for one primer exercise. An unanswered exercise (`...`) gets "Not answered yet".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from numbers import Integral

import pandas as pd

from medsome.judgement import spelling_key
from medsome.privacy import candidate_count

NOT_ANSWERED = "Not answered yet: replace the ... with your answer and run the cell again."
HOW_COUNTED = "check how you picked what to count."

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


def _kind(answer: object) -> str:
    """What an answer is, in plain words."""
    kinds: list[tuple[type | tuple[type, ...], str]] = [
        (bool, "True or False"),
        (Integral, "a whole number"),
        (float, "a decimal number"),
        (str, "text (a string)"),
        (list, "a list (square brackets)"),
        (tuple, "a tuple (round brackets)"),
        ((set, frozenset), "a set (curly braces)"),
        (dict, "a dict (curly braces with key: value pairs)"),
        (pd.DataFrame, "a whole table (a DataFrame)"),
        (pd.Series, "a column (a pandas Series)"),
    ]
    if answer is None:
        return "None (nothing): was the value printed instead of stored?"
    for types, words in kinds:
        if isinstance(answer, types):
            return words
    return f"a {type(answer).__name__}"


def _quoted(value: object) -> str:
    """A value as the learner would type it: text in double quotes, numbers bare."""
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _listing(values: Sequence[object]) -> str:
    """'A, B and C', with each value as typed."""
    shown = [_quoted(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _plural(what: str, n: int = 2) -> str:
    """`what` in the plural unless n is 1: reply, replies; post id, post ids."""
    if n == 1:
        return what
    return what[:-1] + "ies" if what.endswith("y") and what[-2:-1] not in "aeiou" else what + "s"


def _count_mismatch(missing: int, extra: int, what: str) -> str:
    """'2 replies are missing and 1 reply does not belong', without naming them."""
    parts = []
    if missing:
        parts.append(f"{missing} {_plural(what, missing)} {'is' if missing == 1 else 'are'} missing")
    if extra:
        parts.append(f"{extra} {_plural(what, extra)} {'does' if extra == 1 else 'do'} not belong")
    return " and ".join(parts)


def _closest_spelling(value: object, allowed: Collection[object]) -> object | None:
    """The allowed value that `value` matches apart from case, spaces and hyphens, if any."""
    if not isinstance(value, str):
        return None
    for option in allowed:
        if isinstance(option, str) and spelling_key(option) == spelling_key(value):
            return option
    return None


def _is_in(item: object, allowed: Collection[object]) -> bool:
    """Whether `item` is one of `allowed`; an unhashable item (a list, say) is not."""
    try:
        return item in allowed and not isinstance(item, bool)
    except TypeError:
        return False


def _unknown_item(item: object, allowed: Collection[object], what: str) -> str:
    """Feedback on one item that is not among the allowed ones."""
    spelling = _closest_spelling(item, allowed)
    if spelling is not None:
        return f"{_quoted(item)} is not spelt as the question spells it: write {_quoted(spelling)}."
    if isinstance(item, str) and any(not isinstance(a, str) and str(a) == item.strip() for a in allowed):
        return f"{_quoted(item)} is text in quotes: write the number without quotes."
    options = list(allowed) if isinstance(allowed, list | tuple) else sorted(allowed, key=str)
    return f"{_quoted(item)} is not one of the {_plural(what)}: choose from {_listing(options)}."


def error_name_feedback(answer: object) -> str:
    """Feedback on reading an error: the name that the primer's error message complains about."""
    if answer is ...:
        return NOT_ANSWERED
    if not isinstance(answer, str):
        return f"Your answer is {_kind(answer)}: write the name as text, in quotes."
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


def ranking_feedback(answer: object, letters: str, expected: str) -> str:
    """Feedback on a ranking written as one string of letters, most appropriate first."""
    example = letters[1:] + letters[:1] if letters[1:] + letters[:1] != expected else letters
    if answer is ...:
        return (f"Not answered yet: replace ... with the letters {letters[0]} to {letters[-1]} in one "
                f'string, most appropriate first, like "{example}".')
    if not isinstance(answer, str):
        return (f"Your ranking is {_kind(answer)}: write it as one string of letters in quotes, "
                f'like "{example}".')
    if not answer.strip():
        return f"Your ranking is empty: put the letters {letters[0]} to {letters[-1]} between the quotes."
    if any(not ch.isalnum() for ch in answer):
        return ("Write the letters side by side with nothing between them: no spaces, commas or arrows, "
                f'like "{example}".')
    if answer != answer.upper() and set(answer.upper()) <= set(letters):
        return "Use capital letters, as the choices are labelled."
    unknown = sorted({ch for ch in answer if ch not in letters})
    if unknown:
        return (f"{_listing(unknown)} {'is' if len(unknown) == 1 else 'are'} not among the choices: "
                f"use only the letters {letters[0]} to {letters[-1]}.")
    problems = [f"{ch} appears {answer.count(ch)} times" for ch in letters if answer.count(ch) > 1]
    problems += [f"{ch} is missing" for ch in letters if ch not in answer]
    if problems:
        return (f"{'; '.join(problems)}: a ranking holds each letter, "
                f"{letters[0]} to {letters[-1]}, exactly once.")
    if answer == expected:
        return (f"Correct: each of the {len(letters)} letters once, most appropriate first, in the "
                "order described.")
    if answer == expected[::-1]:
        return "The format is right, but the order is reversed: put the most appropriate choice first."
    misplaced = sum(a != b for a, b in zip(answer, expected, strict=True))
    return (f"The format is right (each letter once), but {misplaced} of the {len(letters)} letters are "
            "not where the described order puts them. The first letter is the most appropriate: "
            "read the order again.")


def choice_set_feedback(
    answer: object, allowed: Collection[str], expected: AbstractSet[str], what: str = "choice"
) -> str:
    """Feedback on a set of choices or identifiers, in which order and repeats do not matter."""
    allowed, whats, example = set(allowed), _plural(what), '{"X", "Y"}'
    if answer is ...:
        return f"Not answered yet: replace ... with a set of {whats} in curly braces, like {example}."
    if isinstance(answer, dict):
        if not answer:
            return "{} is an empty dict, not a set: an empty set is written set()."
        return f"Your answer is {_kind(answer)}: a set holds the {whats} only, no colons, like {example}."
    if isinstance(answer, list | tuple):
        return (f"Your answer is {_kind(answer)}: write a set with curly braces {{ }} instead. "
                "In a set, order and repeats do not matter.")
    if isinstance(answer, str):
        return (f"Your answer is one piece of text: put each {what} in its own quotes, inside curly "
                f"braces, like {example}.")
    if not isinstance(answer, set | frozenset):
        return f"Your answer is {_kind(answer)}: write a set of {whats} in curly braces, like {example}."
    for item in sorted(answer, key=str):
        if not _is_in(item, allowed):
            return _unknown_item(item, allowed, what)
    if answer == expected:
        return (f"Correct: a set of {len(answer)} {_plural(what, len(answer))}. Order and repeats do not "
                "matter in a set, so writing them in another order gives the same set.")
    if not answer:
        return f"Your set is empty: which {whats} does the question describe?"
    mismatch = _count_mismatch(len(expected - answer), len(answer - expected), what)
    return f"The format is right, but {mismatch}: read the question again."


def decision_dict_feedback(
    answer: object, expected: Mapping[str, object], allowed: Sequence[object], what: str = "decision"
) -> str:
    """Feedback on a dict that maps each case (its key) to a decision or rating from a fixed menu."""
    keys = list(expected)
    example = f'{{"X1": {_quoted(allowed[0])}}}'
    if answer is ...:
        return f"Not answered yet: replace ... with a dict of key: value pairs, like {example}."
    if isinstance(answer, set | frozenset):
        return (f"Your answer is {_kind(answer)}: a dict pairs each key with its {what}, "
                f"with a colon between them, like {example}.")
    if not isinstance(answer, dict):
        return f"Your answer is {_kind(answer)}: write a dict of key: value pairs, like {example}."
    if not answer:
        return f"Your dict is empty: give each of {_listing(keys)} a {what}."
    for key in answer:
        if key not in expected:
            return _unknown_item(key, keys, "key")
    missing = [k for k in keys if k not in answer]
    if missing:
        verb = "has" if len(missing) == 1 else "have"
        return f"{_listing(missing)} {verb} no {what} yet: give each key one."
    for key in keys:
        if not _is_in(answer[key], allowed):
            reason = _unknown_item(answer[key], allowed, what)
            return f"The {what} for {_quoted(key)}: {reason}"
    wrong = [k for k in keys if answer[k] != expected[k]]
    if not wrong:
        return f"Correct: every key has a {what} from the menu, as described."
    return (f"The format is right, but the {what} for {_listing(wrong)} differs from the one "
            "described: read the question again.")


def id_list_feedback(
    answer: object, expected: Sequence[str], known: Collection[str], ordered: bool = False,
    what: str = "id",
) -> str:
    """Feedback on a list of ids (in the expected order only when `ordered`)."""
    whats, example = _plural(what), '["X1", "X2"]'
    if answer is ...:
        return f"Not answered yet: replace ... with a list of {whats} in square brackets, like {example}."
    if isinstance(answer, pd.DataFrame):
        return (f"Your answer is {_kind(answer)}: pick its {what} column, like table[\"post_id\"], "
                "and add .tolist() at the end.")
    if isinstance(answer, pd.Series):
        return f"Your answer is {_kind(answer)}: add .tolist() at the end to turn it into a list."
    if isinstance(answer, set | frozenset):
        return f"Your answer is {_kind(answer)}: the question asks for a list, in square brackets [ ]."
    if isinstance(answer, str):
        return (f"Your answer is one piece of text: put each {what} in its own quotes, inside square "
                f"brackets, like {example}.")
    if not isinstance(answer, list):
        return f"Your answer is {_kind(answer)}: write a list in square brackets, like {example}."
    for item in answer:
        if _is_in(item, known):
            continue
        if len(known) <= 12:
            return _unknown_item(item, known, what)
        return f"{_quoted(item)} is not one of the {whats} in the table: check its spelling."
    repeated = sorted({item for item in answer if answer.count(item) > 1})
    if repeated:
        return f"{_listing(repeated)} appears more than once: list each {what} once."
    if set(answer) == set(expected):
        if ordered and answer != list(expected):
            return f"The right {whats}, but not in the order the question asks for."
        return f"Correct: a list of {len(answer)} {_plural(what, len(answer))}, as described."
    if set(answer) == set(known) and len(known) > len(expected):
        return (f"Your list holds every {what} ({len(answer)}): keep only the ones the question "
                "asks for (pick the rows first).")
    if not answer:
        return f"Your list is empty: which {whats} does the question describe?"
    mismatch = _count_mismatch(len(set(expected) - set(answer)), len(set(answer) - set(expected)), what)
    return f"The format is right, but {mismatch}: check how you picked them."


def whole_number_feedback(
    answer: object, expected: int, hints: Mapping[int, str] | None = None, what: str = "count",
    too_high: str = HOW_COUNTED, too_low: str = HOW_COUNTED,
) -> str:
    """Feedback on a whole number; `hints` explains typical wrong values, `too_high`/`too_low` the rest."""
    if answer is ...:
        return f"Not answered yet: replace ... with a whole number (your {what}), without quotes."
    if isinstance(answer, bool):
        return f"Your {what} is True or False: write a whole number, like 7."
    if isinstance(answer, float):
        if answer.is_integer():
            return (f"Your {what} is a decimal number ({answer}): write it as a whole number, "
                    "without the decimal point.")
        return f"Your {what} ({answer}) has a fraction: a {what} is a whole number."
    if isinstance(answer, str):
        if answer.strip().isdigit():
            return f"Your {what} is text in quotes ({_quoted(answer)}): write the number without quotes."
        return f"Your {what} is text: write a whole number, without quotes, like 7."
    if isinstance(answer, pd.DataFrame | pd.Series):
        return f"Your {what} is {_kind(answer)}: count its rows with len(...)."
    if isinstance(answer, list | tuple | set | frozenset | dict):
        return f"Your {what} is {_kind(answer)}: count its items with len(...)."
    if not isinstance(answer, Integral):
        return f"Your {what} is {_kind(answer)}: write a whole number, like 7."
    value = int(answer)
    if value == expected:
        return f"Correct: {value:,}."
    if hints and value in hints:
        return hints[value]
    if value > expected:
        return f"Your {what} ({value:,}) is too high: {too_high}"
    return f"Your {what} ({value:,}) is too low: {too_low}"


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

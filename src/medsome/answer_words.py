"""Plain words about a learner's answer: what it is, values as typed, lists, plurals and spellings.

The hints of the judgement item kinds (`medsome.judgement`, which the primer's checks use) speak
of answers in these words. Nothing here imports pandas: a table or a column is recognised by name.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from numbers import Integral


def spelling_key(word: str) -> str:
    """A word as answers are matched: without case, outer spaces, and with spaces or hyphens as _."""
    return word.strip().lower().replace(" ", "_").replace("-", "_")


def is_pandas(answer: object, name: str) -> bool:
    """Whether the answer is a pandas object of this class (a DataFrame, a Series), without pandas."""
    return any(cls.__name__ == name and cls.__module__.startswith("pandas") for cls in type(answer).__mro__)


def what_it_is(answer: object) -> str:
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
    ]
    if answer is None:
        return "None (nothing): was the value printed instead of stored?"
    for types, words in kinds:
        if isinstance(answer, types):
            return words
    if is_pandas(answer, "DataFrame"):
        return "a whole table (a DataFrame)"
    if is_pandas(answer, "Series"):
        return "a column (a pandas Series)"
    return f"a {type(answer).__name__}"


def quoted(value: object) -> str:
    """A value as the learner would type it: text in double quotes, numbers bare."""
    return f'"{value}"' if isinstance(value, str) else repr(value)


def listing(values: Sequence[object]) -> str:
    """'A, B and C', with each value as typed."""
    shown = [quoted(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def plural(what: str, n: int = 2) -> str:
    """`what` in the plural unless n is 1: reply, replies; post id, post ids."""
    if n == 1:
        return what
    return what[:-1] + "ies" if what.endswith("y") and what[-2:-1] not in "aeiou" else what + "s"


def count_mismatch(missing: int, extra: int, what: str) -> str:
    """'2 replies are missing and 1 reply does not belong', without naming them."""
    parts = []
    if missing:
        parts.append(f"{missing} {plural(what, missing)} {'is' if missing == 1 else 'are'} missing")
    if extra:
        parts.append(f"{extra} {plural(what, extra)} {'does' if extra == 1 else 'do'} not belong")
    return " and ".join(parts)


def closest_spelling(value: object, allowed: Collection[object]) -> object | None:
    """The allowed value that `value` matches apart from case, spaces and hyphens, if any."""
    if not isinstance(value, str):
        return None
    for option in allowed:
        if isinstance(option, str) and spelling_key(option) == spelling_key(value):
            return option
    return None


def is_in(item: object, allowed: Collection[object]) -> bool:
    """Whether `item` is one of `allowed`; an unhashable item (a list, say) is not."""
    try:
        return item in allowed and not isinstance(item, bool)
    except TypeError:
        return False


def unknown_item(item: object, allowed: Collection[object], what: str) -> str:
    """Feedback on one item that is not among the allowed ones."""
    spelling = closest_spelling(item, allowed)
    if spelling is not None:
        return f"{quoted(item)} is not spelt as the question spells it: write {quoted(spelling)}."
    if isinstance(item, str) and any(not isinstance(a, str) and str(a) == item.strip() for a in allowed):
        return f"{quoted(item)} is text in quotes: write the number without quotes."
    options = list(allowed) if isinstance(allowed, list | tuple) else sorted(allowed, key=str)
    return f"{quoted(item)} is not one of the {plural(what)}: choose from {listing(options)}."

"""Self-checks that explain what is wrong in plain words without revealing the answer.

Visible tests in assignments and self-checks in lessons call these. An answer is compared with a
salted hash of the expected value (as nbgrader's HASHED AUTOTEST does), so the test code can be
read without giving the answer away. Instructors compute a hash with `answer_hash(value)`.

It also holds the plain words about an answer that the judgement item kinds' hints speak in (what
an answer is, a value as typed, lists, plurals, near spellings).

Imported inside IPython (a notebook's kernel), it shows a failed check as one plain line instead of
a traceback; the cell still ends in an error output, so Validate and nbgrader still count it failed.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import traceback
from collections.abc import Collection, Iterable, Mapping, Sequence
from numbers import Integral
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np

from medsome.plainvalues import foreign_type, is_series

if TYPE_CHECKING:
    import pandas as pd

SALT = "medsome-self-check"


class CheckFailed(AssertionError):
    """A self-check failed; the message says what to look at."""

    def _render_traceback_(self) -> list[str]:
        """The failure as IPython keeps it in its history: the one line `one_line` shows.

        Without it IPython formats a full, highlighted traceback of every failed cell to keep, which
        costs a notebook of unanswered checks a noticeable pause per check.
        """
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        return _lines(shell, type(self), self, self.__traceback__)


def _cell_line(shell: Any, tb: TracebackType | None) -> str:
    """Where in the notebook the failed check was called, as IPython names it ("Cell In[5], line 3")."""
    where = ""
    for frame, line in traceback.walk_tb(tb):
        label = shell.compile.format_code_name(frame.f_code.co_filename)
        if label:
            where = f"{label[0]} {label[1]}, line {line}"
    return where


def _lines(shell: Any, etype: type[BaseException], value: BaseException,
           tb: TracebackType | None) -> list[str]:
    """A failed check in one line, with the notebook cell and line it was called from when known."""
    where = _cell_line(shell, tb) if shell is not None else ""
    return [f"{etype.__name__}: {value}" + (f" ({where})" if where else "")]


def one_line(shell: Any, etype: type[BaseException], value: BaseException, tb: TracebackType | None,
             tb_offset: int | None = None) -> list[str]:
    """IPython's handler for CheckFailed: the cell's error output shows one line, not a traceback.

    The cell line stays in it: `medsome check` reads it to tell a visible check from a hidden test.
    """
    lines = _lines(shell, etype, value, tb)
    shell._showtraceback(etype, value, lines)  # sends the error output, as IPython's own traceback does
    return lines


def show_checks_plainly() -> None:
    """In an IPython kernel without another custom handler, show failed checks with `one_line`."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and shell.custom_exceptions in ((), (CheckFailed,)):
        shell.set_custom_exc((CheckFailed,), one_line)


def _normalise(value: Any) -> Any:
    """A JSON-ready canonical form: sets sorted, floats rounded, numpy scalars unwrapped."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 3)
    if isinstance(value, Mapping):
        return {str(k): _normalise(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted((_normalise(v) for v in value), key=repr)
    if is_series(value):
        return _normalise(value.to_dict())
    if isinstance(value, Iterable):
        return [_normalise(v) for v in value]
    return repr(value)


def answer_hash(value: Any) -> str:
    """The salted hash a visible test compares an answer with."""
    canonical = json.dumps(_normalise(value), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(f"{SALT}:{canonical}".encode()).hexdigest()[:16]


def expect(condition: bool, message: str) -> None:
    """Fail with `message` unless `condition` holds."""
    if not condition:
        raise CheckFailed(message)


def expect_type(value: Any, kind: type | tuple[type, ...], name: str) -> None:
    """Fail, naming the variable and both types, unless `value` is of `kind`."""
    if not isinstance(value, kind):
        wanted = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        found = "nothing (None): did you return or assign it?" if value is None else (
            type(value).__name__
        )
        raise CheckFailed(f"`{name}` should be a {wanted}, but it is {found}.")
    _expect_plain(value, name)


def _expect_plain(value: Any, name: str) -> None:
    """Fail unless `value` holds only Python's and installed libraries' types (see plainvalues)."""
    made_up = foreign_type(value)
    expect(made_up is None, f"`{name}` holds a {made_up} defined in the notebook: use plain values "
                            "(str, int, float, bool, list, set, dict, tuple) or the lesson's pandas objects.")


def expect_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Fail, naming what is missing, unless the frame has these columns."""
    import pandas as pd  # here, not at the top: checks of plain answers never need pandas

    expect_type(frame, pd.DataFrame, name)
    missing = [c for c in columns if c not in frame.columns]
    expect(
        not missing,
        f"`{name}` is missing the column(s) {', '.join(repr(c) for c in missing)}; "
        f"it has {', '.join(repr(c) for c in frame.columns)}.",
    )


def expect_hash(value: Any, digest: str, message: str) -> None:
    """Fail with `message` unless `value` hashes to `digest` (see answer_hash)."""
    _expect_plain(value, "the answer")
    expect(answer_hash(value) == digest, message)


def passed(what: str) -> None:
    """Print the success line a self-check ends with."""
    print(f"Passed: {what}. (Visible checks only: hidden tests may check more.)")


show_checks_plainly()


# Plain words about a learner's answer, which the item kinds' hints (medsome.judgement) speak in:
# what it is, values as typed, lists, plurals and spellings. A table or a column is recognised by
# its class name, so that nothing here imports pandas.

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

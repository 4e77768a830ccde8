"""Self-checks that explain what is wrong in plain words without revealing the answer.

Visible tests in assignments and self-checks in lessons call these. An answer is compared with a
salted hash of the expected value (as nbgrader's HASHED AUTOTEST does), so the test code can be
read without giving the answer away. Instructors compute a hash with `answer_hash(value)`.

Imported inside IPython (a notebook's kernel), it shows a failed check as one plain line instead of
a traceback; the cell still ends in an error output, so Validate and nbgrader still count it failed.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import traceback
from collections.abc import Iterable, Mapping
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

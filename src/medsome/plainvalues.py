"""Tell plain values from objects a notebook made up to fool a comparison.

A check that compares an answer with `==` trusts the answer's type: an object whose `__eq__` always
says True passes any such test. `foreign_type` names the first type in a value (looking into
lists, tuples, sets, dicts and object Series) that comes from the notebook rather than from Python
or an installed library, so that checks accept plain values only.
"""

from __future__ import annotations

import functools
import os
import sys
import types
from typing import Any

HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made at run time, not built into Python or C code
CONTAINERS = (list, tuple, set, frozenset)
MAX_ITEMS = 100_000


@functools.cache
def _trusted_roots() -> tuple[str, ...]:
    import medsome

    folders = [sys.prefix, sys.base_prefix, os.path.dirname(medsome.__file__)]
    return tuple({os.path.join(path, "") for f in folders for path in (f, os.path.realpath(f))})


def library_class(cls: type) -> bool:
    """Whether a class is built in, or defined by an installed module's file under its own name."""
    if not cls.__flags__ & HEAP_TYPE:
        return True
    module, roots = sys.modules.get(cls.__module__), _trusted_roots()
    found: Any = module
    for part in cls.__qualname__.split("."):
        found = getattr(found, part, None)
    functions = [f for f in vars(cls).values() if isinstance(f, types.FunctionType)]
    return (found is cls and str(getattr(module, "__file__", "")).startswith(roots)
            and all(f.__code__.co_filename.startswith(roots) for f in functions))


def is_series(value: Any) -> bool:
    """Whether `value` is a pandas Series; pandas is not imported for it (without pandas, none exists)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.Series)


def foreign_type(value: Any) -> str | None:
    """The name of the first type in `value` that is not Python's or an installed library's."""
    pending, seen = [value], 0
    while pending and seen < MAX_ITEMS:
        item = pending.pop()
        seen += 1
        for cls in type(item).__mro__:
            if not library_class(cls):
                return cls.__qualname__
        if type(item) in CONTAINERS:
            pending.extend(item)
        elif type(item) is dict:
            pending.extend([*item.keys(), *item.values()])
        elif is_series(item) and item.dtype == object:
            pending.extend(item.tolist())
    return None

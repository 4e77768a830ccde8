"""Numbers asked for to a stated number of decimals: the tolerance that admits that rounding, and a
visible warning when a value is near the form asked for but not in it (a percentage for a share, or
rounded more coarsely than asked), which would otherwise score nothing without a word."""

from __future__ import annotations

import math
from collections.abc import Mapping


def rounding_tolerance(decimals: int) -> float:
    """Half a unit in the last decimal asked for, and a hair for binary floating point."""
    return 0.5 * 10.0 ** -decimals + 1e-9


def _coarser(value: float, decimals: int) -> bool:
    """True when the value has no digit in the last asked decimal, nor in the one before it."""
    places = max(decimals - 1, 0)
    step = 10.0 ** -places
    if decimals == 0:
        return value != 0 and abs(value) >= 100 and math.isclose(value % 100, 0, abs_tol=1e-9)
    return value != 0 and math.isclose(value / step, round(value / step), abs_tol=1e-9)


def rounding_warnings(values: Mapping[str, float], name: str, decimals: int, *,
                      share: bool = False) -> list[str]:
    """One line per value that is not in the form asked for; an empty list when all are."""
    asked = f"to {decimals} decimals" if decimals else "to the nearest whole number"
    lines = []
    for group, value in values.items():
        if not isinstance(value, int | float) or not math.isfinite(value):
            continue
        if share and 1 < abs(value) <= 100:
            lines.append(f"`{name}` for {group}: {value} looks like a percentage; a share is a number from "
                         f"0 to 1, such as {value / 100:.{decimals}f}.")
        elif _coarser(value, decimals):
            lines.append(f"`{name}` for {group}: {value} looks rounded more coarsely than asked ({asked}); "
                         "a value rounded too far scores nothing. If it is the exact value, ignore this.")
    return lines


def check_rounding(values: Mapping[str, float], name: str, decimals: int, *, share: bool = False) -> None:
    """Visible check: print a warning for each value not rounded as the question asks (never an error)."""
    for line in rounding_warnings(values, name, decimals, share=share):
        print(f"Warning: {line}")

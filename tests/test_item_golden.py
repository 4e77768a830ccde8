"""Every item's score, check message, explanation and primer hint is the released kit's, to the digit.

`tests/item_golden.json` was taken from the kit before its kinds became self-registering classes;
`tests/item_golden.py` says what it holds and how to refresh it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from item_golden import GOLDEN, HASH_SEED


def test_scores_checks_explanations_and_hints_are_unchanged() -> None:
    script = Path(__file__).with_name("item_golden.py")
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    taken = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                           check=True).stdout
    expected = GOLDEN.read_text(encoding="utf-8")
    if taken != expected:
        changed = [n for n, (a, b) in enumerate(zip(taken.splitlines(), expected.splitlines(), strict=False))
                   if a != b][:5]
        lines = expected.splitlines()
        changed = changed or [min(len(lines), len(taken.splitlines()))]
        shown = [lines[n] for n in changed if n < len(lines)]
        raise AssertionError("the kit scores or words differently from tests/item_golden.json, first at "
                             f"lines {[n + 1 for n in changed]}: {shown}")

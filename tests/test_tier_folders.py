"""Each tier of scripts/test.sh collects only its own folders: every test of the tier must be in them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import ROOT

TIERS = dict(re.findall(r'^\s*\[(\w+)\]="([^"]*)"$', (ROOT / "scripts" / "test.sh").read_text(), re.M))
TEST_FILES = sorted((ROOT / "tests").rglob("test_*.py"))


def _marked(tier: str) -> list[Path]:
    """The test files that mark tests with `tier`."""
    return [path for path in TEST_FILES if f"pytest.mark.{tier}" in path.read_text(encoding="utf-8")]


def _folders(tier: str) -> tuple[list[Path], list[Path]]:
    """The folders the tier's command collects, and those it ignores."""
    words = shlex.split(TIERS[tier])
    return ([ROOT / w for w in words if w.startswith("tests/")],
            [ROOT / w.removeprefix("--ignore=") for w in words if w.startswith("--ignore=")])


def test_every_tier_is_read_from_the_script() -> None:
    assert set(TIERS) == {"unit", "integration", "browser", "site", "hub"}, TIERS


def test_each_tiers_tests_are_in_the_folders_it_collects() -> None:
    lost = []
    for tier in ("integration", "browser", "site", "hub"):
        collected, ignored = _folders(tier)
        for path in _marked(tier):
            outside = collected and not any(path.is_relative_to(folder) for folder in collected)
            if outside or any(path.is_relative_to(folder) for folder in ignored):
                lost.append(f"{path.relative_to(ROOT)} marks {tier} tests outside {TIERS[tier]!r}")
    assert not lost, "scripts/test.sh would never run them: move them or widen the tier:\n" + "\n".join(lost)

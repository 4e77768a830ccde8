"""The catalogue of grading defences holds: each defence names code that exists and tests that exist,
every attack is under some defence, and docs/grading.md shows the catalogue's tables.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import FrozenInstanceError
from functools import cache
from pathlib import Path

import pytest

from medsome.errors import CourseLayoutError
from medsome.grading.defences import DEFENCES, LIMITS, Defence, Limit, attacks_named, doc_parts, refresh_doc

from . import attacks

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "grading.md"
FIX = "run `medsome defences --update-docs`"


def resolves(reference: str) -> bool:
    """Whether `module:qualified.name` names something that exists."""
    module_name, _, qualname = reference.partition(":")
    found: object = importlib.import_module(module_name)
    for part in qualname.split("."):
        if not hasattr(found, part):
            return False
        found = getattr(found, part)
    return bool(qualname)


@cache
def defined_tests(path: Path) -> set[str]:
    """The test functions of a test file, and its test classes' methods as Class::method."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            found.add(node.name)
        elif isinstance(node, ast.ClassDef):
            found |= {f"{node.name}::{item.name}" for item in node.body if isinstance(item, ast.FunctionDef)}
    return found


def node_exists(node_id: str) -> bool:
    """Whether a pytest node id (a file, or file::test) names a test that is there."""
    path, _, name = node_id.partition("::")
    file = ROOT / path
    return file.is_file() and (not name or name in defined_tests(file))


@pytest.mark.parametrize("defence", DEFENCES, ids=lambda d: d.given)
def test_every_defence_names_code_and_tests_that_exist(defence: Defence) -> None:
    assert defence.tests, f"{defence.given}: names no test that proves it"
    assert defence.threat and defence.how and defence.code, defence.given
    assert [c for c in defence.code if not resolves(c)] == [], f"{defence.given}: code not found"
    assert [t for t in defence.tests if not node_exists(t)] == [], f"{defence.given}: tests not found"


@pytest.mark.parametrize("limit", LIMITS, ids=lambda limit: limit.limit)
def test_every_declared_limit_names_code_that_exists(limit: Limit) -> None:
    assert [c for c in limit.code if not resolves(c)] == [], f"{limit.limit}: code not found"


def test_every_attack_is_under_a_defence_and_every_named_attack_exists() -> None:
    named = attacks_named()
    assert sorted(set(attacks.ATTACKS) - set(named)) == [], "attacks under no defence: add them to one"
    assert sorted(set(named) - set(attacks.ATTACKS)) == [], "named attacks not in attacks.ATTACKS"


def test_each_given_and_limit_appears_once() -> None:
    givens = [d.given for d in DEFENCES]
    limits = [limit.limit for limit in LIMITS]
    assert len(givens) == len(set(givens)) and len(limits) == len(set(limits))
    assert all("|" not in d.given + d.how for d in DEFENCES), "a | would break the table"


def test_a_defence_cannot_be_changed_once_declared() -> None:
    with pytest.raises(FrozenInstanceError):
        DEFENCES[0].given = "something else"  # type: ignore[misc]


def test_the_grading_guide_shows_the_catalogue() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert refresh_doc(GUIDE, doc_parts()) == text, f"docs/grading.md differs from the catalogue: {FIX}"
    for defence in DEFENCES:
        assert f"| {defence.given} | {defence.how} |" in text


def test_a_guide_without_its_markers_is_refused(tmp_path: Path) -> None:
    guide = tmp_path / "grading.md"
    guide.write_text("# Grading\n\n| Given | How |\n|---|---|\n", encoding="utf-8")
    with pytest.raises(CourseLayoutError, match=r"no <!-- defences:start -->.*defences --update-docs"):
        refresh_doc(guide, doc_parts())


def test_the_command_rewrites_a_stale_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from medsome.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    stale = GUIDE.read_text(encoding="utf-8").replace(f"| {DEFENCES[0].given} |", "| Something else |")
    (docs / "grading.md").write_text(stale, encoding="utf-8")
    monkeypatch.setattr("medsome.paths.course_root", lambda: tmp_path)
    assert main(["defences", "--update-docs"]) == 0
    assert (docs / "grading.md").read_text(encoding="utf-8") == GUIDE.read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert f"{DEFENCES[0].given}\n  against: {DEFENCES[0].threat}" in out and "rewrote" in out

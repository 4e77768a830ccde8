"""The package map in medsome/__init__.py names every module once, and where notebooks use it."""

from __future__ import annotations

import pkgutil
import re

import medsome
from tests.conftest import COURSE, LESSONS, SOURCES
from tests.test_notebook_imports import medsome_imports

ROW = re.compile(r"^  (?P<name>[a-z_]+/?)\s{2,}(?P<idea>.+?)\s{2,}(?P<used>\S.*)$")
ALL_NOTEBOOKS = ([f"L{m.number:02d}" for m in COURSE.modules]
                 + sorted({f"A{a.module:02d}" for a in COURSE.assignments}))


def map_rows() -> dict[str, str]:
    """module or subpackage/ -> its 'used in' column."""
    rows = [ROW.match(line) for line in (medsome.__doc__ or "").splitlines()]
    return {row["name"]: row["used"] for row in rows if row}


def package_contents() -> set[str]:
    return {f"{info.name}/" if info.ispkg else info.name
            for info in pkgutil.iter_modules(medsome.__path__)}


def expand(used: str) -> set[str]:
    """'L00 L02 A01-A05' -> the notebooks it names; 'all' -> every one."""
    if used == "all":
        return set(ALL_NOTEBOOKS)
    found: set[str] = set()
    for token in used.split():
        if re.fullmatch(r"[LA]\d\d-[LA]\d\d", token):
            first, last = token.split("-")
            found |= {n for n in ALL_NOTEBOOKS if n[0] == first[0] and first <= n <= last}
        elif re.fullmatch(r"[LA]\d\d", token):
            found.add(token)
    return found


def test_the_map_names_every_module_and_nothing_else() -> None:
    names = list(map_rows())
    assert len(names) == len(set(names))
    assert set(names) == package_contents()


def test_every_notebook_that_imports_a_module_is_in_its_row() -> None:
    rows = map_rows()
    missing = []
    for notebook in LESSONS + SOURCES:
        code = ("A" if notebook.parent.parent.name == "source" else "L") + notebook.parent.name[:2]
        for module in medsome_imports(notebook):
            top = module.split(".")[1]
            row = f"{top}/" if f"{top}/" in rows else top
            if code not in expand(rows[row]):
                missing.append(f"{module} in {code}")
    assert missing == []


def test_the_map_fits_a_screen() -> None:
    lines = (medsome.__doc__ or "").splitlines()
    assert len(lines) <= 66 and max(map(len, lines)) <= 110

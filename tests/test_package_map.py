"""The package map in medsome/__init__.py names every module once, and where notebooks use it."""

from __future__ import annotations

import pkgutil
import re

import medsome
from tests.conftest import COURSE, LESSONS, SOURCES
from tests.test_import_layers import LAYERS
from tests.test_notebook_imports import medsome_imports

HEADING = re.compile(r"^(?P<layer>[A-Z][a-z ]+): ")
ROW = re.compile(r"^  (?P<name>[a-z_]+/?)\s{2,}(?P<idea>.+?)\s{2,}(?P<used>\S.*)$")
ALL_NOTEBOOKS = ([f"L{m.number:02d}" for m in COURSE.modules]
                 + sorted({f"A{a.module:02d}" for a in COURSE.assignments}))


def map_rows() -> dict[str, str]:
    """module or subpackage/ -> its 'used in' column."""
    rows = [ROW.match(line) for line in (medsome.__doc__ or "").splitlines()]
    return {row["name"]: row["used"] for row in rows if row}


def map_layers() -> list[tuple[str, list[str]]]:
    """The map's sections in order: (layer, the modules under its heading)."""
    sections: list[tuple[str, list[str]]] = []
    for line in (medsome.__doc__ or "").splitlines():
        if heading := HEADING.match(line):
            sections.append((heading["layer"].lower(), []))
        elif (row := ROW.match(line)) and sections:
            sections[-1][1].append(row["name"])
    return sections


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


def test_the_map_lists_the_layers_of_test_import_layers_in_their_order() -> None:
    declared = [(layer, [name for name in names if name != "__init__"]) for layer, names in LAYERS]
    assert map_layers() == declared


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
    assert len(lines) <= 70 and max(map(len, lines)) <= 110

"""A module's underscore names are its own: no module of medsome imports another's private name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "medsome"
MODULES = sorted(PACKAGE.rglob("*.py"))


def is_private(name: str) -> bool:
    """_name is private; a dunder such as __version__ is public."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_imports(path: Path) -> list[str]:
    """'line: from module import _name' for each private medsome name the module imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("medsome")):
            module = "." * node.level + (node.module or "")
            found += [f"{node.lineno}: from {module} import {alias.name}"
                      for alias in node.names if is_private(alias.name)]
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {alias.name}" for alias in node.names
                      if alias.name.startswith("medsome.")
                      and any(map(is_private, alias.name.split(".")))]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_crosses_modules(path: Path) -> None:
    found = _private_imports(path)
    listed = "\n".join(found)
    assert not found, f"{path.name} imports private names of other modules (make them public):\n{listed}"


def test_dunders_are_public_and_underscores_private() -> None:
    assert [is_private(n) for n in ("__version__", "_pen", "__all__", "_x_")] == [False, True, False, True]

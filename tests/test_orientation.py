"""The orientation lesson lists every module of the course, one line each, as medsome.course does."""

from __future__ import annotations

import re

import nbformat

from conftest import ROOT
from medsome.course import MODULES

ORIENTATION = ROOT / "course" / "00_orientation" / "00_orientation_lesson.ipynb"


def _module_rows() -> dict[int, str]:
    cells = nbformat.read(ORIENTATION, as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    return {int(number): line for number, line in re.findall(r"^\| (\d) \| (.+)$", text, flags=re.MULTILINE)}


def test_the_module_overview_lists_all_six_modules_in_order() -> None:
    rows = _module_rows()
    assert sorted(rows) == [m.number for m in MODULES] == list(range(6))
    for module in MODULES:
        assert rows[module.number].startswith(module.title), module.folder
        assert module.question.lower().rstrip("?") in rows[module.number].lower(), module.folder

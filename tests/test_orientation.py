"""The orientation lesson lists every module of the course, one line each, as medsome.course does."""

from __future__ import annotations

from conftest import LESSONS
from medsome.course import MODULES
from tests.course_structure import orientation_rows

ORIENTATION = LESSONS[0]


def test_the_module_overview_lists_every_module_in_order() -> None:
    rows = orientation_rows(ORIENTATION)
    assert sorted(rows) == [m.number for m in MODULES], "the orientation's modules and course.toml differ"
    for module in MODULES:
        assert rows[module.number].startswith(module.title), module.folder
        assert module.question.lower().rstrip("?") in rows[module.number].lower(), module.folder

"""Every assignment states its time: each question in its heading, the total at the top, at most 65 minutes.

An assignment is planned for about 60 minutes of a resident who has done the lesson. Each question's
heading says how long it takes ("*(4 points, about 12 minutes)*"), the first cell states the total
("About 60 minutes ...") and its table of questions gives the same minutes, and the questions' minutes
add up to that total, which may not pass MAX_MINUTES.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest import SOURCES, notebook_id

MAX_MINUTES = 65
HEADING = re.compile(r"^## Question (\d+) ·(?P<title>.*)$", re.MULTILINE)
HEADING_MINUTES = re.compile(r"about (\d+) minutes\)\*\s*$")
TOTAL = re.compile(r"\b[Aa]bout (\d+) minutes\b")
TABLE_ROW = re.compile(r"^\| (\d+)\. .*\| (\d+) \|$", re.MULTILINE)


def question_minutes(path: Path) -> dict[int, int | None]:
    """Each question's minutes as its heading states them (None when it states none)."""
    found: dict[int, int | None] = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for heading in HEADING.finditer(cell.source):
            minutes = HEADING_MINUTES.search(heading.group("title"))
            found[int(heading.group(1))] = int(minutes.group(1)) if minutes else None
    return found


def _intro(path: Path) -> str:
    return nbformat.read(path, as_version=4).cells[0].source


@pytest.mark.parametrize("path", SOURCES, ids=notebook_id)
def test_every_question_states_its_minutes(path: Path) -> None:
    minutes = question_minutes(path)
    assert minutes, f"{notebook_id(path)} has no '## Question N ·' headings"
    assert sorted(minutes) == list(range(1, len(minutes) + 1)), f"questions numbered {sorted(minutes)}"
    silent = [q for q, m in minutes.items() if m is None]
    assert not silent, (
        f"{notebook_id(path)}: question(s) {silent} state no '(…, about N minutes)*' in the heading")


@pytest.mark.parametrize("path", SOURCES, ids=notebook_id)
def test_the_minutes_add_up_to_the_stated_total_within_the_limit(path: Path) -> None:
    minutes = question_minutes(path)
    total = sum(m or 0 for m in minutes.values())
    assert total <= MAX_MINUTES, (
        f"{notebook_id(path)}: the questions take {total} minutes, more than {MAX_MINUTES}")
    stated = TOTAL.search(_intro(path))
    assert stated, f"{notebook_id(path)}: the first cell states no 'About N minutes'"
    assert int(stated.group(1)) == total, (
        f"{notebook_id(path)}: the first cell says about {stated.group(1)} minutes; "
        f"the questions add up to {total}")


@pytest.mark.parametrize("path", SOURCES, ids=notebook_id)
def test_the_table_of_questions_gives_the_headings_minutes(path: Path) -> None:
    rows = {int(q): int(m) for q, m in TABLE_ROW.findall(_intro(path))}
    assert rows, f"{notebook_id(path)}: the first cell has no table of questions with their minutes"
    headings = question_minutes(path)
    assert rows == headings, f"{notebook_id(path)}: table {rows}, headings {headings}"


def test_a_heading_without_minutes_is_noticed(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A\n\n*About 10 minutes*"),
        nbformat.v4.new_markdown_cell("## Question 1 · One *(2 points, about 10 minutes)*"),
        nbformat.v4.new_markdown_cell("## Question 2 · Two *(2 points)*"),
    ])
    path = tmp_path / "a.ipynb"
    nbformat.write(notebook, path)
    assert question_minutes(path) == {1: 10, 2: None}

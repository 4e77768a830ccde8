"""Graded scenarios are new situations, not the lessons' prompts: transfer, not recall.

No stem or option of an autograded question shares a run of TRANSFER_RUN words with a lesson, a
practice file, a quiz or a facilitator guide. Written (manual) questions are left out, since their
rubric and exemplars live in the facilitator guide by design, and so are the course's fixed
answer-format instructions, which every question repeats on purpose.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from conftest import LESSONS, ROOT, SOURCES
from medsome.blueprint import load_blueprint

TRANSFER_RUN = 12
# The answer-format instructions every question repeats on purpose ("Rank these responses ...").
FORMAT_LINES = re.compile(r"^(Each (response|rating|draft|case).*|.*costs as much as.*|Choosing more than.*"
                          r"|Rank these responses from .*)$", re.MULTILINE)


def _shingles(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + TRANSFER_RUN]) for i in range(len(words) - TRANSFER_RUN + 1)}


def _taught() -> dict[str, set[str]]:
    texts = {path.name: "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "markdown")
             for path in LESSONS}
    course = ROOT / "course"
    for path in [*sorted(course.glob("*/practice.json")), *sorted(course.glob("*/quiz.json"))]:
        strings = _strings(json.loads(path.read_text(encoding="utf-8")))
        texts[f"{path.parent.name}/{path.name}"] = " ".join(strings)
    for path in sorted((ROOT / "facilitator").glob("*.md")):
        texts[path.name] = path.read_text(encoding="utf-8")
    return {name: _shingles(text) for name, text in texts.items()}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _graded_stems() -> list[tuple[str, str]]:
    blueprint = load_blueprint()
    manual = {(r.assignment, str(r.question)) for r in blueprint.itertuples() if r.kind == "manual"}
    stems = []
    for path in SOURCES:
        for cell in nbformat.read(path, 4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            question = re.match(r"q(\d+)_", grade_id)
            if cell.cell_type == "markdown" and question and (path.parent.name, question[1]) not in manual:
                stems.append((f"{path.parent.name}:{grade_id}", FORMAT_LINES.sub("", cell.source)))
    return stems


STEMS = _graded_stems()


@pytest.fixture(scope="module")
def taught() -> dict[str, set[str]]:
    return _taught()


@pytest.mark.parametrize(("label", "text"), STEMS, ids=[label for label, _ in STEMS])
def test_graded_stems_are_not_lesson_text(label: str, text: str, taught: dict[str, set[str]]) -> None:
    runs = _shingles(text)
    shared = {name: sorted(runs & found)[0] for name, found in taught.items() if runs & found}
    assert not shared, f"{label} repeats {TRANSFER_RUN} words or more of: {shared}"

"""Notebook hygiene: clean commits, valid nbgrader metadata, the lesson skeleton, alt text."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from conftest import COURSE, LESSONS, ROOT, SOURCES, notebook_id
from medsome.quizbank import load_quiz

ALL_NOTEBOOKS = LESSONS + SOURCES
IMAGE_MD = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")
IMAGE_HTML = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
MEDSOME_IMPORT = re.compile(r"(?:from|import)\s+(medsome(?:\.\w+)*)")
# What an assignment's own cells may use (DESIGN.md principle 3): loading data, and instruments that
# count, read or show (candidates, metadata, a photo) without returning the judgement itself; and
# medsome.selfstudy, the closing cell's self-check: it grades the saved file as `medsome check` does
# and prints the report, returning nothing a cell could use as an answer.
INSTRUMENTS = ("medsome.data", "medsome.feedback", "medsome.privacy", "medsome.metadata", "medsome.plotting",
               "medsome.widgets.photo_inspector", "medsome.widgets.candidate_explorer",
               "medsome.widgets.kardashian_explorer", "medsome.widgets.audience_builder",
               "medsome.widgets.discern_rater", "medsome.widgets.before_after_studio", "medsome.selfstudy")


def _read(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def _grade_cells(nb: nbformat.NotebookNode) -> list[dict]:
    return [c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_committed_clean(path: Path) -> None:
    nb = _read(path)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"cells {dirty} carry outputs or execution counts: strip them"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_images_have_alt_text(path: Path) -> None:
    for cell in _read(path).cells:
        if cell.cell_type != "markdown":
            continue
        for alt, target in IMAGE_MD.findall(cell.source):
            assert len(alt.split()) >= 4, f"image {target}: write an alt text that describes it"
        for tag in IMAGE_HTML.findall(cell.source):
            match = re.search(r'alt="([^"]*)"', tag)
            assert match and len(match.group(1).split()) >= 4, f"{tag}: needs a descriptive alt"


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_lesson_skeleton(path: Path) -> None:
    nb = _read(path)
    first, text = nb.cells[0].source, "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert first.startswith("# "), "a lesson opens with its title"
    assert "minutes" in first and "you will be able to" in first, "time budget and objectives first"
    for heading in ("## Key points", "## References"):
        assert heading in text, f"missing section {heading}"
    assert text.rindex("## Key points") < text.rindex("## References")


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_lesson_quiz_is_valid(path: Path) -> None:
    quiz = path.parent / "quiz.json"
    if quiz.exists():
        assert load_quiz(quiz).questions


@pytest.mark.parametrize("path", SOURCES, ids=notebook_id)
def test_nbgrader_metadata(path: Path) -> None:
    nb = _read(path)
    MetadataValidatorV3().validate_nb(nb)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids)), f"duplicate grade_ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    graded = _grade_cells(nb)
    assert graded and all(cell.get("points", 0) > 0 for cell in graded), "every grade cell needs points"
    manual = [g for g in graded if g.get("solution")]
    assert len(manual) <= 2, "at most two manually graded answers per assignment"


@pytest.mark.parametrize("path", SOURCES, ids=notebook_id)
def test_points_table_matches_cells(path: Path) -> None:
    nb = _read(path)
    total = sum(cell["points"] for cell in _grade_cells(nb))
    assert f"{total:g} points" in nb.cells[0].source, f"the header should announce {total:g} points"


@pytest.mark.parametrize("path", SOURCES, ids=notebook_id)
def test_assignment_uses_library_only_as_instruments(path: Path) -> None:
    """No library call in a learner's cells returns the judgement (DESIGN.md, principle 3)."""
    for cell in _read(path).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
            continue  # test cells may use the library as an oracle
        for module in MEDSOME_IMPORT.findall(cell.source):
            assert module in INSTRUMENTS, f"{module} imported outside a test cell"


def test_generated_folders_are_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    for folder in ("release/", "submitted/", "autograded/", "feedback/", "gradebook.db", "workspace/"):
        assert folder in ignored, f"{folder} should be git-ignored"



@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_no_symbolic_link_is_committed() -> None:
    """A committed link (a local tool folder, say) points nowhere, or back at itself, in a fresh clone."""
    listing = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True)
    links = [line.split("\t", 1)[1] for line in listing.stdout.splitlines() if line.startswith("120000 ")]
    assert not links, f"symbolic links are committed: {links}; `git rm --cached` them and git-ignore them"

def test_quiz_files_parse_as_json() -> None:
    for quiz in COURSE.quiz_files():
        json.loads(quiz.read_text(encoding="utf-8"))

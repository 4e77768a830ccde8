"""Every Form B is a parallel form of its Form A: the same blueprint, new scenarios.

A Form B (`NN_name_b`, for a resubmission) must exist beside its Form A, carry the same graded
cells (grade_ids, kinds, points), the same number of critical-error options per item, its own
title, and share no run of SHARED_RUN words of scenario text (the questions' paragraphs, options and
explanations; the header, closing cells and answer-format lines are the same on purpose) with Form A,
so that a resident who saw Form A's explained keys meets new cases.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from medsome.blueprint import load_blueprint
from medsome.forms import FORM_B_TITLE, base_assignment, form_letter
from medsome.grading.course_folder import CONFIG_FILE, Course, GradingError
from medsome.grading.mastery import objective_results
from medsome.keyed_items import keyed_items
from medsome.manifest import load_course

SOURCE_ROOT = ROOT / "assignments" / "source"
FORMS_B = load_course().form_b()
SHARED_RUN = 12
# The answer-format lines, headings and tables (an item's vocabulary) both forms repeat on purpose.
FORMAT_LINES = re.compile(r"^(Each (response|rating|draft|case).*|.*costs as much as.*|Choosing more than.*"
                          r"|Rank these responses from .*|#+ .*|\|.*)$", re.MULTILINE)


def _notebook(assignment: str) -> Path:
    return SOURCE_ROOT / assignment / f"{assignment}.ipynb"


def _graded(path: Path) -> dict[str, tuple[str, float]]:
    """grade_id -> (kind of cell, points) for every graded cell."""
    cells = {}
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            kind = "manual" if meta.get("solution") else "autograded"
            cells[meta["grade_id"]] = (f"{cell.cell_type} {kind}", meta["points"])
    return cells


def _scenario_paragraphs(path: Path) -> list[str]:
    """The paragraphs and list items of the questions' markdown (cells whose grade_id starts `qN_`),
    without the format lines both forms repeat on purpose; the header and closing cells are left out."""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
             and re.match(r"q\d+_", c.metadata.get("nbgrader", {}).get("grade_id", ""))]
    return [part for text in cells for part in re.split(r"\n\s*\n|\n(?=- )", FORMAT_LINES.sub("", text))]


def _shingles(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + SHARED_RUN]) for i in range(len(words) - SHARED_RUN + 1)}


def _runs(assignment: str) -> set[str]:
    """Every run of SHARED_RUN words within one paragraph of the questions, option or explanation."""
    path = _notebook(assignment)
    texts = _scenario_paragraphs(path)
    for keyed in keyed_items(path):
        texts += [*keyed.options.values(), *map(str, keyed.item.why.values())]
    return {run for text in texts for run in _shingles(text)}


def test_form_names_round_trip() -> None:
    assert base_assignment("02_identification_b") == "02_identification"
    assert base_assignment("02_identification") == "02_identification"
    assert (form_letter("01_why_some_b"), form_letter("01_why_some")) == ("B", "A")


def test_02_keeps_meaning_form_a_and_02b_names_form_b(tmp_path: Path) -> None:
    for name in ["01_why_some", "02_identification", "02_identification_b", "03_consent"]:
        (tmp_path / "source" / name).mkdir(parents=True)
    (tmp_path / CONFIG_FILE).write_text("", encoding="utf-8")
    course = Course(tmp_path)
    found = {name: course.resolve(name) for name in
             ["02", "02b", "identification", "identification_b", "02_identification_b", "02_ident"]}
    assert found == {"02": "02_identification", "02b": "02_identification_b",
                     "identification": "02_identification", "identification_b": "02_identification_b",
                     "02_identification_b": "02_identification_b", "02_ident": "02_identification"}
    with pytest.raises(GradingError, match="a Form B is named with its b"):
        course.resolve("01b")


def test_objective_results_name_the_form_graded() -> None:
    blueprint = load_blueprint(forms=["01_why_some_b"])
    rows = blueprint[blueprint["assignment"].str.startswith("01_why_some")]
    items = pd.DataFrame({"student_id": "ana", "assignment": rows["assignment"], "item": rows["grade_id"],
                          "score": rows["points"], "max_score": rows["points"], "needs_manual_grade": False,
                          "submitted": True})
    results = objective_results(items, set(), blueprint)
    forms = results.groupby("assignment")["form"].unique().map(list).to_dict()
    assert forms == {"01_why_some": ["Form A"], "01_why_some_b": ["Form B (resubmission)"]}
    ids = results.groupby("assignment")["objective_id"].apply(list)
    assert ids["01_why_some"] == ids["01_why_some_b"]


@pytest.mark.parametrize("form", FORMS_B)
def test_form_b_follows_its_form_a(form: str) -> None:
    base = base_assignment(form)
    assert _notebook(base).is_file(), f"{form} is a Form B of {base}, which has no source notebook"
    assert _notebook(form).is_file(), f"{form}/ holds no {form}.ipynb"
    assert _graded(_notebook(form)) == _graded(_notebook(base)), "graded cells, kinds or points differ"
    title = nbformat.read(_notebook(form), as_version=4).cells[0].source.splitlines()[0]
    assert FORM_B_TITLE in title, f"the title says it is the {FORM_B_TITLE}: {title!r}"


@pytest.mark.parametrize("form", FORMS_B)
def test_form_b_has_as_many_critical_errors_per_item(form: str) -> None:
    def counts(assignment: str) -> dict[str, tuple[str, int]]:
        return {k.grade_id: (type(k.item).__name__, len(k.item.critical))
                for k in keyed_items(_notebook(assignment))}

    assert counts(form) == counts(base_assignment(form))


@pytest.mark.parametrize("form", FORMS_B)
def test_form_b_shares_no_scenario_text_with_form_a(form: str) -> None:
    base = base_assignment(form)
    shared = _runs(base) & _runs(form)
    assert not shared, f"{form} repeats {SHARED_RUN} words or more of {base}: {sorted(shared)[:3]}"

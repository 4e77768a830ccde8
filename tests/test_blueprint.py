"""The assessment blueprint agrees with the notebooks, and the rebuilt assignments grade judgement."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, SOURCES
from medsome.blueprint import (
    BlueprintError,
    figures,
    generated_parts,
    kind_points,
    load_blueprint,
    objectives,
    refresh_guide,
    solution_code_lines,
)

SOURCE_ROOT = ROOT / "assignments" / "source"


def _grade_cells(path: Path) -> dict[str, dict]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.parent.name)
def test_blueprint_lists_every_graded_cell_with_its_points(path: Path) -> None:
    blueprint = load_blueprint()
    rows = blueprint[blueprint["assignment"] == path.parent.name].set_index("grade_id")
    cells = _grade_cells(path)
    assert set(rows.index) == set(cells), (
        f"in the notebook, not the blueprint: {sorted(set(cells) - set(rows.index))}; "
        f"in the blueprint, not the notebook: {sorted(set(rows.index) - set(cells))}")
    for grade_id, meta in cells.items():
        assert rows.loc[grade_id, "points"] == meta["points"], f"{grade_id}: points differ"
        manual = bool(meta.get("solution"))
        assert (rows.loc[grade_id, "kind"] == "manual") == manual, f"{grade_id}: manual in one, not the other"


def test_every_blueprint_assignment_has_a_source() -> None:
    assert set(load_blueprint()["assignment"]) == {p.parent.name for p in SOURCES}


@pytest.mark.parametrize("assignment", [p.parent.name for p in SOURCES])
def test_every_assignment_grades_judgement_first(assignment: str) -> None:
    found = {f.assignment: f for f in figures(load_blueprint(), SOURCE_ROOT)}[assignment]
    assert found.judgement_share >= 0.70, found.line()
    assert found.code_lines <= 20, found.line()
    header = nbformat.read(SOURCE_ROOT / assignment / f"{assignment}.ipynb", as_version=4).cells[0].source
    assert "About 60 minutes" in header and "primer" in header, "the header states time and prerequisite"


def test_instructors_guide_shows_the_blueprint() -> None:
    guide = ROOT / "docs" / "assessment.md"
    current = refresh_guide(guide, generated_parts(load_blueprint(), SOURCE_ROOT))
    assert guide.read_text(encoding="utf-8") == current, "run `medsome blueprint --update-docs`"


def test_guide_without_its_markers_is_refused(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text("# A guide with no generated regions\n", encoding="utf-8")
    with pytest.raises(BlueprintError, match="figures:start"):
        refresh_guide(guide, {"figures": "x"})


def test_solution_code_lines_skip_comments_and_blanks(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "x = (\n    ### BEGIN SOLUTION\n    # a comment\n\n    1 + 1\n    ### END SOLUTION\n)")])
    path = tmp_path / "a.ipynb"
    nbformat.write(nb, path)
    assert solution_code_lines(path) == 1


def test_kind_points_share() -> None:
    table = kind_points(load_blueprint())
    assert table.loc["03_consent", "judgement_share"] == pytest.approx(18 / 20)


@pytest.mark.parametrize(("edit", "words"), [
    (lambda t: t.replace(",judgement,", ",opinion,", 1), "kind 'opinion'"),
    (lambda t: t.replace(",2,Spot", ",-2,Spot", 1), "points must be a positive number"),
    (lambda t: t.replace("no_name_anonymous", "nameless", 1), "unknown misconception"),
    (lambda t: t.replace("assignment,", "task,", 1), "missing column"),
])
def test_bad_blueprints_are_refused_with_the_line(tmp_path: Path, edit, words: str) -> None:
    broken = tmp_path / "blueprint.csv"
    broken.write_text(edit((ROOT / "docs" / "blueprint.csv").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(BlueprintError, match=words):
        load_blueprint(broken)


def test_missing_blueprint_is_named(tmp_path: Path) -> None:
    with pytest.raises(BlueprintError, match="missing"):
        load_blueprint(tmp_path / "nothing.csv")


def test_a_form_b_follows_its_form_a_rows() -> None:
    blueprint = load_blueprint(forms=["02_identification_b"])
    form_a = blueprint[blueprint["assignment"] == "02_identification"].drop(columns=["assignment", "form"])
    form_b = blueprint[blueprint["assignment"] == "02_identification_b"]
    assert (form_b["form"] == "B").all() and (blueprint.loc[form_a.index, "form"] == "A").all()
    same = form_b.drop(columns=["assignment", "form"]).reset_index(drop=True)
    assert same.equals(form_a.reset_index(drop=True))
    ids = objectives(blueprint).groupby("assignment")["objective_id"].apply(list)
    assert ids["02_identification_b"] == ids["02_identification"], "both forms share objective ids"
    parts = generated_parts(blueprint[blueprint["form"] == "A"], SOURCE_ROOT)
    assert "02_identification_b" not in parts["cells"]


def test_form_b_rows_in_the_file_or_without_a_form_a_are_refused(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "blueprint.csv").read_text(encoding="utf-8")
    written = tmp_path / "blueprint.csv"
    written.write_text(text + "02_identification_b,9,q9,judgement,1,An objective,\n", encoding="utf-8")
    with pytest.raises(BlueprintError, match="a Form B has no rows of its own"):
        load_blueprint(written, forms=[])
    with pytest.raises(BlueprintError, match="09_nothing_b is a Form B of 09_nothing, which has no rows"):
        load_blueprint(forms=["09_nothing_b"])

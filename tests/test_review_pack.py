"""The blind reviewers' pack: the student version as a student reads it, and nothing of the key."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from medsome.keyed_items import keyed_items
from medsome.paths import assignments_dir

ROOT = Path(__file__).resolve().parents[1]
_SPEC = importlib.util.spec_from_file_location("review_pack", ROOT / "scripts" / "review_pack.py")
review_pack = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(review_pack)

WIDGET_VIEW = review_pack.WIDGET_VIEW
MODELS = {
    "box": {"state": {"children": ["IPY_MODEL_pick", "IPY_MODEL_note"]}},
    "pick": {"state": {"description": "Photo:", "_options_labels": ["ward_round", "night_shift"]}},
    "note": {"state": {"value": "<b>What the picture shows</b> &amp; more"}},
}


def test_a_widget_is_read_as_its_descriptions_values_and_choices_in_order() -> None:
    parts = review_pack._widget_text(MODELS, "box")
    assert parts == ["Photo:", "options: ward_round, night_shift", "<b>What the picture shows</b> &amp; more"]
    assert review_pack._plain(parts[-1]) == "What the picture shows  & more"


def test_errors_are_dropped_and_widgets_become_their_text() -> None:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output("error", ename="CheckFailed", evalue="no answer yet", traceback=[]),
        nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "box"}}),
    ]
    notebook.cells.append(cell)
    notebook.metadata["widgets"] = {review_pack.WIDGET_STATE: {"state": MODELS}}
    [shown] = review_pack._readable(notebook).cells[0].outputs
    assert shown.output_type == "stream"
    assert "as it first opens" in shown.text and "options: ward_round, night_shift" in shown.text
    assert "<b>" not in shown.text


def test_an_unknown_assignment_is_one_line_naming_those_there_are(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert review_pack.main([str(tmp_path), "99_nothing"]) == 1
    said = capsys.readouterr().err.strip()
    assert "\n" not in said and "99_nothing" in said and "01_why_some" in said
    assert review_pack.main([]) == 2


_HIDDEN = re.compile(r"(?:BEGIN HIDDEN TESTS|BEGIN SOLUTION)(.*?)(?:END HIDDEN TESTS|END SOLUTION)", re.S)


def _hidden_and_solution_lines(notebook: Path) -> set[str]:
    """The long lines only an instructor sees: in hidden tests and solutions, and nowhere else."""
    hidden: set[str] = set()
    visible: set[str] = set()
    for cell in nbformat.read(notebook, as_version=4).cells:
        for block in _HIDDEN.findall(cell.source):
            hidden |= {line.strip() for line in block.splitlines() if len(line.strip()) > 30}
        visible |= {line.strip() for line in _HIDDEN.sub("", cell.source).splitlines()}
    return hidden - visible


@pytest.mark.integration
def test_the_pack_holds_every_question_and_no_key(tmp_path: Path) -> None:
    source = assignments_dir() / "source" / "01_why_some" / "01_why_some.ipynb"
    [written] = review_pack.write_pack(tmp_path, ["01_why_some"])
    pack = written.read_text(encoding="utf-8")
    for item in keyed_items(source):
        first_line = next(line for line in item.stem.splitlines() if line.strip())
        assert first_line.strip() in pack, item.grade_id
        for letter, option in item.options.items():
            assert option in pack, (item.grade_id, letter)
    pack_lines = {line.strip() for line in pack.splitlines()}
    hidden = _hidden_and_solution_lines(source)
    assert len(hidden) > 20, "the source notebook should hold hidden tests and solutions to look for"
    leaked = hidden & pack_lines
    assert not leaked, leaked

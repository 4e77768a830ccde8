"""An assignment's last cell checks it from inside JupyterLab, as `medsome check` does, and only there."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, SOURCES
from medsome import cli, selfstudy
from medsome.grading.student_versions import build_student_versions
from medsome.workspace import MANIFEST


def _workspace(root: Path, assignment: str | None = None) -> Path:
    """A workspace: its manifest, and the student version of `assignment` when one is named."""
    (root / MANIFEST).parent.mkdir(parents=True)
    (root / MANIFEST).write_text("{}", encoding="utf-8")
    (root / "assignments").mkdir()
    if assignment:
        build_student_versions(root / "assignments", [assignment])
    return root


def test_every_assignment_ends_with_the_self_check() -> None:
    for source in SOURCES:
        last = nbformat.read(source, as_version=4).cells[-1]
        assert last.cell_type == "code" and "check_assignment()" in last.source, source.name
        assert last.metadata["nbgrader"] == {"grade": False, "grade_id": "selfstudy_check", "locked": True,
                                             "schema_version": 3, "solution": False}


def test_the_assignment_is_found_from_its_folder_in_a_workspace(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path / "ws")
    folder = workspace / "assignments" / "02_identification"
    folder.mkdir()
    assert selfstudy.assignment_here(folder) == (workspace.resolve(), "02_identification")
    graded = tmp_path / "course" / "autograded" / "self_study" / "02_identification"
    graded.mkdir(parents=True)
    assert selfstudy.assignment_here(graded) is None  # nbgrader's copy is never checked again


def test_it_runs_the_check_command_on_the_saved_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path / "ws")
    folder = workspace / "assignments" / "03_consent"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv(selfstudy.SESSION_ENV, "assignments/03_consent/03_consent.ipynb")
    monkeypatch.delenv(selfstudy.HUB_ENV, raising=False)
    calls = []
    monkeypatch.setattr(cli, "main", lambda argv: calls.append((argv, os.environ.get(selfstudy.SESSION_ENV))))
    selfstudy.check_assignment()
    selfstudy.check_assignment(final=True)
    where = ["--workspace", str(workspace.resolve())]
    assert calls == [(["check", "03_consent", *where], None),
                     (["check", "03_consent", *where, "--final"], None)]
    assert os.environ[selfstudy.SESSION_ENV] == "assignments/03_consent/03_consent.ipynb"


@pytest.mark.parametrize(("env", "says"), [
    ({}, selfstudy.NOT_INTERACTIVE),
    ({selfstudy.SESSION_ENV: "x.ipynb", selfstudy.HUB_ENV: "resident1"}, selfstudy.ON_HUB),
    ({selfstudy.SESSION_ENV: "x.ipynb"}, selfstudy.NOT_IN_WORKSPACE),
])
def test_elsewhere_it_says_why_it_did_nothing(env: dict[str, str], says: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for name in (selfstudy.SESSION_ENV, selfstudy.HUB_ENV):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(cli, "main", lambda argv: pytest.fail("nothing should be graded here"))
    selfstudy.check_assignment()
    assert capsys.readouterr().out == says + "\n"


@pytest.mark.integration
def test_the_last_cell_prints_the_check_report_in_the_learners_kernel(tmp_path: Path) -> None:
    assignment = "01_why_some"
    workspace = _workspace(tmp_path / "ws", assignment)
    folder = workspace / "assignments" / assignment
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    checking = nbformat.v4.new_notebook(cells=[nb.cells[-1]])
    env = {**os.environ, selfstudy.SESSION_ENV: f"assignments/{assignment}/{assignment}.ipynb"}
    env.pop(selfstudy.HUB_ENV, None)
    NotebookClient(checking, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute(env=env)
    outputs = checking.cells[0].outputs
    printed = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    assert f"Self-check of {assignment}" in printed and "Autograded: 0 of " in printed, outputs
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], outputs


def test_the_orientation_tells_self_study_learners_how_to_get_a_score() -> None:
    orientation = ROOT / "course" / "00_orientation" / "00_orientation_lesson.ipynb"
    text = "\n".join(c.source for c in nbformat.read(orientation, as_version=4).cells)
    assert "run its last cell, **Check your score**" in text and "`medsome check 02`" in text
    for source in SOURCES:
        assert nbformat.read(source, as_version=4).cells[-2].source.startswith("## Check your score")

"""The learner's Jupyter configuration: self-study without the hub's tools, residents without a terminal.

The hub gives residents deploy/singleuser/resident (and common); `medsome start` puts
deploy/singleuser/selfstudy before it. Files are merged as Jupyter merges them, first folder first.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from jupyter_server.config_manager import BaseJSONConfigManager, recursive_update
from nbformat.sign import NotebookNotary

from medsome.cli import FIRST_LESSON, learner_environment
from medsome.paths import course_root, learner_config_dir, selfstudy_config_dir
from medsome.workspace import prepare_workspace

HUB_RESIDENT = [learner_config_dir(), course_root() / "deploy" / "singleuser" / "common"]
SELF_STUDY = [selfstudy_config_dir(), *HUB_RESIDENT]
NBGRADER_LISTS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu")


def _merged(folders: list[Path], name: str, sub: str = "") -> dict:
    """A config file merged over folders as Jupyter does: the first folder wins."""
    merged: dict = {}
    for folder in reversed(folders):
        recursive_update(merged, BaseJSONConfigManager(config_dir=str(folder / sub)).get(name))
    return merged


def _disabled(folders: list[Path]) -> set[str]:
    pages = _merged(folders, "page_config", "labconfig").get("disabledExtensions", {})
    return {name for name, off in pages.items() if off}


def test_medsome_start_reads_self_study_settings_before_the_residents() -> None:
    paths = learner_environment({"PATH": os.defpath})["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert paths[:2] == [str(selfstudy_config_dir()), str(learner_config_dir())]


def test_self_study_drops_the_assignment_list_and_the_hub_keeps_it() -> None:
    assert set(NBGRADER_LISTS) <= _disabled(SELF_STUDY)
    assert not set(NBGRADER_LISTS) & _disabled(HUB_RESIDENT)
    server = "nbgrader.server_extensions.assignment_list"
    assert _merged(SELF_STUDY, "jupyter_server_config")["ServerApp"]["jpserver_extensions"][server] is False
    assert server not in _merged(HUB_RESIDENT, "jupyter_server_config")["ServerApp"]["jpserver_extensions"]


def test_residents_have_no_terminal() -> None:
    assert "@jupyterlab/terminal-extension" in _disabled(HUB_RESIDENT)
    server = _merged(HUB_RESIDENT, "jupyter_server_config")["ServerApp"]
    assert server["terminals_enabled"] is False
    assert server["jpserver_extensions"]["jupyter_server_terminals"] is False


def test_self_study_opens_at_the_orientation_lesson(tmp_path: Path, monkeypatch) -> None:
    url = _merged(SELF_STUDY, "jupyter_server_config")["LabApp"]["default_url"]
    assert url == f"/lab/tree/{FIRST_LESSON}"
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    assert (prepare_workspace(tmp_path / "ws", assignments=False).root / FIRST_LESSON).is_file()


def test_the_workspace_notebooks_are_trusted_but_not_a_learners_edit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    root = prepare_workspace(tmp_path / "ws", assignments=False).root
    lessons = sorted((root / "lessons").rglob("*.ipynb"))
    edited = nbformat.read(lessons[0], as_version=4)
    edited.cells[0].source += "\nMy note."
    nbformat.write(edited, lessons[0])
    prepare_workspace(root, assignments=False)
    with NotebookNotary() as notary:
        trusted = {p.name: notary.check_signature(nbformat.read(p, as_version=4)) for p in lessons}
    assert trusted.pop(lessons[0].name) is False, "a learner's edited copy is left to Jupyter"
    assert trusted and all(trusted.values()), trusted


def test_a_data_folder_that_cannot_be_written_never_stops_the_workspace(tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(blocked / "data"))
    report = prepare_workspace(tmp_path / "ws", assignments=False)
    assert (report.root / FIRST_LESSON).is_file()

"""Finding the course folders, and the environment's own executables."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from medsome import paths
from medsome.errors import CourseLayoutError
from medsome.toolchain import ensure_env_bin_on_path


def test_root_found_from_the_package() -> None:
    assert paths.course_root() == ROOT
    assert paths.datasets_dir() == ROOT / "datasets"
    assert (paths.assignments_dir() / "nbgrader_config.py").is_file()


def test_root_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for folder in ("course", "assignments", "datasets"):
        (tmp_path / folder).mkdir()
    monkeypatch.setenv(paths.ROOT_ENV, str(tmp_path))
    assert paths.course_root() == tmp_path.resolve()
    monkeypatch.setenv(paths.ROOT_ENV, str(tmp_path / "course"))
    with pytest.raises(CourseLayoutError, match="does not hold the folders"):
        paths.course_root()


def test_env_bin_goes_first_once() -> None:
    env = {"PATH": os.pathsep.join(["/usr/bin", str(Path(sys.executable).parent)])}
    ensure_env_bin_on_path(env)
    ensure_env_bin_on_path(env)
    parts = env["PATH"].split(os.pathsep)
    assert parts[0] == str(Path(sys.executable).parent)
    assert parts.count(parts[0]) == 1 and "/usr/bin" in parts
    assert ensure_env_bin_on_path({})["PATH"] == str(Path(sys.executable).parent)

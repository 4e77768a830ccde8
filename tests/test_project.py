"""Project-level checks: lint, and the conda environment mirrors pyproject's dependencies."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_ruff_is_clean() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run([str(ruff), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_environment_yml_lists_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    conda = (ROOT / "environment.yml").read_text(encoding="utf-8").lower()
    missing = [_name(r) for r in project["dependencies"] if f"- {_name(r)}" not in conda]
    assert not missing, f"environment.yml lacks {missing}"


def test_every_dataset_has_a_card() -> None:
    index = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    for folder in sorted(p for p in (ROOT / "datasets").iterdir() if p.is_dir() and p.name != "cards"):
        assert f"`{folder.name}/" in index, f"datasets/README.md does not describe {folder.name}/"
    for card in (ROOT / "datasets" / "cards").glob("*.md"):
        assert f"cards/{card.name}" in index, f"datasets/README.md does not link {card.name}"


def test_package_data_ships_every_data_file() -> None:
    """A non-editable install carries every file of the package that is not Python."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["medsome"]
    package = ROOT / "src" / "medsome"
    data = [p.relative_to(package) for p in package.rglob("*")
            if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts]
    unshipped = [str(p) for p in data
                 if not any(p.match(g) and len(p.parts) == len(Path(g).parts) for g in globs)]
    assert data and not unshipped, f"pyproject's package-data leaves out {unshipped}"

"""The nbgrader course in assignments/: its assignments and their student versions."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from medsome.errors import MedsomeError
from medsome.paths import assignments_dir
from medsome.toolchain import ensure_env_bin_on_path

CONFIG_FILE = "nbgrader_config.py"


class NbgraderFailed(MedsomeError, RuntimeError):
    """An nbgrader action reported failure; the message carries its log."""


def assignment_ids(course_dir: Path | None = None) -> list[str]:
    """The assignments in source/, in course order."""
    source = (course_dir or assignments_dir()) / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_config(course_dir: Path, **sections: dict[str, object]) -> Config:
    """The course's nbgrader_config.py with its root set to `course_dir`, plus overrides."""
    config = PyFileConfigLoader(CONFIG_FILE, path=str(course_dir)).load_config()
    config.CourseDirectory.root = str(course_dir)
    for section, values in sections.items():
        for key, value in values.items():
            setattr(config[section], key, value)
    return config


def nbgrader_api(course_dir: Path, **sections: dict[str, object]):
    """An NbGraderAPI for the course at `course_dir` (imported late: nbgrader is slow to load)."""
    ensure_env_bin_on_path()
    from nbgrader.apps import NbGraderAPI

    return NbGraderAPI(config=load_config(course_dir, **sections))


def require_success(result: dict, action: str) -> str:
    """Return the log of a successful nbgrader action; raise with its log otherwise."""
    if not result.get("success"):
        detail = result.get("error") or result.get("log") or "no log"
        raise NbgraderFailed(f"nbgrader {action} failed:\n{detail}")
    return result.get("log", "")


def build_student_versions(dest: Path, ids: list[str] | None = None) -> dict[str, Path]:
    """Generate student versions of assignments into dest/<id>/, without touching a gradebook."""
    source_root = assignments_dir()
    ids = ids or assignment_ids(source_root)
    built: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="medsome-build-") as tmp:
        course = Path(tmp)
        shutil.copy2(source_root / CONFIG_FILE, course / CONFIG_FILE)
        shutil.copytree(source_root / "source", course / "source")
        api = nbgrader_api(
            course,
            GenerateAssignment={"no_database": True},
            SaveCells={"enabled": False},
        )
        for assignment in ids:
            result = api.generate_assignment(assignment)
            require_success(result, f"generate_assignment {assignment}")
            target = dest / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course / "release" / assignment, target)
            built[assignment] = target
    return built

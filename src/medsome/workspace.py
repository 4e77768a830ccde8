"""The learner's workspace: copies of the lessons and student versions of the assignments.

A learner never works in course/ (the originals) nor in assignments/source/ (it holds the
solutions). What the workspace holds is what the course manifest (course/course.toml) lists: each
module's lesson folder, the shared course files and the student version of each assignment.
Preparing the workspace again adds what is new and updates what the learner has not touched; a
notebook the learner edited is never overwritten. The course's notebooks are signed as trusted
(Jupyter's notebook trust), as if the learner had run them: their saved outputs show.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

from medsome.atomic import write_bytes
from medsome.errors import CourseLayoutError
from medsome.grading.student_versions import build_student_versions
from medsome.manifest import Course, load_course
from medsome.paths import course_root, lessons_dir

WORKSPACE_ENV = "MEDSOME_WORKSPACE"
MANIFEST = Path(".medsome") / "manifest.json"
_SKIP_PARTS = {".ipynb_checkpoints", "__pycache__"}


@dataclass
class WorkspaceReport:
    """What preparing the workspace did to each file (paths relative to the workspace)."""

    root: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Workspace: {self.root}"]
        lines.append(
            f"  {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} already up to date, {len(self.removed)} retired"
        )
        lines += [f"  kept your edited copy of {path}" for path in self.kept]
        return "\n".join(lines)


def default_workspace() -> Path:
    """$MEDSOME_WORKSPACE, or workspace/ in the course checkout (git-ignored)."""
    override = os.environ.get(WORKSPACE_ENV)
    return Path(override).expanduser() if override else course_root() / "workspace"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not _SKIP_PARTS.intersection(path.relative_to(folder).parts):
            yield path


def _lesson_files(course: Course, lessons: Path) -> Iterator[tuple[str, Path]]:
    """What the workspace's lessons/ holds, from the folder `lessons`: each module's folder and the
    shared course files, by their path in the workspace."""
    listed = [lessons / module.folder for module in course.modules] + [lessons / n for n in course.shared]
    missing = [path.name for path in listed if not path.exists()]
    if missing:
        raise CourseLayoutError(f"{course.path} lists {', '.join(missing)}, missing from {lessons}: "
                                "restore them or remove them from the manifest")
    for module in course.modules:
        for path in _files_under(lessons / module.folder):
            yield (Path("lessons") / path.relative_to(lessons)).as_posix(), path
    for name in course.shared:
        yield f"lessons/{name}", lessons / name


def _read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}  # an unreadable manifest only means edits are assumed everywhere


def _place(root: Path, rel: str, data: bytes, manifest: dict[str, str], report: WorkspaceReport):
    """Copy one file into the workspace unless the learner has edited their copy."""
    dest = root / rel
    new = _digest(data)
    if not dest.exists():
        write_bytes(dest, data)
        report.added.append(rel)
    else:
        current = _digest(dest.read_bytes())
        if current == new:
            report.unchanged.append(rel)
        elif manifest.get(rel) == current:
            write_bytes(dest, data)
            report.updated.append(rel)
        else:
            report.kept.append(rel)
            return
    manifest[rel] = new


def _retire(root: Path, prefixes: tuple[str, ...], shipped: set[str], manifest: dict[str, str],
            report: WorkspaceReport) -> None:
    """Remove copies of files the course no longer ships (a renamed lesson) unless edited."""
    for rel in sorted(set(manifest) - shipped):
        if not rel.startswith(prefixes):
            continue
        path = root / rel
        if path.is_file() and _digest(path.read_bytes()) != manifest[rel]:
            report.kept.append(rel)
        elif path.is_file():
            path.unlink()
            report.removed.append(rel)
        del manifest[rel]


def trust(root: Path, relative: list[str]) -> None:
    """Sign these notebooks in the learner's Jupyter data folder, so JupyterLab trusts them.

    Trust only spares the learner a warning: a data folder that cannot be written never stops the
    workspace (JupyterLab then asks the learner to trust a notebook instead).
    """
    try:
        with NotebookNotary() as notary:
            for rel in relative:
                if rel.endswith(".ipynb"):
                    notary.sign(nbformat.read(root / rel, as_version=4))  # as the server reads it
    except (OSError, sqlite3.Error):
        pass


def prepare_workspace(root: Path | None = None, assignments: bool = True) -> WorkspaceReport:
    """Create or refresh the workspace at `root` (default: default_workspace()).

    `assignments=False` copies the lessons only: on a hub, residents fetch the assignments from
    nbgrader's exchange instead, and a second copy would only confuse.
    """
    root = (root or default_workspace()).resolve()
    report = WorkspaceReport(root)
    manifest = _read_manifest(root)
    course = load_course()
    for rel, path in sorted(_lesson_files(course, lessons_dir())):
        _place(root, rel, path.read_bytes(), manifest, report)
    if assignments:
        with tempfile.TemporaryDirectory(prefix="medsome-student-") as tmp:
            built = Path(tmp)
            build_student_versions(built, [a.folder for a in course.assignments])
            for path in _files_under(built):
                rel = Path("assignments") / path.relative_to(built)
                _place(root, rel.as_posix(), path.read_bytes(), manifest, report)
    prefixes = ("lessons/", "assignments/") if assignments else ("lessons/",)
    _retire(root, prefixes, {*report.added, *report.updated, *report.unchanged, *report.kept},
            manifest, report)
    write_bytes(root / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    trust(root, [*report.added, *report.updated, *report.unchanged])  # never the learner's edits
    return report

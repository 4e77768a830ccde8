"""Student versions of assignments: `medsome build` into release/, or a gradebook-free copy."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from medsome.grading.course_folder import (
    CONFIG_FILE,
    GradingError,
    assignment_ids,
    nbgrader_api,
    require_success,
    resolve_assignment,
    source_notebooks,
)
from medsome.grading.progress import Progress
from medsome.grading.questions import duplicate_grade_ids, grade_items
from medsome.paths import assignments_dir


@dataclass
class Built:
    """One generated student version."""

    assignment: str
    release: Path
    notebooks: int
    points: float
    autograded_points: float

    def summary(self) -> str:
        return (f"{self.assignment}: {self.notebooks} notebook(s), {self.points:g} points "
                f"({self.autograded_points:g} autograded) -> {self.release}")


def check_sources(course: Path, assignment: str) -> None:
    """Fail clearly on what nbgrader would reject confusingly: no notebook, duplicate grade_ids."""
    notebooks = source_notebooks(course, assignment)
    if not notebooks:
        raise GradingError(f"{course / 'source' / assignment} holds no notebook")
    duplicates = duplicate_grade_ids(notebooks)
    if duplicates:
        raise GradingError(
            f"{assignment}: grade_id(s) {', '.join(duplicates)} are used by more than one cell; "
            "give every nbgrader cell its own grade_id"
        )


def build(course: Path, names: list[str] | None = None) -> list[Built]:
    """Generate the student versions of the named assignments (default: all) with nbgrader."""
    ids = [resolve_assignment(course, name) for name in names] if names else assignment_ids(course)
    if not ids:
        raise GradingError(f"no assignments in {course / 'source'}")
    for assignment in ids:
        check_sources(course, assignment)
    api = nbgrader_api(course)
    progress = Progress(len(ids), "building")
    built = []
    for assignment in ids:
        require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
        items = grade_items(source_notebooks(course, assignment))
        built.append(Built(
            assignment, course / "release" / assignment, len(source_notebooks(course, assignment)),
            sum(i.points for i in items), sum(i.points for i in items if i.autograded),
        ))
        progress.advance()
    progress.close()
    return built


def build_student_versions(dest: Path, ids: list[str] | None = None) -> dict[str, Path]:
    """Generate student versions of assignments into dest/<id>/, without touching a gradebook."""
    source_root = assignments_dir()
    ids = ids or assignment_ids(source_root)
    if not ids:
        raise GradingError(f"no assignments in {source_root / 'source'}")
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
            require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
            target = dest / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course / "release" / assignment, target)
            built[assignment] = target
    return built

"""Student versions of assignments: `medsome build` into release/, or a gradebook-free copy."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from medsome.grading.course_folder import CONFIG_FILE, Course, GradingError, require_success
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


def check_sources(course: Course, assignment: str) -> None:
    """Fail clearly on what nbgrader would reject confusingly: no notebook, duplicate grade_ids."""
    notebooks = course.source_notebooks(assignment)
    if not notebooks:
        raise GradingError(f"{course.folder('source', assignment)} holds no notebook")
    duplicates = duplicate_grade_ids(notebooks)
    if duplicates:
        raise GradingError(
            f"{assignment}: grade_id(s) {', '.join(duplicates)} are used by more than one cell; "
            "give every nbgrader cell its own grade_id"
        )


def build(course: Course, names: list[str] | None = None) -> list[Built]:
    """Generate the student versions of the named assignments (default: all) with nbgrader."""
    ids = [course.resolve(name) for name in names] if names else course.assignment_ids()
    if not ids:
        raise GradingError(f"no assignments in the source of {course.root}")
    for assignment in ids:
        check_sources(course, assignment)
    api = course.api()
    progress = Progress(len(ids), "building")
    built = []
    for assignment in ids:
        require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
        notebooks = course.source_notebooks(assignment)
        items = grade_items(notebooks)
        built.append(Built(
            assignment, course.folder("release", assignment), len(notebooks),
            sum(i.points for i in items), sum(i.points for i in items if i.autograded),
        ))
        progress.advance()
    progress.close()
    return built


def build_student_versions(dest: Path, ids: list[str] | None = None) -> dict[str, Path]:
    """Generate student versions of assignments into dest/<id>/, without touching a gradebook."""
    source = Course(assignments_dir())
    ids = ids or source.assignment_ids()
    if not ids:
        raise GradingError(f"no assignments in the source of {source.root}")
    built: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="medsome-build-") as tmp:
        shutil.copy2(source.root / CONFIG_FILE, Path(tmp) / CONFIG_FILE)
        course = Course(Path(tmp))
        for assignment in source.assignment_ids():
            shutil.copytree(source.folder("source", assignment), course.folder("source", assignment))
        api = course.api(GenerateAssignment={"no_database": True}, SaveCells={"enabled": False})
        for assignment in ids:
            require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
            target = dest / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course.folder("release", assignment), target)
            built[assignment] = target
    return built

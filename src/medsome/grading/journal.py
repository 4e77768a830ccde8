"""A per-student completion journal: an interrupted grading run resumes without losing a grade.

An entry is written atomically after nbgrader has graded a student, with a digest of what the grade
depends on: the submitted files and the assignment's source (its tests). A later run skips students
whose entry still matches and grades the rest again with force, replacing any partial result; the
gradebook keeps one submission each. Changing a source notebook makes everyone due again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from medsome.atomic import write_text
from medsome.grading.course_folder import Course


def journal_dir(course: Course, assignment: str) -> Path:
    """Where the assignment's entries live: <course>/.medsome/journal/<assignment>/."""
    return course.state_dir("journal", assignment)


def folder_digest(folder: Path, pattern: str = "*") -> str:
    """A digest of the files in a folder matching `pattern`, names and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def tests_digest(course: Course, assignment: str) -> str:
    """A digest of the assignment's source notebooks, which hold its tests."""
    return folder_digest(course.folder("source", assignment), "*.ipynb")


def grading_digest(course: Course, assignment: str, student: str, tests: str) -> str:
    """A digest of what a student's grade depends on: their submission and the tests."""
    submitted = folder_digest(course.folder("submitted", assignment, student))
    return hashlib.sha256(f"{submitted}:{tests}".encode()).hexdigest()


def entry_path(course: Course, assignment: str, student: str) -> Path:
    """Where a student's entry lives."""
    return journal_dir(course, assignment) / f"{student}.json"


def record(course: Course, assignment: str, student: str, entry: dict) -> Path:
    """Write a student's entry atomically."""
    return write_text(entry_path(course, assignment, student), json.dumps(entry, indent=1, sort_keys=True))


def forget(course: Course, assignment: str, student: str) -> None:
    """Remove a student's entry (before grading again)."""
    entry_path(course, assignment, student).unlink(missing_ok=True)


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def entry(course: Course, assignment: str, student: str) -> dict | None:
    """A student's entry, or None if there is none or it is unreadable."""
    return _read(entry_path(course, assignment, student))


def entries(course: Course, assignment: str) -> dict[str, dict]:
    """Every readable entry by student (an unreadable one counts as missing)."""
    found = {path.stem: _read(path) for path in sorted(journal_dir(course, assignment).glob("*.json"))}
    return {student: data for student, data in found.items() if data is not None}


def is_current(entry: dict | None, digest: str) -> bool:
    """Whether an entry records a grade of exactly this submission."""
    return bool(entry) and entry.get("digest") == digest

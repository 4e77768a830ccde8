"""Tamper evidence: what was collected and graded is recorded, and checked before it is used.

`medsome collect` records the checksum of every file it puts in a student's submitted/ folder
(.medsome/intake/). When nbgrader has graded a student, the journal entry records the checksums of
the submitted files and of the autograded notebooks, and the autograded score of every test cell
in the gradebook. A submission whose files differ from what was collected (or, without an intake
record, from what was graded) was changed by someone other than its student: it is not graded
again until it is collected again. `grade`, `feedback` and `export` compare the gradebook and the
autograded notebooks with the journal and name every difference. Manual grades are not compared:
the formgrader sets them, leaving the autograded scores alone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from nbgrader.api import Gradebook

from medsome.atomic import write_text
from medsome.grading import journal
from medsome.grading.course_folder import Course


def file_hashes(folder: Path, pattern: str = "*") -> dict[str, str]:
    """sha256 of every file in `folder` matching `pattern`, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern)) if p.is_file()}


def _intake_path(course: Course, assignment: str, student: str) -> Path:
    return course.state_dir("intake", assignment, f"{student}.json")


def record_intake(course: Course, assignment: str, students: list[str]) -> None:
    """Record the collected files of each student (called by `medsome collect`)."""
    for student in students:
        hashes = file_hashes(course.folder("submitted", assignment, student))
        write_text(_intake_path(course, assignment, student), json.dumps(hashes, indent=1, sort_keys=True))


def expected_submission(course: Course, assignment: str, student: str) -> dict[str, str] | None:
    """The files a submission should hold: as collected, else as last graded, else unknown (None)."""
    intake = _intake_path(course, assignment, student)
    if intake.is_file():
        return json.loads(intake.read_text(encoding="utf-8"))
    return (journal.entry(course, assignment, student) or {}).get("submitted")


def changed_submission(course: Course, assignment: str, student: str) -> str | None:
    """Why a submission must be collected again, or None if it is as collected."""
    expected = expected_submission(course, assignment, student)
    if expected is None:
        return None
    found = file_hashes(course.folder("submitted", assignment, student))
    changed = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
    if not changed:
        return None
    return (f"its submitted files changed after they were collected ({', '.join(changed)}): not graded; "
            f"collect it again (`medsome collect {assignment} ...`)")


def cell_scores(submission) -> dict[str, float]:
    """The autograded score of each test cell ('notebook/grade_id') of a gradebook submission."""
    return {f"{nb.name}/{g.name}": float(g.auto_score) for nb in submission.notebooks
            for g in nb.grades if g.auto_score is not None}


def gradebook_scores(course: Course, assignment: str) -> dict[str, dict[str, float]]:
    """cell_scores of every submission of the assignment, by student."""
    with Gradebook(course.shared_gradebook_url) as gb:
        return {s.student.id: cell_scores(s) for s in gb.assignment_submissions(assignment)}


def fingerprint(course: Course, assignment: str, student: str, scores: dict[str, float]) -> dict[str, dict]:
    """What the journal records of a grade just made: files, and the autograded `scores`."""
    return {"submitted": file_hashes(course.folder("submitted", assignment, student)),
            "autograded": file_hashes(course.folder("autograded", assignment, student), "*.ipynb"),
            "scores": scores}


def mismatches(course: Course, assignment: str, students: list[str] | None = None) -> dict[str, list[str]]:
    """Every difference between the journal and the gradebook or autograded notebooks, by student."""
    entries = {s: e for s, e in journal.entries(course, assignment).items()
               if "scores" in e and (students is None or s in students)}
    if not entries:
        return {}
    scores, found = gradebook_scores(course, assignment), {}
    for student, entry in sorted(entries.items()):
        problems = []
        now = scores.get(student)
        if now is None:
            problems.append("graded, but missing from the gradebook")
        else:
            problems += [f"gradebook score of {cell} is {now.get(cell, 'missing')}, graded {score:g}"
                         for cell, score in sorted(entry["scores"].items()) if now.get(cell) != score]
        graded = course.folder("autograded", assignment, student)
        notebooks = file_hashes(graded, "*.ipynb")
        problems += [f"{(graded / name).relative_to(course.root).as_posix()} changed after grading"
                     for name in sorted(entry["autograded"].keys() | notebooks.keys())
                     if entry["autograded"].get(name) != notebooks.get(name)]
        if problems:
            found[student] = problems
    return found


def describe(assignment: str, found: dict[str, list[str]]) -> list[str]:
    """The lines that name each mismatch."""
    return [f"  {student}: {assignment}: {problem}" for student, problems in sorted(found.items())
            for problem in problems]

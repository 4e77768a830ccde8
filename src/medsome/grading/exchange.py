"""nbgrader's exchange from the instructor's side: release an assignment, return feedback.

On JupyterHub the exchange is a shared folder (`c.Exchange.root`); residents fetch and submit
through it from their own servers, and the instructor collects with `medsome collect --exchange`.
"""

from __future__ import annotations

from pathlib import Path

from medsome.grading.course_folder import Course, GradingError, require_success


def exchange_api(course: Course, root: Path | None = None, **sections: dict[str, object]):
    """An NbGraderAPI on the course's exchange (or `root`); fail clearly if it is not set up."""
    api = course.api(Exchange={"root": str(root)} if root else {}, **sections)
    if getattr(api, "exchange_missing", False):
        raise GradingError(f"nbgrader's exchange is not set up at {api.exchange_root}: create that "
                           "folder (writable by everyone, e.g. mode 1777), pass --exchange-dir DIR, or set "
                           "c.Exchange.root in nbgrader_config.py")
    return api


def release_assignment(course: Course, assignment: str, root: Path | None = None) -> str:
    """Put the built student version in the exchange for residents to fetch (again, if released)."""
    if not (release := course.folder("release", assignment)).is_dir():
        raise GradingError(f"{assignment} has no student version in {release}: "
                           f"run `medsome build {assignment}` first")
    api = exchange_api(course, root, ExchangeReleaseAssignment={"force": True})
    require_success(api.release_assignment(assignment), f"release_assignment {assignment}")
    return f"{assignment} released to {api.exchange_root}: residents can fetch it now"


def release_feedback(course: Course, assignment: str, root: Path | None = None) -> str:
    """Put every written feedback file of `assignment` in the exchange for residents to fetch."""
    students = course.students("feedback", assignment)
    if not students:
        raise GradingError(f"no feedback for {assignment} in the feedback of {course.root}: "
                           f"run `medsome feedback {assignment}` first")
    api = exchange_api(course, root)
    require_success(api.release_feedback(assignment), f"release_feedback {assignment}")
    return f"{assignment}: feedback of {len(students)} student(s) released to {api.exchange_root}"

"""Detect files a submission's code changed in the course folder outside the student's own folder.

A snapshot records every file's size and modification time, except in the folders grading itself
writes (the autograded step's folders, medsome's state, the gradebook). Comparing the snapshots
taken before and after a student is graded names what changed meanwhile. It detects; it does not prevent.
"""

from __future__ import annotations

import os
from pathlib import Path

from medsome.grading.course_folder import Course

Snapshot = dict[str, tuple[int, int]]
_SKIP_ANY = {"__pycache__", ".ipynb_checkpoints"}


def written_by_grading(course: Course) -> set[str]:
    """The folders grading writes, relative to the course: its state and every autograded folder."""
    graded = {folder.relative_to(course.root).as_posix() for _, _, folder in course.found("autograded")}
    return {course.state_dir().relative_to(course.root).as_posix(), *graded}


def snapshot(course: Course) -> Snapshot:
    """(size, mtime) of every file grading does not write, by path relative to the course."""
    files: Snapshot = {}
    skipped = written_by_grading(course)
    for folder, dirs, names in os.walk(course.root):
        base = Path(folder).relative_to(course.root).as_posix()
        prefix = "" if base == "." else f"{base}/"
        dirs[:] = [d for d in dirs if d not in _SKIP_ANY and prefix + d not in skipped]
        for name in names:
            rel = prefix + name
            if rel == name and name.startswith("gradebook.db"):
                continue
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue  # removed while we looked
            files[rel] = (stat.st_size, stat.st_mtime_ns)
    return files


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What differs between two snapshots, e.g. 'added source/x.txt'."""
    added = [f"added {p}" for p in sorted(after.keys() - before.keys())]
    removed = [f"removed {p}" for p in sorted(before.keys() - after.keys())]
    changed = [f"changed {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return added + changed + removed

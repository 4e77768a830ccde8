"""Detect files a submission's code changed in the course folder outside the student's own folder.

A snapshot records every file's size and modification time, except in the folders grading itself
writes (autograded/, medsome's state, the gradebook). Comparing the snapshots taken before and
after a student is graded names what changed meanwhile. It detects; it does not prevent.
"""

from __future__ import annotations

import os
from pathlib import Path

from medsome.grading.course_folder import STATE_DIR

Snapshot = dict[str, tuple[int, int]]
_SKIP_TOP = {"autograded", STATE_DIR}
_SKIP_ANY = {"__pycache__", ".ipynb_checkpoints"}


def _skipped(rel: str) -> bool:
    top = rel.split("/", 1)[0]
    return top in _SKIP_TOP or (rel == top and top.startswith("gradebook.db"))


def snapshot(course: Path) -> Snapshot:
    """(size, mtime) of every file grading does not write, by path relative to the course."""
    files: Snapshot = {}
    for folder, dirs, names in os.walk(course):
        base = Path(folder).relative_to(course).as_posix()
        prefix = "" if base == "." else f"{base}/"
        dirs[:] = [d for d in dirs if d not in _SKIP_ANY and not _skipped(prefix + d)]
        for name in names:
            rel = prefix + name
            if _skipped(rel):
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

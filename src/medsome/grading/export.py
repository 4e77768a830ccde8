"""`medsome export`: the gradebook as two CSV files, written atomically.

grades.csv has one row per student and assignment; questions.csv one row per student and graded
item (an autograded test or a manually graded answer), with the question it belongs to.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medsome.atomic import write_text
from medsome.grading.scores import read_gradebook, student_totals


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """Write a frame as CSV through a temporary file, so a reader never sees half of it."""
    return write_text(path, frame.to_csv(index=False))


def export(course: Path, out: Path) -> list[Path]:
    """Write grades.csv and questions.csv into `out`."""
    items, submissions = read_gradebook(course)
    return [
        write_csv(out / "grades.csv", student_totals(items, submissions)),
        write_csv(out / "questions.csv", items),
    ]

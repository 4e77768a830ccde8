"""A grading run killed midway and started again finishes the rest, losing and duplicating nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from medsome.cli import main as run
from medsome.grading import journal
from medsome.grading.course_folder import Course

from .conftest import ASSIGNMENT, RISK, TOTAL, student_version, submit

pytestmark = pytest.mark.integration
STUDENTS = [f"s{n}" for n in range(1, 6)]


def _grade_command(course: Path) -> list[str]:
    return [sys.executable, "-m", "medsome.cli", "grade", ASSIGNMENT, "--course", str(course),
            "--workers", "1", "--timeout", "20"]


def test_a_killed_run_resumes_where_it_stopped(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slow_add = f"import time\ntime.sleep(1.5)\n{TOTAL}"
    for student in STUDENTS:
        submit(course, student, student_version(course, q1=slow_add, q2=RISK))
    process = subprocess.Popen(_grade_command(course), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while not journal.entries(Course(course), ASSIGNMENT) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)  # the whole run at once: parent and worker
    process.wait()
    done = journal.entries(Course(course), ASSIGNMENT)
    assert 1 <= len(done) < len(STUDENTS), "kill the run between the first and the last student"
    first = {s: (journal.journal_dir(Course(course), ASSIGNMENT) / f"{s}.json").read_bytes() for s in done}

    assert run(["grade", ASSIGNMENT, "--course", str(course), "--workers", "2", "--timeout", "20"]) == 0
    out = capsys.readouterr().out
    assert f"{len(done)} already graded, skipped" in out
    assert set(journal.entries(Course(course), ASSIGNMENT)) == set(STUDENTS)
    for student, data in first.items():
        assert (journal.journal_dir(Course(course), ASSIGNMENT) / f"{student}.json").read_bytes() == data
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submissions = gb.assignment_submissions(ASSIGNMENT)
        assert sorted(s.student.id for s in submissions) == STUDENTS
        assert all(s.score == 3 for s in submissions)

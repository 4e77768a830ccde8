"""One grading worker: a long-lived process with one NbGraderAPI that grades a student per task.

Starting nbgrader costs seconds, so a worker starts it once and then autogrades student after
student (nbgrader's own unit of work), each in a fresh kernel under limits.py's limits.
"""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
import warnings
from multiprocessing.connection import Connection

from nbgrader.api import Gradebook

from medsome.grading import journal, spare_kernel, tamper, warm_kernel
from medsome.grading.course_folder import Course
from medsome.grading.diagnose import explain_failure, graded_notes, not_regular, precheck
from medsome.grading.limits import autograde_preprocessors, sanitize_preprocessors
from medsome.grading.outcome import GradeOptions, StudentResult
from medsome.grading.warm_kernel import WarmKernelManager, preloaded_modules
from medsome.grading.watch import changes, snapshot

LOCK_RETRIES = 3


def grading_api(course: Course, assignment: str, options: GradeOptions):
    """An NbGraderAPI configured for grading `assignment` under limits.

    `options.timeout` is the per-cell timeout grade_cohort resolved (Course.cell_timeout). Phase
    one's kernels (AnswersOnly) are LimitedKernelManager's, sandboxed; phase two's, which run only
    the released notebook and the answers' literals, are forked warm (warm_kernel.py).
    """
    # Kill each kernel once its notebook is done instead of asking it to exit and polling: every
    # reply and output has arrived by then, and a polite shutdown sometimes idles for seconds.
    execute: dict[str, object] = {"kernel_manager_class": WarmKernelManager, "shutdown_kernel": "immediate",
                                  "timeout": options.timeout}
    return course.api(
        Execute=execute,
        LimitedKernelManager={"memory_limit_mb": options.memory_limit_mb, "sandboxed": options.sandbox,
                              "course": str(course.root)},
        WarmKernelManager={"sandboxed": False, "preload": preloaded_modules(course, assignment)},
        CourseDirectory={"db_url": course.shared_gradebook_url},
        Autograde={"autograde_preprocessors": autograde_preprocessors(course.config),
                   "sanitize_preprocessors": sanitize_preprocessors(course.config)},
        AnswersOnly={"course": str(course.root), "memory_limit_mb": options.memory_limit_mb,
                     "prestart": True},
    )


def autograde(api, assignment: str, student: str) -> dict:
    """nbgrader autograde with force, tried again if the shared gradebook was locked."""
    for attempt in range(LOCK_RETRIES):
        result = api.autograde(assignment, student, force=True, create=True)
        text = f"{result.get('log', '')}{result.get('error', '')}"
        if result.get("success") or "database is locked" not in text:
            return result
        time.sleep(random.uniform(0.5, 2.0) * (attempt + 1))
    return result


def read_score(course: Course, assignment: str, student: str) -> tuple[float, float, dict[str, float]]:
    """(score, maximum, autograded score of each test cell) of a student's submission."""
    with Gradebook(course.shared_gradebook_url) as gb:
        submission = gb.find_submission(assignment, student)
        return float(submission.score), float(submission.max_score), tamper.cell_scores(submission)


def grade_student(api, course: Course, assignment: str, student: str, options: GradeOptions,
                  tests: str = "") -> StudentResult:
    """Autograde one student, recording the journal entry once nbgrader has succeeded.

    `tests` is journal.tests_digest of the assignment, part of what the entry records.
    """
    started = time.monotonic()
    result = StudentResult(student)
    if changed := tamper.changed_submission(course, assignment, student):
        result.problems = [changed]
        return result
    submission = course.folder("submitted", assignment, student)
    if linked := not_regular(submission):
        result.problems = [linked]
        return result
    problems, result.notes = precheck(submission, course.folder("release", assignment))
    digest = journal.grading_digest(course, assignment, student, tests)
    journal.forget(course, assignment, student)
    before = snapshot(course)
    outcome = autograde(api, assignment, student)
    result.outside = changes(before, snapshot(course))
    if outcome.get("success"):
        result.graded = True
        result.score, result.max_score, scores = read_score(course, assignment, student)
        result.notes += graded_notes(course.folder("autograded", assignment, student),
                                     options.timeout, options.memory_limit_mb)
        journal.record(course, assignment, student, {
            "student": student, "digest": digest, "score": result.score,
            "max_score": result.max_score, "graded_at": time.time(), "notes": result.notes,
            **tamper.fingerprint(course, assignment, student, scores),
        })
    else:
        result.problems = problems or [explain_failure(outcome)]
    result.seconds = time.monotonic() - started
    return result


def safe_grade(api, course: Course, assignment: str, student: str, options: GradeOptions,
               tests: str) -> StudentResult:
    """grade_student, turning an unexpected error into a reported problem for that student only."""
    try:
        return grade_student(api, course, assignment, student, options, tests)
    except Exception as error:
        detail = traceback.format_exception_only(error)[-1].strip()
        return StudentResult(student, problems=[f"grading failed unexpectedly: {detail}"])


def worker_main(conn: Connection, course: Course, assignment: str, options: GradeOptions) -> None:
    """Serve tasks from the parent: a student id in, a StudentResult out; None or EOF ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone
    warnings.filterwarnings("ignore")  # nbgrader's SQLAlchemy warnings would garble the progress bar
    try:
        api = grading_api(course, assignment, options)
        tests = journal.tests_digest(course, assignment)
    except Exception as error:
        conn.send(("failed", traceback.format_exception_only(error)[-1].strip()))
        return
    conn.send(("ready", os.getpid()))
    try:
        serve(conn, api, course, assignment, options, tests)
    finally:
        spare_kernel.discard()
        warm_kernel.close_all()


def serve(conn: Connection, api, course: Course, assignment: str, options: GradeOptions, tests: str) -> None:
    """Grade the students the parent sends, one at a time, until it sends None or goes away."""
    while True:
        try:
            student = conn.recv()
        except EOFError:
            return
        if student is None:
            return
        result = safe_grade(api, course, assignment, student, options, tests)
        try:
            conn.send(("done", result))
        except OSError:  # the parent is gone; the journal already holds this grade
            return

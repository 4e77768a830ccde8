"""`medsome grade`: autograde a whole cohort in parallel, robustly, and resumably.

N long-lived worker processes (worker.py) each autograde one student per task. The parent hands
out students, enforces a deadline per student (a hung worker is killed with its kernel and
replaced), survives a worker's death, skips students the journal shows as already graded, and
attributes changes outside the students' folders to the one student running when they happened
(re-grading the suspects one at a time when several were running).
"""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait

import psutil
from nbgrader.api import Gradebook, MissingEntry

from medsome.grading import journal, sandbox, tamper
from medsome.grading.course_folder import Course, GradingError
from medsome.grading.lean import run_worker
from medsome.grading.outcome import GradeOptions, StudentResult
from medsome.grading.progress import Progress, format_duration
from medsome.grading.two_phase import check_assignment

STARTUP_SECONDS = 180


def usable_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def kill_tree(pid: int) -> None:
    """Kill a process and all its descendants (a worker and its kernels)."""
    try:
        parent = psutil.Process(pid)
        processes = [*parent.children(recursive=True), parent]
    except psutil.NoSuchProcess:
        return
    for process in processes:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            continue


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    ready: bool = False
    student: str | None = None
    deadline: float = 0.0


@dataclass
class CohortRun:
    """The outcome of grading one assignment for a cohort."""

    assignment: str
    workers: int
    results: list[StudentResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    sandboxed: bool = True
    mismatches: dict[str, list[str]] = field(default_factory=dict)

    @property
    def failed(self) -> list[StudentResult]:
        return [r for r in self.results if not r.graded]

    def summary(self) -> str:
        graded = sum(r.graded for r in self.results)
        total = len(self.results) + len(self.skipped)
        lines = [f"{self.assignment}: graded {graded} of {len(self.results)} submission(s) in "
                 f"{format_duration(self.seconds)} with {self.workers} worker(s)"
                 + (f"; {len(self.skipped)} already graded, skipped" if self.skipped else "")
                 + f" ({total} in all)."]
        if self.interrupted:
            lines.append("Interrupted: run the same command again to grade the rest.")
        if self.mismatches:
            lines.append("The gradebook differs from the grading record (grade these students again "
                         "with --force --student ...):")
            lines += tamper.describe(self.assignment, self.mismatches)
        if not self.sandboxed:
            lines.append("Graded WITHOUT the sandbox (--no-sandbox): the submissions' code ran with "
                         "your user's rights and could read and change what you can.")
        attention = [r for r in sorted(self.results, key=lambda r: r.student)
                     if r.problems or r.notes or r.outside]
        if attention:
            lines.append("Needs your attention:")
        for r in attention:
            status = "NOT GRADED" if not r.graded else f"graded {r.score:g}/{r.max_score:g}"
            reasons = r.problems + r.notes + [f"wrote outside its folder: {c}" for c in r.outside]
            lines.append(f"  {r.student}: {status}: " + "; ".join(reasons))
        return "\n".join(lines)


def default_deadline(course: Course, assignment: str, timeout: int) -> float:
    """Seconds one student may take at most: every code cell at its timeout, plus margins."""
    import nbformat

    cells = sum(c.cell_type == "code" for p in course.source_notebooks(assignment)
                for c in nbformat.read(p, as_version=4).cells)
    return (timeout + 15) * max(cells, 1) + 120


def require_built(course: Course, assignment: str) -> None:
    """Fail clearly unless the assignment has a student version and a gradebook entry."""
    hint = f"run `medsome build {assignment}` first"
    if not (release := course.folder("release", assignment)).is_dir() or not course.has_gradebook():
        raise GradingError(f"{assignment} has no student version in {release}: {hint}")
    with Gradebook(course.gradebook_url) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise GradingError(f"{assignment} is not in the gradebook: {hint}") from None


class _Pool:
    """Workers fed one student at a time, with deadlines and replacement of dead workers."""

    def __init__(self, course: Course, assignment: str, options: GradeOptions, deadline: float) -> None:
        self.course, self.assignment, self.options, self.deadline = course, assignment, options, deadline
        self.context = multiprocessing.get_context("spawn")  # no forking a process holding ZMQ threads
        self.workers: list[_Worker] = []

    def start_worker(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=run_worker, args=(theirs, self.course, self.assignment, self.options), daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours, deadline=time.monotonic() + STARTUP_SECONDS)
        self.workers.append(worker)
        return worker

    def retire(self, worker: _Worker) -> None:
        kill_tree(worker.process.pid)
        worker.process.join(5)
        self.workers.remove(worker)

    def close(self, graceful: bool = True) -> None:
        """Stop every worker: ask idle ones to finish, then kill what is left with its kernels."""
        for worker in self.workers if graceful else []:
            try:
                worker.conn.send(None)
            except OSError:
                continue
        for worker in list(self.workers):
            worker.process.join(10 if graceful else 0)
            self.retire(worker)

    def _busy(self) -> int:
        return sum(w.student is not None for w in self.workers)

    def _receive(self, worker: _Worker) -> StudentResult | None:
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            return self._died(worker)
        if kind == "failed":
            raise GradingError(f"a grading worker could not start: {payload}")
        worker.ready, worker.student = True, None
        return payload if kind == "done" else None

    def _lost(self, worker: _Worker, why: str) -> StudentResult | None:
        """Retire a dead or stuck worker; its student (if any) is reported with `why`."""
        student, ready = worker.student, worker.ready
        self.retire(worker)
        if not ready:
            raise GradingError(f"a grading worker could not start: {why}")
        return StudentResult(student, problems=[why]) if student else None

    def _died(self, worker: _Worker) -> StudentResult | None:
        worker.process.join(5)
        return self._lost(worker, f"its grading process died (exit code {worker.process.exitcode})")

    def _check(self, worker: _Worker, ready: list) -> StudentResult | None:
        if worker.conn in ready:
            return self._receive(worker)
        if worker.process.sentinel in ready:
            return self._died(worker)
        if time.monotonic() > worker.deadline and (worker.student or not worker.ready):
            limit = self.deadline if worker.ready else STARTUP_SECONDS
            return self._lost(worker, f"it took longer than {format_duration(limit)} and was stopped")
        return None

    def run(self, students: list[str], size: int, progress: Progress, results: list) -> None:
        """Grade `students` with at most `size` at a time, appending one result per student."""
        pending = deque(students)
        while pending or self._busy():
            while len(self.workers) < min(size, len(pending) + self._busy()):
                self.start_worker()
            ready = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], 1.0)
            for worker in list(self.workers):
                result = self._check(worker, ready)
                if result is not None:
                    results.append(result)
                    progress.advance()
                if worker in self.workers and worker.ready and worker.student is None and pending \
                        and self._busy() < size:
                    worker.student = pending.popleft()
                    worker.deadline = time.monotonic() + self.deadline
                    worker.conn.send(worker.student)
        progress.close()


def attribute_outside(results: list[StudentResult]) -> set[str]:
    """Students whose outside changes were also seen while another student was being graded."""
    seen: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for change in result.outside:
            seen[change].add(result.student)
    return {r.student for r in results if any(len(seen[c]) > 1 for c in r.outside)}


def confirm_outside(first: list[StudentResult], alone: list[StudentResult]) -> list[StudentResult]:
    """Results where each suspect keeps only the changes it also made when graded alone."""
    again = {r.student: r for r in alone}
    for result in first:
        if result.student in again:
            paths = {change.split(" ", 1)[1] for change in again[result.student].outside}
            result.outside = [c for c in result.outside if c.split(" ", 1)[1] in paths]
    return [again[r.student] if r.student in again and not again[r.student].graded else r for r in first]


TIMED_OUT = ("timeout", "stopped answering", "took longer than")


def timed_out(results: list[StudentResult]) -> list[str]:
    """Students whose grading ran into a time limit while others were graded beside them."""
    return sorted(r.student for r in results if any(m in text for text in r.problems + r.notes
                                                    for m in TIMED_OUT))


def regraded_alone(first: list[StudentResult], alone: list[StudentResult]) -> list[StudentResult]:
    """Results where each student graded again alone keeps that grade, with a note saying so."""
    again = {r.student: r for r in alone}
    for result in again.values():
        result.notes.append("ran into a time limit while others were graded; graded again alone")
    return [again.get(r.student, r) for r in first]


def select_students(course: Course, assignment: str, patterns: list[str] | None) -> list[str]:
    """Submitted students, optionally only those matching shell-style patterns."""
    students = course.students("submitted", assignment)
    if not students:
        raise GradingError(f"no submissions of {assignment} in the submitted step of {course.root}: "
                           f"run `medsome collect {assignment}` first")
    if patterns:
        students = [s for s in students if any(fnmatch.fnmatchcase(s, p) for p in patterns)]
        if not students:
            raise GradingError(f"no submitted student matches {', '.join(patterns)}")
    return students


def grade_cohort(course: Course, assignment: str, *, workers: int | None = None,
                 options: GradeOptions | None = None, students: list[str] | None = None,
                 force: bool = False, deadline: float | None = None) -> CohortRun:
    """Autograde every (selected) submission of `assignment`, resuming an interrupted run.

    The per-cell timeout is resolved here, once (Course.cell_timeout), for the workers' nbgrader,
    phase one and the per-student deadline.
    """
    options = options or GradeOptions()
    options = replace(options, timeout=course.cell_timeout(options.timeout))
    require_built(course, assignment)
    check_assignment(course, assignment)
    if options.sandbox:
        sandbox.require()
    chosen = select_students(course, assignment, students)
    done, tests = journal.entries(course, assignment), journal.tests_digest(course, assignment)
    todo = [s for s in chosen if force or not journal.is_current(
        done.get(s), journal.grading_digest(course, assignment, s, tests))]
    size = max(1, min(workers or usable_cores(), len(todo) or 1))
    run = CohortRun(assignment, size, skipped=[s for s in chosen if s not in todo], sandboxed=options.sandbox)
    deadline = deadline or default_deadline(course, assignment, options.timeout)
    pool = _Pool(course, assignment, options, deadline)
    started = time.monotonic()
    progress = Progress(len(todo), f"grading {assignment}")
    try:
        pool.run(todo, size, progress, run.results)
        if size > 1 and (slow := timed_out(run.results)):  # a busy machine, or the student's own loop?
            alone: list[StudentResult] = []
            pool.run(slow, 1, Progress(len(slow), "regrading alone what timed out"), alone)
            run.results = regraded_alone(run.results, alone)
        suspects = attribute_outside(run.results)
        if suspects:  # several ran at once: grade each suspect alone to see who really wrote
            again: list[StudentResult] = []
            pool.run(sorted(suspects), 1, Progress(len(suspects), "confirming"), again)
            run.results = confirm_outside(run.results, again)
    except KeyboardInterrupt:
        run.interrupted = True
    finally:
        pool.close(graceful=not run.interrupted)
        run.seconds = time.monotonic() - started
    run.mismatches = tamper.mismatches(course, assignment, chosen)
    return run

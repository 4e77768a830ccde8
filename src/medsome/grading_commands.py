"""The grading subcommands of `medsome`: build, release, collect, grade, feedback, export, report, check.

medsome.cli calls add_commands(subparsers) to register them on its parser; each says who it is for
(its `audience` default), which groups `medsome --help`. They are the command line over
`medsome.grading`, an entry point beside cli.py: the grading package imports no command line.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from medsome.commandline import command
from medsome.errors import MedsomeError
from medsome.grading.course_folder import Course
from medsome.grading.defaults import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT_S

ASSIGNMENT_HELP = "the assignment's id or number, e.g. 02 or 02_identification"
EXCHANGE_DIR_HELP = "nbgrader's exchange folder, when not c.Exchange.root of the course"


def _quiet() -> None:
    """Hide SQLAlchemy's warnings about nbgrader's sessions: noise to an instructor."""
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def _build(args: argparse.Namespace) -> int:
    from medsome.grading.student_versions import build

    _quiet()
    for built in build(Course.open(args.course), args.assignments):
        print(f"built {built.summary()}")
    return 0


def _release(args: argparse.Namespace) -> int:
    from medsome.grading.exchange import release_assignment

    _quiet()
    course = Course.open(args.course)
    print(release_assignment(course, course.resolve(args.assignment), args.exchange_dir))
    return 0


def _collect(args: argparse.Namespace) -> int:
    from medsome.grading.intake import collect_exchange, collect_files

    _quiet()
    course = Course.open(args.course)
    assignment = course.resolve(args.assignment)
    if args.source is not None:
        intake = collect_files(course, assignment, args.source, args.pattern)
    else:
        intake = collect_exchange(course, assignment, args.exchange_dir)
    print(intake.summary())
    return 0 if intake.students else 1


def _grade(args: argparse.Namespace) -> int:
    from medsome.grading.lean import skip_unused_imports

    skip_unused_imports()
    from medsome.grading.autograde import grade_cohort
    from medsome.grading.kernel_manager import can_cap_memory
    from medsome.grading.outcome import GradeOptions

    _quiet()
    if args.memory_limit and not can_cap_memory():
        print("medsome: this platform cannot cap a kernel's memory; grading without a cap", file=sys.stderr)
    course = Course.open(args.course)
    run = grade_cohort(
        course, course.resolve(args.assignment), workers=args.workers,
        options=GradeOptions(timeout=args.timeout, memory_limit_mb=args.memory_limit,
                             sandbox=not args.no_sandbox),
        students=args.student, force=args.force,
    )
    print(run.summary())
    return 130 if run.interrupted else (1 if run.failed or run.mismatches else 0)


def _feedback(args: argparse.Namespace) -> int:
    from medsome.grading.feedback_files import write_feedback

    _quiet()
    course = Course.open(args.course)
    names = [course.resolve(a) for a in args.assignments] or [
        a for a in course.assignment_ids() if course.students("autograded", a)]
    if not names:
        raise MedsomeError("nothing has been autograded yet: run `medsome grade ASSIGNMENT` first")
    runs = [write_feedback(course, name, show_hidden=args.show_hidden_tests, keys=args.with_keys)
            for name in names]
    for run in runs:
        print(run.summary())
    if args.release or args.exchange_dir:
        from medsome.grading.exchange import release_feedback

        for name in names:
            print(release_feedback(course, name, args.exchange_dir))
    return 1 if any(run.failed for run in runs) else 0


def _export(args: argparse.Namespace) -> int:
    from medsome.grading.export import export

    _quiet()
    course = Course.open(args.course)
    for path in export(course, args.out or course.root / "exports"):
        print(f"wrote {path}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from medsome.grading.report import write_report

    _quiet()
    course = Course.open(args.course)
    print(f"wrote {write_report(course, args.out or course.root / 'reports')}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from medsome.grading.lean import skip_unused_imports

    skip_unused_imports()
    from medsome.grading import sandbox
    from medsome.grading.outcome import GradeOptions
    from medsome.grading.workspace_check import self_check
    from medsome.workspace import default_workspace

    workspace = (args.workspace or default_workspace()).resolve()
    # A learner checks their own work on their own machine: sandboxed where possible, never refused.
    options = GradeOptions(timeout=args.timeout, memory_limit_mb=args.memory_limit,
                           sandbox=sandbox.missing() is None)
    report, result = self_check(Course.open(args.course), args.assignment, workspace, options,
                                final=args.final)
    print(report)
    return 0 if result.graded else 1


def _course_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--course", type=Path, default=None,
                        help="nbgrader course folder (default: $MEDSOME_COURSE_ROOT, else the "
                             "repository's assignments/)")


def _limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=int, default=None, metavar="S",
                        help="seconds each cell may run (default: c.Execute.timeout of the course, "
                             f"else {DEFAULT_TIMEOUT_S})")
    parser.add_argument("--memory-limit", type=int, default=DEFAULT_MEMORY_MIB, metavar="MB",
                        help="address-space cap of each grading kernel in MiB (0: none; "
                             "default %(default)s)")


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register the grading subcommands on medsome's subparsers."""
    build = command(subparsers, "build", "instructor", "generate student versions into release/", _build)
    build.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                       help=f"{ASSIGNMENT_HELP} (default: all)")
    _course_option(build)

    release = command(subparsers, "release", "instructor", "put a built assignment in nbgrader's exchange",
                       _release)
    release.add_argument("assignment", metavar="ASSIGNMENT", help=ASSIGNMENT_HELP)
    release.add_argument("--exchange-dir", type=Path, metavar="DIR", help=EXCHANGE_DIR_HELP)
    release.add_argument("--exchange", type=Path, dest="exchange_dir", help=argparse.SUPPRESS)  # old name
    _course_option(release)

    collect = command(subparsers, "collect", "instructor",
                       "take in submissions: from nbgrader's exchange, a folder or an LMS zip", _collect)
    collect.add_argument("assignment", metavar="ASSIGNMENT", help=ASSIGNMENT_HELP)
    source = collect.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="source", type=Path, metavar="FOLDER_OR_ZIP",
                        help="a folder (one subfolder or file per student) or an LMS zip archive")
    source.add_argument("--exchange", action="store_true",
                        help="nbgrader's exchange, c.Exchange.root of the course")
    source.add_argument("--exchange-dir", type=Path, metavar="DIR",
                        help="nbgrader's exchange in another folder")
    collect.add_argument("--pattern", metavar="REGEX",
                         help="regular expression with (?P<student_id>...) matched on each file's path")
    _course_option(collect)

    grade = command(subparsers, "grade", "instructor",
                     "autograde every submission of an assignment, in parallel", _grade)
    grade.add_argument("assignment", metavar="ASSIGNMENT", help=ASSIGNMENT_HELP)
    grade.add_argument("--workers", type=int, default=None, help="parallel workers (default: all cores)")
    grade.add_argument("--student", action="append", metavar="PATTERN",
                       help="only these students (shell pattern; repeatable)")
    grade.add_argument("--force", action="store_true", help="grade again students already graded")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="grade without the sandbox where it cannot be set up (the submissions' "
                            "code then runs with your rights)")
    _limit_options(grade)
    _course_option(grade)

    feedback = command(subparsers, "feedback", "instructor", "write every student's feedback HTML",
                        _feedback)
    feedback.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                          help=f"{ASSIGNMENT_HELP} (default: all autograded)")
    feedback.add_argument("--show-hidden-tests", action="store_true",
                          help="keep hidden tests' code and tracebacks in the feedback")
    feedback.add_argument("--with-keys", action="store_true",
                          help="explain the expert key of each judgement item (once the resubmission "
                               "window has closed; without it, feedback shows scores only)")
    release_to = feedback.add_mutually_exclusive_group()
    release_to.add_argument("--release", action="store_true",
                            help="also put it in nbgrader's exchange (c.Exchange.root) for residents "
                                 "to fetch")
    release_to.add_argument("--exchange-dir", type=Path, metavar="DIR",
                            help="the same as --release, into the exchange in this folder")
    _course_option(feedback)

    export = command(subparsers, "export", "instructor", "grades.csv and questions.csv from the gradebook",
                      _export)
    export.add_argument("--out", type=Path, help="folder (default: COURSE/exports)")
    _course_option(export)

    report = command(subparsers, "report", "instructor",
                      "cohort report: score distributions, item analysis", _report)
    report.add_argument("--out", type=Path, help="folder (default: COURSE/reports)")
    _course_option(report)

    check = command(subparsers, "check", "learner",
                     "grade your own copy of an assignment (self-study), hidden tests included", _check)
    check.add_argument("assignment", metavar="ASSIGNMENT", help=ASSIGNMENT_HELP)
    check.add_argument("--workspace", type=Path, help="your workspace (default: ./workspace)")
    check.add_argument("--final", action="store_true",
                       help="confirm this is your final attempt: record the score and explain the expert key")
    _limit_options(check)
    _course_option(check)

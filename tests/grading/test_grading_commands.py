"""The grading subcommands register on medsome's parser, parse unambiguously and fail in one line."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from medsome.cli import build_parser
from medsome.cli import main as run
from medsome.grading.defaults import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT_S
from medsome.grading.worker import GradeOptions, StudentResult
from medsome.grading_commands import add_commands

GRADING_DOC = Path(__file__).resolve().parents[2] / "docs" / "grading.md"


def test_add_commands_registers_every_grading_command() -> None:
    parser = argparse.ArgumentParser(prog="medsome")
    commands = parser.add_subparsers(dest="command", required=True)
    add_commands(commands)
    assert {"build", "release", "collect", "grade", "feedback", "export", "report", "check"} <= set(
        commands.choices)
    args = parser.parse_args(["grade", "02", "--workers", "3", "--timeout", "5", "--memory-limit", "0"])
    assert (args.workers, args.timeout, args.memory_limit) == (3, 5, 0) and callable(args.run)


def test_the_medsome_parser_has_them() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"start", "workspace", "build", "grade", "check", "hub"} <= set(commands.choices)


def test_collect_needs_exactly_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["collect", "02"])
    assert stopped.value.code == 2
    assert "one of the arguments --from --exchange --exchange-dir is required" in capsys.readouterr().err


def test_commands_on_a_missing_course_fail_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["grade", "x"], ["export"], ["report"], ["feedback"], ["collect", "x", "--exchange"]):
        assert run([*command, "--course", "/nonexistent"]) == 1
        assert capsys.readouterr().err.count("\n") == 1


def test_feedback_release_does_not_swallow_the_assignment() -> None:
    args = build_parser().parse_args(["feedback", "--release", "02"])
    assert (args.assignments, args.release, args.exchange_dir) == (["02"], True, None)
    args = build_parser().parse_args(["feedback", "02", "--exchange-dir", "/srv/exchange"])
    assert (args.assignments, args.release, args.exchange_dir) == (["02"], False, Path("/srv/exchange"))


def test_collect_exchange_does_not_swallow_the_assignment() -> None:
    args = build_parser().parse_args(["collect", "--exchange", "02"])
    assert (args.assignment, args.exchange, args.exchange_dir, args.source) == ("02", True, None, None)
    args = build_parser().parse_args(["collect", "02", "--exchange-dir", "/srv/exchange"])
    assert (args.assignment, args.exchange, args.exchange_dir) == ("02", False, Path("/srv/exchange"))


def test_release_keeps_its_old_exchange_spelling() -> None:
    for option in ("--exchange", "--exchange-dir"):
        args = build_parser().parse_args(["release", option, "/srv/exchange", "02"])
        assert (args.assignment, args.exchange_dir) == ("02", Path("/srv/exchange"))


def test_the_grading_defaults_have_one_home() -> None:
    parser = build_parser()
    for command in ("grade", "check"):
        args = parser.parse_args([command, "02"])
        assert (args.timeout, args.memory_limit) == (None, DEFAULT_MEMORY_MIB)
    assert GradeOptions().memory_limit_mb == DEFAULT_MEMORY_MIB


def test_grading_md_states_the_defaults_of_the_code() -> None:
    text = GRADING_DOC.read_text(encoding="utf-8")
    stated = re.findall(r"default (\d+) MiB", text)
    assert stated and {int(n) for n in stated} == {DEFAULT_MEMORY_MIB}
    assert {int(n) for n in re.findall(r"c\.Execute\.timeout`[^|]*, else (\d+) s\b", text)} == {
        DEFAULT_TIMEOUT_S}


def test_check_that_cannot_grade_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import medsome.grading.workspace_check as workspace_check

    def cannot_grade(course: Path, assignment: str, workspace: Path, options: GradeOptions,
                     final: bool = False):
        problem = "the kernel died"
        return f"Self-check of {assignment}: could not grade your copy.\n  {problem}", StudentResult(
            "self_study", graded=False, problems=[problem])

    monkeypatch.setattr(workspace_check, "self_check", cannot_grade)
    assert run(["check", "02", "--workspace", str(tmp_path)]) == 1
    assert "could not grade your copy" in capsys.readouterr().out
    monkeypatch.setattr(workspace_check, "self_check",
                        lambda *a, **kw: ("Self-check of 02", StudentResult("self_study", graded=True)))
    assert run(["check", "02", "--workspace", str(tmp_path)]) == 0


def test_check_of_a_missing_copy_fails_in_one_line(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "02", "--workspace", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("medsome: no copy of 02_") and err.count("\n") == 1


def test_the_cell_timeout_is_resolved_once_with_nbgrader_s_default(tmp_path: Path) -> None:
    from traitlets.config import Config

    from medsome.grading.course_folder import Course, GradingError
    from medsome.grading.limits import nbgrader_timeout

    assert nbgrader_timeout() == DEFAULT_TIMEOUT_S, "the help's and a self-check's default is nbgrader's"
    course = Course(tmp_path, Config())
    assert course.cell_timeout() == nbgrader_timeout()
    assert course.cell_timeout(default=lambda: 7) == 7
    course.config.Execute.timeout = 60
    assert (course.cell_timeout(), course.cell_timeout(5)) == (60, 5)
    assert course.cell_timeout(default=lambda: 7) == 60
    for meaningless in (0, -1):  # nbgrader would run without a cell timeout while the deadline assumed one
        with pytest.raises(GradingError, match=rf"a cell timeout of {meaningless} s cannot grade.*--timeout"):
            course.cell_timeout(meaningless)
    course.config.Execute.timeout = None
    with pytest.raises(GradingError, match=r"None s cannot grade.*c\.Execute\.timeout"):
        course.cell_timeout()

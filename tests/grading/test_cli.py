"""The grading subcommands register on medsome's parser and print errors as one line."""

from __future__ import annotations

import argparse

import pytest

from medsome.cli import build_parser
from medsome.cli import main as run
from medsome.grading.cli import GRADING_COMMANDS, add_commands


def test_add_commands_registers_every_grading_command() -> None:
    parser = argparse.ArgumentParser(prog="medsome")
    commands = parser.add_subparsers(dest="command", required=True)
    add_commands(commands)
    assert set(GRADING_COMMANDS) <= set(commands.choices)
    args = parser.parse_args(["grade", "02", "--workers", "3", "--timeout", "5", "--memory-limit", "0"])
    assert (args.workers, args.timeout, args.memory_limit) == (3, 5, 0) and callable(args.run)


def test_the_medsome_parser_has_them() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"start", "workspace", *GRADING_COMMANDS} <= set(commands.choices)


def test_collect_needs_exactly_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["collect", "02"])
    assert "one of the arguments --from --exchange is required" in capsys.readouterr().err


def test_commands_on_a_missing_course_fail_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["grade", "x"], ["export"], ["report"], ["feedback"], ["collect", "x", "--exchange"]):
        assert run([*command, "--course", "/nonexistent"]) == 2
        assert capsys.readouterr().err.count("\n") == 1

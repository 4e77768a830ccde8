"""How `medsome`'s commands are registered by audience, listed in --help, parsed and run.

cli.py registers the learners' and maintainers' commands, grading_commands.py the instructors' and
hub.py the hub operator's, each through `command`; `run` gives every entry point the same exit
codes: 0 done, 1 a command that failed, 2 a usage error (argparse's), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from medsome.errors import MedsomeError

# Who each command is for, in the order `medsome --help` lists them, with that group's heading.
AUDIENCES = {"learner": "for learners", "instructor": "for instructors",
             "maintainer": "for course maintainers", "hub operator": "for the JupyterHub operator"}


def command(subparsers: argparse._SubParsersAction, name: str, audience: str, summary: str,
            run: Callable[[argparse.Namespace], int] | None = None) -> argparse.ArgumentParser:
    """Register the subcommand `name` for `audience` (a key of AUDIENCES); it runs `run(args)`.

    Without `run`, the command's own subcommands set it (as `medsome hub`'s do).
    """
    if audience not in AUDIENCES:
        raise ValueError(f"{name}: unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    parser = subparsers.add_parser(name, help=summary, description=summary)
    parser.set_defaults(audience=audience, **({"run": run} if run else {}))
    return parser


def command_groups(commands: argparse._SubParsersAction) -> str:
    """The commands listed under their audiences' headings, as `medsome --help` ends."""
    summaries = {action.dest: action.help for action in commands._get_subactions()}
    width = max(map(len, summaries)) + 2
    parts = []
    for audience, heading in AUDIENCES.items():
        names = [n for n, parser in commands.choices.items() if parser.get_default("audience") == audience]
        parts.append("\n".join([f"commands {heading}:", *(f"  {n:<{width}}{summaries[n]}" for n in names)]))
    return "\n\n".join([*parts, "`medsome COMMAND --help` shows a command's arguments."])


def unrecognized(parser: argparse.ArgumentParser, strings: list[str]) -> None:
    """Stop with argparse's usage error (exit code 2)."""
    parser.error(f"unrecognized arguments: {' '.join(strings)}")


def parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse `argv`; a command with a `pass_through` default gets the arguments it does not know.

    Those are what follows `--`, or, without `--`, every argument it does not know (JupyterLab's
    or the server's own options).
    """
    args, rest = parser.parse_known_args(argv)
    destination = getattr(args, "pass_through", None)
    if destination is None:
        if rest:
            unrecognized(parser, rest)
        return args
    if "--" in rest:
        at = rest.index("--")
        if at:
            unrecognized(parser, rest[:at])
        rest = rest[at + 1:]
    setattr(args, destination, rest)
    return args


def run(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> int:
    """Run the command `argv` names: 0 done, 1 failed, 2 usage error (argparse's), 130 interrupted."""
    args = parse(parser, argv)
    try:
        return args.run(args)
    except MedsomeError as error:
        print(f"medsome: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("medsome: interrupted", file=sys.stderr)
        return 130

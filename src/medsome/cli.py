"""The `medsome` command, for learners, instructors, course maintainers and the hub operator.

Each command is registered once, with its audience (commandline.command); `medsome --help` lists
them by audience. Exit codes: 0 done, 1 the command failed, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from medsome import __version__
from medsome.commandline import command, command_groups, run
from medsome.grading_commands import add_commands
from medsome.hub import add_commands as add_hub_commands
from medsome.toolchain import ensure_env_bin_on_path

# Where JupyterLab opens (LabApp.default_url in deploy/singleuser/selfstudy), relative to the workspace.
FIRST_LESSON = "lessons/00_orientation/00_orientation_lesson.ipynb"


def learner_environment(env: dict[str, str]) -> dict[str, str]:
    """`env` for the learner's JupyterLab: the environment's bin/ on PATH, the learner's config first.

    Self-study settings come first (no assignment list, the orientation lesson as landing page),
    then the resident's interface, which the hub's residents get alone.
    """
    from medsome.paths import learner_config_dir, selfstudy_config_dir

    env = ensure_env_bin_on_path(env)
    given = filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))
    paths = [str(selfstudy_config_dir()), str(learner_config_dir()), *given]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    return env


def _start(args: argparse.Namespace) -> int:
    from medsome.workspace import prepare_workspace

    report = prepare_workspace(args.workspace)
    print(report.summary())
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={report.root}",
        f"--ServerApp.port={args.port}",
    ]
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers often run as root; Jupyter refuses otherwise
    command += args.jupyter_args  # JupyterLab opens at FIRST_LESSON: see deploy/singleuser/selfstudy
    sys.stdout.flush()
    os.execve(sys.executable, command, learner_environment(dict(os.environ)))
    return 0  # not reached: exec replaces this process


def _workspace(args: argparse.Namespace) -> int:
    from medsome.workspace import prepare_workspace

    print(prepare_workspace(args.workspace).summary())
    return 0


def _datasets(args: argparse.Namespace) -> int:
    from medsome.datasets.generate import build_all, stale_files

    if args.action == "build":
        for path in build_all():
            print(f"wrote {path}")
        return 0
    stale = stale_files()
    for name in stale:
        print(f"differs from a fresh regeneration: {name}")
    print("datasets are up to date" if not stale else "run `medsome datasets build`")
    return 1 if stale else 0


def _blueprint(args: argparse.Namespace) -> int:
    from medsome.atomic import write_text
    from medsome.blueprint import figures, generated_parts, load_blueprint, refresh_guide
    from medsome.item_review import VERSIONS_FILE, review_record, versions_record
    from medsome.paths import assignments_dir, course_root

    blueprint, sources = load_blueprint(), assignments_dir() / "source"
    for found in figures(blueprint, sources):
        print(found.line())
    if args.update_docs:
        docs = course_root() / "docs"
        record, verdicts = review_record(blueprint, sources, docs / "reviews")
        write_text(docs / "item_review.csv", record)
        write_text(docs / "reviews" / VERSIONS_FILE, versions_record(blueprint, sources, docs / "reviews"))
        guide = docs / "assessment.md"
        write_text(guide, refresh_guide(guide, {**generated_parts(blueprint, sources), "review": verdicts}))
        print(f"rewrote docs/item_review.csv, docs/reviews/{VERSIONS_FILE} and the tables of {guide}")
    return 0


def _defences(args: argparse.Namespace) -> int:
    from medsome.atomic import write_text
    from medsome.grading.defences import DEFENCES, describe, doc_parts, refresh_doc
    from medsome.paths import course_root

    for defence in DEFENCES:
        print(describe(defence))
    if args.update_docs:
        guide = course_root() / "docs" / "grading.md"
        write_text(guide, refresh_doc(guide, doc_parts()))
        print(f"rewrote the Given and Not given tables of {guide}")
    return 0


def _draft(args: argparse.Namespace) -> int:
    from medsome.disclosure import analyse_draft

    print(analyse_draft(args.text, args.photo))
    return 0


def _site(args: argparse.Namespace) -> int:
    from medsome.site.build import build_site

    built = build_site(args.out, instructor=args.instructor)
    edition = "instructor edition: do not share it with learners" if args.instructor else "public edition"
    print(f"website ({edition}): {built.html / 'index.html'}")
    for path in built.handouts:
        print(f"handout: {path}")
    print(f"built in {built.seconds:.0f} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medsome", usage="%(prog)s [-h] [--version] COMMAND ...",
        description="The ethics of medical social media: a course for residents.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", prog="medsome",
                                     help=argparse.SUPPRESS)  # listed by audience in the epilog

    start = command(commands, "start", "learner", "prepare your workspace and open it in JupyterLab", _start)
    start.usage = "%(prog)s [-h] [--workspace WORKSPACE] [--port PORT] [--no-browser] [-- JUPYTER_ARG ...]"
    start.epilog = "Arguments after -- go to jupyter lab unchanged, e.g. -- --ServerApp.ip=0.0.0.0"
    start.add_argument("--workspace", type=Path, help="workspace folder (default: ./workspace)")
    start.add_argument("--port", type=int, default=8888, help="port for JupyterLab (default %(default)s)")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.set_defaults(pass_through="jupyter_args")

    workspace = command(commands, "workspace", "learner", "prepare the workspace without starting",
                        _workspace)
    workspace.add_argument("--workspace", type=Path, help="workspace folder (default: ./workspace)")

    datasets = command(commands, "datasets", "maintainer", "rebuild or check the sample datasets", _datasets)
    datasets.add_argument("action", choices=["build", "check"],
                          help="build: regenerate them; check: fail if a file differs from a regeneration")

    blueprint = command(commands, "blueprint", "maintainer",
                        "how each assignment's points divide between judgement, findings and code",
                        _blueprint)
    blueprint.add_argument("--update-docs", action="store_true",
                           help="rewrite the tables of docs/assessment.md from docs/blueprint.csv")

    defences = command(commands, "defences", "maintainer",
                       "each threat grading defends against: what stops it, where, which tests prove it",
                       _defences)
    defences.add_argument("--update-docs", action="store_true",
                          help="rewrite the Given and Not given tables of docs/grading.md from the catalogue")

    draft = command(commands, "draft", "learner",
                    "what a draft post gives away: identifying details, the candidate count, a rewrite",
                    _draft)
    draft.add_argument("text", help="the text of the draft, in quotes")
    draft.add_argument("--photo", type=Path, help="a JPEG photo to attach: its metadata is read too")

    site = command(commands, "site", "maintainer",
                   "the course as a website, and printable handouts for discussion sessions", _site)
    site.add_argument("action", choices=["build"], help="build: write the website and the handouts")
    site.add_argument("--instructor", action="store_true",
                      help="the instructor edition: adds the facilitator guides and handouts, and says on "
                           "every page not to share it with learners")
    site.add_argument("--out", type=Path, default=Path("site-build"),
                      help="output folder (default: %(default)s/); the website is in its html/")

    add_commands(commands)  # build, release, collect, grade, feedback, export, report, check

    hub = command(commands, "hub", "hub operator",
                  "the course on JupyterHub: its course folder, gradebook and residents' servers")
    add_hub_commands(hub.add_subparsers(dest="hub_command", required=True, metavar="HUB_COMMAND"))

    parser.epilog = command_groups(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())

"""The `medsome` command: start the course, prepare the workspace, rebuild the datasets, grade."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from medsome.errors import MedsomeError
from medsome.grading.cli import add_commands
from medsome.toolchain import ensure_env_bin_on_path

FIRST_LESSON = "lessons/00_orientation/00_orientation_lesson.ipynb"


def learner_environment(env: dict[str, str]) -> dict[str, str]:
    """`env` for the learner's JupyterLab: the environment's bin/ on PATH, the learner's config first."""
    from medsome.paths import learner_config_dir

    env = ensure_env_bin_on_path(env)
    paths = [str(learner_config_dir()), *filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
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
    command += args.jupyter_args
    if (report.root / FIRST_LESSON).is_file():
        command.append(str(report.root / FIRST_LESSON))
    sys.stdout.flush()
    os.execve(sys.executable, command, learner_environment(dict(os.environ)))
    return 0  # not reached: exec replaces this process


def _workspace(args: argparse.Namespace) -> int:
    from medsome.workspace import prepare_workspace

    print(prepare_workspace(args.workspace).summary())
    return 0


def _datasets(args: argparse.Namespace) -> int:
    from medsome.datasets.build import build_all, stale_files

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
    from medsome.paths import assignments_dir, course_root

    blueprint, sources = load_blueprint(), assignments_dir() / "source"
    for found in figures(blueprint, sources):
        print(found.line())
    if args.update_docs:
        guide = course_root() / "docs" / "assessment.md"
        write_text(guide, refresh_guide(guide, generated_parts(blueprint, sources)))
        print(f"rewrote the generated tables of {guide}")
    return 0


def _draft(args: argparse.Namespace) -> int:
    from medsome.disclosure import analyse_draft

    print(analyse_draft(args.text, args.photo))
    return 0


def _site(args: argparse.Namespace) -> int:
    from medsome.site.build import build_site

    built = build_site(args.out)
    print(f"website: {built.html / 'index.html'}")
    for path in built.handouts:
        print(f"handout: {path}")
    print(f"built in {built.seconds:.0f} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medsome", description="The ethics of medical social media: a course for residents."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    start = commands.add_parser("start", help="prepare your workspace and open it in JupyterLab")
    start.add_argument("--workspace", type=Path, help="workspace folder (default: ./workspace)")
    start.add_argument("--port", type=int, default=8888, help="port for JupyterLab (default 8888)")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.add_argument("jupyter_args", nargs=argparse.REMAINDER,
                       help="after --, arguments passed to jupyter lab unchanged")
    start.set_defaults(run=_start)

    workspace = commands.add_parser("workspace", help="prepare the workspace without starting")
    workspace.add_argument("--workspace", type=Path, help="workspace folder (default: ./workspace)")
    workspace.set_defaults(run=_workspace)

    datasets = commands.add_parser("datasets", help="rebuild or check the sample datasets")
    datasets.add_argument("action", choices=["build", "check"])
    datasets.set_defaults(run=_datasets)

    blueprint = commands.add_parser(
        "blueprint", help="how each assignment's points divide between judgement, findings and code")
    blueprint.add_argument("--update-docs", action="store_true",
                           help="rewrite the tables of docs/assessment.md from docs/blueprint.csv")
    blueprint.set_defaults(run=_blueprint)

    draft = commands.add_parser(
        "draft", help="what a draft post gives away: identifying details, the candidate count, a rewrite")
    draft.add_argument("text", help="the text of the draft, in quotes")
    draft.add_argument("--photo", type=Path, help="a JPEG photo to attach: its metadata is read too")
    draft.set_defaults(run=_draft)

    site = commands.add_parser(
        "site", help="the course as a website, and printable handouts for discussion sessions")
    site.add_argument("action", choices=["build"])
    site.add_argument("--out", type=Path, default=Path("site-build"),
                      help="output folder (default: site-build/); the website is in its html/")
    site.set_defaults(run=_site)

    add_commands(commands)  # build, collect, grade, feedback, export, report, check
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jupyter_args", None) and args.jupyter_args[0] == "--":
        args.jupyter_args = args.jupyter_args[1:]
    try:
        return args.run(args)
    except MedsomeError as error:
        print(f"medsome: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

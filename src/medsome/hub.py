"""The course on JupyterHub: the instructors' course folder on the hub.

It is a copy of assignments/ (config and sources) whose nbgrader_config.py also names the shared
exchange and, when GRADEBOOK_ENV is set (the hub sets it for instructors), a PostgreSQL gradebook.
Every `medsome` grading command (build, release, collect --exchange, grade, feedback --release,
export, report) then works on it with `--course`. deploy/ holds the hub's configuration and
docs/deployment.md the guide. The hub operator runs these commands as `medsome hub ...`;
`python -m medsome.hub ...` is the same (JupyterHub's configuration starts servers that way).

    medsome hub prepare /srv/medsome/course --exchange /srv/nbgrader/exchange \
        --instructors instructors
    medsome hub gradebook --course /srv/medsome/course

With `--instructors GROUP` (as root), the course folder, the checkout's assignments/ (the sources,
with solutions and hidden tests) and its facilitator/ guides become readable by that Unix group
only: residents' servers run the same environment, installed from the checkout, and must not read
them.

A resident's server starts through `python -m medsome.hub singleuser --workspace ~/course --
jupyterhub-singleuser ...`, which first adds new lessons to their workspace (keeping their edits).
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
from pathlib import Path

from medsome.errors import MedsomeError
from medsome.grading.course_folder import CONFIG_FILE, Course
from medsome.manifest import load_course
from medsome.paths import assignments_dir, course_root

COURSE_ID = "medsome"
GRADEBOOK_ENV = "MEDSOME_GRADEBOOK_URL"
GRADEBOOK_FILE_ENV = "MEDSOME_GRADEBOOK_URL_FILE"  # a file holding the URL (a mounted secret)
HUB_MARKER = "# --- JupyterHub deployment"
EXCHANGE_MODE = 0o1777  # every resident's server writes into it; the sticky bit guards others' files

HUB_SETTINGS = '''
{marker} (written by `python -m medsome.hub prepare`) ---
import os  # noqa: E402

c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True
# The gradebook: PostgreSQL (or any SQLAlchemy URL) when {env} is set, as the hub does for
# instructors, or read from the file {env_file} names (a mounted secret); otherwise
# nbgrader's SQLite default, gradebook.db in this folder.
if os.environ.get({env!r}):
    c.CourseDirectory.db_url = os.environ[{env!r}]
elif os.environ.get({env_file!r}):
    with open(os.environ[{env_file!r}], encoding="utf-8") as url_file:
        c.CourseDirectory.db_url = url_file.read().strip()
'''


class HubError(MedsomeError):
    """The hub's course cannot be prepared or used; the message says what to do."""


def hub_config_text(base: str, exchange: Path, course_id: str = COURSE_ID) -> str:
    """The course's nbgrader_config.py text with the hub settings appended (replacing old ones)."""
    own = base.split(HUB_MARKER, 1)[0].rstrip() + "\n"
    return own + HUB_SETTINGS.format(marker=HUB_MARKER, course_id=course_id, exchange=str(exchange),
                                     env=GRADEBOOK_ENV, env_file=GRADEBOOK_FILE_ENV)


def prepare_course(dest: Path, exchange: Path, course_id: str = COURSE_ID) -> Path:
    """Copy the course's nbgrader config and sources to `dest`, set up for the hub's exchange.

    The sources are the assignments the course manifest lists (course/course.toml), replacing
    those `dest` held, where its nbgrader layout puts them; generated folders (release/, submitted/, ...) and
    the gradebook are kept, so preparing again after a course update loses no grade.
    """
    dest, exchange = dest.expanduser().resolve(), exchange.expanduser().resolve()
    if dest == assignments_dir().resolve():
        raise HubError(f"{dest} is the repository's own assignments/: prepare the hub's course elsewhere")
    dest.mkdir(parents=True, exist_ok=True)
    base = (assignments_dir() / CONFIG_FILE).read_text(encoding="utf-8")
    (dest / CONFIG_FILE).write_text(hub_config_text(base, exchange, course_id), encoding="utf-8")
    repository, course = Course(assignments_dir()), Course(dest)
    names = [a.folder for a in load_course().assignments]
    missing = [name for name in names if not repository.folder("source", name).is_dir()]
    if missing:
        raise HubError(f"course/course.toml lists {', '.join(missing)}, missing from the source of "
                       f"{repository.root}: restore them, or remove them from the manifest")
    for _, _, old in course.found("source", student="."):
        shutil.rmtree(old)
    for name in names:
        shutil.copytree(repository.folder("source", name), course.folder("source", name))
    exchange.mkdir(parents=True, exist_ok=True)
    exchange.chmod(EXCHANGE_MODE)
    return dest


def restrict(paths: list[Path], group: str) -> None:
    """Give `paths` (recursively) to a Unix group, readable and writable by it, by nobody else."""
    import grp  # Unix only; `medsome` registers these commands on every platform

    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        raise HubError(f"there is no Unix group '{group}': create it first (groupadd {group})") from None
    for top in paths:
        for folder, dirs, files in os.walk(top):
            for path in [folder, *(os.path.join(folder, name) for name in dirs + files)]:
                if os.path.islink(path):
                    continue
                os.chown(path, -1, gid)
                mode = stat.S_IMODE(os.lstat(path).st_mode)
                os.chmod(path, 0o2770 if os.path.isdir(path) else (mode & 0o770) | 0o060)


def _course(path: Path) -> Path:
    root = path.expanduser().resolve()
    if not (root / CONFIG_FILE).is_file():
        raise HubError(f"{root} has no {CONFIG_FILE}: run `medsome hub prepare {root}` first")
    return root


def start_server(workspace: Path | None, command: list[str]) -> None:
    """Refresh the learner's workspace (lessons), then become `command`, the single-user server.

    A workspace that cannot be prepared is reported and the server starts anyway: a resident must
    still reach their assignments.
    """
    from medsome.toolchain import ensure_env_bin_on_path
    from medsome.workspace import prepare_workspace

    if not command:
        raise HubError("no server command given after `--`")
    if workspace is not None:
        try:
            print(prepare_workspace(workspace.expanduser(), assignments=False).summary(), flush=True)
        except (MedsomeError, OSError) as error:
            print(f"medsome: the workspace {workspace} was not prepared: {error}",
                  file=sys.stderr, flush=True)
    os.execvpe(command[0], command, ensure_env_bin_on_path(dict(os.environ)))


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _prepare(args: argparse.Namespace) -> int:
    course = prepare_course(args.course, args.exchange, args.course_id)
    if args.instructors:
        restrict([course, assignments_dir(), course_root() / "facilitator"], args.instructors)
    only = f", readable by the group {args.instructors} only" if args.instructors else ""
    print(f"prepared {course}{only}")
    return 0


def _gradebook(args: argparse.Namespace) -> int:
    from medsome.grading.course_folder import Course

    print(_without_password(Course(_course(args.course)).gradebook_url))
    return 0


def _singleuser(args: argparse.Namespace) -> int:
    start_server(args.workspace, args.server_command)
    return 0  # not reached: exec replaces this process


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register prepare, gradebook and singleuser (for `medsome hub` and `python -m medsome.hub`)."""
    prepare = commands.add_parser("prepare", help="create or update the hub's course folder")
    prepare.add_argument("course", type=Path, help="the hub's course folder, e.g. /srv/medsome/course")
    prepare.add_argument("--exchange", type=Path, required=True, metavar="DIR",
                         help="nbgrader's shared exchange folder")
    prepare.add_argument("--course-id", default=COURSE_ID, help="nbgrader course id (default %(default)s)")
    prepare.add_argument("--instructors", metavar="GROUP",
                         help="Unix group that alone may read the course folder and the checkout's "
                              "assignments/ (as root; residents must not read solutions)")
    prepare.set_defaults(run=_prepare)
    gradebook = commands.add_parser("gradebook", help="print the gradebook's URL (without its password)")
    gradebook.add_argument("--course", type=Path, required=True, help="the hub's course folder")
    gradebook.set_defaults(run=_gradebook)
    server = commands.add_parser(
        "singleuser", help="refresh a workspace, then run the server command",
        usage="%(prog)s [-h] [--workspace WORKSPACE] -- SERVER_COMMAND [ARG ...]",
        description="Refresh the learner's workspace (lessons), then replace this process with the "
                    "single-user server's command line, given after --.")
    server.add_argument("--workspace", type=Path, help="the learner's workspace, e.g. ~/course")
    server.set_defaults(run=_singleuser, pass_through="server_command")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m medsome.hub",
                                     description="The course on JupyterHub (see docs/deployment.md); "
                                                 "the same as `medsome hub`.")
    add_commands(parser.add_subparsers(dest="hub_command", required=True, metavar="COMMAND"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command with medsome's exit codes: 1 when it fails, 2 for a usage error."""
    from medsome.commandline import run

    return run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())

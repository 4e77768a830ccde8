"""The nbgrader course folder: where it is, its configuration, assignments, notebooks and submissions.

The repository's assignments/ is one such folder; on the hub, instructors grade another
($MEDSOME_COURSE_ROOT). The CLI imports this module at start-up, so nbgrader (slow to load) is
imported late here, in nbgrader_api, and nowhere else (see the package docstring).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from medsome.errors import MedsomeError
from medsome.forms import base_assignment, is_form_b
from medsome.paths import assignments_dir
from medsome.toolchain import ensure_env_bin_on_path

CONFIG_FILE = "nbgrader_config.py"
STATE_DIR = ".medsome"
COURSE_ENV = "MEDSOME_COURSE_ROOT"  # set for instructors on the hub (deploy/jupyterhub_config.py)


class GradingError(MedsomeError):
    """A grading command cannot go on; the message says what to do."""


class NbgraderFailed(GradingError, RuntimeError):
    """An nbgrader action reported failure; the message carries its log."""


def course_dir(path: Path | None = None) -> Path:
    """The course root, checked to hold nbgrader_config.py.

    Default: $MEDSOME_COURSE_ROOT if set, else the repository's assignments/.
    """
    root = (path or Path(os.environ.get(COURSE_ENV) or assignments_dir())).expanduser().resolve()
    if not (root / CONFIG_FILE).is_file():
        raise GradingError(
            f"{root} is not an nbgrader course folder: it has no {CONFIG_FILE}. Pass --course DIR."
        )
    return root


def load_config(course: Path, **sections: dict[str, object]) -> Config:
    """The course's nbgrader_config.py with its root set to `course`, plus overrides."""
    config = PyFileConfigLoader(CONFIG_FILE, path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    for section, values in sections.items():
        for key, value in values.items():
            setattr(config[section], key, value)
    return config


def nbgrader_api(course: Path, **sections: dict[str, object]):
    """An NbGraderAPI for the course at `course`."""
    ensure_env_bin_on_path()
    from nbgrader.apps import NbGraderAPI

    return NbGraderAPI(config=load_config(course, **sections))


def require_success(result: dict, action: str) -> str:
    """Return the log of a successful nbgrader action; raise with its log otherwise."""
    if not result.get("success"):
        detail = result.get("error") or result.get("log") or "no log"
        raise NbgraderFailed(f"nbgrader {action} failed:\n{detail}")
    return result.get("log", "")


def assignment_ids(course: Path) -> list[str]:
    """The assignments in source/, in course order (none if source/ is missing)."""
    source = course / "source"
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


_FORM_B_SHORT = re.compile(r"\d+b")  # 02b: Form B of assignment 02


def resolve_assignment(course: Path, name: str) -> str:
    """The assignment id `name` refers to: exact, or a unique prefix of a Form A such as `02`, or of
    a Form B written with its `b` (`02b`, `identification_b`)."""
    ids = assignment_ids(course)
    if name in ids:
        return name
    form_b = bool(_FORM_B_SHORT.fullmatch(name)) or is_form_b(name)
    stem = name[:-1] if _FORM_B_SHORT.fullmatch(name) else base_assignment(name)
    forms = [i for i in ids if is_form_b(i) == form_b]
    matches = [i for i in forms
               if base_assignment(i).startswith(stem) or base_assignment(i).split("_", 1)[-1] == stem]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(ids) or "none"
    raise GradingError(f"no assignment '{name}' in {course / 'source'} (assignments: {known}; "
                       "a Form B is named with its b, as in 02b)")


def source_notebooks(course: Path, assignment: str) -> list[Path]:
    """The assignment's source notebooks (with solutions and hidden tests)."""
    return sorted((course / "source" / assignment).glob("*.ipynb"))


def notebook_names(course: Path, assignment: str) -> list[str]:
    """File names of the assignment's notebooks, e.g. ['02_identification.ipynb']."""
    return [p.name for p in source_notebooks(course, assignment)]


def submitted_students(course: Path, assignment: str) -> list[str]:
    """Students with a submitted/<student>/<assignment>/ folder."""
    root = course / "submitted"
    if not root.is_dir():
        return []
    return sorted(
        p.name for p in root.iterdir() if not p.name.startswith(".") and (p / assignment).is_dir()
    )


def gradebook_url(course: Path) -> str:
    """The gradebook's SQLAlchemy URL: the course's `CourseDirectory.db_url`, else its gradebook.db."""
    configured = load_config(course).CourseDirectory.get("db_url")
    return configured or f"sqlite:///{course / 'gradebook.db'}"


def shared_gradebook_url(course: Path) -> str:
    """gradebook_url, with a long busy timeout when it is SQLite shared by parallel workers."""
    url = gradebook_url(course)
    return f"{url}?timeout=60" if url.startswith("sqlite:") and "?" not in url else url


def has_gradebook(course: Path) -> bool:
    """Whether the course has a gradebook yet (a configured server database always counts)."""
    url = gradebook_url(course)
    return not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).is_file()


def state_dir(course: Path, *parts: str) -> Path:
    """medsome's own bookkeeping inside the course (journal, staging), git-ignored."""
    return course.joinpath(STATE_DIR, *parts)

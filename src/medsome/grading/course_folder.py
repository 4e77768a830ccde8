"""The nbgrader course folder as one object: its configuration read once, every step folder, the
gradebook, and the per-cell timeout of grading.

The repository's assignments/ is one such folder; on the hub, instructors grade another
($MEDSOME_COURSE_ROOT). A grading command opens the `Course` once (`Course.open`) and hands it to
every step. The CLI imports this module at start-up and a self-check never loads nbgrader (seconds
to import), so nbgrader is imported late here: by `Course.coursedir`, when the course sets a folder
layout of its own, and by `Course.api`.
"""

from __future__ import annotations

import copy
import glob
import os
import re
from collections.abc import Callable
from functools import cached_property
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
STEPS = ("source", "release", "submitted", "autograded", "feedback")  # CourseDirectory.<step>_directory
# nbgrader's CourseDirectory defaults, for a course that sets none (tests hold them equal to nbgrader's)
DEFAULT_STRUCTURE = os.path.join("{nbgrader_step}", "{student_id}", "{assignment_id}")
LAYOUT_KEYS = ("directory_structure", *(f"{step}_directory" for step in STEPS))
_MARK = "\0{}\0"  # stands for a student or assignment id while a folder pattern is built


class GradingError(MedsomeError):
    """A grading command cannot go on; the message says what to do."""


class NbgraderFailed(GradingError, RuntimeError):
    """An nbgrader action reported failure; the message carries its log."""


def require_success(result: dict, action: str) -> str:
    """Return the log of a successful nbgrader action; raise with its log otherwise."""
    if not result.get("success"):
        detail = result.get("error") or result.get("log") or "no log"
        raise NbgraderFailed(f"nbgrader {action} failed:\n{detail}")
    return result.get("log", "")


def read_config(root: Path) -> Config:
    """The course's nbgrader_config.py, with CourseDirectory.root set to `root`."""
    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    return config


_FORM_B_SHORT = re.compile(r"\d+b")  # 02b: Form B of assignment 02


class Course:
    """An nbgrader course folder, its nbgrader_config.py read once.

    Every step folder comes from nbgrader's `CourseDirectory.format_path`, so the course's
    `directory_structure` and step names (`submitted_directory`, ...) hold everywhere.
    """

    def __init__(self, root: Path, config: Config | None = None) -> None:
        self.root = root
        self.config = config if config is not None else read_config(root)
        self.config.CourseDirectory.setdefault("root", str(root))

    @classmethod
    def open(cls, path: Path | None = None) -> Course:
        """The course at `path`, else $MEDSOME_COURSE_ROOT, else the repository's assignments/."""
        root = (path or Path(os.environ.get(COURSE_ENV) or assignments_dir())).expanduser().resolve()
        if not (root / CONFIG_FILE).is_file():
            raise GradingError(
                f"{root} is not an nbgrader course folder: it has no {CONFIG_FILE}. Pass --course DIR."
            )
        return cls(root)

    def __reduce__(self) -> tuple:
        """A grading worker receives the root and the configuration already read."""
        return (Course, (self.root, self.config))

    def __repr__(self) -> str:
        return f"Course({str(self.root)!r})"

    # Configuration and nbgrader

    def configured(self, **sections: dict[str, object]) -> Config:
        """A copy of the course's configuration with `sections` set on top."""
        config = copy.deepcopy(self.config)
        for section, values in sections.items():
            for key, value in values.items():
                setattr(config[section], key, value)
        return config

    def api(self, **sections: dict[str, object]):
        """An NbGraderAPI for the course, with `sections` set on top of its configuration."""
        ensure_env_bin_on_path()
        from nbgrader.apps import NbGraderAPI

        return NbGraderAPI(config=self.configured(**sections))

    @cached_property
    def coursedir(self):
        """nbgrader's CourseDirectory for the course (imports nbgrader)."""
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    @cached_property
    def own_layout(self) -> bool:
        """Whether nbgrader_config.py sets a directory_structure or a step folder's name."""
        return any(key in self.config.CourseDirectory for key in LAYOUT_KEYS)

    # Step folders

    def _format(self, step: str, student: str, assignment: str) -> str:
        """CourseDirectory.format_path of a step; nbgrader's default layout is formatted without
        importing nbgrader (the same string: tests hold the two equal)."""
        if step not in STEPS:
            raise ValueError(f"unknown nbgrader step {step!r}: one of {', '.join(STEPS)}")
        if self.own_layout:
            name = getattr(self.coursedir, f"{step}_directory")
            return self.coursedir.format_path(name, student, assignment)
        path = DEFAULT_STRUCTURE.format(nbgrader_step=step, student_id=student, assignment_id=assignment)
        return os.path.join(self.root, path)

    def folder(self, step: str, assignment: str, student: str = ".") -> Path:
        """The folder of `assignment` (and `student`) at `step`: source, release, submitted,
        autograded or feedback. Source and release have no student (nbgrader's '.')."""
        return Path(self._format(step, student, assignment))

    def found(self, step: str, student: str | None = None,
              assignment: str | None = None) -> list[tuple[str, str, Path]]:
        """(student, assignment, folder) of every existing folder at `step`, for the given or any
        student and assignment (names starting with a dot left out)."""
        given = {"student": student, "assignment": assignment}
        marks = {key: _MARK.format(key) for key, value in given.items() if value is None}
        path = self._format(step, given["student"] or marks["student"],
                            given["assignment"] or marks["assignment"])
        pattern, regex = glob.escape(path), re.escape(path)
        for key, mark in marks.items():
            pattern = pattern.replace(mark, "*")
            regex = regex.replace(re.escape(mark), f"(?P<{key}>[^/]+)", 1)
            regex = regex.replace(re.escape(mark), f"(?P={key})")  # the same id again
        matcher, found = re.compile(regex), []
        for hit in sorted(glob.glob(pattern)):
            match = matcher.fullmatch(hit)
            names = {key: match.group(key) for key in marks} if match else {}
            if match and os.path.isdir(hit) and not any(n.startswith(".") for n in names.values()):
                found.append((names.get("student", student), names.get("assignment", assignment), Path(hit)))
        return found

    def students(self, step: str, assignment: str) -> list[str]:
        """Students with a folder of `assignment` at `step` (submitted, autograded, feedback)."""
        return sorted({student for student, _, _ in self.found(step, assignment=assignment)})

    def assignment_ids(self) -> list[str]:
        """The assignments in the source step, in course order (none if it is missing)."""
        return sorted({assignment for _, assignment, _ in self.found("source", student=".")})

    def resolve(self, name: str) -> str:
        """The assignment id `name` refers to: exact, or a unique prefix of a Form A such as `02`, or
        of a Form B written with its `b` (`02b`, `identification_b`)."""
        ids = self.assignment_ids()
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
        raise GradingError(f"no assignment '{name}' in the source of {self.root} (assignments: {known}; "
                           "a Form B is named with its b, as in 02b)")

    def source_notebooks(self, assignment: str) -> list[Path]:
        """The assignment's source notebooks (with solutions and hidden tests)."""
        return sorted(self.folder("source", assignment).glob("*.ipynb"))

    def notebook_names(self, assignment: str) -> list[str]:
        """File names of the assignment's notebooks, e.g. ['02_identification.ipynb']."""
        return [p.name for p in self.source_notebooks(assignment)]

    def state_dir(self, *parts: str) -> Path:
        """medsome's own bookkeeping inside the course (journal, staging), git-ignored."""
        return self.root.joinpath(STATE_DIR, *parts)

    # The gradebook

    @cached_property
    def gradebook_url(self) -> str:
        """The gradebook's SQLAlchemy URL: the course's `CourseDirectory.db_url`, else its gradebook.db."""
        return self.config.CourseDirectory.get("db_url") or f"sqlite:///{self.root / 'gradebook.db'}"

    @property
    def shared_gradebook_url(self) -> str:
        """gradebook_url, with a long busy timeout when it is SQLite shared by parallel workers."""
        url = self.gradebook_url
        return f"{url}?timeout=60" if url.startswith("sqlite:") and "?" not in url else url

    def has_gradebook(self) -> bool:
        """Whether the course has a gradebook yet (a configured server database always counts)."""
        url = self.gradebook_url
        return not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).is_file()

    # Limits

    def cell_timeout(self, requested: int | None = None, default: Callable[[], int] | None = None) -> int:
        """The per-cell timeout of grading: `requested` (--timeout), else the course's
        c.Execute.timeout, else `default()`, nbgrader's own Execute.timeout unless given."""
        if requested is not None:
            timeout = requested
        elif "timeout" in self.config.Execute:
            timeout = self.config.Execute.timeout
        else:
            timeout = (default or _nbgrader_timeout)()
        if type(timeout) is not int or timeout < 1:
            raise GradingError(f"a cell timeout of {timeout!r} s cannot grade: each cell needs a limit of at "
                               "least 1 s (pass --timeout S, or set c.Execute.timeout in nbgrader_config.py)")
        return timeout


def _nbgrader_timeout() -> int:
    """nbgrader's own per-cell timeout (its Execute preprocessor's default)."""
    from medsome.grading.limits import nbgrader_timeout

    return nbgrader_timeout()

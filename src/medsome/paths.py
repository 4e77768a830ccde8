"""Where the course's folders are: lessons, assignment sources and datasets."""

from __future__ import annotations

import os
from pathlib import Path

from medsome.errors import CourseLayoutError

ROOT_ENV = "MEDSOME_ROOT"
_MARKERS = ("course", "assignments", "datasets")


def _is_root(path: Path) -> bool:
    return all((path / marker).is_dir() for marker in _MARKERS)


def course_root() -> Path:
    """The checkout holding course/, assignments/ and datasets/.

    Set MEDSOME_ROOT to point elsewhere; otherwise the folders above this package are searched.
    """
    override = os.environ.get(ROOT_ENV)
    if override:
        root = Path(override).expanduser().resolve()
        if not _is_root(root):
            raise CourseLayoutError(
                f"{ROOT_ENV}={override} does not hold the folders {', '.join(_MARKERS)}. "
                "Point it at the course checkout, or unset it."
            )
        return root
    for parent in Path(__file__).resolve().parents:
        if _is_root(parent):
            return parent
    raise CourseLayoutError(
        "Cannot find the course folders (course/, assignments/, datasets/). Install medsome from "
        f"its checkout with `pip install -e .`, or set {ROOT_ENV} to the checkout's path."
    )


def lessons_dir() -> Path:
    return course_root() / "course"


def assignments_dir() -> Path:
    """The nbgrader course root (nbgrader_config.py and source/)."""
    return course_root() / "assignments"


def datasets_dir() -> Path:
    return course_root() / "datasets"


def learner_config_dir() -> Path:
    """The learner's Jupyter configuration (no instructor tools; the course's lab extension).

    The hub's residents get the same folder: deploy/singleuser/resident.
    """
    return course_root() / "deploy" / "singleuser" / "resident"


def selfstudy_config_dir() -> Path:
    """What differs for a learner without a hub (`medsome start`), read before learner_config_dir()."""
    return course_root() / "deploy" / "singleuser" / "selfstudy"

"""Where the course and its gradebook live: --course or $MEDSOME_COURSE_ROOT; db_url or gradebook.db."""

from __future__ import annotations

from pathlib import Path

import pytest

from medsome.grading.course_folder import (
    CONFIG_FILE,
    GradingError,
    course_dir,
    gradebook_url,
    has_gradebook,
    shared_gradebook_url,
)
from medsome.grading.workspace_check import private_course
from medsome.paths import assignments_dir

SERVER = "postgresql://grader@db.example.invalid/medsome"


def _course(root: Path, extra: str = "") -> Path:
    root.mkdir()
    (root / CONFIG_FILE).write_text(f"c = get_config()  # noqa: F821\n{extra}", encoding="utf-8")
    return root


def test_without_configuration_the_gradebook_is_sqlite_in_the_course(tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    assert gradebook_url(course) == f"sqlite:///{course / 'gradebook.db'}"
    assert shared_gradebook_url(course) == f"sqlite:///{course / 'gradebook.db'}?timeout=60"
    assert not has_gradebook(course)
    (course / "gradebook.db").touch()
    assert has_gradebook(course)


def test_a_configured_server_database_is_used_unchanged(tmp_path: Path) -> None:
    course = _course(tmp_path / "course", f"c.CourseDirectory.db_url = {SERVER!r}\n")
    assert gradebook_url(course) == shared_gradebook_url(course) == SERVER
    assert has_gradebook(course)


def test_a_self_check_never_writes_to_the_course_database(tmp_path: Path) -> None:
    course = _course(tmp_path / "course", f"c.CourseDirectory.db_url = {SERVER!r}\n")
    (course / "source" / "tiny").mkdir(parents=True)
    private = private_course(tmp_path / "private", course, "tiny")
    assert gradebook_url(private) == f"sqlite:///{private / 'gradebook.db'}"


def test_the_course_folder_comes_from_the_option_the_environment_or_the_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub_course, other = _course(tmp_path / "hub"), _course(tmp_path / "other")
    monkeypatch.delenv("MEDSOME_COURSE_ROOT", raising=False)
    assert course_dir() == assignments_dir().resolve()
    monkeypatch.setenv("MEDSOME_COURSE_ROOT", str(hub_course))
    assert course_dir() == hub_course.resolve()
    assert course_dir(other) == other.resolve()
    monkeypatch.setenv("MEDSOME_COURSE_ROOT", str(tmp_path / "missing"))
    with pytest.raises(GradingError, match="is not an nbgrader course folder"):
        course_dir()

"""Where the gradebook lives: the course's configured database URL, else its gradebook.db."""

from __future__ import annotations

from pathlib import Path

from medsome.coursework import CONFIG_FILE
from medsome.grading.course import gradebook_url, has_gradebook, shared_gradebook_url
from medsome.grading.selfcheck import private_course

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

"""Where the course and its gradebook live: --course or $MEDSOME_COURSE_ROOT; db_url or gradebook.db."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from medsome.grading.course_folder import CONFIG_FILE, Course, GradingError
from medsome.paths import assignments_dir
from medsome.workspace import MANIFEST

from .conftest import ASSIGNMENT, RISK, TOTAL, make_course, student_version

SERVER = "postgresql://grader@db.example.invalid/medsome"


def _course(root: Path, extra: str = "") -> Path:
    root.mkdir()
    (root / CONFIG_FILE).write_text(f"c = get_config()  # noqa: F821\n{extra}", encoding="utf-8")
    return root


def test_without_configuration_the_gradebook_is_sqlite_in_the_course(tmp_path: Path) -> None:
    root = _course(tmp_path / "course")
    course = Course(root)
    assert course.gradebook_url == f"sqlite:///{root / 'gradebook.db'}"
    assert course.shared_gradebook_url == f"sqlite:///{root / 'gradebook.db'}?timeout=60"
    assert not course.has_gradebook()
    (root / "gradebook.db").touch()
    assert course.has_gradebook()


def test_a_configured_server_database_is_used_unchanged(tmp_path: Path) -> None:
    course = Course(_course(tmp_path / "course", f"c.CourseDirectory.db_url = {SERVER!r}\n"))
    assert course.gradebook_url == course.shared_gradebook_url == SERVER
    assert course.has_gradebook()


@pytest.mark.integration
def test_a_self_check_never_opens_a_gradebook(tmp_path: Path) -> None:
    """`medsome check` grades in process: with the course's database out of reach it grades anyway,
    and neither nbgrader nor SQLAlchemy is ever imported."""
    course = make_course(tmp_path / "course")
    with (course / CONFIG_FILE).open("a", encoding="utf-8") as config:
        config.write(f"c.CourseDirectory.db_url = {SERVER!r}\n")
    workspace = tmp_path / "workspace"
    (workspace / MANIFEST).parent.mkdir(parents=True)
    (workspace / MANIFEST).write_text("{}", encoding="utf-8")
    (workspace / "assignments" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(student_version(course, q1=TOTAL, q2=RISK),
                   workspace / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    argv = ["check", ASSIGNMENT, "--course", str(course), "--workspace", str(workspace)]
    code = (f"import sys\nfrom medsome.cli import main\ncode = main({argv!r})\n"
            "print('loaded:', sorted(m for m in ('nbgrader', 'sqlalchemy') if m in sys.modules), code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert "Autograded: 3 of 3 points" in done.stdout, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("loaded: [] 0"), done.stdout


def test_the_course_folder_comes_from_the_option_the_environment_or_the_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub_course, other = _course(tmp_path / "hub"), _course(tmp_path / "other")
    monkeypatch.delenv("MEDSOME_COURSE_ROOT", raising=False)
    assert Course.open().root == assignments_dir().resolve()
    monkeypatch.setenv("MEDSOME_COURSE_ROOT", str(hub_course))
    assert Course.open().root == hub_course.resolve()
    assert Course.open(other).root == other.resolve()
    monkeypatch.setenv("MEDSOME_COURSE_ROOT", str(tmp_path / "missing"))
    with pytest.raises(GradingError, match="is not an nbgrader course folder"):
        Course.open()

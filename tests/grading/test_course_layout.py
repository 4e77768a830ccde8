"""The Course object: its configuration read once, every step folder as nbgrader's CourseDirectory
formats it (the default layout and a course's own), and the folders found in each step."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from medsome.cli import main as run
from medsome.grading.course_folder import CONFIG_FILE, DEFAULT_STRUCTURE, STEPS, Course, GradingError
from medsome.paths import assignments_dir

BY_ASSIGNMENT = "c.CourseDirectory.directory_structure = '{nbgrader_step}/{assignment_id}/{student_id}'\n"
RENAMED = ("c.CourseDirectory.submitted_directory = 'inbox'\n"
           "c.CourseDirectory.autograded_directory = 'marked'\n")
FIRST = "c.CourseDirectory.directory_structure = '{assignment_id}/{nbgrader_step}/{student_id}'\n"
LAYOUTS = {"default": "", "by-assignment": BY_ASSIGNMENT, "renamed-steps": RENAMED, "assignment-first": FIRST}


def _course(root: Path, config: str = "") -> Course:
    root.mkdir(parents=True, exist_ok=True)
    (root / CONFIG_FILE).write_text(f"c = get_config()  # noqa: F821\n{config}", encoding="utf-8")
    return Course.open(root)


def test_nbgrader_s_default_layout_is_the_one_formatted_without_nbgrader() -> None:
    traits = CourseDirectory.class_traits()
    assert traits["directory_structure"].default() == DEFAULT_STRUCTURE
    assert all(traits[f"{step}_directory"].default() == step for step in STEPS)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_step_folder_is_where_nbgrader_puts_it(tmp_path: Path, layout: str) -> None:
    course = _course(tmp_path / "course", LAYOUTS[layout])
    assert course.own_layout == bool(LAYOUTS[layout])
    config = PyFileConfigLoader(CONFIG_FILE, path=str(course.root)).load_config()
    config.CourseDirectory.root = str(course.root)
    nbgrader = CourseDirectory(config=config)
    for step in STEPS:
        name = getattr(nbgrader, f"{step}_directory")
        for student in (".", "ada"):
            assert course.folder(step, "02_x", student) == Path(nbgrader.format_path(name, student, "02_x"))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_students_and_assignments_are_found_in_any_layout(tmp_path: Path, layout: str) -> None:
    course = _course(tmp_path / "course", LAYOUTS[layout])
    for assignment in ("01_why", "02_x"):
        course.folder("source", assignment).mkdir(parents=True)
    for student, assignment in [("ada", "02_x"), ("ben", "02_x"), ("ada", "01_why")]:
        course.folder("submitted", assignment, student).mkdir(parents=True)
    course.folder("autograded", "02_x", "ben").mkdir(parents=True)
    assert course.assignment_ids() == ["01_why", "02_x"]
    assert course.resolve("02") == "02_x"
    assert course.students("submitted", "02_x") == ["ada", "ben"]
    assert course.students("submitted", "01_why") == ["ada"]
    assert course.students("autograded", "02_x") == ["ben"]
    assert course.students("feedback", "02_x") == []
    found = course.found("submitted")
    assert sorted((s, a) for s, a, _ in found) == [("ada", "01_why"), ("ada", "02_x"), ("ben", "02_x")]
    assert all(folder == course.folder("submitted", a, s) for s, a, folder in found)


def test_a_hidden_folder_and_a_file_are_not_students(tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    course.folder("submitted", "02_x", ".ipynb_checkpoints").mkdir(parents=True)
    course.folder("submitted", "02_x", "ada").parent.mkdir(parents=True)
    course.folder("submitted", "02_x", "ada").write_text("not a folder", encoding="utf-8")
    assert course.students("submitted", "02_x") == []


def test_an_unknown_step_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown nbgrader step 'graded': one of source, release"):
        _course(tmp_path / "course").folder("graded", "02_x")


def test_the_configuration_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = _course(tmp_path / "course", BY_ASSIGNMENT + "c.Execute.timeout = 45\n")
    reads: list[str] = []
    load = PyFileConfigLoader.load_config

    def counted(self: PyFileConfigLoader) -> Config:
        reads.append(self.full_filename)
        return load(self)

    monkeypatch.setattr(PyFileConfigLoader, "load_config", counted)
    course = Course.open(course.root)
    assert (course.gradebook_url, course.shared_gradebook_url) == (
        f"sqlite:///{course.root / 'gradebook.db'}", f"sqlite:///{course.root / 'gradebook.db'}?timeout=60")
    assert course.cell_timeout() == 45 and course.folder("submitted", "02_x", "ada").parts[-3:] == (
        "submitted", "02_x", "ada")
    assert course.assignment_ids() == [] and not course.has_gradebook()
    worker = pickle.loads(pickle.dumps(course))  # what a grading worker receives
    assert (worker.root, worker.cell_timeout(), worker.folder("feedback", "02_x", "ada")) == (
        course.root, 45, course.folder("feedback", "02_x", "ada"))
    assert len(reads) == 1, reads


def test_a_copy_of_the_configuration_takes_overrides_and_leaves_the_course_s_alone(tmp_path: Path) -> None:
    course = _course(tmp_path / "course", "c.Execute.timeout = 45\n")
    config = course.configured(Execute={"timeout": 5}, CourseDirectory={"db_url": "sqlite:///x.db"})
    assert (config.Execute.timeout, config.CourseDirectory.db_url) == (5, "sqlite:///x.db")
    assert course.cell_timeout() == 45 and course.gradebook_url.endswith("gradebook.db")


def test_a_zero_timeout_is_refused_before_grading_starts(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    course = _course(tmp_path / "course")
    course.folder("source", "02_x").mkdir(parents=True)
    assert run(["grade", "02", "--course", str(course.root), "--timeout", "0"]) == 1
    err = capsys.readouterr().err
    assert "a cell timeout of 0 s cannot grade" in err and "--timeout S" in err


def test_finding_the_default_layout_s_folders_does_not_import_nbgrader() -> None:
    """A self-check reads the course's source without loading nbgrader (seconds to import)."""
    code = ("import sys\nfrom medsome.grading.course_folder import Course\n"
            f"from pathlib import Path\ncourse = Course.open(Path({str(assignments_dir())!r}))\n"
            "ids = course.assignment_ids()\nassert ids and course.source_notebooks(ids[0]), ids\n"
            "print(course.cell_timeout(default=lambda: 30), course.resolve('02'))\n"
            "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'nbgrader'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.rstrip().endswith("[]"), done.stdout


def test_a_course_folder_without_configuration_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GradingError, match=r"has no nbgrader_config\.py\. Pass --course DIR"):
        Course.open(tmp_path)

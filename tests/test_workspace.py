"""The learner's workspace: lessons and student versions, refreshed without losing edits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ASSIGNMENT_IDS, ROOT
from medsome import workspace
from medsome.workspace import prepare_workspace

pytestmark = pytest.mark.integration


@pytest.fixture
def lessons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of course/ that the workspace reads its lessons from."""
    copy = tmp_path / "course"
    shutil.copytree(ROOT / "course", copy)
    monkeypatch.setattr(workspace, "lessons_dir", lambda: copy)
    return copy


def test_first_run_copies_lessons_and_student_versions(tmp_path: Path, lessons: Path) -> None:
    root = tmp_path / "ws"
    report = prepare_workspace(root)
    for lesson in lessons.glob("*/*.ipynb"):
        assert (root / "lessons" / lesson.relative_to(lessons)).is_file()
    for assignment in ASSIGNMENT_IDS:
        student = root / "assignments" / assignment / f"{assignment}.ipynb"
        text = student.read_text(encoding="utf-8")
        assert "YOUR ANSWER: replace the three dots" in text
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert not report.kept and not report.updated and report.added


def test_a_lessons_only_workspace_has_no_assignment_copies(tmp_path: Path, lessons: Path) -> None:
    root = tmp_path / "ws"
    report = prepare_workspace(root, assignments=False)
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == ["lessons"]
    assert report.added and all(rel.startswith("lessons/") for rel in report.added)


def test_second_run_keeps_edits_updates_untouched_and_adds_new(tmp_path: Path, lessons: Path) -> None:
    root = tmp_path / "ws"
    prepare_workspace(root)
    edited = root / "lessons" / "00_orientation" / "00_orientation_lesson.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Orientation", "My notes"), "utf-8")
    upstream_quiz = lessons / "00_orientation" / "quiz.json"
    quiz = json.loads(upstream_quiz.read_text(encoding="utf-8"))
    quiz["title"] = "A revised quiz"
    upstream_quiz.write_text(json.dumps(quiz), encoding="utf-8")
    (lessons / "00_orientation" / "new_asset.txt").write_text("new", encoding="utf-8")
    (root / "lessons" / "02_identification" / "quiz.json").unlink()

    report = prepare_workspace(root)

    assert "My notes" in edited.read_text(encoding="utf-8"), "an edited notebook was overwritten"
    assert report.kept == ["lessons/00_orientation/00_orientation_lesson.ipynb"]
    assert "A revised quiz" in (root / "lessons" / "00_orientation" / "quiz.json").read_text("utf-8")
    assert report.updated == ["lessons/00_orientation/quiz.json"]
    assert sorted(report.added) == ["lessons/00_orientation/new_asset.txt",
                                    "lessons/02_identification/quiz.json"]
    assert "kept your edited copy" in report.summary()


def test_unreadable_manifest_keeps_every_existing_file(tmp_path: Path, lessons: Path) -> None:
    root = tmp_path / "ws"
    prepare_workspace(root)
    (root / workspace.MANIFEST).write_text("{not json", encoding="utf-8")
    report = prepare_workspace(root)
    assert not report.updated and not report.added


def test_default_location_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(workspace.WORKSPACE_ENV, str(tmp_path / "elsewhere"))
    assert workspace.default_workspace() == tmp_path / "elsewhere"
    monkeypatch.delenv(workspace.WORKSPACE_ENV)
    assert workspace.default_workspace() == ROOT / "workspace"


def test_a_renamed_lesson_replaces_its_untouched_copy_and_keeps_an_edited_one(
    tmp_path: Path, lessons: Path
) -> None:
    root = tmp_path / "ws"
    prepare_workspace(root, assignments=False)
    edited = root / "lessons" / "01_why_some" / "01_why_some_lesson.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8") + " ", encoding="utf-8")
    for folder in ("00_orientation", "01_why_some"):
        old = lessons / folder / f"{folder}_lesson.ipynb"
        old.rename(old.with_name(f"{folder}_renamed.ipynb"))

    report = prepare_workspace(root, assignments=False)

    assert report.removed == ["lessons/00_orientation/00_orientation_lesson.ipynb"]
    assert not (root / "lessons" / "00_orientation" / "00_orientation_lesson.ipynb").exists()
    assert report.kept == ["lessons/01_why_some/01_why_some_lesson.ipynb"] and edited.is_file()
    assert "lessons/00_orientation/00_orientation_renamed.ipynb" in report.added
    assert "1 retired" in report.summary()

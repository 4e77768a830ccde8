"""The course manifest loads into the modules, files and assignments of the course, and a wrong or
missing entry is refused with an error naming the file, the entry and the key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from medsome.course import MODULES
from medsome.errors import ManifestError
from medsome.manifest import load_course, manifest_path

GOOD = """
shared = ["references.md"]

[[module]]
number = 0
folder = "00_start"
title = "Start"
question = "where do I begin?"
lesson = "00_start_lesson.ipynb"
facilitator = "00_start.md"

[[module]]
number = 1
folder = "01_topic"
title = "Topic"
question = "what is it?"
lesson = "01_topic_lesson.ipynb"
quiz = "quiz.json"
facilitator = "01_topic.md"
widgets = ["quiz"]

[[module.assignment]]
folder = "01_topic"
form = "A"

[[module.assignment]]
folder = "01_topic_b"
form = "B"
"""


def write(root: Path, text: str) -> Path:
    (root / "course").mkdir(exist_ok=True)
    manifest_path(root).write_text(text, encoding="utf-8")
    return root


def test_medsome_course_modules_are_the_manifest_s() -> None:
    assert load_course(ROOT).modules == MODULES
    assert [m.number for m in MODULES] == list(range(len(MODULES)))


def test_a_manifest_reads_into_modules_and_assignments(tmp_path: Path) -> None:
    course = load_course(write(tmp_path, GOOD))
    assert [m.folder for m in course.modules] == ["00_start", "01_topic"]
    assert course.modules[0].quiz is None and course.modules[1].widgets == ("quiz",)
    assert [(a.folder, a.form, a.notebook, a.module) for a in course.assignments] == [
        ("01_topic", "A", "01_topic.ipynb", 1), ("01_topic_b", "B", "01_topic_b.ipynb", 1)]
    assert course.form_b() == ["01_topic_b"]
    assert course.lesson_notebooks()[1] == tmp_path / "course" / "01_topic" / "01_topic_lesson.ipynb"
    sources = tmp_path / "assignments" / "source"
    assert course.assignment_notebooks()[0] == sources / "01_topic" / "01_topic.ipynb"


def test_a_changed_manifest_is_read_again(tmp_path: Path) -> None:
    load_course(write(tmp_path, GOOD))
    path = manifest_path(tmp_path)
    path.write_text(GOOD.replace('title = "Topic"', 'title = "Renamed"'), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_course(tmp_path).modules[1].title == "Renamed"


@pytest.mark.parametrize(("edit", "words"), [
    (lambda t: t.replace('title = "Topic"\n', ""), r"entry 2 \(01_topic\): missing key\(s\) title"),
    (lambda t: t.replace("number = 1", 'number = "1"'), r"entry 2 \(01_topic\), key 'number': expected int"),
    (lambda t: t.replace("number = 1", "number = 2"), "should be 1, found 2"),
    (lambda t: t.replace('quiz = "quiz.json"', 'quizz = "quiz.json"'), r"unknown key\(s\) quizz; known keys"),
    (lambda t: t.replace('"01_topic"\ntitle', '"1_topic"\ntitle'), "key 'folder'.*01_topic"),
    (lambda t: t.replace("01_topic_lesson.ipynb", "lesson.ipynb"), "key 'lesson'"),
    (lambda t: t.replace('form = "B"', 'form = "C"'), "key 'form': expected one of A, B, found 'C'"),
    (lambda t: t.replace('form = "B"', 'form = "A"'), "a Form B, and only a Form B"),
    (lambda t: t.replace('folder = "01_topic"\nform = "A"', 'folder = "01_other"\nform = "A"'),
     "a Form B follows its Form A, 01_topic"),
    (lambda t: t.replace('widgets = ["quiz"]', 'widgets = "quiz"'), "key 'widgets': expected a list"),
    (lambda t: t.replace('shared = ["references.md"]', 'shared = ["../x.md"]'), "key 'shared'"),
    (lambda t: t + "[[module]\n", "not valid TOML"),
    (lambda t: t.split("[[module]]")[0], r"no \[\[module\]\] entries"),
])
def test_a_wrong_entry_is_named(tmp_path: Path, edit, words: str) -> None:
    write(tmp_path, edit(GOOD))
    with pytest.raises(ManifestError, match=words) as error:
        load_course(tmp_path)
    assert str(manifest_path(tmp_path)) in str(error.value), "the error names the file"


def test_a_missing_manifest_is_named(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"course\.toml: the course manifest is missing"):
        load_course(tmp_path)


def test_the_manifest_needs_only_the_standard_library_paths_and_errors() -> None:
    code = ("import json, sys; import medsome.manifest; print(json.dumps([m for m in sys.modules "
            "if m.split('.')[0] not in sys.stdlib_module_names and m != '__main__']))")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert set(json.loads(done.stdout)) == {"medsome", "medsome.manifest", "medsome.paths", "medsome.errors"}

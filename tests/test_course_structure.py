"""The course is what course/course.toml says: every file it lists is there, nothing unlisted is, and
a module added through the manifest (with the files it lists) passes the same checks."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from medsome.manifest import load_course
from medsome.site.sources import lesson_notebooks
from tests.course_structure import CHECKS

# What the structural checks read: the manifest and the files it lists, and the lists it is checked against.
COPIED = ["README.md", "course", "facilitator", "assignments/source", "docs/blueprint.csv", "tests/profiles",
          "datasets/cards"]
SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")


@pytest.mark.parametrize("check", CHECKS)
def test_the_course_is_what_its_manifest_lists(check: str) -> None:
    assert CHECKS[check](ROOT) == []


def course_copy(dest: Path) -> Path:
    """A copy of the checkout's files the structural checks read."""
    for name in COPIED:
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=SKIP)
        else:
            shutil.copy2(source, target)
    return dest


def problems(root: Path) -> list[str]:
    """Every structural check's problems with the checkout at `root`."""
    return [problem for check in CHECKS.values() for problem in check(root)]


def add_manifest_entry(root: Path, number: int, folder: str) -> None:
    """Append a module with one Form A assignment to the copy's course/course.toml."""
    entry = f"""
[[module]]
number = {number}
folder = "{folder}"
title = "A throw-away module"
question = "does the course take a new module from its manifest alone?"
lesson = "{folder}_lesson.ipynb"
quiz = "quiz.json"
facilitator = "{folder}.md"
data_cards = []
widgets = ["quiz"]

[[module.assignment]]
folder = "{folder}"
form = "A"
"""
    with (root / "course" / "course.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(entry)


def after_row(text: str, number: int, row: str) -> str:
    """`text` with `row` added after its table row for module `number` (`| 5 | ` or `| [`05_...`)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith((f"| {number} | ", f"| [`{number:02d}_")))
    return "\n".join([*lines[:at + 1], row, *lines[at + 1:]])


def add_module_files(root: Path, number: int, folder: str) -> None:
    """The minimal files the new entry lists, and its line in each list checked against the manifest."""
    lesson = root / "course" / folder
    lesson.mkdir()
    cells = [nbformat.v4.new_markdown_cell(f"# Module {number} · A throw-away module"),
             nbformat.v4.new_code_cell("from medsome.widgets.quiz import QuizWidget")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), lesson / f"{folder}_lesson.ipynb")
    shutil.copy2(ROOT / "course" / "00_orientation" / "quiz.json", lesson / "quiz.json")
    guide = root / "facilitator" / f"{folder}.md"
    guide.write_text(f"# Module {number}: facilitator guide\n", encoding="utf-8")
    index = root / "facilitator" / "README.md"
    row = f"| [`{folder}.md`]({folder}.md) | {number} A throw-away module | \"Decide a case\" |"
    index.write_text(after_row(index.read_text(encoding="utf-8"), number - 1, row), encoding="utf-8")
    source = root / "assignments" / "source" / folder
    source.mkdir()
    nbformat.write(nbformat.v4.new_notebook(), source / f"{folder}.ipynb")
    with (root / "docs" / "blueprint.csv").open("a", encoding="utf-8") as rows:
        rows.write(f"{folder},1,q1_throwaway,judgement,1,Decide a throw-away case,\n")
    (root / "tests" / "profiles" / f"{folder}.json").write_text("{}\n", encoding="utf-8")
    readme = root / "README.md"
    row = f"| {number} | A throw-away module | `course/{folder}` | `assignments/source/{folder}` |"
    readme.write_text(after_row(readme.read_text(encoding="utf-8"), number - 1, row), encoding="utf-8")
    orientation = load_course(root).lesson_notebooks()[0]
    nb = nbformat.read(orientation, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and f"\n| {number - 1} | " in c.source)
    row = f"| {number} | A throw-away module: does the course take a new module from its manifest alone? |"
    cell.source = after_row(cell.source, number - 1, row)
    nbformat.write(nb, orientation)


def test_a_module_added_through_the_manifest_passes_every_structural_check(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    assert problems(root) == [], "the copy starts as the repository is"
    number = len(load_course(root).modules)
    folder = f"{number:02d}_throwaway"
    add_manifest_entry(root, number, folder)
    missing = "\n".join(problems(root))
    expected = [f"course/{folder}/{folder}_lesson.ipynb", f"facilitator/{folder}.md",
                f"assignments/source/{folder}/{folder}.ipynb", f"{folder} has no rows in docs/blueprint.csv",
                f"tests/profiles/{folder}.json is missing", f"no row for module {number}",
                f"should list {number} as 'A throw-away module'",
                f"should link {folder}.md as module {number}"]
    for named in expected:
        assert named in missing, f"the checks do not name {named!r}:\n{missing}"
    add_module_files(root, number, folder)
    assert problems(root) == []
    assert lesson_notebooks(root)[-1] == root / "course" / folder / f"{folder}_lesson.ipynb"


def test_a_missing_listed_file_is_named(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    (root / "course" / "03_consent" / "practice.json").unlink()
    (root / "facilitator" / "04_misinformation.md").unlink()
    listed = "is listed in course/course.toml but missing"
    assert problems(root) == [f"module 3's practice file course/03_consent/practice.json {listed}",
                              f"module 4's facilitator guide facilitator/04_misinformation.md {listed}"]


def test_an_unlisted_folder_is_named(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    (root / "course" / "06_extra").mkdir()
    (root / "assignments" / "source" / "03_consent_c").mkdir()
    unlisted = "is not listed in course/course.toml: add it to its module's entry, or remove it"
    assert problems(root) == [f"lesson folder 06_extra {unlisted}",
                              f"assignment folder 03_consent_c {unlisted}"]


def registry_keys(path: Path, name: str) -> list[str]:
    """The keys of the dict literal assigned to `name` in `path`, read without importing the file
    (the browser registries import Playwright and every widget)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return [ast.literal_eval(key) for key in node.value.keys]
    raise AssertionError(f"{path} assigns no dict literal to {name}")


@pytest.mark.parametrize(("file", "name"), [("interactions.py", "INTERACTIONS"), ("keyboard.py", "KEYBOARD")])
def test_the_browser_registries_have_one_entry_per_module(file: str, name: str) -> None:
    folders = [module.folder for module in load_course(ROOT).modules]
    assert registry_keys(ROOT / "tests" / "browser" / file, name) == folders, (
        f"tests/browser/{file}: {name} has one entry per module of course/course.toml, in order")

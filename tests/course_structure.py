"""The course's structural checks, run on any checkout: what course/course.toml lists is there, and
nothing is there that it does not list.

Each check takes a checkout's root and returns its problems, each naming the file or folder and
what to do, so that tests/test_course_structure.py runs the same checks on the repository and on
a copy with a module added through the manifest alone.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

import medsome
from medsome.manifest import FACILITATOR_INDEX, Course, load_course
from tests.test_notebook_imports import medsome_imports

WIDGETS = Path(medsome.__file__).parent / "widgets"
WIDGET_PARTS = {"__init__", "layout", "controls"}  # what every widget shares, not a widget
README_ROW = re.compile(
    r"^\| (\d+) \| (.+?) \| `course/([^`]+)` \| (?:`assignments/source/([^`]+)`|none) \|$", re.MULTILINE)
ORIENTATION_ROW = re.compile(r"^\| (\d+) \| (.+)$", re.MULTILINE)
GUIDE_ROW = re.compile(r"^\| \[`([^`]+)`\]\(\1\) \| (\d+) (.+?) \|", re.MULTILINE)


def _absent(paths: list[tuple[str, Path]], course: Course) -> list[str]:
    """'<what> <path> is missing' for each listed path that is not there."""
    return [f"{what} {path.relative_to(course.root)} is listed in course/course.toml but missing"
            for what, path in paths if not path.exists()]


def listed_files(root: Path) -> list[str]:
    """Every file the manifest lists exists: lessons, quizzes, practice, guides, cards, notebooks."""
    course = load_course(root)
    paths = [("shared course file", root / "course" / name) for name in course.shared]
    for m in course.modules:
        folder = root / "course" / m.folder
        paths += [(f"module {m.number}'s lesson", folder / m.lesson),
                  (f"module {m.number}'s facilitator guide", root / "facilitator" / m.facilitator)]
        paths += [(f"module {m.number}'s {kind}", folder / name)
                  for kind, name in (("quiz", m.quiz), ("practice file", m.practice)) if name]
        paths += [(f"module {m.number}'s data card", root / "datasets" / "cards" / card)
                  for card in m.data_cards]
    paths += [(f"assignment {a.folder}'s notebook", root / "assignments" / "source" / a.folder / a.notebook)
              for a in course.assignments]
    return _absent(paths, course)


def _folders(parent: Path) -> set[str]:
    """The folders in `parent`, without the ones tools leave (.ipynb_checkpoints, __pycache__)."""
    return {p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith((".", "__"))}


def unlisted_files(root: Path) -> list[str]:
    """Nothing the course would ship or grade exists without a manifest entry."""
    course = load_course(root)
    found = {
        "lesson folder": (_folders(root / "course"), {m.folder for m in course.modules}),
        "assignment folder": (_folders(root / "assignments" / "source"),
                              {a.folder for a in course.assignments}),
        "facilitator guide": ({p.name for p in (root / "facilitator").glob("*.md")} - {FACILITATOR_INDEX},
                              {m.facilitator for m in course.modules}),
        "data card": ({p.name for p in (root / "datasets" / "cards").glob("*.md")},
                      {card for m in course.modules for card in m.data_cards}),
    }
    problems = [f"{what} {name} is not listed in course/course.toml: add it to its module's entry, "
                "or remove it" for what, (there, listed) in found.items() for name in sorted(there - listed)]
    for m in course.modules:
        folder = root / "course" / m.folder
        notebooks = {p.name for p in folder.glob("*.ipynb")} - {m.lesson}
        problems += [f"course/{m.folder}/{name} is a notebook course/course.toml does not list as the "
                     "module's lesson" for name in sorted(notebooks)]
        items = {p.name for p in folder.glob("*.json")} - {m.quiz, m.practice}
        problems += [f"course/{m.folder}/{name} is not listed in course/course.toml as the module's quiz "
                     "or practice file" for name in sorted(items)]
    return problems


def widgets(root: Path) -> list[str]:
    """Each module lists the widgets its lesson imports, and each one listed is a course widget."""
    course, problems = load_course(root), []
    for m, lesson in zip(course.modules, course.lesson_notebooks(), strict=True):
        if not lesson.exists():
            continue  # listed_files names it
        imported = {name.split(".")[2] for name in medsome_imports(lesson)
                    if name.startswith("medsome.widgets.")}
        problems += [f"module {m.number}'s lesson imports medsome.widgets.{w}; add {w!r} to its widgets"
                     for w in sorted(imported - set(m.widgets))]
        problems += [f"module {m.number} lists widget {w!r}, which its lesson does not import"
                     for w in sorted(set(m.widgets) - imported)]
        problems += [f"module {m.number} lists widget {w!r}, but there is no medsome/widgets/{w}.py"
                     for w in m.widgets if not (WIDGETS / f"{w}.py").is_file()]
    listed = {w for m in course.modules for w in m.widgets}
    problems += [f"medsome/widgets/{p.name} is a widget no module of course/course.toml lists"
                 for p in sorted(WIDGETS.glob("*.py")) if p.stem not in listed | WIDGET_PARTS]
    return problems


def blueprint(root: Path) -> list[str]:
    """Each Form A has rows in docs/blueprint.csv, and each row names a Form A of the manifest."""
    course = load_course(root)
    with (root / "docs" / "blueprint.csv").open(encoding="utf-8", newline="") as rows:
        written = {row["assignment"] for row in csv.DictReader(rows)}
    form_a = {a.folder for a in course.assignments if a.form == "A"}
    return ([f"assignment {name} has no rows in docs/blueprint.csv: add one per graded cell"
             for name in sorted(form_a - written)]
            + [f"docs/blueprint.csv has rows for {name}, not a Form A in course/course.toml"
               for name in sorted(written - form_a)])


def profiles(root: Path) -> list[str]:
    """Each assignment has its misconception profiles in tests/profiles/, and no other file is there."""
    listed = {a.folder for a in load_course(root).assignments}
    there = {p.stem for p in (root / "tests" / "profiles").glob("*.json")}
    return ([f"tests/profiles/{name}.json is missing: write the assignment's misconception profiles"
             for name in sorted(listed - there)]
            + [f"tests/profiles/{name}.json names an assignment course/course.toml does not list"
               for name in sorted(there - listed)])


def readme(root: Path) -> list[str]:
    """README's module table has one row per module: number, title, lesson folder, Form A."""
    course = load_course(root)
    table = README_ROW.findall((root / "README.md").read_text(encoding="utf-8"))
    rows = {int(number): (text, lesson, assignment or None) for number, text, lesson, assignment in table}
    problems = [f"README.md's module table has a row {n} course/course.toml does not list"
                for n in sorted(set(rows) - {m.number for m in course.modules})]
    for m in course.modules:
        form_a = next((a.folder for a in m.assignments if a.form == "A"), None)
        if m.number not in rows:
            problems.append(f"README.md's module table has no row for module {m.number} ({m.folder})")
        elif not rows[m.number][0].startswith(m.title) or rows[m.number][1:] != (m.folder, form_a):
            problems.append(f"README.md's row {m.number} should start with {m.title!r} and name "
                            f"course/{m.folder} and {f'assignments/source/{form_a}' if form_a else 'none'}")
    return problems


def facilitator_index(root: Path) -> list[str]:
    """facilitator/README.md links each module's guide, with the module's number and title."""
    course = load_course(root)
    text = (root / "facilitator" / FACILITATOR_INDEX).read_text(encoding="utf-8")
    rows = {int(number): (guide, title) for guide, number, title in GUIDE_ROW.findall(text)}
    problems = [f"facilitator/{FACILITATOR_INDEX} links a guide for module {n}, which course/course.toml "
                "does not list" for n in sorted(set(rows) - {m.number for m in course.modules})]
    problems += [f"facilitator/{FACILITATOR_INDEX} should link {m.facilitator} as module {m.number}, "
                 f"{m.title}" for m in course.modules
                 if rows.get(m.number, ("", ""))[0] != m.facilitator
                 or not rows[m.number][1].startswith(m.title)]
    return problems


def orientation_rows(notebook: Path) -> dict[int, str]:
    """The orientation lesson's module overview: number -> the rest of its table row."""
    cells = nbformat.read(notebook, as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    return {int(number): line for number, line in ORIENTATION_ROW.findall(text)}


def orientation(root: Path) -> list[str]:
    """The orientation lesson (module 0's) lists every module with its title and question."""
    course = load_course(root)
    lesson = course.lesson_notebooks()[0]
    if not lesson.exists():
        return []  # listed_files names it
    rows = orientation_rows(lesson)
    problems = [f"the orientation lists a module {n} course/course.toml does not"
                for n in sorted(set(rows) - {m.number for m in course.modules})]
    for m in course.modules:
        row = rows.get(m.number, "")
        if not row.startswith(m.title) or m.question.lower().rstrip("?") not in row.lower():
            problems.append(f"the orientation's module table should list {m.number} as {m.title!r}, "
                            f"asking {m.question!r}")
    return problems


CHECKS: dict[str, Callable[[Path], list[str]]] = {
    check.__name__: check
    for check in (listed_files, unlisted_files, widgets, blueprint, profiles, readme, facilitator_index,
                  orientation)
}

"""The course manifest, course/course.toml: the modules in order and every file each one owns.

The workspace, the website, the hub's course folder, the blueprint and the tests read the course
from here. Loading checks the file's shape and the course's naming rules and fails with a
ManifestError naming the file, the entry and the key; whether the files it lists exist is the
structural tests' concern (tests/test_course_structure.py), so a learner's notebook that imports
medsome.course never fails on a missing facilitator guide.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medsome.errors import ManifestError
from medsome.paths import course_root

MANIFEST_NAME = "course.toml"
FACILITATOR_INDEX = "README.md"  # facilitator/README.md: the guides' index, beside each module's guide
FORM_B_SUFFIX = "_b"  # a Form B's folder is its Form A's with this suffix (medsome.forms)
FORMS = ("A", "B")
LESSON_SUFFIX = "_lesson.ipynb"  # never the name of an assignment's notebook (a gradebook key)

_TOP_KEYS = {"shared", "module"}
_REQUIRED = {"number": int, "folder": str, "title": str, "question": str, "lesson": str,
             "facilitator": str}
_OPTIONAL = {"quiz": str, "practice": str, "data_cards": list, "widgets": list, "assignment": list}
_ASSIGNMENT_REQUIRED = {"folder": str, "form": str}
_ASSIGNMENT_OPTIONAL = {"notebook": str}


@dataclass(frozen=True)
class Assignment:
    """An nbgrader assignment: assignments/source/<folder>/<notebook>, Form A or Form B."""

    folder: str
    form: str
    notebook: str
    module: int


@dataclass(frozen=True)
class Module:
    """A module of the course: its lesson folder, question, files, widgets and assignments."""

    number: int
    folder: str
    title: str
    question: str
    lesson: str
    facilitator: str
    quiz: str | None = None
    practice: str | None = None
    data_cards: tuple[str, ...] = ()
    widgets: tuple[str, ...] = ()
    assignments: tuple[Assignment, ...] = ()


@dataclass(frozen=True)
class Course:
    """The whole manifest: the modules in order and the course files beside their folders."""

    path: Path
    modules: tuple[Module, ...]
    shared: tuple[str, ...]

    @property
    def root(self) -> Path:
        """The checkout holding course/, assignments/ and facilitator/."""
        return self.path.parent.parent

    def lesson_notebooks(self) -> list[Path]:
        """Every lesson notebook, course/<folder>/<lesson>, in module order."""
        return [self.root / "course" / m.folder / m.lesson for m in self.modules]

    def assignment_notebooks(self) -> list[Path]:
        """Every assignment's source notebook, assignments/source/<folder>/<notebook>, in course order."""
        return [self.root / "assignments" / "source" / a.folder / a.notebook for a in self.assignments]

    def facilitator_guides(self) -> list[Path]:
        """Every module's facilitator guide, facilitator/<file>, in module order."""
        return [self.root / "facilitator" / m.facilitator for m in self.modules]

    def facilitator_pages(self) -> list[Path]:
        """The facilitator guides' index, facilitator/README.md, then every module's guide."""
        return [self.root / "facilitator" / FACILITATOR_INDEX, *self.facilitator_guides()]

    def quiz_files(self) -> list[Path]:
        """Every module's self-check quiz, course/<folder>/<quiz>, in module order."""
        return [self.root / "course" / m.folder / m.quiz for m in self.modules if m.quiz]

    def practice_files(self) -> list[Path]:
        """Every module's practice items, course/<folder>/<practice>, in module order."""
        return [self.root / "course" / m.folder / m.practice for m in self.modules if m.practice]

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """Every assignment, in course order (each Form A before its Form B)."""
        return tuple(a for module in self.modules for a in module.assignments)

    def form_b(self) -> list[str]:
        """The folders of the Form B assignments."""
        return [a.folder for a in self.assignments if a.form == "B"]


def manifest_path(root: Path | None = None) -> Path:
    """course/course.toml in the checkout at `root` (default: medsome.paths.course_root())."""
    return (root or course_root()) / "course" / MANIFEST_NAME


def load_course(root: Path | None = None) -> Course:
    """The manifest of the course at `root`, checked (read again only when the file changes)."""
    path = manifest_path(root)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ManifestError(f"{path}: the course manifest is missing; it lists the course's "
                            "modules and their files (see DESIGN.md, The course manifest)") from None
    return _load(path, (stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _load(path: Path, stamp: tuple[int, int]) -> Course:
    """Parse and check the manifest at `path` as it was when its (mtime, size) were `stamp`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: not valid TOML ({error}); fix the file's syntax") from error
    _keys(data, set(), _TOP_KEYS, str(path))
    entries = data.get("module")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path}: no [[module]] entries; list the course's modules in order")
    shared = _names(data.get("shared", []), str(path), "shared")
    modules = tuple(_module(entry, index, path) for index, entry in enumerate(entries))
    _check_course(modules, path)
    return Course(path, modules, shared)


def _keys(entry: dict[str, Any], required: set[str], known: set[str], where: str) -> None:
    """Fail on a missing required key or an unknown one, naming the entry and the key."""
    missing = sorted(required - set(entry))
    if missing:
        raise ManifestError(f"{where}: missing key(s) {', '.join(missing)}; add them (required: "
                            f"{', '.join(sorted(required))})")
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ManifestError(f"{where}: unknown key(s) {', '.join(unknown)}; "
                            f"known keys: {', '.join(sorted(known))}")


def _typed(entry: dict[str, Any], types: dict[str, type], where: str) -> None:
    """Fail on a value of the wrong type, naming the key, what was expected and what was found."""
    for key, kind in types.items():
        value = entry.get(key)
        if key in entry and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            expected = "a list" if kind is list else kind.__name__
            raise ManifestError(f"{where}, key {key!r}: expected {expected}, found {value!r}")


def _names(value: Any, where: str, key: str) -> tuple[str, ...]:
    """A list of plain file or module names, checked."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ManifestError(f"{where}, key {key!r}: expected a list of names, found {value!r}")
    plain = [v for v in value if "/" in v or "\\" in v]
    if plain or len(set(value)) != len(value):
        raise ManifestError(f"{where}, key {key!r}: names must be plain and listed once, found {value!r}")
    return tuple(value)


def _module(entry: Any, index: int, path: Path) -> Module:
    """One [[module]] entry, checked."""
    if not isinstance(entry, dict):
        raise ManifestError(f"{path}: [[module]] entry {index + 1} is not a table")
    where = f"{path}, [[module]] entry {index + 1}" + (f" ({entry['folder']})" if "folder" in entry else "")
    _keys(entry, set(_REQUIRED), set(_REQUIRED) | set(_OPTIONAL), where)
    _typed(entry, {**_REQUIRED, **_OPTIONAL}, where)
    number, folder = entry["number"], entry["folder"]
    if number != index:
        raise ManifestError(f"{where}, key 'number': modules are numbered 0, 1, 2, ... in order; "
                            f"this entry should be {index}, found {number}")
    if not folder.startswith(f"{number:02d}_") or "/" in folder:
        raise ManifestError(f"{where}, key 'folder': a module's folder is its two-digit number, an "
                            f"underscore and its topic ({number:02d}_topic), found {folder!r}")
    if not entry["lesson"].endswith(LESSON_SUFFIX) or "/" in entry["lesson"]:
        raise ManifestError(f"{where}, key 'lesson': a lesson notebook is named NN_topic{LESSON_SUFFIX}, "
                            f"found {entry['lesson']!r}")
    assignments = tuple(_assignment(a, i, number, folder, where)
                        for i, a in enumerate(entry.get("assignment", [])))
    return Module(number, folder, entry["title"], entry["question"], entry["lesson"],
                  entry["facilitator"], entry.get("quiz"), entry.get("practice"),
                  _names(entry.get("data_cards", []), where, "data_cards"),
                  _names(entry.get("widgets", []), where, "widgets"), assignments)


def _assignment(entry: Any, index: int, number: int, module: str, where: str) -> Assignment:
    """One [[module.assignment]] entry, checked against its module's number."""
    where = f"{where}, [[module.assignment]] entry {index + 1}"
    if not isinstance(entry, dict):
        raise ManifestError(f"{where}: not a table")
    _keys(entry, set(_ASSIGNMENT_REQUIRED), set(_ASSIGNMENT_REQUIRED) | set(_ASSIGNMENT_OPTIONAL), where)
    _typed(entry, {**_ASSIGNMENT_REQUIRED, **_ASSIGNMENT_OPTIONAL}, where)
    folder, form = entry["folder"], entry["form"]
    if form not in FORMS:
        raise ManifestError(f"{where}, key 'form': expected one of {', '.join(FORMS)}, found {form!r}")
    if not folder.startswith(f"{number:02d}_") or "/" in folder:
        raise ManifestError(f"{where}, key 'folder': an assignment of module {number} is named "
                            f"{number:02d}_topic, found {folder!r}")
    if (form == "B") != (folder.endswith(FORM_B_SUFFIX) and folder != f"{number:02d}{FORM_B_SUFFIX}"):
        raise ManifestError(f"{where}, key 'form': a Form B, and only a Form B, has a folder ending "
                            f"{FORM_B_SUFFIX!r}; {folder!r} is listed as Form {form}")
    notebook = entry.get("notebook", f"{folder}.ipynb")
    if notebook.endswith(LESSON_SUFFIX) or "/" in notebook or not notebook.endswith(".ipynb"):
        raise ManifestError(f"{where}, key 'notebook': expected a notebook name such as {folder}.ipynb "
                            f"(not a lesson's), found {notebook!r}")
    return Assignment(folder, form, notebook, number)


def _check_course(modules: tuple[Module, ...], path: Path) -> None:
    """Fail on folders listed twice and on a Form B without its Form A before it."""
    seen: set[str] = set()
    for module in modules:
        for assignment in module.assignments:
            where = f"{path}, module {module.number} ({module.folder}), assignment {assignment.folder}"
            if assignment.folder in seen:
                raise ManifestError(f"{where}: listed more than once")
            base = assignment.folder.removesuffix(FORM_B_SUFFIX)
            if assignment.form == "B" and base not in seen:
                raise ManifestError(f"{where}: a Form B follows its Form A, {base}, which this module "
                                    "does not list before it")
            seen.add(assignment.folder)
    folders = [m.folder for m in modules]
    repeated = sorted({f for f in folders if folders.count(f) > 1})
    if repeated:
        raise ManifestError(f"{path}: module folder(s) {', '.join(repeated)} listed more than once")

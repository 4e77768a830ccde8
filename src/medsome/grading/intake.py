"""`medsome collect`: take in submissions from nbgrader's exchange, a folder, or an LMS zip archive.

Folders and zip archives go through nbgrader's zip_collect with a collector (SubmissionMatcher)
that knows the usual layouts: a folder per student (`jdoe/02_identification.ipynb`, Moodle's
`Jane Doe_123_assignsubmission_file_/...`), files named by student (`jdoe.ipynb`,
`jdoe_02_identification.ipynb`, Canvas's `doejane_123_456_02_identification-1.ipynb`), or the
instructor's own regular expression. Files it cannot match are listed, not guessed.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

try:
    import pwd
except ImportError:  # Windows: no owners to compare
    pwd = None  # type: ignore[assignment]

from nbgrader.apps import ZipCollectApp
from nbgrader.coursedir import CourseDirectory
from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import List, Unicode

from medsome.grading.course_folder import Course, GradingError, require_success
from medsome.grading.exchange import exchange_api
from medsome.grading.safe_copy import copy_file, copy_tree, unsafe_name
from medsome.grading.tamper import record_intake

CANVAS_FILE = re.compile(r"^(?P<student_id>[^_]+)(?:_LATE)?_\d+_\d+_(?P<file_id>.+)$")
MOODLE_FOLDER = re.compile(r"^(?P<student_id>.+?)_\d+_assignsubmission_\w*$")
_RESUBMISSION = re.compile(r"-\d+$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.@-]+")


@dataclass
class Intake:
    """What a collection brought in, and what it could not place."""

    assignment: str
    students: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{self.assignment}: collected {len(self.students)} student(s) into submitted/"]
        if self.students:
            lines.append("  " + ", ".join(self.students))
        if self.unmatched:
            lines.append(f"Could not match {len(self.unmatched)} file(s) to a student (not collected):")
            lines += [f"  {line}" for line in self.unmatched]
        if self.ignored:
            lines.append(f"Ignored {len(self.ignored)} file(s) that are not notebooks.")
        if self.refused:
            lines.append(f"Refused {len(self.refused)} item(s) (not collected; only regular files under "
                         "plain names are taken in):")
            lines += [f"  {line}" for line in self.refused]
        return "\n".join(lines)


def student_id(name: str) -> str:
    """A student id safe as a folder name: 'Jane Doe' -> 'Jane_Doe'."""
    return _UNSAFE.sub("_", name.strip()).strip("_.")


def canonical_file(name: str, notebooks: list[str]) -> str:
    """The assignment notebook a file name stands for ('jdoe_02_x-1.ipynb' -> '02_x.ipynb')."""
    stem = _RESUBMISSION.sub("", PurePosixPath(name).stem)
    for notebook in notebooks:
        if PurePosixPath(notebook).stem in stem:
            return notebook
    return PurePosixPath(name).name


def match_submission(rel: str, notebooks: list[str], assignment: str,
                     pattern: str | None = None) -> tuple[str, str] | str:
    """(student, notebook file name) for a file's path relative to the upload, or why not."""
    parts = [p for p in PurePosixPath(rel).parts if p != assignment]
    name = parts[-1] if parts else rel
    if pattern:
        found = re.search(pattern, rel)
        if not found or not found.groupdict().get("student_id"):
            return "does not match --pattern"
        file_id = found.groupdict().get("file_id") or (notebooks[0] if len(notebooks) == 1 else name)
        return student_id(found["student_id"]), canonical_file(file_id, notebooks)
    if len(parts) >= 2:
        folder = MOODLE_FOLDER.match(parts[0])
        return student_id(folder["student_id"] if folder else parts[0]), canonical_file(name, notebooks)
    canvas = CANVAS_FILE.match(name)
    if canvas:
        return student_id(canvas["student_id"]), canonical_file(canvas["file_id"], notebooks)
    stem = _RESUBMISSION.sub("", PurePosixPath(name).stem)
    for notebook in notebooks:
        rest = student_id(stem.replace(PurePosixPath(notebook).stem, ""))
        if rest != student_id(stem):
            return (rest, notebook) if rest else "its name has no student in it"
    if len(notebooks) == 1:
        return student_id(stem), notebooks[0]
    return "cannot tell which notebook it is"


class SubmissionMatcher(FileNameCollectorPlugin):
    """Match extracted files to students; remember what could not be matched."""

    root = Unicode("").tag(config=True)
    assignment = Unicode("").tag(config=True)
    notebooks = List([]).tag(config=True)
    pattern = Unicode("").tag(config=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.matched: dict[tuple[str, str], str] = {}
        self.problems: dict[str, str] = {}

    def collect(self, submitted_file: str) -> dict | None:
        rel = Path(submitted_file).relative_to(self.root).as_posix()
        unsafe = next((why for part in PurePosixPath(rel).parts if (why := unsafe_name(part))), None)
        if unsafe or os.path.islink(submitted_file) or not os.path.isfile(submitted_file):
            self.problems[rel] = f"refused: {unsafe or 'not a regular file'}"
            return None
        found = (match_submission(rel, self.notebooks, self.assignment, self.pattern or None)
                 if rel.endswith(".ipynb") else "not a notebook")
        if isinstance(found, tuple) and found in self.matched:
            found = f"{found[0]} already has {found[1]} from {self.matched[found]}"
        if isinstance(found, str):
            self.problems[rel] = found
            return None
        self.matched[found] = rel
        return {"student_id": found[0], "file_id": found[1]}


def check_zip(path: Path) -> None:
    """Fail in one line unless `path` is a readable zip archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError) as error:
        raise GradingError(f"{path} is not a readable zip archive ({error})") from None
    if damaged:
        raise GradingError(f"{path} is a damaged zip archive (bad entry: {damaged})")


def stage(upload: Path, archive: Path) -> list[str]:
    """Copy a folder's regular files, or a zip file, into zip_collect's archive folder; the refusals."""
    if upload.is_dir():
        return copy_tree(upload, archive, skip=(".", "__MACOSX"))
    if upload.is_file():
        check_zip(upload)
        archive.mkdir(parents=True)
        if why := copy_file(upload, archive / upload.name):
            raise GradingError(f"{upload} cannot be collected: {why}")
        return []
    raise GradingError(f"{upload} does not exist")


def collect_files(course: Course, assignment: str, upload: Path, pattern: str | None = None) -> Intake:
    """Collect a folder or an LMS zip archive of submissions with nbgrader's zip_collect."""
    notebooks = course.notebook_names(assignment)
    downloads = course.state_dir("downloads")
    shutil.rmtree(downloads / assignment, ignore_errors=True)
    refused = stage(upload.expanduser().absolute(), downloads / assignment / "archive")
    extracted = downloads / assignment / "extracted"
    if upload.is_file():
        extracted = extracted / upload.stem  # zip_collect extracts an archive into a folder of its name
    config = course.configured(
        ZipCollectApp={"downloaded_directory": str(downloads.relative_to(course.root)), "force": True,
                       "collector_plugin": SubmissionMatcher, "log_level": logging.ERROR},
        ExtractorPlugin={"force": True},
        SubmissionMatcher={"root": str(extracted), "assignment": assignment, "notebooks": notebooks,
                           "pattern": pattern or ""},
    )
    app = ZipCollectApp(config=config)
    app.coursedir = CourseDirectory(parent=app)
    app.coursedir.assignment_id = assignment
    errors = _ErrorLog(app.log)
    try:
        app.init_plugins()
        app.extract_archive_files()
        app.process_extracted_files()
    except (SystemExit, Exception) as error:
        raise GradingError(f"could not collect {upload}: {errors.text() or error}") from None
    finally:
        errors.close()
    plugin = app.collector_plugin_inst
    students = sorted({student for student, _ in plugin.matched})
    record_intake(course, assignment, students)
    return Intake(
        assignment,
        students=students,
        unmatched=[f"{rel}: {why}" for rel, why in sorted(plugin.problems.items())
                   if why != "not a notebook" and not why.startswith("refused: ")],
        ignored=sorted(rel for rel, why in plugin.problems.items() if why == "not a notebook"),
        refused=refused + [f"{rel}: {why.removeprefix('refused: ')}" for rel, why
                           in sorted(plugin.problems.items()) if why.startswith("refused: ")],
    )


class _ErrorLog(logging.Handler):
    """Collects an nbgrader app's error messages, to report them in one line."""

    def __init__(self, log: logging.Logger) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []
        self.log = log
        log.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0])

    def text(self) -> str:
        return "; ".join(self.messages)

    def close(self) -> None:
        self.log.removeHandler(self)
        super().close()


def _timestamps(course: Course, assignment: str) -> dict[str, float]:
    """Modification time of each student's submitted folder."""
    found = course.found("submitted", assignment=assignment)
    return {student: folder.stat().st_mtime for student, _, folder in found}


def owner_problem(path: Path, student: str) -> str | None:
    """Why an exchange submission may not be the named student's (owned by someone else), or None."""
    uid = os.lstat(path).st_uid
    if uid == os.geteuid():
        return None
    try:
        owner = pwd.getpwuid(uid).pw_name
    except KeyError:
        owner = f"user id {uid}"
    return None if owner == student else f"submitted for {student} but owned by {owner}"


def stage_inbound(inbound: Path, staging: Path, assignment: str) -> list[str]:
    """Copy the assignment's exchange submissions that are what they claim into `staging`."""
    refused: list[str] = []
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for entry in sorted(inbound.glob(f"*+{assignment}+*")):
        parts = entry.name.split("+")
        named = len(parts) in (3, 4) and parts[1] == assignment
        why = ("a symbolic link" if entry.is_symlink() else None) or (
            None if named else "its name is not student+assignment+time")
        why = why or next((w for p in (parts[0], parts[2]) if (w := unsafe_name(p))), None)
        why = why or ("not a folder" if not entry.is_dir() else owner_problem(entry, parts[0]))
        if why:
            refused.append(f"{entry.name}: {why}")
            continue
        refused += [f"{entry.name}/{line}" for line in copy_tree(entry, staging / entry.name)]
    return refused


def collect_exchange(course: Course, assignment: str, root: Path | None = None) -> Intake:
    """Collect the submissions students made through nbgrader's exchange, through a checked copy."""
    api = exchange_api(course, root)
    inbound = Path(api.exchange_root) / api.coursedir.course_id / "inbound"
    staging = course.state_dir("exchange")
    refused = stage_inbound(inbound, staging / api.coursedir.course_id / "inbound", assignment)
    staged = exchange_api(course, staging, ExchangeCollect={"check_owner": False})
    before = _timestamps(course, assignment)
    require_success(staged.collect(assignment), f"collect {assignment}")
    after = _timestamps(course, assignment)
    students = sorted(s for s, t in after.items() if before.get(s) != t)
    record_intake(course, assignment, students)
    return Intake(assignment, students=students, refused=refused)

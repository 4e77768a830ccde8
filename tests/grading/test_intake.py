"""`medsome collect`: from a folder, an LMS zip archive or nbgrader's exchange, with a report."""

from __future__ import annotations

import getpass
import os
import zipfile
from pathlib import Path

import nbformat
import pytest

from medsome.cli import main as run
from medsome.grading.course_folder import Course, require_success
from medsome.grading.intake import match_submission

from .conftest import ASSIGNMENT, student_exchange

pytestmark = pytest.mark.integration  # nbgrader builds the course and its exchange

NB = f"{ASSIGNMENT}.ipynb"


def _released(course: Path) -> str:
    return (course / "release" / ASSIGNMENT / NB).read_text()


def _submitted(course: Path) -> list[str]:
    root = course / "submitted"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.ipynb"))


@pytest.mark.parametrize("rel, expected", [
    ("jdoe/tiny.ipynb", ("jdoe", NB)),
    ("jdoe/tiny/tiny.ipynb", ("jdoe", NB)),
    ("Jane Doe_123_assignsubmission_file_/tiny.ipynb", ("Jane_Doe", NB)),
    ("jdoe.ipynb", ("jdoe", NB)),
    ("jdoe_tiny.ipynb", ("jdoe", NB)),
    ("doejane_LATE_12_34_tiny-1.ipynb", ("doejane", NB)),
    ("tiny.ipynb", "its name has no student in it"),
])
def test_usual_layouts_are_matched_to_students(rel: str, expected: object) -> None:
    assert match_submission(rel, [NB], ASSIGNMENT) == expected


def test_a_pattern_overrides_the_layouts() -> None:
    pattern = r"^(?P<student_id>\w+)--"
    assert match_submission("ab12--whatever.ipynb", [NB], ASSIGNMENT, pattern) == ("ab12", NB)
    assert match_submission("whatever.ipynb", [NB], ASSIGNMENT, pattern) == "does not match --pattern"


def test_collect_a_folder_of_student_folders_and_files(course: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    upload = tmp_path / "upload"
    (upload / "alice").mkdir(parents=True)
    (upload / "alice" / NB).write_text(_released(course))
    (upload / "alice" / "notes.txt").write_text("not a notebook")
    (upload / "bob.ipynb").write_text(_released(course))
    (upload / NB).write_text(_released(course))
    assert run(["collect", ASSIGNMENT, "--from", str(upload), "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "collected 2 student(s)" in out and "alice, bob" in out
    assert "Could not match 1 file(s)" in out and f"{NB}: its name has no student in it" in out
    assert "Ignored 1 file(s)" in out
    assert _submitted(course) == [f"alice/{ASSIGNMENT}/{NB}", f"bob/{ASSIGNMENT}/{NB}"]


def test_collect_an_lms_zip_reports_duplicates_and_strays(course: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("doejane_12_34_tiny.ipynb", _released(course))
        zf.writestr("smithbob_LATE_13_35_tiny-1.ipynb", _released(course))
        zf.writestr("smithbob_13_36_tiny.ipynb", _released(course))
        zf.writestr("tiny.ipynb", _released(course))
    assert run(["collect", ASSIGNMENT, "--from", str(archive), "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "collected 2 student(s)" in out
    assert "smithbob already has tiny.ipynb" in out and "tiny.ipynb: its name has no student in it" in out
    assert _submitted(course) == [f"doejane/{ASSIGNMENT}/{NB}", f"smithbob/{ASSIGNMENT}/{NB}"]


def test_a_corrupt_zip_is_one_clear_line(course: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert run(["collect", ASSIGNMENT, "--from", str(archive), "--course", str(course)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("medsome: ") and "not a readable zip archive" in err and err.count("\n") == 1
    assert not (course / "submitted").exists()


def test_collect_from_nbgraders_exchange(course: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    api = Course(course).api(Exchange={"root": str(exchange)})
    require_success(api.release_assignment(ASSIGNMENT), "release_assignment")
    home = tmp_path / "student"
    home.mkdir()
    student_exchange(course, exchange, home, "FetchAssignment")
    notebook = home / ASSIGNMENT / NB
    nbformat.write(nbformat.read(notebook, as_version=4), notebook)
    student_exchange(course, exchange, home, "Submit")
    assert run(["collect", ASSIGNMENT, "--exchange-dir", str(exchange), "--course", str(course)]) == 0
    user = getpass.getuser()
    assert "collected 1 student(s)" in capsys.readouterr().out
    assert _submitted(course) == [f"{user}/{ASSIGNMENT}/{NB}"]


def test_a_folder_upload_copies_regular_files_only_and_names_what_it_refused(
        course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upload = tmp_path / "upload"
    (upload / "alice").mkdir(parents=True)
    (upload / "alice" / NB).write_text(_released(course))
    (upload / "mallory").mkdir()
    (upload / "mallory" / NB).symlink_to(course / "source" / ASSIGNMENT / NB)
    (upload / "eve").mkdir()
    (upload / "eve" / "passwd.ipynb").symlink_to("/etc/passwd")
    (upload / "linked").symlink_to(course / "source", target_is_directory=True)
    os.mkfifo(upload / "pipe.ipynb")
    (upload / "victim+tiny.ipynb").write_text(_released(course))
    assert run(["collect", ASSIGNMENT, "--from", str(upload), "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "Refused 5 item(s)" in out
    for line in (f"mallory/{NB}: a symbolic link", "eve/passwd.ipynb: a symbolic link",
                 "linked: a symbolic link", "pipe.ipynb: a pipe", "victim+tiny.ipynb: its name holds '+'"):
        assert line in out
    assert _submitted(course) == [f"alice/{ASSIGNMENT}/{NB}"]
    assert not any(p.is_symlink() for p in (course / ".medsome").rglob("*"))


def test_a_zip_entry_whose_name_reaches_elsewhere_is_refused(course: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("doejane_12_34_tiny.ipynb", _released(course))
        zf.writestr("victim+x/tiny.ipynb", _released(course))
    assert run(["collect", ASSIGNMENT, "--from", str(archive), "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "victim+x/tiny.ipynb: its name holds '+'" in out
    assert _submitted(course) == [f"doejane/{ASSIGNMENT}/{NB}"]


def test_an_exchange_submission_made_for_someone_else_or_holding_links_is_refused(
        course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exchange = tmp_path / "exchange"
    inbound = exchange / "medsome" / "inbound"
    inbound.mkdir(parents=True)
    stamp = "2026-12-01 10:00:00.000000 UTC"
    honest = inbound / f"{getpass.getuser()}+{ASSIGNMENT}+{stamp}+abc"
    honest.mkdir()
    (honest / NB).write_text(_released(course))
    (honest / "gradebook.ipynb").symlink_to(course / "gradebook.db")
    forged = inbound / f"victim+{ASSIGNMENT}+{stamp}+def"
    forged.mkdir()
    (forged / NB).write_text(_released(course))
    if os.geteuid() == 0:
        os.chown(forged, 65534, 65534)
    assert run(["collect", ASSIGNMENT, "--exchange-dir", str(exchange), "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert f"{honest.name}/gradebook.ipynb: a symbolic link" in out
    if os.geteuid() == 0:
        assert f"{forged.name}: submitted for victim but owned by" in out
        assert _submitted(course) == [f"{getpass.getuser()}/{ASSIGNMENT}/{NB}"]
    assert not any(p.is_symlink() for p in (course / "submitted").rglob("*"))

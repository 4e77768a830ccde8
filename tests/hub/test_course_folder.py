"""The hub's course folder (medsome.hub): config, exchange, gradebook URL, bad input (no hub needed)."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from medsome.cli import main as medsome_main
from medsome.errors import MedsomeError
from medsome.grading.course_folder import Course
from medsome.hub import GRADEBOOK_ENV, GRADEBOOK_FILE_ENV, HUB_MARKER, HubError, main, prepare_course
from medsome.manifest import load_course
from medsome.paths import assignments_dir

PG_URL = "postgresql+psycopg2://grader:s3cret@db.example:5432/gradebook"


def test_prepare_copies_the_course_and_names_the_exchange(tmp_path: Path) -> None:
    course = prepare_course(tmp_path / "course", tmp_path / "exchange", "medsome-2027")
    config = Course(course).config
    assert config.CourseDirectory.course_id == "medsome-2027"
    assert config.Exchange.root == str((tmp_path / "exchange").resolve())
    assert config.Exchange.path_includes_course is True
    assert config.OverwriteCells.add_missing_cells is True  # the course's own settings are kept
    sources = sorted(a.folder for a in load_course().assignments)
    assert sorted(p.name for p in (course / "source").iterdir()) == sources
    assert stat.S_IMODE((tmp_path / "exchange").stat().st_mode) == 0o1777


def test_preparing_again_keeps_grades_and_writes_the_settings_once(tmp_path: Path) -> None:
    course = prepare_course(tmp_path / "course", tmp_path / "old-exchange")
    (course / "gradebook.db").write_bytes(b"grades")
    (course / "submitted" / "ahmed").mkdir(parents=True)
    prepare_course(course, tmp_path / "exchange")
    text = (course / "nbgrader_config.py").read_text(encoding="utf-8")
    assert text.count(HUB_MARKER) == 1 and "old-exchange" not in text
    assert (course / "gradebook.db").read_bytes() == b"grades"
    assert (course / "submitted" / "ahmed").is_dir()


def test_gradebook_is_sqlite_unless_the_hub_names_a_server(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    course = prepare_course(tmp_path / "course", tmp_path / "exchange")
    monkeypatch.delenv(GRADEBOOK_ENV, raising=False)
    assert Course(course).gradebook_url == f"sqlite:///{course / 'gradebook.db'}"
    monkeypatch.setenv(GRADEBOOK_ENV, PG_URL)
    assert Course(course).gradebook_url == PG_URL


def test_gradebook_url_can_come_from_a_mounted_secret(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    course = prepare_course(tmp_path / "course", tmp_path / "exchange")
    (tmp_path / "url").write_text(PG_URL + "\n", encoding="utf-8")
    monkeypatch.delenv(GRADEBOOK_ENV, raising=False)
    monkeypatch.setenv(GRADEBOOK_FILE_ENV, str(tmp_path / "url"))
    assert Course(course).gradebook_url == PG_URL


def test_gradebook_command_hides_the_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    course = prepare_course(tmp_path / "course", tmp_path / "exchange")
    monkeypatch.setenv(GRADEBOOK_ENV, PG_URL)
    assert main(["gradebook", "--course", str(course)]) == 0
    shown = capsys.readouterr().out
    assert "s3cret" not in shown and "grader:***@db.example:5432/gradebook" in shown


def test_the_repository_course_is_never_prepared_in_place(tmp_path: Path) -> None:
    with pytest.raises(HubError, match="repository's own assignments"):
        prepare_course(assignments_dir(), tmp_path / "exchange")


def test_an_assignment_the_manifest_lists_but_the_checkout_lacks_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "checkout"
    shutil.copytree(assignments_dir(), checkout / "assignments",
                    ignore=lambda folder, names: [n for n in names if n == "03_consent_b"])
    (checkout / "course").mkdir()
    (checkout / "datasets").mkdir()
    shutil.copy2(load_course().path, checkout / "course" / "course.toml")
    monkeypatch.setenv("MEDSOME_ROOT", str(checkout))
    course = tmp_path / "course"
    (course / "source" / "01_why_some").mkdir(parents=True)
    with pytest.raises(HubError, match=r"course/course\.toml lists 03_consent_b, missing from .*restore"):
        prepare_course(course, tmp_path / "exchange")
    assert (course / "source" / "01_why_some").is_dir(), "a failed preparation removed the old sources"


def test_a_folder_without_a_course_gets_a_clear_error(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gradebook", "--course", str(tmp_path)]) == 1
    assert "run `medsome hub prepare" in capsys.readouterr().err


class Exec(Exception):
    """Raised instead of replacing the test process with the server command."""


def _fake_exec(file: str, args: list[str], env: dict[str, str]) -> None:
    raise Exec(args)


def test_a_server_starts_even_when_its_workspace_cannot_be_prepared(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import medsome.workspace

    def broken(root: Path, assignments: bool = True) -> None:
        raise MedsomeError("the course folders cannot be found")

    monkeypatch.setattr(medsome.workspace, "prepare_workspace", broken)
    monkeypatch.setattr("medsome.hub.os.execvpe", _fake_exec)
    with pytest.raises(Exec) as started:
        main(["singleuser", "--workspace", str(tmp_path / "course"), "--",
              "jupyterhub-singleuser", "--debug"])
    assert started.value.args[0] == ["jupyterhub-singleuser", "--debug"]
    assert "was not prepared: the course folders cannot be found" in capsys.readouterr().err


@pytest.mark.parametrize("entry", [main, lambda argv: medsome_main(["hub", *argv])])
@pytest.mark.parametrize(("given", "server"), [
    (["--", "jupyterhub-singleuser", "--workspace", "theirs"],
     ["jupyterhub-singleuser", "--workspace", "theirs"]),
    (["jupyterhub-singleuser", "--debug"], ["jupyterhub-singleuser", "--debug"]),  # no --: what is unknown
])
def test_the_server_command_is_passed_on_unchanged(entry, given: list[str], server: list[str],
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medsome.workspace

    monkeypatch.setattr(medsome.workspace, "prepare_workspace", lambda root, assignments=True: _Report())
    monkeypatch.setattr("medsome.hub.os.execvpe", _fake_exec)
    with pytest.raises(Exec) as started:
        entry(["singleuser", "--workspace", str(tmp_path), *given])
    assert started.value.args[0] == server


def test_medsome_hub_is_the_hub_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    course = prepare_course(tmp_path / "course", tmp_path / "exchange")
    monkeypatch.setenv(GRADEBOOK_ENV, PG_URL)
    assert medsome_main(["hub", "gradebook", "--course", str(course)]) == 0
    assert main(["gradebook", "--course", str(course)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first == second and "s3cret" not in first
    assert medsome_main(["hub", "prepare", str(tmp_path / "again"), "--exchange", str(tmp_path / "x")]) == 0
    assert (tmp_path / "again" / "nbgrader_config.py").is_file()


def test_python_m_medsome_hub_still_runs(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "medsome.hub", "gradebook", "--course", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "run `medsome hub prepare" in done.stderr
    done = subprocess.run([sys.executable, "-m", "medsome.hub", "singleuser", "--help"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m medsome.hub singleuser")


def test_a_server_needs_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["singleuser", "--"]) == 1
    assert "no server command" in capsys.readouterr().err


def test_a_residents_server_gets_the_lessons_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medsome.workspace

    calls = []
    monkeypatch.setattr(medsome.workspace, "prepare_workspace",
                        lambda root, assignments=True: calls.append(assignments) or _Report())
    monkeypatch.setattr("medsome.hub.os.execvpe", _fake_exec)
    with pytest.raises(Exec):
        main(["singleuser", "--workspace", str(tmp_path / "course"), "--", "jupyterhub-singleuser"])
    assert calls == [False]  # assignments come from the exchange, not as a second copy


class _Report:
    def summary(self) -> str:
        return "workspace ready"


def test_restrict_leaves_a_folder_to_one_group(tmp_path: Path) -> None:
    import grp
    import os

    from medsome.hub import restrict

    course = prepare_course(tmp_path / "course", tmp_path / "exchange")
    group = grp.getgrgid(os.getgid()).gr_name
    restrict([course], group)
    for path in [course, *course.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o007 == 0 and path.stat().st_gid == os.getgid(), f"{path}: {oct(mode)}"
    with pytest.raises(HubError, match="no Unix group 'no-such-group-here'"):
        restrict([course], "no-such-group-here")

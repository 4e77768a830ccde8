"""The `medsome` command works without an activated environment, and `start` serves JupyterLab."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from medsome import __version__, cli
from medsome.commandline import AUDIENCES, command

MEDSOME = Path(sys.executable).parent / "medsome"
# Settings the learner's config gives every learner by default: no news toast, widget state saved.
LEARNER_DEFAULTS = [("@jupyterlab/apputils-extension:notification", "fetchNews", "false"),
                    ("@jupyter-widgets/jupyterlab-manager:plugin", "saveState", True)]


def _bare_env(**extra: str) -> dict[str, str]:
    """The environment of a shell where the virtual environment is not activated."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX")}
    env["PATH"] = "/usr/bin:/bin"
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _commands() -> dict[str, argparse.ArgumentParser]:
    """medsome's commands as registered, by name."""
    parser = cli.build_parser()
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def _help_groups(out: str) -> dict[str, list[str]]:
    """The commands `medsome --help` lists under each audience heading."""
    groups: dict[str, list[str]] = {}
    for block in out.split("\n\n"):
        heading, *lines = block.splitlines()
        if heading.startswith("commands for "):
            groups[heading] = [line.split()[0] for line in lines]
    return groups


def test_help_groups_the_commands_by_audience(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--help"])
    assert stopped.value.code == 0
    groups = _help_groups(capsys.readouterr().out)
    assert list(groups) == [f"commands {heading}:" for heading in AUDIENCES.values()]
    assert groups["commands for learners:"] == ["start", "workspace", "draft", "check"]
    assert groups["commands for instructors:"] == [
        "build", "release", "collect", "grade", "feedback", "export", "report"]
    assert groups["commands for course maintainers:"] == ["datasets", "blueprint", "defences", "site"]
    assert groups["commands for the JupyterHub operator:"] == ["hub"]


def test_every_registered_command_is_in_exactly_one_group(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    listed = [name for names in _help_groups(capsys.readouterr().out).values() for name in names]
    assert sorted(listed) == sorted(_commands())
    assert {parser.get_default("audience") for parser in _commands().values()} <= set(AUDIENCES)


def test_a_command_needs_a_known_audience() -> None:
    commands = argparse.ArgumentParser().add_subparsers()
    with pytest.raises(ValueError, match="unknown audience 'students'"):
        command(commands, "quiz", "students", "a quiz", lambda args: 0)


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """`parser` and every parser below it (hub's commands too)."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _subparsers(child)
    return found


def test_every_command_has_help_and_every_positional_is_explained(
        capsys: pytest.CaptureFixture[str]) -> None:
    everything = _subparsers(cli.build_parser())
    assert len(everything) > len(_commands())  # hub's prepare, gradebook, singleuser are in
    for parser in everything:
        with pytest.raises(SystemExit) as stopped:
            parser.parse_args(["--help"])
        assert stopped.value.code == 0 and parser.prog in capsys.readouterr().out
        for action in parser._actions:
            if not action.option_strings and not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{parser.prog} {action.dest}: no help"


def test_an_assignment_is_always_called_assignment() -> None:
    for parser in _subparsers(cli.build_parser()):
        for action in parser._actions:
            if "assignment" in action.dest:
                assert action.metavar == "ASSIGNMENT" and "e.g. 02" in action.help, parser.prog


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.strip() == f"medsome {__version__}"


@pytest.mark.parametrize("argv", [
    [], ["no-such-command"], ["grade"], ["grade", "02", "--bogus"], ["datasets", "rebuild"], ["hub"],
    ["feedback", "02", "--release", "--exchange-dir", "/srv/exchange"],  # one or the other
    ["collect", "02", "--exchange", "/srv/exchange"],  # the folder is --exchange-dir's
])
def test_usage_errors_exit_with_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 2 and "usage: medsome" in capsys.readouterr().err


def test_a_failing_command_exits_with_1(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    import medsome.datasets.generate

    monkeypatch.setattr(medsome.datasets.generate, "stale_files", lambda: ["consent.csv"])
    assert cli.main(["datasets", "check"]) == 1
    assert "run `medsome datasets build`" in capsys.readouterr().out


def test_ctrl_c_exits_with_130_and_one_line(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import medsome.disclosure

    def interrupted(text: str, photo: Path | None) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(medsome.disclosure, "analyse_draft", interrupted)
    assert cli.main(["draft", "Wound check."]) == 130
    assert capsys.readouterr().err == "medsome: interrupted\n"


class Exec(Exception):
    """Raised instead of replacing the test process with JupyterLab."""


@pytest.mark.parametrize(("extra", "passed"), [
    ([], []),
    (["--", "--ServerApp.ip=127.0.0.1", "--port", "1"], ["--ServerApp.ip=127.0.0.1", "--port", "1"]),
    (["--ServerApp.ip=127.0.0.1"], ["--ServerApp.ip=127.0.0.1"]),
])
def test_start_passes_jupyter_arguments_on(extra: list[str], passed: list[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import medsome.workspace

    def execve(file: str, args: list[str], env: dict[str, str]) -> None:
        raise Exec(args)

    monkeypatch.setattr(medsome.workspace, "prepare_workspace", lambda root: _Report(tmp_path))
    monkeypatch.setattr(cli.os, "execve", execve)
    with pytest.raises(Exec) as started:
        cli.main(["start", "--port", "9999", "--no-browser", *extra])
    command = started.value.args[0]
    assert "--ServerApp.port=9999" in command and "--no-browser" in command
    assert [a for a in command[command.index("--no-browser") + 1:] if a != "--allow-root"] == passed


def test_start_refuses_unknown_options_before_the_separator(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["start", "--prot", "1", "--", "--ServerApp.ip=127.0.0.1"])
    assert stopped.value.code == 2 and "unrecognized arguments: --prot 1" in capsys.readouterr().err


class _Report:
    def __init__(self, root: Path) -> None:
        self.root = root

    def summary(self) -> str:
        return "workspace ready"


def test_course_errors_are_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("MEDSOME_ROOT", str(tmp_path))
    assert cli.main(["workspace", "--workspace", str(tmp_path / "ws")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("medsome: MEDSOME_ROOT=") and "Traceback" not in err


@pytest.mark.integration
def test_workspace_command_without_activation(tmp_path: Path) -> None:
    done = subprocess.run([str(MEDSOME), "workspace", "--workspace", str(tmp_path / "ws")],
                          env=_bare_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "added" in done.stdout
    assert (tmp_path / "ws" / "lessons" / "00_orientation" / "00_orientation_lesson.ipynb").is_file()


@pytest.mark.integration
def test_start_serves_the_workspace_without_activation(tmp_path: Path) -> None:
    port, token = _free_port(), "medsome-test"
    jupyter_dirs = {name: str(tmp_path / name.lower()) for name in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR")}
    server = subprocess.Popen(
        [str(MEDSOME), "start", "--workspace", str(tmp_path / "ws"), "--no-browser",
         "--port", str(port), "--", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        env=_bare_env(**jupyter_dirs), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/contents/lessons/00_orientation?token={token}"
        listing = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    listing = json.load(response)
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer within 60 s"
        assert "00_orientation_lesson.ipynb" in {item["name"] for item in listing["content"]}
        extensions = f"http://127.0.0.1:{port}/lab/api/extensions?token={token}"
        with urllib.request.urlopen(extensions, timeout=5) as response:
            names = {item["name"] for item in json.load(response)}
        assert {"jupyter-nbgrader", "jupyter-widgets-jupyterlab-manager", "medsome-learner-ui"} <= names
        lesson = f"http://127.0.0.1:{port}/api/contents/{cli.FIRST_LESSON}?token={token}"
        with urllib.request.urlopen(lesson, timeout=10) as response:  # the server checks its trust
            assert json.load(response)["type"] == "notebook"
        with pytest.raises(urllib.error.HTTPError, match="404"):  # no exchange: no assignment list
            urllib.request.urlopen(f"http://127.0.0.1:{port}/assignments?token={token}", timeout=5)
        for plugin, key, value in LEARNER_DEFAULTS:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/api/settings/{plugin}?token={token}",
                                        timeout=5) as response:
                assert json.load(response)["schema"]["properties"][key]["default"] == value, (plugin, key)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    log = server.stdout.read()
    complaints = [line for line in log.splitlines()
                  if line.startswith(("[E ", "[W ")) or "WARNING" in line or "ERROR" in line]
    complaints = [line for line in complaints if "404 GET /assignments" not in line]  # asked above
    assert not complaints, log  # e.g. nbgrader's formgrader: "course directory root is not a subdirectory"
    assert "not trusted" not in log
    assert f"http://127.0.0.1:{port}/lab/tree/{cli.FIRST_LESSON}?token=" in log, "the URL it prints"


@pytest.mark.integration  # the draft analyser runs spaCy
def test_draft_command_prints_findings_and_rewrite(capsys: pytest.CaptureFixture[str]) -> None:
    from medsome.cli import main

    assert main(["draft", "A 34-year-old woman from Oulu came in at 2 am."]) == 0
    out = capsys.readouterr().out
    assert '"34-year-old" (age): generalise to "30–39-year-old"' in out and '"Oulu" (place)' in out
    assert "age.number_year_old" not in out  # the analyser's pattern names stay inside
    assert "Suggested rewrite:" in out and "After the rewrite:" in out


@pytest.mark.integration  # the draft analyser runs spaCy
def test_draft_command_refuses_empty_text_and_a_non_photo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from medsome.cli import main

    assert main(["draft", " "]) == 1
    fake = tmp_path / "x.jpg"
    fake.write_text("no")
    assert main(["draft", "Wound check.", "--photo", str(fake)]) == 1
    assert "not a readable JPEG" in capsys.readouterr().err

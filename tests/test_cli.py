"""The `medsome` command works without an activated environment, and `start` serves JupyterLab."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from medsome import cli

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


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("start", "workspace", "datasets"):
        assert command in out


def test_course_errors_are_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("MEDSOME_ROOT", str(tmp_path))
    assert cli.main(["workspace", "--workspace", str(tmp_path / "ws")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("medsome: MEDSOME_ROOT=") and "Traceback" not in err


@pytest.mark.slow
def test_workspace_command_without_activation(tmp_path: Path) -> None:
    done = subprocess.run([str(MEDSOME), "workspace", "--workspace", str(tmp_path / "ws")],
                          env=_bare_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "added" in done.stdout
    assert (tmp_path / "ws" / "lessons" / "00_orientation" / "00_orientation_lesson.ipynb").is_file()


@pytest.mark.slow
def test_start_serves_the_workspace_without_activation(tmp_path: Path) -> None:
    port, token = _free_port(), "medsome-test"
    jupyter_dirs = {name: str(tmp_path / name.lower()) for name in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
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
    assert not complaints, log  # e.g. nbgrader's formgrader: "course directory root is not a subdirectory"


def test_draft_command_prints_findings_and_rewrite(capsys: pytest.CaptureFixture[str]) -> None:
    from medsome.cli import main

    assert main(["draft", "A 34-year-old woman from Oulu came in at 2 am."]) == 0
    out = capsys.readouterr().out
    assert '"34-year-old" [age; pattern age.number_year_old]' in out and '"Oulu" [place' in out
    assert "Suggested rewrite:" in out and "After the rewrite:" in out


def test_draft_command_refuses_empty_text_and_a_non_photo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from medsome.cli import main

    assert main(["draft", " "]) == 2
    fake = tmp_path / "x.jpg"
    fake.write_text("no")
    assert main(["draft", "Wound check.", "--photo", str(fake)]) == 2
    assert "not a readable JPEG" in capsys.readouterr().err

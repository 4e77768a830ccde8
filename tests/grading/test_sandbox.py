"""The grading sandbox: refused clearly where it cannot be set up; feedback output kept small."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_output

from medsome.cli import main as run
from medsome.grading import sandbox
from medsome.grading.feedback_files import FEEDBACK_CHARS, cap_output, hide_hidden_tests

from .conftest import ASSIGNMENT, SECRET


def test_a_missing_bubblewrap_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox.shutil, "which", lambda tool: None if tool == "bwrap" else f"/usr/bin/{tool}")
    assert "bubblewrap (Debian: apt-get install bubblewrap) not found" in sandbox.missing.__wrapped__()


@pytest.mark.integration
def test_grade_refuses_without_the_sandbox_unless_asked(course: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import RISK, TOTAL, student_version, submit

    submit(course, "ada", student_version(course, q1=TOTAL, q2=RISK))
    monkeypatch.setattr(sandbox, "missing", lambda: "bubblewrap (apt-get install bubblewrap) not found")
    assert run(["grade", ASSIGNMENT, "--course", str(course)]) == 1
    err = capsys.readouterr().err
    assert "cannot sandbox the grading kernels: bubblewrap" in err and "--no-sandbox" in err
    assert not (course / "autograded").exists()
    assert run(["grade", ASSIGNMENT, "--course", str(course), "--no-sandbox", "--timeout", "5"]) == 0
    assert "Graded WITHOUT the sandbox (--no-sandbox)" in capsys.readouterr().out


def test_feedback_caps_what_a_cell_printed() -> None:
    cell = new_code_cell("print(...)", outputs=[new_output("stream", name="stdout", text="x" * 50_000)] * 30)
    capped = cap_output(cell)
    assert len(capped.outputs) == 20 and all(len(o.text) < FEEDBACK_CHARS + 100 for o in capped.outputs)


def test_feedback_keeps_only_the_passed_lines_of_a_hidden_test_cell() -> None:
    source = "check()\n### BEGIN HIDDEN TESTS\nassert secret\n### END HIDDEN TESTS"
    printed = f"Passed: the visible check.\n{SECRET}: what the notebook's code printed\n"
    output = new_output("stream", name="stdout", text=printed)
    cell = hide_hidden_tests(new_code_cell(source, outputs=[output]))
    assert [o.text for o in cell.outputs] == ["Passed: the visible check.\n"]
    assert "assert secret" not in cell.source


KEYRING = '''
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
if sys.argv[1] == "store":
    found = libc.syscall({add_key}, b"user", b"medsome-kernel-secret", b"s3cret", 6, ctypes.c_long(-4))
else:
    found = libc.syscall({request_key}, b"user", b"medsome-kernel-secret", None, ctypes.c_long(-4))
print(found, os.strerror(ctypes.get_errno()) if found < 0 else "ok", os.getuid())
'''


@pytest.mark.skipif(sandbox.missing() is not None or sandbox.seccomp_filter() is None,
                    reason="no sandbox or no seccomp filter for this machine")
def test_one_kernel_cannot_read_what_another_stored_in_the_keyring(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from medsome.grading import seccomp

    numbers = seccomp.TABLES[__import__("platform").machine()][1]
    code = KEYRING.format(add_key=numbers["add_key"], request_key=numbers["request_key"])
    said = []
    for step in ("store", "read"):
        work, home = tmp_path / step, tmp_path / f"{step}-home"
        work.mkdir()
        home.mkdir()
        uid = sandbox.kernel_uid()
        sandbox.hand_over([work, home], uid)
        launch = sandbox.command([sys.executable, "-c", code, step], tmp_path, [work, home],
                                 sandbox.environment(dict(os.environ), home, {}), work, 1024, uid=uid)
        done = subprocess.run(launch, capture_output=True, text=True, timeout=60, check=True)
        said.append(done.stdout.split())
    assert said[0][:2] == ["-1", "Operation"] and said[1][:2] == ["-1", "Operation"], said
    if sandbox.as_root():
        assert said[0][-1] != said[1][-1], "each kernel should run as a user id of its own"

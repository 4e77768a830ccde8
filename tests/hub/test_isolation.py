"""One Unix account per user: a resident's kernel reads no solution and no hidden test.

The hub runs with the `system-users` spawner, an instructor and a resident as real Unix users, the
single-user environment installed from this checkout into a Python outside /root, and the course
prepared with `--instructors GROUP`. A kernel of each user searches every file of the deployment
(the checkout the environment comes from, the environment, the course folder, the exchange, the
homes) for the first line of every hidden test of the sources: the resident finds none, the
instructor finds them in the course folder, which shows the search can see them.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, SOURCES
from medsome.grading.hidden import BEGIN, END

from .conftest import COURSE_ID, require_prerequisites
from .localhub import Hub, free_port, proxy_command, start_hub

pytestmark = pytest.mark.hub
PYTHON = Path("/usr/bin/python3")
TEACHERS = "medsome-test-teachers"
INSTRUCTOR, RESIDENT = "medsome-test-lind", "medsome-test-ahmed"
PUBLIC = ("src", "tests", "course", "docs", "deploy", "benchmarks")  # folders residents may read
SEARCH = '''
import json, os
markers = [bytes.fromhex(m).decode() for m in {markers!r}]
found, unreadable = set(), 0
for root in {roots!r}:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "node_modules"]
        for name in files:
            path = os.path.join(folder, name)
            try:
                if os.path.islink(path) or os.path.getsize(path) > 2_000_000:
                    continue
                with open(path, "rb") as handle:
                    text = handle.read().decode("utf-8", "ignore")
            except OSError:
                unreadable += 1
                continue
            found.update(path for marker in markers if marker in text)
print(json.dumps({{"found": sorted(found), "unreadable": unreadable,
                  "secrets": sorted(k for k in os.environ if "GRADEBOOK" in k)}}))
'''


MARKERS = 40  # the longest distinctive lines of the hidden tests are enough to find a copy


def hidden_markers() -> list[str]:
    """Hidden tests' and facilitator guides' longest lines found nowhere else in the checkout, as
    written and as JSON escapes them."""
    lines = {line.strip() for path in (ROOT / "facilitator").glob("*.md")
             for line in path.read_text(encoding="utf-8").splitlines()[:40] if len(line.strip()) >= 60}
    for path in SOURCES:
        for cell in nbformat.read(path, as_version=4).cells:
            inside = cell.source.split(BEGIN, 1)[1].split(END, 1)[0] if BEGIN in cell.source else ""
            lines.update(line.strip() for line in inside.splitlines()
                         if len(line.strip()) >= 40 and not line.strip().startswith(("from ", "import ")))
    public = [p for folder in PUBLIC for p in (ROOT / folder).rglob("*")
              if p.is_file() and p.suffix in (".py", ".ipynb", ".md")]
    elsewhere = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in public)
    unique = sorted((line for line in lines if line not in elsewhere), key=len, reverse=True)[:MARKERS]
    return sorted({form for line in unique for form in (line, json.dumps(line)[1:-1])})


def missing() -> str | None:
    """What this machine lacks for real Unix accounts on the hub."""
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        return "needs root and useradd to create the users' Unix accounts"
    if not PYTHON.exists():
        return f"needs {PYTHON} for an environment other users may run"
    if any(not os.stat(p).st_mode & 0o001 for p in [ROOT, *ROOT.parents]):
        return f"the checkout {ROOT} is not reachable by other users"
    return None


def user_environment() -> Path:
    """The course environment for the users, installed from this checkout (kept in .hub-tools/).

    It is built once and reused until what it installs changes: the course's dependencies
    (pyproject.toml) or the Python it runs on. The course itself is installed editable, so a change
    to the library needs no rebuild.
    """
    python = subprocess.run([str(PYTHON), "--version"], capture_output=True, text=True, check=True).stdout
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + python.encode()).hexdigest()[:12]
    env = ROOT / ".hub-tools" / f"userenv-{key}"
    if not (env / "bin" / "jupyterhub-singleuser").exists():
        shutil.rmtree(env, ignore_errors=True)
        subprocess.run([str(PYTHON), "-m", "venv", str(env)], check=True)
        subprocess.run([str(env / "bin" / "pip"), "install", "--quiet", "-e", str(ROOT), "jupyterhub>=5,<7"],
                       check=True)
    return env


def snapshot_modes(top: Path) -> dict[str, tuple[int, int]]:
    return {p: (os.lstat(p).st_mode, os.lstat(p).st_gid) for p in [str(top), *map(str, top.rglob("*"))]}


def restore_modes(modes: dict[str, tuple[int, int]]) -> None:
    for path, (mode, gid) in modes.items():
        if os.path.lexists(path) and not os.path.islink(path):
            os.chown(path, -1, gid)
            os.chmod(path, mode & 0o7777)


@dataclass
class Accounts:
    hub: Hub
    base: Path
    env: Path


@pytest.fixture(scope="module")
def accounts() -> Iterator[Accounts]:
    """The hub with an instructor and a resident as Unix users, the course left to the teachers."""
    if missing():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the hub tests, but this test {missing()}")
        pytest.skip(missing())
    require_prerequisites()
    env = user_environment()
    base = Path(tempfile.mkdtemp(prefix="medsome-accounts-"))
    base.chmod(0o755)
    modes = {**snapshot_modes(ROOT / "assignments"), **snapshot_modes(ROOT / "facilitator")}
    hub, made = None, []
    try:
        subprocess.run(["groupadd", TEACHERS], check=True)
        (base / "homes").mkdir(mode=0o755)
        for name, extra in ((INSTRUCTOR, ["-G", TEACHERS]), (RESIDENT, [])):
            home = str(base / "homes" / name)
            subprocess.run(["useradd", "-m", "-d", home, "-s", "/bin/bash", *extra, name], check=True)
            made.append(name)
        subprocess.run([str(env / "bin" / "python"), "-m", "medsome.hub", "prepare", str(base / "course"),
                        "--exchange", str(base / "exchange"), "--instructors", TEACHERS], check=True)
        (base / "state").mkdir()
        (base / "roster.toml").write_text(f'instructors = ["{INSTRUCTOR}"]\nresidents = ["{RESIDENT}"]\n',
                                          encoding="utf-8")
        port = free_port()
        hub = start_hub(base / "state", {
            "MEDSOME_HUB_STATE_DIR": str(base / "state"), "MEDSOME_HUB_BIND_URL": f"http://127.0.0.1:{port}",
            "MEDSOME_HUB_API_PORT": str(free_port()), "MEDSOME_HUB_PROXY_API_PORT": str(free_port()),
            "MEDSOME_HUB_PROXY": str(proxy_command()), "MEDSOME_HUB_AUTHENTICATOR": "dummy",
            "MEDSOME_HUB_ROSTER": str(base / "roster.toml"),
            "MEDSOME_HUB_OPERATOR_TOKEN": secrets.token_hex(32),
            "MEDSOME_HUB_SPAWNER": "system-users", "MEDSOME_SINGLEUSER_BIN": str(env / "bin"),
            "MEDSOME_COURSE_ROOT": str(base / "course"), "MEDSOME_EXCHANGE_ROOT": str(base / "exchange"),
            "MEDSOME_COURSE_ID": COURSE_ID,
        }, f"http://127.0.0.1:{port}")
        hub.start_servers([INSTRUCTOR, RESIDENT])
        yield Accounts(hub, base, env)
    finally:
        left = hub.stop() if hub is not None else []
        for name in made:
            subprocess.run(["userdel", "-r", name], check=False, capture_output=True)
        subprocess.run(["groupdel", TEACHERS], check=False, capture_output=True)
        restore_modes(modes)
        shutil.rmtree(base, ignore_errors=True)
    assert not left, f"processes outlived the hub and had to be killed: {left}"


def search(accounts: Accounts, user: str) -> dict:
    """What a kernel of `user`'s server finds of the hidden tests in the whole deployment."""
    roots = [str(ROOT), str(accounts.env), str(accounts.base), sys.prefix]
    code = SEARCH.format(markers=[m.encode().hex() for m in hidden_markers()], roots=roots)
    with accounts.hub.server(user).kernel() as kernel:
        return json.loads(kernel.run(code, timeout=900).strip().splitlines()[-1])


def test_a_residents_kernel_reads_no_solution_or_hidden_test(accounts: Accounts) -> None:
    assert hidden_markers(), "the sources should have hidden tests to look for"
    resident = search(accounts, RESIDENT)
    assert resident["found"] == [], f"a resident can read hidden tests in {resident['found'][:5]}"
    assert resident["secrets"] == []

    instructor = search(accounts, INSTRUCTOR)
    assert any(path.startswith(str(accounts.base / "course")) for path in instructor["found"]), instructor


GRADE = '''
import json, shutil, subprocess, sys
from pathlib import Path
course = Path({course!r})
def medsome(*args):
    done = subprocess.run([sys.executable, "-m", "medsome.cli", *args, "--course", str(course)],
                          capture_output=True, text=True)
    return [done.returncode, done.stdout[-3000:], done.stderr[-3000:]]
built = medsome("build", "02")
release = next((course / "release").glob("02*/*.ipynb"))
submitted = course / "submitted" / {resident!r} / release.parent.name
submitted.mkdir(parents=True)
shutil.copy2(release, submitted / release.name)
print(json.dumps([built, medsome("grade", "02", "--workers", "1")]))
'''


def test_an_instructor_grades_in_the_sandbox_as_their_own_user(accounts: Accounts) -> None:
    """Not root: bubblewrap sets the sandbox up with the instructor's user namespace."""
    code = GRADE.format(course=str(accounts.base / "course"), resident=RESIDENT)
    with accounts.hub.server(INSTRUCTOR).kernel() as kernel:
        built, graded = json.loads(kernel.run(code, timeout=600).strip().splitlines()[-1])
    assert built[0] == 0, built
    assert graded[0] == 0 and "graded 1 of 1" in graded[1], graded

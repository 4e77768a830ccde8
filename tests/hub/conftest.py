"""Fixtures of the hub test: PostgreSQL, the hub's course and exchange, and a running JupyterHub.

Everything is started here and stopped at the end, leaving no process behind. Without the
prerequisites the tests skip with the reason, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import functools
import importlib.util
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import skip_or_fail_in_ci
from medsome.hub import prepare_course

from . import postgres
from .localhub import Hub, free_port, proxy_command, start_hub

CALL_FAILED = pytest.StashKey[bool]()
COURSE_ID = "medsome"
INSTRUCTOR = "instructor-lind"
RESIDENTS = ("resident-ahmed", "resident-berg")


@dataclass
class Deployment:
    """The running hub and what it serves: course folder, exchange, gradebook."""

    hub: Hub
    course: Path
    exchange: Path
    homes: Path
    gradebook_url: str
    db: postgres.Postgres


@functools.cache
def missing_prerequisites() -> tuple[str, ...]:
    """What this machine lacks to run the hub test."""
    lacking = []
    if importlib.util.find_spec("jupyterhub") is None:
        lacking.append("jupyterhub is not installed (the test extra: pip install -e '.[test]')")
    if proxy_command() is None:
        lacking.append("configurable-http-proxy is not in .hub-tools/ (bash scripts/test.sh installs it)")
    why = postgres.missing()
    if why:
        lacking.append(why)
    return tuple(lacking)


def require_prerequisites() -> None:
    """Skip without JupyterHub, its proxy or PostgreSQL, except in CI, where that fails."""
    lacking = missing_prerequisites()
    if not lacking:
        return
    skip_or_fail_in_ci("; ".join(lacking), "hub tests")


def write_roster(path: Path) -> Path:
    residents = ", ".join(f'"{name}"' for name in RESIDENTS)
    path.write_text(f'instructors = ["{INSTRUCTOR}"]\nresidents = [{residents}]\n', encoding="utf-8")
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Remember whether a test's call failed, for fixtures that keep evidence on failure."""
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


@pytest.fixture(scope="package")
def deployment() -> Iterator[Deployment]:
    """PostgreSQL, the hub's course folder and exchange, and JupyterHub with all its users' servers."""
    require_prerequisites()
    base = Path(tempfile.mkdtemp(prefix="medsome-hub-"))
    db = postgres.start(free_port())
    hub = None
    try:
        gradebook = db.create_database("gradebook")
        course = prepare_course(base / "course", base / "exchange", COURSE_ID)
        (base / "state").mkdir()
        port = free_port()
        settings = {
            "MEDSOME_HUB_STATE_DIR": str(base / "state"),
            "MEDSOME_HUB_BIND_URL": f"http://127.0.0.1:{port}",
            "MEDSOME_HUB_API_PORT": str(free_port()),
            "MEDSOME_HUB_PROXY_API_PORT": str(free_port()),
            "MEDSOME_HUB_PROXY": str(proxy_command()),
            "MEDSOME_HUB_AUTHENTICATOR": "dummy",
            "MEDSOME_HUB_ROSTER": str(write_roster(base / "roster.toml")),
            "MEDSOME_HUB_OPERATOR_TOKEN": secrets.token_hex(32),
            "MEDSOME_HUB_SPAWNER": "shared-uid",  # this machine's Python is root's alone
            "MEDSOME_HUB_HOMES": str(base / "homes"),
            "MEDSOME_COURSE_ROOT": str(course),
            "MEDSOME_EXCHANGE_ROOT": str(base / "exchange"),
            "MEDSOME_COURSE_ID": COURSE_ID,
            "MEDSOME_GRADEBOOK_URL": gradebook,
        }
        hub = start_hub(base / "state", settings, f"http://127.0.0.1:{port}")
        hub.start_servers([INSTRUCTOR, *RESIDENTS])
        yield Deployment(hub, course, base / "exchange", base / "homes", gradebook, db)
    finally:  # the hub stops every user's server and its proxy when it stops (cleanup_servers)
        left = hub.stop() if hub is not None else []
        db.stop()
        shutil.rmtree(base, ignore_errors=True)
    assert not left, f"processes outlived the hub and had to be killed: {left}"
    assert db.process.returncode == 0, f"PostgreSQL did not shut down cleanly ({db.process.returncode})"


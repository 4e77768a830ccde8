"""Shared fixtures: the course checkout, its notebooks, and temporary copies to work in."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from medsome.manifest import load_course
from medsome.paths import course_root
from medsome.toolchain import ensure_env_bin_on_path

ROOT = course_root()
COURSE = load_course(ROOT)  # course/course.toml: the modules, their files and assignments
LESSONS = COURSE.lesson_notebooks()
SOURCES = COURSE.assignment_notebooks()
ASSIGNMENT_IDS = sorted(p.parent.name for p in SOURCES)

ensure_env_bin_on_path()  # nbgrader and Jupyter run executables by name


def skip_or_fail_in_ci(reason: str, suite: str) -> None:
    """Skip a test that lacks a tool; in CI fail instead, since a skip there would hide untested code."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the {suite}, but {reason}")
    pytest.skip(reason)


def notebook_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}"


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A private copy of assignments/ (config and sources only) to run nbgrader in."""
    target = tmp_path / "course"
    target.mkdir()
    shutil.copy2(ROOT / "assignments" / "nbgrader_config.py", target)
    shutil.copytree(ROOT / "assignments" / "source", target / "source")
    return target


@pytest.fixture(scope="session")
def keyed() -> list:
    """Every autograded item of every assignment, read from the source notebooks once per session."""
    from medsome.keyed_items import keyed_items

    return [k for nb in SOURCES for k in keyed_items(nb)]


# Session and module fixtures slow to build: with pytest-xdist's `--dist loadgroup` (scripts/test.sh),
# every test that uses one runs in the same worker, so the fixture is built once, not once per worker.
GROUPED_FIXTURES = ("graded", "attacked", "course_server")  # the site build is shared by lock instead


def _cached_run(item: pytest.Item) -> str | None:
    """The cached run (tests/cached_runs.py) an integration test reads, named by its parameter.

    Tests of one notebook's execution, or of one assignment's grading, then run in one worker: none
    waits idle on the file lock while another worker builds the run it needs.
    """
    params = getattr(getattr(item, "callspec", None), "params", {})
    if item.get_closest_marker("integration") is None:
        return None
    for name in ("notebook", "lesson"):
        if isinstance(params.get(name), Path):
            return f"executed:{notebook_id(params[name])}"
    if params.get("assignment") in ASSIGNMENT_IDS:
        return f"graded:{params['assignment']}"
    return None


UNGROUPED = pytest.StashKey[str]()  # why pytest-xdist scheduled a grouped test without its group


@pytest.hookimpl(wrapper=True, tryfirst=True)  # around pytest-xdist's hook, which reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Iterator[None]:
    """Group each test by the first slow fixture it uses, or else by the cached run it reads (a no-op
    without pytest-xdist; loadgroup starts the groups with the most tests first); then check that
    pytest-xdist took each group."""
    for item in items:
        used = [name for name in GROUPED_FIXTURES if name in getattr(item, "fixturenames", ())]
        group = used[0] if used else _cached_run(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    yield
    if not getattr(config.option, "loadgroup", False):  # set in pytest-xdist's workers by --dist loadgroup
        return
    for item in items:  # pytest-xdist marks a test's group by suffixing its id with `@group`
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid.rsplit("]", 1)[-1]:
            item.stash[UNGROUPED] = (
                f"pytest-xdist ignored this test's xdist_group under pytest {pytest.__version__} "
                "(pytest-xdist issue 1386), so every worker would build its slow fixtures: install the "
                "test extra's pytest (pip install -e '.[test]'), or run without --dist loadgroup")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail a grouped test that pytest-xdist scheduled without its group, before it builds anything."""
    if UNGROUPED in item.stash:
        pytest.fail(item.stash[UNGROUPED], pytrace=False)

TIERS = ("integration", "browser", "site", "hub")
# What a unit test must not start, by module and attribute: each takes seconds and belongs in a tier.
HEAVY = {("nbgrader.apps", "NbGraderAPI", "__init__"): "nbgrader",
         ("jupyter_client.manager", "KernelManager", "start_kernel"): "a kernel",
         ("jupyter_client.manager", "AsyncKernelManager", "start_kernel"): "a kernel",
         ("spacy", None, "blank"): "spaCy", ("spacy", None, "load"): "spaCy"}


@pytest.fixture(autouse=True)
def _unit_tests_stay_fast(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test without a tier marker is a unit test: starting nbgrader, a kernel or spaCy fails it."""
    if any(request.node.get_closest_marker(tier) for tier in TIERS):
        return
    for (module, owner, name), what in HEAVY.items():
        if module not in sys.modules:  # not imported yet: nothing this test could start from it
            continue
        target = getattr(sys.modules[module], owner) if owner else sys.modules[module]

        def refuse(*args: object, _what: str = what, **kwargs: object) -> None:
            raise RuntimeError(f"a unit test started {_what}: mark it `integration` (README, Run the tests)")

        monkeypatch.setattr(target, name, refuse)

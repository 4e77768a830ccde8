"""Expensive runs the tests share: each built once, kept in .test-cache/ keyed on a hash of its inputs.

A lesson executed, an assignment autograded: the first test (in any pytest-xdist worker) that needs
one builds it under a file lock while the others wait, and later runs reuse it until a file it
depends on, the course library or an installed package changes. `rm -rf .test-cache` forgets them all.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import sys
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import distributions
from pathlib import Path

from medsome.paths import course_root

CACHE = course_root() / ".test-cache"
LIBRARY = course_root() / "src" / "medsome"
DATASETS = course_root() / "datasets"


def _files(path: Path) -> Iterable[Path]:
    """A file, or every file under a folder in a stable order (bytecode and checkpoints left out)."""
    if path.is_file():
        yield path
        return
    for file in sorted(path.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts and ".ipynb_checkpoints" not in file.parts:
            yield file


def _hash(hasher: hashlib._Hash, top: Path) -> None:
    for file in _files(top):
        hasher.update(str(file.relative_to(top.parent)).encode() + b"\0" + file.read_bytes())


@cache
def _common() -> str:
    """The hash of what every run depends on: Python, the installed packages, the library, the datasets."""
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    hasher = hashlib.sha256("\n".join([sys.version, *installed]).encode())
    for top in (LIBRARY, DATASETS):
        _hash(hasher, top)
    return hasher.hexdigest()


def digest(*inputs: Path, extra: str = "") -> str:
    """A short hash of the inputs' names and bytes, of `extra` and of what every run depends on."""
    hasher = hashlib.sha256(f"{_common()}\n{extra}".encode())
    for top in inputs:
        _hash(hasher, top)
    return hasher.hexdigest()[:16]


def cached(kind: str, key: str, build: Callable[[Path], None]) -> Path:
    """The folder .test-cache/<kind>/<key>/, filled by `build(folder)` unless an earlier run did.

    A build that raises leaves nothing behind, so the next test that needs it tries again.
    """
    CACHE.mkdir(exist_ok=True)
    CACHE.chmod(0o700)  # it holds solutions and hidden tests: the hub tests' residents must not read them
    folder = CACHE / kind / key
    folder.parent.mkdir(exist_ok=True)
    with (CACHE / kind / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not folder.is_dir():
            partial = folder.with_name(f"{key}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            try:
                build(partial)
            except BaseException:
                shutil.rmtree(partial, ignore_errors=True)
                raise
            partial.rename(folder)
    return folder

"""Copying what students hand in: regular files only, under names that reach nowhere else.

Everything a student controls (a folder, an upload, an exchange submission) is walked without
following a link: a symbolic link, a device, a pipe or a socket is never followed, copied or kept,
and a name that could reach another student or step (`+`, which nbgrader's exchange uses to
separate the student from the assignment; `..`; a path separator; a leading dot-dot or NUL) is
refused. Each file is opened with O_NOFOLLOW and checked to be the regular file that was listed.
Every refusal is returned as a line naming the path and why, for the collection's summary.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 64 * 2**20  # no submission file is larger; more is refused, not read
_FORBIDDEN = ("+", "/", "\\", "\0")


def unsafe_name(name: str) -> str | None:
    """Why one path component may not be used, or None when it is safe."""
    if name in ("", ".", ".."):
        return "not a file name"
    if ".." in name:
        return "its name holds '..'"
    if found := [c for c in _FORBIDDEN if c in name]:
        return f"its name holds {found[0]!r}"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def copy_file(source: Path, target: Path) -> str | None:
    """Copy one regular file without following links; why not, or None when copied."""
    listed = os.lstat(source).st_mode
    if not stat.S_ISREG(listed):
        return _kind(listed)
    try:
        descriptor = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return "a symbolic link" if os.path.islink(source) else f"unreadable ({error.strerror})"
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return _kind(info.st_mode)
        if info.st_size > MAX_FILE_BYTES:
            return f"larger than {MAX_FILE_BYTES // 2**20} MiB"
        data = handle.read(MAX_FILE_BYTES + 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return None


def copy_tree(source: Path, target: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Copy a folder's regular files into `target`; the refusals as 'path: why' lines.

    Names starting with one of `skip` (say ".", "__MACOSX") are left out silently.
    """
    refused: list[str] = []
    target.mkdir(parents=True, exist_ok=True)
    for folder, dirs, files in os.walk(source, followlinks=False):
        here = Path(folder)
        rel = here.relative_to(source)
        for name in sorted(dirs):
            link = os.path.islink(here / name)
            if skip and name.startswith(skip):
                dirs.remove(name)
            elif why := unsafe_name(name) or ("a symbolic link" if link else None):
                refused.append(f"{(rel / name).as_posix()}: {why}")
                dirs.remove(name)
        for name in sorted(files):
            if skip and name.startswith(skip):
                continue
            why = unsafe_name(name) or copy_file(here / name, target / rel / name)
            if why:
                refused.append(f"{(rel / name).as_posix()}: {why}")
    return refused

"""The environment's own executables (jupyter, alembic) found whether or not it is activated."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def env_bin() -> Path:
    """The bin/ folder of the Python environment medsome runs in."""
    return Path(sys.executable).parent


def ensure_env_bin_on_path(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Put the environment's bin/ first on PATH.

    nbgrader runs `alembic` by name when it creates a gradebook, and Jupyter starts kernels by
    name; both fail when the environment is not activated. Changes os.environ unless given another.
    """
    env = os.environ if environ is None else environ
    first = str(env_bin())
    parts = [p for p in env.get("PATH", "").split(os.pathsep) if p]
    if not parts or parts[0] != first:
        env["PATH"] = os.pathsep.join([first, *[p for p in parts if p != first]])
    return env

"""The grading defaults, in one place: per-cell timeout and the memory cap of each grading kernel.

A module of its own because the command line needs them for its help, and limits.py, where they
take effect, imports nbgrader and Jupyter (seconds to load).
"""

from __future__ import annotations

DEFAULT_TIMEOUT_S = 30  # seconds a cell may run when the course sets no c.Execute.timeout (nbgrader's)
DEFAULT_MEMORY_MIB = 2048  # address-space cap of each grading kernel (0: none)

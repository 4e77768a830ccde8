"""How a submission is executed and what grading it gave: shared by `medsome grade` and `medsome check`.

A module without nbgrader, so that the self-check can use them without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from medsome.grading.defaults import DEFAULT_MEMORY_MIB


@dataclass(frozen=True)
class GradeOptions:
    """How submissions are executed: per-cell timeout (None: the course's), memory cap, sandbox."""

    timeout: int | None = None
    memory_limit_mb: int = DEFAULT_MEMORY_MIB
    sandbox: bool = True


@dataclass
class StudentResult:
    """What grading one student gave: a score, or the problems that prevented it."""

    student: str
    graded: bool = False
    score: float = 0.0
    max_score: float = 0.0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    seconds: float = 0.0

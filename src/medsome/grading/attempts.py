"""A self-study learner's final attempt, recorded in their workspace so keys stay secret until then.

`medsome check` scores an assignment without explaining the key; `medsome check --final` records
the score, the objectives met and the date in `<workspace>/.medsome/final/<assignment>.json`
(written atomically) and only then explains the key. A later check of the same assignment says
that the final attempt was recorded and shows its score.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from medsome.atomic import write_text
from medsome.errors import MedsomeError

FOLDER = Path(".medsome") / "final"


@dataclass(frozen=True)
class FinalAttempt:
    """What a learner's confirmed final attempt scored, and when."""

    assignment: str
    score: float
    max_score: float
    objectives_met: list[str]
    objectives: int
    recorded: str

    def line(self) -> str:
        return (f"Your final attempt at {self.assignment} was recorded on {self.recorded}: "
                f"{self.score:g} of {self.max_score:g} autograded points, "
                f"{len(self.objectives_met)} of {self.objectives} objectives met.")


def record_path(workspace: Path, assignment: str) -> Path:
    return workspace / FOLDER / f"{assignment}.json"


def read_final(workspace: Path, assignment: str) -> FinalAttempt | None:
    """The recorded final attempt, or None; a damaged record is an error that says what to do."""
    path = record_path(workspace, assignment)
    if not path.is_file():
        return None
    try:
        return FinalAttempt(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise MedsomeError(f"{path}: the record of your final attempt is damaged ({error}); "
                           "delete the file and run `medsome check --final` again") from error


def record_final(workspace: Path, attempt: FinalAttempt) -> Path:
    """Write the record atomically, so a crash never leaves half of it."""
    text = json.dumps(asdict(attempt), indent=1) + "\n"
    return write_text(record_path(workspace, attempt.assignment), text)


def today() -> str:
    return time.strftime("%Y-%m-%d %H:%M")

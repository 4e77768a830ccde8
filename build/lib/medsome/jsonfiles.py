"""Reading the course's JSON files (quizzes, practice items) with errors that name the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from medsome.errors import MedsomeError


def read_json(path: Path | str, error: type[MedsomeError], what: str) -> Any:
    """The content of a course JSON file; `error` says which file is missing or malformed."""
    path = Path(path)
    if not path.is_file():
        raise error(f"{path}: {what} not found. Run the notebook from its own folder.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as problem:
        raise error(f"{path}: not valid JSON ({problem})") from problem

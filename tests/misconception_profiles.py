"""Synthetic submissions that reason the way clinicians often get it wrong, one misconception each.

`tests/profiles/<assignment>.json` maps a misconception id (medsome.blueprint.MISCONCEPTIONS) to
the answers someone holding it would write: {answer variable: the Python expression typed}. Every
other answer of the profile is the solution's. The blueprint (docs/blueprint.csv) names the
misconceptions each item targets: a profile must lose points on exactly those items and keep all
the others.
"""

from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).parent / "profiles"

# assignment -> misconception id -> {answer variable: expression}
PROFILES: dict[str, dict[str, dict[str, str]]] = {
    path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(FOLDER.glob("*.json"))
}

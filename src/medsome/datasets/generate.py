"""Regenerate every dataset, or find the committed files a regeneration would change."""

from __future__ import annotations

import filecmp
import tempfile
from collections.abc import Callable
from pathlib import Path

from medsome.datasets import (
    academics,
    consent_vignettes,
    identification,
    information_seeking,
    labelled_drafts,
    misinformation,
    photos,
    professionalism,
    social_media_users,
)
from medsome.paths import datasets_dir

WRITERS: tuple[Callable[[Path], list[Path]], ...] = (
    identification.write, photos.write, consent_vignettes.write, social_media_users.write,
    academics.write, information_seeking.write, misinformation.write, professionalism.write,
    labelled_drafts.write,
)


def build_all(target: Path | None = None) -> list[Path]:
    """Write every dataset under `target` (default: the course's datasets/)."""
    target = target or datasets_dir()
    return [path for write in WRITERS for path in write(target)]


def stale_files(target: Path | None = None) -> list[str]:
    """Committed dataset files that differ from a fresh regeneration, or are missing."""
    target = target or datasets_dir()
    with tempfile.TemporaryDirectory(prefix="medsome-data-") as tmp:
        fresh = build_all(Path(tmp))
        relative = [path.relative_to(tmp) for path in fresh]
        return [
            rel.as_posix()
            for rel in relative
            if not (target / rel).is_file() or not filecmp.cmp(Path(tmp) / rel, target / rel, False)
        ]

"""Start-up grading does without: imports that cost seconds and serve it nothing."""

from __future__ import annotations

import sys

SLOW_UNUSED = ("rfc3987_syntax",)  # jsonschema's IRI format checks: a grammar built at import


def skip_unused_imports() -> None:
    """Make jsonschema skip its optional IRI format checks (nbformat's schema uses no IRI format).

    rfc3987_syntax compiles a parser when imported, seconds on a busy machine; marked missing,
    jsonschema leaves those two checks out, as it does wherever the package is not installed.
    """
    for name in SLOW_UNUSED:
        sys.modules.setdefault(name, None)


def run_worker(*args: object) -> None:
    """A grading worker's entry point: worker.worker_main, imported once the skipping is in place."""
    skip_unused_imports()
    from medsome.grading.worker import worker_main

    worker_main(*args)

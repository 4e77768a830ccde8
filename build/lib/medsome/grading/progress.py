"""A text progress bar on stderr with counts and an estimate of the time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24


def format_duration(seconds: float) -> str:
    """Seconds as '45s', '3m05s' or '1h02m'."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    """Counts finished items; redraws one line on a terminal, prints every 10% otherwise."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self._last_tenth = -1
        self._tty = self.stream.isatty()

    def line(self) -> str:
        """The bar as text: label, bar, counts, percent and ETA."""
        share = self.done / self.total if self.total else 1.0
        filled = round(WIDTH * share)
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done) if self.done else None
        tail = f"ETA {format_duration(eta)}" if eta is not None and self.done < self.total else (
            f"{format_duration(elapsed)} elapsed"
        )
        return (f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                f"{self.done}/{self.total} {share:4.0%} {tail}")

    def advance(self, count: int = 1) -> None:
        """Record `count` finished items and redraw."""
        self.done = min(self.total, self.done + count)
        tenth = self.done * 10 // self.total if self.total else 10
        if self._tty:
            self.stream.write("\r" + self.line())
        elif tenth != self._last_tenth:
            self.stream.write(self.line() + "\n")
        self._last_tenth = tenth
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self._tty:
            self.stream.write("\n")
            self.stream.flush()

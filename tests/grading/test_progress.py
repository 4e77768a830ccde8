"""The progress bar: counts, percent and ETA, one line per tenth when stderr is not a terminal."""

from __future__ import annotations

import io

from medsome.grading.progress import Progress, format_duration


def test_durations_read_naturally() -> None:
    assert [format_duration(s) for s in (5, 65, 3725)] == ["5s", "1m05s", "1h02m"]


def test_a_pipe_gets_a_line_per_tenth_ending_with_the_elapsed_time() -> None:
    stream = io.StringIO()
    progress = Progress(20, "grading x", stream)
    for _ in range(20):
        progress.advance()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11  # the first item, then each tenth
    assert lines[0].startswith("grading x [") and "1/20" in lines[0] and "ETA" in lines[0]
    assert "20/20 100%" in lines[-1] and "elapsed" in lines[-1]

"""How fast the draft analyser answers in a fresh Python process: import, first draft, each next.

Run: `.venv/bin/python benchmarks/disclosure_speed.py [CORPUS]` (default: the development corpus).
The first draft builds the analyser (spaCy's patterns) and loads the word lists from the disk cache
of `medsome.lexicon` (compiled on the very first run on a machine, then reused); the script says
whether the cache was warm. Each next draft is timed once, in the corpus's order. Wall-clock times
are printed with the process's CPU time beside them: on a shared, loaded machine the wall clock
counts the time other processes held the cores, the CPU time does not.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

START, START_CPU = time.perf_counter(), time.process_time()
from medsome.disclosure import analyse_draft  # noqa: E402  (the import is part of what is timed)

IMPORTED, IMPORTED_CPU = time.perf_counter(), time.process_time()

from medsome.datasets.labelled_drafts import read_corpus  # noqa: E402
from medsome.lexicon import cache_path  # noqa: E402
from medsome.paths import datasets_dir  # noqa: E402


def main(arguments: list[str]) -> int:
    """Print the import time, the first draft's time and the next drafts' median and maximum."""
    path = Path(arguments[0]) if arguments else datasets_dir() / "disclosure" / "dev_drafts.jsonl"
    warm = cache_path().exists()
    texts = list(read_corpus(path)["text"])
    begin, begin_cpu = time.perf_counter(), time.process_time()
    analyse_draft(texts[0])
    first, first_cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
    times, cpu = [], []
    for text in texts[1:]:
        begin, begin_cpu = time.perf_counter(), time.process_time()
        analyse_draft(text)
        times.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    print(f"import medsome.disclosure: {IMPORTED - START:.2f} s, CPU {IMPORTED_CPU - START_CPU:.2f} s "
          "(spaCy, pandas)")
    print(f"first draft: {first:.2f} s, CPU {first_cpu:.2f} s "
          f"(word-list cache {'warm' if warm else 'cold: compiled now'})")
    print(f"next {len(times)} drafts: median {statistics.median(times) * 1000:.1f} ms "
          f"(CPU {statistics.median(cpu) * 1000:.1f} ms), "
          f"90th percentile {statistics.quantiles(times, n=10)[-1] * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

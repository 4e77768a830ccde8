"""Precision and recall of the draft analyser on a labelled corpus, and its speed.

Run: `.venv/bin/python benchmarks/disclosure.py [CORPUS ...] [-v]`. CORPUS is a .csv with the
generated corpus's columns or a .jsonl of drafts marked inline as [words|kind]; the default is
the generated regression corpus and the development corpus. A gold span is found when the
analyser reports an overlapping span (detail recall; "kind-strict" when the kinds must agree too);
a reported span is correct when it overlaps a gold span (precision, likewise). Also printed: the
figures per kind (kind-strict) and per register, the share of drafts without a patient detail that
are flagged, and the time per draft after the first. `-v` lists every miss and false alarm.
Timing in a fresh process: `benchmarks/disclosure_speed.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from medsome.datasets.labelled_drafts import KINDS, read_corpus, read_spans
from medsome.disclosure import analyse_draft
from medsome.paths import datasets_dir

Span = tuple[int, int, str]
DEFAULT = ("disclosure/labelled_drafts.csv", "disclosure/dev_drafts.jsonl")
TARGETS = {"recall": 0.90, "precision": 0.90, "kind_recall": 0.80, "clean_flagged": 0.10}


def _overlap(a: Span, b: Span, strict: bool) -> bool:
    return a[0] < b[1] and b[0] < a[1] and (not strict or a[2] == b[2])


def tally(gold: list[list[Span]], found: list[list[Span]], strict: bool) -> dict[str, Counter]:
    """Per kind (and 'all'): gold spans, those recalled, reported spans, those correct."""
    counts: dict[str, Counter] = {kind: Counter() for kind in (*KINDS, "all")}
    for gold_spans, found_spans in zip(gold, found, strict=True):
        for span in gold_spans:
            hit = any(_overlap(span, other, strict) for other in found_spans)
            for key in (span[2], "all"):
                counts[key]["gold"] += 1
                counts[key]["recalled"] += hit
        for span in found_spans:
            right = any(_overlap(span, other, strict) for other in gold_spans)
            for key in (span[2], "all"):
                counts[key]["found"] += 1
                counts[key]["correct"] += right
    return counts


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide."""
    return part / whole if whole else None


def _show(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "  -  "


def _row(name: str, counts: Counter) -> str:
    return (f"{name:<16}{counts['gold']:>6}{counts['found']:>7}"
            f"{_show(ratio(counts['correct'], counts['found'])):>11}"
            f"{_show(ratio(counts['recalled'], counts['gold'])):>8}")


def analyse_corpus(corpus: pd.DataFrame) -> tuple[list[list[Span]], list[list[Span]], list[float]]:
    """Gold spans, reported spans and seconds per draft."""
    gold, found, times = [], [], []
    for text, spans in zip(corpus["text"], corpus["spans"], strict=True):
        begin = time.perf_counter()
        result = analyse_draft(text)
        times.append(time.perf_counter() - begin)
        gold.append(read_spans(spans))
        found.append([(f.start, f.end, f.kind.name) for f in result.findings])
    return gold, found, times


def report(path: Path, verbose: bool) -> bool:
    """Print every figure for one corpus; True when the targets are met."""
    corpus = read_corpus(path)
    gold, found, times = analyse_corpus(corpus)
    lenient, strict = tally(gold, found, False)["all"], tally(gold, found, True)
    print(f"\n== {path} ({len(corpus)} drafts; per draft: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms)")
    header = f"{'':<16}{'gold':>6}{'found':>7}{'precision':>11}{'recall':>8}"
    print(header)
    print(_row("overall", lenient))
    print(_row("kind-strict", strict["all"]))
    print(f"\nper kind (kind-strict)\n{header}")
    for kind in KINDS:
        print(_row(kind, strict[kind]))
    print(f"\nper register (any kind)\n{header}")
    for register in sorted(set(corpus["register"])):
        rows = [i for i, r in enumerate(corpus["register"]) if r == register]
        print(_row(register, tally([gold[i] for i in rows], [found[i] for i in rows], False)["all"]))
    clean = [i for i, spans in enumerate(gold) if not spans]
    flagged = [i for i in clean if found[i]]
    share = ratio(len(flagged), len(clean))
    print(f"\ndrafts without a patient detail: {len(clean)}; flagged: {len(flagged)} ({_show(share)})")
    if verbose:
        for i, (draft_id, text) in enumerate(zip(corpus["draft_id"], corpus["text"], strict=True)):
            missed = [f"{text[s:e]!r} ({k})" for s, e, k in gold[i]
                      if not any(_overlap((s, e, k), o, True) for o in found[i])]
            wrong = [f"{text[s:e]!r} ({k})" for s, e, k in found[i]
                     if not any(_overlap((s, e, k), o, True) for o in gold[i])]
            if missed or wrong:
                print(f"{draft_id}: missed {', '.join(missed) or '-'}; wrong {', '.join(wrong) or '-'}")
    kinds_ok = all((ratio(strict[k]["recalled"], strict[k]["gold"]) or 1.0) >= TARGETS["kind_recall"]
                   for k in KINDS)
    met = ((ratio(lenient["recalled"], lenient["gold"]) or 0) >= TARGETS["recall"]
           and (ratio(lenient["correct"], lenient["found"]) or 1.0) >= TARGETS["precision"]
           and kinds_ok and (share or 0.0) <= TARGETS["clean_flagged"])
    print("targets met" if met else "targets NOT met", f"({TARGETS})")
    return met


def main(arguments: list[str]) -> int:
    """Report on each corpus named (or the default ones); exit 1 when a target is missed."""
    verbose = "-v" in arguments
    paths = [Path(a) for a in arguments if a != "-v"] or [datasets_dir() / name for name in DEFAULT]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"no such corpus: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    results = [report(path, verbose) for path in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

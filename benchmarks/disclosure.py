"""Precision and recall of the draft analyser on the labelled draft corpus, and time per draft.

Run: `.venv/bin/python benchmarks/disclosure.py`. A gold span counts as found when the analyser
reports an overlapping span of the same kind; a reported span counts as correct when it overlaps
a gold span of the same kind (the lenient, overlap-based matching used for de-identification;
exact boundaries are printed too). Timing: every draft analysed once after a warm-up draft.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter

from medsome.datasets.labelled_drafts import KINDS, load_labelled_drafts, read_spans
from medsome.disclosure import analyse_draft, default_analyser

Span = tuple[int, int, str]


def _overlaps(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def score(gold: list[list[Span]], found: list[list[Span]], exact: bool = False) -> dict[str, Counter]:
    """Per kind: gold spans, those found, reported spans, those correct."""
    same = (lambda a, b: a == b) if exact else _overlaps
    tally: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    for gold_spans, found_spans in zip(gold, found, strict=True):
        for span in gold_spans:
            tally[span[2]]["gold"] += 1
            tally[span[2]]["recalled"] += any(same(span, other) for other in found_spans)
        for span in found_spans:
            tally[span[2]]["found"] += 1
            tally[span[2]]["correct"] += any(same(span, other) for other in gold_spans)
    return tally


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def report(tally: dict[str, Counter], title: str) -> bool:
    """Print the table; True when every target is met (kinds with at least 10 gold spans)."""
    print(f"\n{title}\n{'kind':<16}{'gold':>6}{'found':>7}{'precision':>11}{'recall':>8}")
    total, ok = Counter(), True
    for kind, counts in tally.items():
        total.update(counts)
        precision = _ratio(counts["correct"], counts["found"])
        recall = _ratio(counts["recalled"], counts["gold"])
        print(f"{kind:<16}{counts['gold']:>6}{counts['found']:>7}{precision:>11}{recall:>8}")
        if counts["gold"] >= 10:
            ok &= counts["recalled"] >= 0.95 * counts["gold"] and counts["correct"] >= 0.90 * counts["found"]
    precision, recall = _ratio(total["correct"], total["found"]), _ratio(total["recalled"], total["gold"])
    print(f"{'overall':<16}{total['gold']:>6}{total['found']:>7}{precision:>11}{recall:>8}")
    return ok and total["recalled"] >= 0.95 * total["gold"] and total["correct"] >= 0.90 * total["found"]


def main() -> int:
    corpus = load_labelled_drafts()
    start = time.perf_counter()
    default_analyser()
    analyse_draft("A warm-up draft from Oulu.")
    print(f"first draft (building the analyser, loading the gazetteer): {time.perf_counter() - start:.2f} s")
    gold, found, times = [], [], []
    for _, row in corpus.iterrows():
        begin = time.perf_counter()
        result = analyse_draft(row["text"])
        times.append(time.perf_counter() - begin)
        gold.append(read_spans(row["spans"]))
        found.append([(f.start, f.end, f.kind.name) for f in result.findings])
    print(f"{len(corpus)} drafts ({sum(not g for g in gold)} with nothing identifying); per draft after the "
          f"first: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
    met = report(score(gold, found), "Overlapping spans of the same kind (targets: recall >= 0.95, "
                                     "precision >= 0.90)")
    report(score(gold, found, exact=True), "Exact spans (for information)")
    clean = sum(not g and not f for g, f in zip(gold, found, strict=True))
    print(f"\nDrafts with nothing identifying reported clean: {clean} of {sum(not g for g in gold)}")
    for (_, row), g, f in zip(corpus.iterrows(), gold, found, strict=True):
        missed = [f"{row['text'][s:e]} ({k})" for s, e, k in g if not any(_overlaps((s, e, k), o) for o in f)]
        wrong = [f"{row['text'][s:e]} ({k})" for s, e, k in f if not any(_overlaps((s, e, k), o) for o in g)]
        if (missed or wrong) and "-v" in sys.argv:
            print(f"{row['draft_id']}: missed {missed}; wrong {wrong}")
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

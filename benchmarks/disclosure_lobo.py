"""Leave-one-batch-out figures for the draft analyser's learnt parts (tagger and draft filter).

Run: `.venv/bin/python benchmarks/disclosure_lobo.py [BATCH ...]`. For each development batch
(default: every .jsonl of `medsome.datasets.tagger_training.TRAINING`), the tagger and the filter
are trained on all the other training corpora and measured on the batch they never saw, beside the
rules alone and the rules with the tagger only, so the figures say what each trained part adds on
drafts it has not read. Same measures as `disclosure.py`.
"""

from __future__ import annotations

import sys

from disclosure import ratio, tally

from medsome import learnt_drafts
from medsome.datasets.labelled_drafts import read_corpus, read_spans
from medsome.datasets.tagger_training import TRAINING, drafts, examples, training_paths
from medsome.disclosure import DraftAnalyser, english_tokenizer
from medsome.learnt import data_hash, train
from medsome.lexicon import lexicon


def figures(analyser: DraftAnalyser, name: str) -> str:
    """Recall, precision (any kind and kind-strict) and clean drafts flagged on one batch."""
    corpus = read_corpus(training_paths([name])[0])
    gold = [read_spans(spans) for spans in corpus["spans"]]
    found = [[(f.start, f.end, f.kind.name) for f in analyser.analyse(text).findings]
             for text in corpus["text"]]
    lenient, strict = tally(gold, found, False)["all"], tally(gold, found, True)["all"]
    clean = [i for i, spans in enumerate(gold) if not spans]
    flagged = sum(1 for i in clean if found[i])
    return (f"recall {ratio(lenient['recalled'], lenient['gold']):.3f} "
            f"precision {ratio(lenient['correct'], lenient['found']):.3f} "
            f"kind-strict {ratio(strict['recalled'], strict['gold']):.3f}/"
            f"{ratio(strict['correct'], strict['found']):.3f} clean flagged {flagged}/{len(clean)}")


def main(batches: list[str]) -> None:
    """Train without each batch and measure on it."""
    tokenizer = english_tokenizer()
    rules = DraftAnalyser()
    for name in batches or [n for n in TRAINING if n.endswith(".jsonl")]:
        others = training_paths([n for n in TRAINING if n != name])
        tagger = train(examples(others, tokenizer), lexicon(), data_hash(others))
        draft_filter = learnt_drafts.train(drafts(others), data_hash(others))
        both = DraftAnalyser(tagger=tagger, draft_filter=draft_filter)
        print(f"{name}\n  rules alone:             {figures(rules, name)}\n"
              f"  rules + tagger:          {figures(DraftAnalyser(tagger=tagger), name)}\n"
              f"  rules + tagger + filter: {figures(both, name)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

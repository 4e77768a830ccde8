"""Train the draft analyser's learnt parts: src/medsome/patterns/tagger.json.gz, draft_filter.json.gz.

Run: `.venv/bin/python scripts/train_tagger.py`. It reads only the development corpora named in
`medsome.learnt.TRAINING` (never the frozen test sets), with a fixed seed, so the same drafts give
the same bytes; `tests/test_learnt.py` checks that the shipped weights were trained on the drafts
now in datasets/disclosure/ and says to run this script when they were not.
"""

from __future__ import annotations

from pathlib import Path

from medsome import learnt_drafts
from medsome.datasets.tagger_training import drafts, examples, training_paths
from medsome.disclosure import english_tokenizer
from medsome.learnt import WEIGHTS, data_hash, train
from medsome.lexicon import lexicon

PATTERNS = Path(__file__).resolve().parents[1] / "src" / "medsome" / "patterns"


def main() -> None:
    """Train on every development corpus and write the weights."""
    paths = training_paths()
    tagger = train(examples(paths, english_tokenizer()), lexicon(), data_hash(paths))
    draft_filter = learnt_drafts.train(drafts(paths), data_hash(paths))
    for name, data in ((WEIGHTS, tagger.dumps()), (learnt_drafts.WEIGHTS, draft_filter.dumps())):
        (PATTERNS / name).write_bytes(data)
        print(f"{PATTERNS / name}: {len(data) / 1e6:.2f} MB, trained on {len(paths)} corpora "
              f"({tagger.trained_on[:12]})")


if __name__ == "__main__":
    main()

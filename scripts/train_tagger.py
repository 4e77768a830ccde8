"""Train the draft analyser's learnt tagger and write src/medsome/patterns/tagger.json.gz.

Run: `.venv/bin/python scripts/train_tagger.py`. It reads only the development corpora named in
`medsome.learnt.TRAINING` (never the frozen test sets), with a fixed seed, so the same drafts give
the same bytes; `tests/test_learnt.py` checks that the shipped weights were trained on the drafts
now in datasets/disclosure/ and says to run this script when they were not.
"""

from __future__ import annotations

from pathlib import Path

from medsome.datasets.tagger_training import examples, training_paths
from medsome.disclosure import english_tokenizer
from medsome.learnt import WEIGHTS, data_hash, train
from medsome.lexicon import lexicon

TARGET = Path(__file__).resolve().parents[1] / "src" / "medsome" / "patterns" / WEIGHTS


def main() -> None:
    """Train on every development corpus and write the weights."""
    paths = training_paths()
    tagger = train(examples(paths, english_tokenizer()), lexicon(), data_hash(paths))
    TARGET.write_bytes(tagger.dumps())
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.2f} MB, {len(tagger.weights)} features, "
          f"trained on {len(paths)} corpora ({tagger.trained_on[:12]})")


if __name__ == "__main__":
    main()

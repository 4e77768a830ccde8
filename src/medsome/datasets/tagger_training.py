"""The drafts the draft analyser's learnt parts (`medsome.learnt`, `medsome.learnt_drafts`) are trained on.

Only the development corpora of `datasets/disclosure/` (card: `datasets/cards/labelled_drafts.md`),
never the frozen test sets; `scripts/train_tagger.py` trains the shipped weights on them and
`benchmarks/disclosure_lobo.py` trains without one batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.tokens import Doc

from medsome.datasets.labelled_drafts import read_corpus, read_spans
from medsome.learnt import to_tags
from medsome.paths import datasets_dir

TRAINING = ("labelled_drafts.csv", "dev_drafts.jsonl", "dev2_drafts.jsonl", "dev3_drafts.jsonl",
            "fresh2_drafts.jsonl", "fresh3_drafts.jsonl", "fresh4_drafts.jsonl",
            "dev5_drafts.jsonl")  # never the frozen tests


def training_paths(names: Iterable[str] = TRAINING) -> list[Path]:
    """The development corpora the shipped weights are trained on, under datasets/disclosure/."""
    return [datasets_dir() / "disclosure" / name for name in names]


def examples(paths: Iterable[Path], tokenize: Callable[[str], Doc]) -> list[tuple[list[str], list[str]]]:
    """(words, BIO tags) of every draft of the corpora."""
    pairs = []
    for path in paths:
        corpus = read_corpus(path)
        for text, spans in zip(corpus["text"], corpus["spans"], strict=True):
            tokens = [(t.idx, t.idx + len(t), t.text) for t in tokenize(text) if not t.is_space]
            pairs.append(([t[2] for t in tokens], to_tags(tokens, read_spans(spans))))
    return pairs


def drafts(paths: Iterable[Path]) -> list[tuple[str, bool]]:
    """(draft, whether it has a marked detail) of every draft of the corpora."""
    corpora = [read_corpus(path) for path in paths]
    return [(text, bool(read_spans(spans))) for corpus in corpora
            for text, spans in zip(corpus["text"], corpus["spans"], strict=True)]

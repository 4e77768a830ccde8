"""A learnt guess whether a draft describes a patient at all, beside the sentence rules.

A draft about a conference, a colleague or the author's own weekend still names places, days and
people, and the sentence rules (`medsome.about_patient`) sometimes take them for a case. An
averaged perceptron over the draft's words and word pairs, trained on the labelled drafts the course
ships (a draft with no marked detail describes no patient), scores each draft; only a draft scored
far on the patient-free side (below `THRESHOLD`, chosen leave-one-batch-out so that almost no draft
with a patient is lost) is set aside whole. Trained with the tagger (`scripts/train_tagger.py`).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise

WEIGHTS = "draft_filter.json.gz"
THRESHOLD = -3.0
REASON = "the draft as a whole reads as describing no patient (learnt from the course's labelled drafts)"
_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9]")


def features(text: str) -> set[str]:
    """The draft's words and pairs of words, lower case, and a bias."""
    words = _WORD.findall(text.lower())
    return {"bias", *(f"w={w}" for w in words), *(f"b={a}|{b}" for a, b in pairwise(words))}


@dataclass
class DraftFilter:
    """Weights of an averaged perceptron: above 0, the draft describes a patient."""

    weights: dict[str, float]
    trained_on: str  # sha256 of the training drafts
    threshold: float = THRESHOLD

    def score(self, text: str) -> float:
        """How strongly the draft reads as describing a patient (negative: as describing none)."""
        return sum(self.weights.get(feature, 0.0) for feature in features(text))

    def describes_no_patient(self, text: str) -> bool:
        """Whether the draft scores clearly on the patient-free side."""
        return self.score(text) < self.threshold

    def dumps(self) -> bytes:
        """The weights as compressed JSON, the same bytes for the same weights."""
        data = {"threshold": self.threshold, "trained_on": self.trained_on, "weights": self.weights}
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return gzip.compress(text.encode(), mtime=0)


def train(examples: Sequence[tuple[str, bool]], trained_on: str, epochs: int = 10,
          seed: int = 20261208) -> DraftFilter:
    """Train on (draft, describes a patient) pairs; the same examples and seed give the same weights."""
    rows = [(features(text), 1.0 if patient else -1.0) for text, patient in examples]
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    order, step, shuffle = list(range(len(rows))), 0, random.Random(seed)
    for _ in range(epochs):
        shuffle.shuffle(order)
        for index in order:
            step += 1
            row, truth = rows[index]
            if (sum(weights[f] for f in row if f in weights) > 0) != (truth > 0):
                for feature in sorted(row):
                    totals[feature] += (step - stamps[feature]) * weights[feature]
                    stamps[feature] = step
                    weights[feature] += truth
    averaged = {f: round((totals[f] + (step - stamps[f]) * w) / step, 4) for f, w in weights.items()}
    return DraftFilter({f: w for f, w in sorted(averaged.items()) if w}, trained_on)


def loads(data: bytes) -> DraftFilter:
    """A filter from the bytes `DraftFilter.dumps` wrote."""
    raw = json.loads(gzip.decompress(data))
    return DraftFilter(raw["weights"], raw["trained_on"], raw["threshold"])


@cache
def shipped() -> DraftFilter:
    """The filter the package ships."""
    return loads(files("medsome.patterns").joinpath(WEIGHTS).read_bytes())

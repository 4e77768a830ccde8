"""The draft analyser's learnt parts: trained on the shipped drafts, used by the analyser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from medsome import learnt_drafts
from medsome.datasets.tagger_training import TRAINING, training_paths
from medsome.disclosure import DraftAnalyser, english_tokenizer
from medsome.learnt import OUTSIDE, data_hash, loads, shipped, to_spans, to_tags, train
from medsome.lexicon import lexicon


@pytest.mark.parametrize("weights", [shipped, learnt_drafts.shipped])
def test_the_shipped_weights_were_trained_on_the_drafts_now_shipped(weights: Callable[[], Any]) -> None:
    assert weights().trained_on == data_hash(training_paths()), (
        "the labelled drafts changed since the learnt parts were trained: run "
        "`.venv/bin/python scripts/train_tagger.py` and commit src/medsome/patterns/*.json.gz")


def test_the_frozen_test_sets_are_never_trained_on() -> None:
    assert not {"test_drafts.jsonl", "fresh_drafts.jsonl"} & set(TRAINING)


def test_tags_and_spans_round_trip() -> None:
    tokens = [(0, 2, "A"), (3, 9, "retired"), (10, 16, "logger"), (17, 21, "from"), (22, 30, "Puolanka")]
    spans = [(3, 16, "occupation"), (22, 30, "place")]
    tags = to_tags(tokens, spans)
    assert tags == [OUTSIDE, "B-occupation", "I-occupation", OUTSIDE, "B-place"]
    assert to_spans(tokens, tags) == spans


def test_training_is_deterministic_and_learns_its_examples() -> None:
    words = ["A", "71-year-old", "orchardist", "from", "Puolanka"]
    tags = [OUTSIDE, "B-age", "B-occupation", OUTSIDE, "B-place"]
    first = train([(words, tags)] * 3, lexicon(), "example", epochs=3)
    second = train([(words, tags)] * 3, lexicon(), "example", epochs=3)
    assert first.dumps() == second.dumps()
    assert loads(first.dumps()).tag(words, lexicon()) == tags


def test_the_tagger_finds_what_no_rule_matches_and_rules_win_overlaps() -> None:
    text = "Saw a 71-year-old orchardist today."
    tokens = [(t.idx, t.idx + len(t), t.text) for t in english_tokenizer()(text)]
    words, tags = [t[2] for t in tokens], to_tags(tokens, [(6, 17, "age"), (18, 28, "occupation")])
    tagger = train([(words, tags)] * 3, lexicon(), "example", epochs=3)
    findings = DraftAnalyser(tagger=tagger).analyse(text).findings
    found = {(f.text, f.kind.name, f.pattern) for f in findings}
    assert ("orchardist", "occupation", "occupation.learnt") in found
    assert any(f.text == "71-year-old" and f.pattern != "age.learnt" for f in findings)


@pytest.mark.parametrize("kind", ["occupation", "rarity"])
def test_learnt_findings_are_rewritten_in_plain_words(kind: str) -> None:
    rule = DraftAnalyser().rules[f"{kind}.learnt"]
    assert rule.kind == kind and rule.replace


def test_the_draft_filter_sets_aside_a_draft_it_reads_as_describing_no_patient() -> None:
    case = "A 71-year-old orchardist from Puolanka came in after a fall from a ladder."
    general = "Great conference in Oulu this week, thanks to the whole team for the talks."
    examples = [(case, True), (general, False)] * 3
    draft_filter = learnt_drafts.train(examples, "example", epochs=3)
    assert draft_filter.dumps() == learnt_drafts.train(examples, "example", epochs=3).dumps()
    draft_filter.threshold = 0.0
    assert draft_filter.describes_no_patient(general) and not draft_filter.describes_no_patient(case)
    result = DraftAnalyser(draft_filter=draft_filter).analyse(general)
    assert not result.findings
    assert {f.about for f in result.set_aside} == {learnt_drafts.REASON}
    assert DraftAnalyser(draft_filter=draft_filter).analyse(case).findings

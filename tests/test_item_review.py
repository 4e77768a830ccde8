"""Blind review of the keys: every judgement item's key stands by the course's agreement rule, and
docs/item_review.csv and docs/assessment.md are the record of it."""

from __future__ import annotations

import pytest

from conftest import ROOT
from medsome.blueprint import load_blueprint
from medsome.forms import is_form_b
from medsome.item_review import (
    AWAITING,
    VERSIONS_FILE,
    ReviewError,
    agreement,
    changed_since_review,
    load_rounds,
    read_versions,
    render_verdicts,
    review_record,
    reviewed_items,
    reviewed_keyed,
    verdicts,
    versions_record,
)
from medsome.judgement import Choice, Decisions, Ranking, Rating, Spotting

REVIEWS = ROOT / "docs" / "reviews"
SOURCES = ROOT / "assignments" / "source"


def test_every_judgement_item_stands_with_three_blind_reviewers() -> None:
    blueprint, rounds = load_blueprint(), load_rounds(REVIEWS)
    items = reviewed_items(blueprint, SOURCES, rounds)
    judgement = {f"{r.assignment}:{r.grade_id}" for r in blueprint.itertuples() if r.kind == "judgement"}
    assert judgement <= set(items), f"not reviewed: {sorted(judgement - set(items))}"
    table = verdicts(items, rounds)
    pending = table["round"] == AWAITING
    assert all(is_form_b(label.split(":")[0]) for label in table.loc[pending, "item"]), (
        f"only a Form B item may await its review: {table[pending]}")
    reviewed = table[~pending]
    assert len(table) == len(items) and (reviewed["reviewers"] >= 3).all(), table
    assert reviewed["stands"].all(), reviewed[~reviewed["stands"]]


def test_the_review_record_is_current() -> None:
    record, rendered = review_record(load_blueprint(), SOURCES, REVIEWS)
    assert (ROOT / "docs" / "item_review.csv").read_text(encoding="utf-8") == record, (
        "run `medsome blueprint --update-docs`")
    assert rendered in (ROOT / "docs" / "assessment.md").read_text(encoding="utf-8")


def test_no_item_changed_since_its_last_review() -> None:
    keyed = reviewed_keyed(load_blueprint(), SOURCES, load_rounds(REVIEWS))
    recorded = read_versions(REVIEWS)
    assert recorded, f"docs/reviews/{VERSIONS_FILE} is missing: run `medsome blueprint --update-docs`"
    changed = changed_since_review(keyed, recorded)
    assert not changed, (
        f"changed after their blind review: {changed}. Review them again in a new round "
        "(scripts/review_pack.py writes what reviewers read), then run `medsome blueprint --update-docs`")


def test_the_reviewed_versions_are_recorded() -> None:
    record = versions_record(load_blueprint(), SOURCES, REVIEWS)
    recorded = (REVIEWS / VERSIONS_FILE).read_text(encoding="utf-8")
    assert recorded == record, "run `medsome blueprint --update-docs`"


WHY = {c: "" for c in "ABCDE"}


@pytest.mark.parametrize(("item", "answer", "measure", "supports"), [
    (Ranking(name="r", points=1, key="BDACE", why=WHY), "BDACE", 1.0, True),
    (Ranking(name="r", points=1, key="BDACE", why=WHY), "ECADB", -1.0, False),
    (Ranking(name="r", points=1, key="BDACE", why=WHY), "DBACE", 0.9, True),
    (Rating(name="t", points=1, key={"A": 4, "B": 1}, why={"A": "", "B": ""}), {"A": 3, "B": 2}, 1.0, True),
    (Choice(name="c", points=1, options="ABCD", key=frozenset("AB"), why={c: "" for c in "ABCD"}),
     ["A", "C"], 0.5, False),
    (Decisions(name="d", points=1, allowed=("x", "y"), key={"V1": ("x", "y"), "V2": "x"},
               why={"V1": "", "V2": ""}), {"V1": "y", "V2": "x"}, 1.0, True),
    (Spotting(name="s", points=1, vocabulary=("a", "b", "c"), key=frozenset({"a"}), why={}),
     ["a", "b"], 2 / 3, False),
])
def test_agreement_by_kind(item, answer, measure: float, supports: bool) -> None:
    found, support = agreement(item, answer)
    assert found == pytest.approx(measure) and support is supports


def test_a_malformed_review_is_refused(tmp_path) -> None:
    (tmp_path / "round1").mkdir()
    (tmp_path / "round1" / "answers_x.json").write_text('{"reviewer": "x"}', encoding="utf-8")
    with pytest.raises(ReviewError, match="not a review file"):
        load_rounds(tmp_path)
    with pytest.raises(ReviewError, match="does not rank every option"):
        agreement(Ranking(name="r", points=1, key="BDACE", why=WHY), "BDA")


def test_a_form_b_item_awaiting_review_is_recorded_with_its_key() -> None:
    item = Ranking(name="r", points=1, key="BDACE", why=WHY)
    rounds = {"round1": {"x": {"01_why_some:q5_ranking": "BDACE"}}}
    items = {"01_why_some:q5_ranking": item, "01_why_some_b:q5_ranking": item}
    table = verdicts(items, rounds)
    assert table.set_index("item").loc["01_why_some_b:q5_ranking", "round"] == AWAITING
    assert "| `01_why_some_b:q5_ranking` | not yet | – | awaiting blind review |" in render_verdicts(table)
    with pytest.raises(ReviewError, match="no review round covers 02_identification:q1"):
        verdicts({"02_identification:q1": item}, rounds)

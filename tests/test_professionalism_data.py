"""Module 5's data: the rule matrix and the draft posts are deterministic, cited and checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from medsome.catalogue import DRAFT_POSTS_SCHEMA, RULE_MATRIX_SCHEMA
from medsome.checklist import FINDING_CODES, DraftPost, audit, expected_findings
from medsome.data import load_draft_posts, load_population, load_rule_matrix
from medsome.datasets import professionalism
from medsome.errors import DatasetError
from medsome.guidelines import BODY_CODES, RULES

DRAFTS = load_draft_posts()
MATRIX = load_rule_matrix()


def test_regeneration_gives_identical_bytes(tmp_path: Path) -> None:
    first = professionalism.write(tmp_path / "a")
    second = professionalism.write(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [Path(RULE_MATRIX_SCHEMA.filename),
                                                              Path(DRAFT_POSTS_SCHEMA.filename)]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        committed = ROOT / "datasets" / a.relative_to(tmp_path / "a")
        assert committed.read_bytes() == a.read_bytes(), f"{committed}: run `medsome datasets build`"


def test_the_matrix_file_holds_every_cell_with_a_citation() -> None:
    assert len(MATRIX) == len(RULES) * len(BODY_CODES)
    assert MATRIX["citation"].str.len().min() > 10
    assert set(MATRIX["status"]) == {"stated", "not_seen", "unverified"}
    stated = MATRIX["status"] == "stated"
    assert MATRIX.loc[stated, "tag"].isin(["V", "P"]).all()
    assert MATRIX.loc[MATRIX["status"] == "unverified", "tag"].eq("U").all()
    assert MATRIX.loc[MATRIX["status"] == "not_seen", "tag"].isna().all()


def test_expected_findings_are_the_audits() -> None:
    population = load_population()
    for _, row in DRAFTS.iterrows():
        result = audit(DraftPost.from_mapping(row), population)
        assert (expected_findings(result) or None) == row["expected_findings"], row["draft_id"]
        assert result.verdict.value == row["expected_verdict"], row["draft_id"]


def test_drafts_cover_every_finding_and_verdict() -> None:
    codes = {item.split(":")[0] for text in DRAFTS["expected_findings"].dropna() for item in text.split(";")}
    assert codes == set(FINDING_CODES)
    assert set(DRAFTS["expected_verdict"]) == {"ready", "revise", "do_not_post"}
    assert DRAFTS["example"].notna().sum() == len(professionalism.EXAMPLES)
    assert list(DRAFTS["draft_id"]) == [f"D{i:02d}" for i in range(1, len(DRAFTS) + 1)]


def test_generated_drafts_differ_by_seed_and_are_reproducible() -> None:
    hidden = professionalism.generate_draft_posts(seed=7, count=30, examples=False)
    again = professionalism.generate_draft_posts(seed=7, count=30, examples=False)
    pd.testing.assert_frame_equal(hidden, again)
    assert len(hidden) == 30 and hidden["example"].isna().all()
    assert list(hidden["text"]) != list(DRAFTS["text"].iloc[len(professionalism.EXAMPLES):][:30])
    with pytest.raises(ValueError, match="count should be a whole number"):
        professionalism.generate_draft_posts(count=-1)


def test_generated_texts_say_what_their_facts_say() -> None:
    generated = DRAFTS[DRAFTS["example"].isna()]
    for _, row in generated.iterrows():
        for detail in ("municipality", "occupation", "date", "time_of_day", "hospital", "mark"):
            if pd.notna(row[detail]):
                assert str(row[detail]) in row["text"], (row["draft_id"], detail)
        if pd.notna(row["photo"]):
            assert f"{row['photo']}.jpg" in row["text"], row["draft_id"]
        assert ("By Dr " in row["text"]) == row["authorship"], row["draft_id"]
        assert ("Updated " in row["text"]) == row["currency"], row["draft_id"]


def test_examples_are_checked_against_the_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = dict(professionalism.EXAMPLES[0], expected_verdict="revise")
    monkeypatch.setattr(professionalism, "EXAMPLES", (broken,))
    with pytest.raises(ValueError, match=r"example 1 \(education_model\): the expert wrote"):
        professionalism.generate_draft_posts(count=0)


def test_loading_errors_name_file_and_column(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"rule_matrix\.csv: file not found"):
        load_rule_matrix(tmp_path)
    with pytest.raises(DatasetError, match=r"draft_posts\.csv: file not found"):
        load_draft_posts(tmp_path)
    folder = tmp_path / "professionalism"
    folder.mkdir()
    shutil.copy(ROOT / "datasets" / DRAFT_POSTS_SCHEMA.filename, folder)
    frame = pd.read_csv(folder / "draft_posts.csv", dtype=str, keep_default_na=False)
    frame.drop(columns="expected_verdict").to_csv(folder / "draft_posts.csv", index=False)
    with pytest.raises(DatasetError, match=r"draft_posts.csv: missing column.*'expected_verdict'"):
        load_draft_posts(tmp_path)
    frame.assign(patient_material="often").to_csv(folder / "draft_posts.csv", index=False)
    with pytest.raises(DatasetError, match="column 'patient_material' should hold bool"):
        load_draft_posts(tmp_path)


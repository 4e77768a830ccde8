"""Module 3's consent vignettes: seeded, byte-identical, consistent with the rules, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from medsome.catalogue import VIGNETTES_SCHEMA
from medsome.consent import CHILD_AGE_LIMIT, Case, Outcome, decide
from medsome.data import load_vignettes
from medsome.datasets import consent_vignettes
from medsome.errors import DatasetError

VIGNETTES = load_vignettes()
HARD_CASES_REQUIRED = {"day_of_surgery", "competent_minor", "child_objects", "permanence", "closed_group",
                       "stricter_policy", "intoxication", "sedation", "proxy_consent", "withdrawal",
                       "internal_anonymous", "internal_identifying", "relative_consent", "parental_authority"}


def test_regeneration_gives_identical_bytes(tmp_path: Path) -> None:
    first = consent_vignettes.write(tmp_path / "a")
    second = consent_vignettes.write(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [Path(VIGNETTES_SCHEMA.filename)]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        committed = ROOT / "datasets" / a.relative_to(tmp_path / "a")
        assert committed.read_bytes() == a.read_bytes(), f"{committed}: run `medsome datasets build`"


def test_at_least_100_vignettes_with_unique_ids() -> None:
    assert len(VIGNETTES) >= 100
    assert VIGNETTES["vignette_id"].is_unique
    assert list(VIGNETTES["vignette_id"]) == [f"V{i:03d}" for i in range(1, len(VIGNETTES) + 1)]


def test_every_decision_and_rule_is_well_represented() -> None:
    assert set(VIGNETTES["decision"]) == {o.value for o in Outcome}
    assert VIGNETTES["decision"].value_counts().min() >= 10
    assert VIGNETTES["rule"].value_counts().min() >= 7
    assert VIGNETTES["rule"].nunique() == 11


def test_the_hard_cases_are_covered() -> None:
    tags = set(VIGNETTES["hard_case"].dropna())
    assert tags >= HARD_CASES_REQUIRED, HARD_CASES_REQUIRED - tags
    hard = VIGNETTES.dropna(subset=["hard_case"]).set_index("hard_case")
    assert "power_differential" in set(hard.loc[["day_of_surgery"], "rule"])
    assert set(hard.loc[["child_objects"], "decision"]) == {"do_not_post"}
    assert set(hard.loc[["stricter_policy"], "rule"]) >= {"local_policy"}


def test_expert_decisions_follow_the_rules() -> None:
    for _, row in VIGNETTES.iterrows():
        decision = decide(Case.from_mapping(row))
        assert (decision.decision.value, decision.rule) == (row["decision"], row["rule"]), row["vignette_id"]


def test_facts_are_plausible() -> None:
    children = VIGNETTES["age"] < CHILD_AGE_LIMIT
    assert VIGNETTES.loc[children & (VIGNETTES["age"] < 12), "capacity"].eq("lacks").all()
    assert VIGNETTES.loc[~children, "authority"].isin(["self", "guardian", "none"]).all()
    lacking = VIGNETTES["capacity"] != "has"
    assert VIGNETTES.loc[lacking, "capacity_note"].notna().all()
    assert VIGNETTES.loc[~lacking, "capacity_note"].isna().all()
    assert VIGNETTES.loc[VIGNETTES["image_type"] == "face", "identifies"].all()
    temporarily = VIGNETTES["capacity"] == "temporarily_lacks"
    assert not VIGNETTES.loc[temporarily, "asked_day_of_surgery"].any()


def test_generated_texts_say_what_their_facts_say() -> None:
    generated = VIGNETTES[VIGNETTES["hard_case"].isna()]
    assert len(generated) == sum(consent_vignettes.QUOTAS.values())
    for _, row in generated.iterrows():
        text = row["text"]
        assert consent_vignettes.USES[row["use"]] in text, row["vignette_id"]
        assert ("on the morning of the operation" in text) == row["asked_day_of_surgery"], row["vignette_id"]
        assert ("objects" in text) == row["child_objects"], row["vignette_id"]
        assert ("forbids" in text) == row["hospital_forbids_posting"], row["vignette_id"]
        assert ("not to be used" in text) == row["withdrawal_requested"], row["vignette_id"]
        assert ("No consent" in text) == (row["consent"] == "none"), row["vignette_id"]
        if row["capacity"] != "has" and row["age"] >= CHILD_AGE_LIMIT:
            assert row["capacity_note"] in text, row["vignette_id"]


def test_hard_cases_are_checked_against_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = dict(consent_vignettes.HARD_CASES[0], decision="post", rule="valid_consent")
    monkeypatch.setattr(consent_vignettes, "HARD_CASES", (broken,))
    with pytest.raises(ValueError, match=r"hard case 1 .*the experts wrote post/valid_consent"):
        consent_vignettes.generate_vignettes()


def test_loading_errors_name_file_and_column(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"vignettes\.csv: file not found"):
        load_vignettes(tmp_path)
    folder = tmp_path / "consent"
    folder.mkdir()
    shutil.copy(ROOT / "datasets" / VIGNETTES_SCHEMA.filename, folder)
    frame = pd.read_csv(folder / "vignettes.csv", dtype=str, keep_default_na=False)
    frame.drop(columns="decision").to_csv(folder / "vignettes.csv", index=False)
    with pytest.raises(DatasetError, match=r"vignettes.csv: missing column.*'decision'"):
        load_vignettes(tmp_path)
    frame.assign(identifies="maybe").to_csv(folder / "vignettes.csv", index=False)
    with pytest.raises(DatasetError, match="column 'identifies' should hold bool"):
        load_vignettes(tmp_path)
    frame.assign(age="").to_csv(folder / "vignettes.csv", index=False)
    with pytest.raises(DatasetError, match="column 'age' is empty on line 2"):
        load_vignettes(tmp_path)


def test_loaded_types_match_the_schema() -> None:
    assert VIGNETTES["age"].dtype == "int64"
    for flag in ("child_objects", "asked_day_of_surgery", "identifies", "withdrawal_requested",
                 "hospital_forbids_posting"):
        assert VIGNETTES[flag].dtype == bool, flag
    assert list(VIGNETTES.columns) == VIGNETTES_SCHEMA.names

"""The audience of an educational account: shares, needs, cautions with sources, post fit."""

from __future__ import annotations

import pytest

from medsome.audience import (
    COURSE,
    SEGMENT_KEYS,
    SERVES,
    AudienceError,
    build_audience,
)


def test_shares_are_rescaled_to_one_and_missing_groups_are_zero() -> None:
    audience = build_audience({"students": 3, "residents": 1})
    assert audience.shares["students"] == pytest.approx(0.75)
    assert audience.shares["lay_people"] == 0
    assert sum(audience.shares.values()) == pytest.approx(1)
    assert set(audience.shares) == set(SEGMENT_KEYS)
    assert audience.largest.key == "students"
    assert [s.key for s, _ in audience.segments()] == ["students", "residents"]


def test_cautions_follow_the_mix_and_each_has_a_source() -> None:
    clinicians = build_audience({"residents": 1})
    texts = " ".join(c.text for c in clinicians.cautions())
    assert "identified" in texts and "units under 15 minutes" in texts
    assert "Patients are in the audience" not in texts and "No group is a majority" not in texts
    public = build_audience({"lay_people": 40, "students": 30, "nurses": 30})
    sources = {c.text.split(":")[0]: c.source for c in public.cautions()}
    assert any("Fan KL" in s for s in sources.values())
    assert "Patients are in the audience" in sources
    assert sources["No group is a majority"] == COURSE
    assert all(c.source for c in public.cautions())
    few_lay = build_audience({"residents": 95, "lay_people": 5})
    assert not any("graphic" in c.text for c in few_lay.cautions())


def test_served_by_adds_the_shares_of_the_groups_served() -> None:
    audience = build_audience({"students": 20, "residents": 30, "lay_people": 50})
    assert audience.served_by("patient_information") == pytest.approx(0.7)
    assert audience.served_by("case_discussion") == pytest.approx(0.3)
    assert set(SERVES) == {"technique_video", "case_discussion", "patient_information", "research_summary"}


def test_bad_input_is_explained() -> None:
    with pytest.raises(TypeError, match="shares should be a dict"):
        build_audience([("students", 1)])
    with pytest.raises(AudienceError, match=r"unknown group.*'patients'; the groups are students"):
        build_audience({"patients": 1})
    with pytest.raises(AudienceError, match="every share is 0"):
        build_audience({"students": 0})
    with pytest.raises(AudienceError, match="share of nurses should be 0 or more"):
        build_audience({"nurses": -1, "students": 2})
    with pytest.raises(TypeError, match="share of nurses should be a number, not str"):
        build_audience({"nurses": "many"})
    with pytest.raises(AudienceError, match="unknown post kind 'meme'"):
        build_audience({"nurses": 1}).served_by("meme")

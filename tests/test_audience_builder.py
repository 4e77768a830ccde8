"""The audience builder, driven from Python: sliders and post kind in, needs, fit and cautions out."""

from __future__ import annotations

import html

import pytest

from medsome.audience import POST_KINDS, SEGMENTS, AudienceError, build_audience
from medsome.widgets.audience_builder import STARTING_MIX, AudienceBuilder


def test_every_control_is_labelled_and_it_displays_itself() -> None:
    builder = AudienceBuilder()
    assert all(control.description for control in [*builder.sliders.values(), builder.post])
    assert "application/vnd.jupyter.widget-view+json" in builder._repr_mimebundle_()


def test_starts_from_the_invented_mix_and_lists_each_group() -> None:
    builder = AudienceBuilder()
    assert builder.audience == build_audience(STARTING_MIX)
    for segment in SEGMENTS:
        assert html.escape(segment.need) in builder.result.value


def test_sliders_change_the_shares_the_fit_and_the_cautions() -> None:
    builder = AudienceBuilder()
    for key, slider in builder.sliders.items():
        slider.value = 100 if key == "residents" else 0
    assert builder.audience.shares["residents"] == 1
    assert "largest group: <b>Residents</b>" in builder.result.value
    assert "Patients are in the audience" not in builder.result.value
    builder.post.value = "patient_information"
    assert "This post serves 0% of your followers well" in builder.result.value
    builder.sliders["lay_people"].value = 100
    assert "This post serves 50% of your followers well" in builder.result.value
    assert "Fan KL" in builder.result.value


def test_every_post_kind_can_be_chosen() -> None:
    builder = AudienceBuilder()
    for kind in POST_KINDS:
        builder.post.value = kind
        share = builder.audience.served_by(kind)
        assert f"This post serves {share:.0%} of your followers well" in builder.result.value


def test_all_sliders_at_zero_asks_for_a_share() -> None:
    builder = AudienceBuilder()
    for slider in builder.sliders.values():
        slider.value = 0
    assert builder.audience is None
    assert "Every share is 0" in builder.result.value


def test_a_bad_starting_mix_fails_clearly() -> None:
    with pytest.raises(AudienceError, match="unknown group"):
        AudienceBuilder({"surgeons": 10})

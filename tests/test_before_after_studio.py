"""The before/after studio, driven from Python: the after shot's set-up in, pictures and findings out."""

from __future__ import annotations

import base64
import html
import re

import pytest

from medsome.comparability import STANDARD_SETUP, comparability_problems, pair_setups
from medsome.data import load_photo_pairs
from medsome.errors import DatasetError, MedsomeError
from medsome.portrait import Subject, portrait_alt_text, portrait_png
from medsome.widgets.before_after_studio import BeforeAfterStudio, UnknownPair, verdict

PAIRS = load_photo_pairs()


@pytest.fixture
def studio() -> BeforeAfterStudio:
    return BeforeAfterStudio(PAIRS)


def test_every_control_is_labelled_and_it_displays_itself(studio: BeforeAfterStudio) -> None:
    controls = [*studio.controls.values(), studio.surgery, studio.reset, studio.picker]
    assert all(control.description for control in controls)
    assert "application/vnd.jupyter.widget-view+json" in studio._repr_mimebundle_()


def _shown(studio: BeforeAfterStudio, side: str) -> bytes:
    """The PNG bytes the studio's image of `side` shows, with its alt text checked on the way."""
    found = re.search(r'src="data:image/png;base64,([^"]+)" alt="([^"]+)"', studio.images[side].value)
    assert found, f"the {side} image has no inline PNG with alt text"
    return base64.b64decode(found.group(1))


def test_starts_with_two_identical_standard_photos(studio: BeforeAfterStudio) -> None:
    assert studio.after_setup == STANDARD_SETUP and studio.problems == []
    assert _shown(studio, "before") == _shown(studio, "after") == portrait_png()
    assert "Comparable, and nothing changed" in studio.findings.value
    for side in ("before", "after"):
        assert html.escape(portrait_alt_text()) in studio.alt[side].value


def test_moving_the_sliders_fakes_a_result(studio: BeforeAfterStudio) -> None:
    studio.controls["zoom"].value = 1.4
    studio.controls["flash"].value = True
    after = {**STANDARD_SETUP, "zoom": 1.4, "flash": True}
    assert studio.problems == comparability_problems(STANDARD_SETUP, after)
    assert _shown(studio, "after") == portrait_png(after)
    assert _shown(studio, "before") == portrait_png()
    assert "2 parameters of the shot differ, and the subject did not change at all" in studio.findings.value
    for finding in studio.problems:
        assert html.escape(finding) in studio.findings.value
    assert html.escape(portrait_alt_text(after)) in studio.alt["after"].value


@pytest.mark.parametrize(("name", "value"), [("lighting", 1.0), ("angle", 20),
                                              ("background", "patterned curtain"), ("clothing", "dark top")])
def test_each_slider_is_checked(studio: BeforeAfterStudio, name: str, value: object) -> None:
    studio.controls[name].value = value
    assert len(studio.problems) == 1 and name.split("_")[0] in studio.after_setup
    assert _shown(studio, "after") == portrait_png({**STANDARD_SETUP, name: value})


def test_a_real_result_is_drawn_and_worded_differently(studio: BeforeAfterStudio) -> None:
    studio.surgery.value = True
    assert _shown(studio, "after") == portrait_png(STANDARD_SETUP, Subject(lines=0.5))
    assert html.escape("any difference you see is the subject's") in studio.findings.value
    studio.controls["lighting"].value = 1.5
    assert "how much of the difference is the surgery" in studio.findings.value


def test_reset_takes_the_after_photo_like_the_before(studio: BeforeAfterStudio) -> None:
    studio.set_after({**STANDARD_SETUP, "zoom": 1.6, "angle": -30})
    assert len(studio.problems) == 2
    studio.reset.click()
    assert studio.problems == [] and studio.after_setup == STANDARD_SETUP


def test_loading_a_pair_shows_its_setups_and_ratings(studio: BeforeAfterStudio) -> None:
    for _, row in PAIRS.head(12).iterrows():
        before, after = pair_setups(row)
        assert studio.load(row["pair_id"]) == comparability_problems(before, after)
        assert studio.before_setup == before and studio.after_setup == after
        assert studio.surgery.value == row["surgery"] and studio.picker.value == row["pair_id"]
        assert f"{row['rated_improved']} of {row['raters']} judged" in studio.ratings.value
        lines = row["lines_after"] if row["surgery"] else 1.0
        assert _shown(studio, "after") == portrait_png(after, Subject(row["skin"], lines))
    studio.picker.value = ""
    assert studio.before_setup == STANDARD_SETUP and studio.problems == [] and studio.ratings.value == ""


def test_the_picker_loads_a_pair(studio: BeforeAfterStudio) -> None:
    studio.picker.value = "B001"
    assert studio.loaded == "B001"
    assert "judged the after photo improved" in studio.ratings.value


def test_verdicts() -> None:
    assert verdict([], False).startswith("Comparable, and nothing changed")
    assert verdict(["x"], False).startswith("Not comparable: 1 parameter of the shot differ")
    assert "surgery" in verdict(["x", "y"], True)


def test_unknown_pair_and_missing_table_fail_clearly(studio: BeforeAfterStudio) -> None:
    with pytest.raises(UnknownPair, match="no photo pair 'B999'; the ids run from B001 to B160"):
        studio.load("B999")
    with pytest.raises(MedsomeError, match=r"no photo pairs: create it with BeforeAfterStudio\(load_photo"):
        BeforeAfterStudio().load("B001")
    with pytest.raises(DatasetError, match=r"photo pairs: missing column.*'after_zoom'"):
        BeforeAfterStudio(PAIRS.drop(columns="after_zoom"))

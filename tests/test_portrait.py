"""The synthetic before/after portrait: deterministic, each parameter visible, alt text, errors."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from medsome.comparability import STANDARD_SETUP, ComparabilityError
from medsome.portrait import (
    PORTRAIT_SIZE,
    Subject,
    line_visibility,
    portrait_alt_text,
    portrait_png,
    render_portrait,
)

S = STANDARD_SETUP


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.int16)


def test_deterministic_and_sized() -> None:
    first, second = render_portrait(), render_portrait(S)
    assert first.size == PORTRAIT_SIZE and first.mode == "RGB"
    assert first.tobytes() == second.tobytes()
    assert portrait_png(S) == portrait_png(dict(S))
    assert render_portrait(size=(160, 120)).size == (160, 120)


@pytest.mark.parametrize("change", [
    {"lighting": 1.0}, {"flash": True}, {"zoom": 1.4}, {"angle": 20}, {"background": "plain black"},
    {"clothing": "top and necklace"},
])
def test_every_parameter_changes_the_picture(change: dict) -> None:
    assert render_portrait({**S, **change}).tobytes() != render_portrait(S).tobytes()


def test_brighter_light_brightens_and_zoom_enlarges_the_subject() -> None:
    assert _pixels(render_portrait({**S, "lighting": 1.5})).mean() > _pixels(render_portrait(S)).mean() + 10
    background = np.array([122, 152, 190])
    areas = [int((np.abs(_pixels(render_portrait({**S, "zoom": z})) - background).sum(axis=2) > 30).sum())
             for z in (0.7, 1.0, 1.4)]
    assert areas[0] < 0.75 * areas[1] and areas[2] > 1.15 * areas[1]  # the frame crops the body


def test_flash_and_light_wash_out_the_lines_as_surgery_would() -> None:
    standard = line_visibility(S, Subject())
    assert line_visibility({**S, "flash": True}, Subject()) < 0.5 * standard
    assert line_visibility({**S, "lighting": 1.5}, Subject()) < standard
    assert line_visibility(S, Subject(lines=0.4)) == pytest.approx(0.4 * standard)


def test_alt_text_names_every_choice() -> None:
    text = portrait_alt_text({**S, "flash": True, "zoom": 1.4, "angle": -20, "lighting": 1.0,
                              "background": "plain black", "clothing": "dark top"}, Subject("dark"))
    for words in ("Cartoon portrait drawn by the course", "dark skin", "turned 20° to the left", "1.40×",
                  "brighter than standard (+1.0 stops)", "with flash", "plain black background", "dark top",
                  "synthetic image"):
        assert words in text
    assert "facing the camera" in portrait_alt_text() and "clearly visible" in portrait_alt_text()
    assert "barely visible" in portrait_alt_text({**S, "flash": True})


def test_bad_input_fails_clearly() -> None:
    with pytest.raises(ComparabilityError, match="zoom should be between"):
        render_portrait({**S, "zoom": 5})
    with pytest.raises(ValueError, match="skin must be one of"):
        Subject("green")
    with pytest.raises(ValueError, match="lines must be a number from 0"):
        Subject(lines=2)
    with pytest.raises(TypeError, match="subject should be a Subject"):
        render_portrait(S, "light")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="size must be a"):
        render_portrait(S, size=(100,))  # type: ignore[arg-type]

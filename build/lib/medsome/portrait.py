"""A synthetic before/after portrait: one cartoon subject drawn under given photographic parameters.

The subject never changes unless `Subject.lines` does (a stand-in for a real surgical result, fewer
visible lines). Lighting, flash, zoom, angle, background and clothing change only how the same
face looks, which is the point of the before/after studio: technique alone can fake a result.
Nothing here is a photograph and nothing is random: the same set-up gives the same pixels. The
drawing reuses the 640 × 480 design-space pen of `medsome.photography`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageEnhance

from medsome.comparability import STANDARD_SETUP, check_setup
from medsome.photography import _SUPERSAMPLE, DESIGN_SIZE, SKINS, Box, Colour, Point, _check_size, _Pen

PORTRAIT_SIZE = (480, 360)
CENTRE = (320.0, 240.0)  # zoom scales the subject about this point of the design space
BACKGROUND_COLOURS: dict[str, Colour] = {
    "plain blue": (122, 152, 190),
    "plain black": (24, 24, 28),
    "plain white": (244, 244, 242),
    "patterned curtain": (196, 170, 120),
}
TOP_COLOURS: dict[str, Colour] = {"plain gown": (176, 206, 204), "dark top": (44, 48, 66),
                                  "top and necklace": (206, 96, 92)}
_HAIR = (70, 48, 34)
_FEATURE = (52, 36, 32)
_LABEL = (30, 30, 30)
FLASH_LINE_FACTOR = 0.3  # share of the lines still visible under flash
EXPOSURE_PER_STOP = 0.18  # brightness gained per stop (a drawing's stand-in for exposure)
LIGHT_LINE_FACTOR = 0.3  # fewer visible lines per stop of extra light (more per stop less)


@dataclass(frozen=True)
class Subject:
    """The synthetic person: skin tone and how marked the facial lines are (1 = as before surgery)."""

    skin: str = "light"
    lines: float = 1.0

    def __post_init__(self) -> None:
        if self.skin not in SKINS:
            raise ValueError(f"skin must be one of {', '.join(SKINS)}; got {self.skin!r}")
        number = not isinstance(self.lines, bool) and isinstance(self.lines, int | float)
        if not number or not 0 <= self.lines <= 1:
            raise ValueError(f"lines must be a number from 0 (none) to 1 (as before surgery), "
                             f"not {self.lines!r}")


def _blend(a: Colour, b: Colour, share: float) -> Colour:
    """`share` of the way from colour a to colour b."""
    share = min(max(share, 0.0), 1.0)
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def line_visibility(setup: Mapping[str, Any], subject: Subject) -> float:
    """How visible the facial lines are (0-1.5) under this set-up: flash and light wash them out."""
    shot = check_setup(setup)
    light = 1 - LIGHT_LINE_FACTOR * shot["lighting"]
    flash = FLASH_LINE_FACTOR if shot["flash"] else 1.0
    return max(0.0, min(1.5, subject.lines * light * flash))


class _Frame:
    """The pen, with the subject zoomed about CENTRE and turned by the set-up's angle."""

    def __init__(self, pen: _Pen, zoom: float, angle: float) -> None:
        self.pen, self.zoom = pen, zoom
        self.turn = math.sin(math.radians(angle))  # -0.71 .. 0.71

    def p(self, x: float, y: float, depth: float = 0.0) -> Point:
        """A subject point; `depth` (how far it stands out of the face) shifts it as the head turns."""
        x += depth * self.turn
        return (CENTRE[0] + self.zoom * (x - CENTRE[0]), CENTRE[1] + self.zoom * (y - CENTRE[1]))

    def box(self, box: Box, depth: float = 0.0) -> Box:
        (x0, y0), (x1, y1) = self.p(box[0], box[1], depth), self.p(box[2], box[3], depth)
        return (x0, y0, x1, y1)

    def w(self, width: float) -> float:
        return width * self.zoom

    def head(self) -> Box:
        """The face's ellipse: narrower as the head turns."""
        half = 78 * (1 - 0.14 * abs(self.turn))
        return self.box((320 - half, 120, 320 + half, 318), depth=18)


def _background(pen: _Pen, name: str) -> None:
    colour = BACKGROUND_COLOURS[name]
    pen.rect((0, 0, 640, 480), colour)
    if name == "patterned curtain":
        dark = _blend(colour, (90, 60, 40), 0.45)
        for i in range(17):
            x = 20 + 40 * i
            pen.line([(x, 0), (x + 6, 480)], dark, 7)
            for y in range(30, 480, 60):
                pen.ellipse((x + 12, y, x + 24, y + 12), _blend(colour, (250, 240, 220), 0.5))


def _silhouette(frame: _Frame, fill: Colour, dx: float = 0.0, dy: float = 0.0) -> None:
    """Head and shoulders as flat shapes (used for the flash's hard shadow)."""
    x0, y0, x1, y1 = frame.head()
    frame.pen.ellipse((x0 + dx, y0 - 14 + dy, x1 + dx, y1 + dy), fill)
    shoulders = _shoulders(frame)
    frame.pen.polygon([(x + dx, y + dy) for x, y in shoulders], fill)


def _shoulders(frame: _Frame) -> list[Point]:
    half = 230 * (1 - 0.3 * abs(frame.turn))
    return [frame.p(320 - 60, 330), frame.p(320 + 60, 330), frame.p(320 + half, 420),
            frame.p(320 + half, 560), frame.p(320 - half, 560), frame.p(320 - half, 420)]


def _body(frame: _Frame, skin: Colour, clothing: str, shaded: bool) -> None:
    pen = frame.pen
    top = TOP_COLOURS[clothing]
    pen.rect(frame.box((284, 280, 356, 372)), _blend(skin, (0, 0, 0), 0.12 if shaded else 0.0))
    pen.polygon(_shoulders(frame), top)
    neckline = [frame.p(282, 352), frame.p(320, 404), frame.p(358, 352)]
    if clothing == "plain gown":
        pen.polygon(neckline, skin)
        pen.line(neckline, _blend(top, (0, 0, 0), 0.3), frame.w(3))
    else:
        pen.ellipse(frame.box((282, 334, 358, 378)), skin)
    if clothing == "top and necklace":
        for i in range(11):
            t = math.pi * (0.15 + 0.7 * i / 10)
            x, y = frame.p(320 - 40 * math.cos(t), 346 + 26 * math.sin(t))
            r = frame.w(4)
            pen.ellipse((x - r, y - r, x + r, y + r), (224, 186, 70), (150, 120, 40), 1)


def _face(frame: _Frame, skin: Colour, shaded: bool, flash: bool) -> None:
    pen = frame.pen
    head = frame.head()
    pen.ellipse((head[0] - frame.w(6), head[1] - frame.w(16), head[2] + frame.w(6), head[3] - frame.w(70)),
                _HAIR)
    for side in (-1, 1):  # ears; the far ear hides behind the head as it turns
        if side * frame.turn < -0.3:
            continue
        x = 320 + side * 80 + 30 * frame.turn
        pen.ellipse(frame.box((x - 11, 205, x + 11, 250)), _blend(skin, (0, 0, 0), 0.08))
    pen.ellipse(head, skin)
    if shaded:  # soft side light: the side away from the light falls into shadow
        x0, y0, x1, y1 = head
        shadow = _blend(skin, (0, 0, 0), 0.07)
        pen.ellipse((x0 + (x1 - x0) * 0.62, y0 + (y1 - y0) * 0.1, x1, y1 - (y1 - y0) * 0.05), shadow)
        pen.ellipse((*head[:2], x0 + (x1 - x0) * 0.86, y1), skin)
    pen.ellipse((head[0] + frame.w(4), head[1] - frame.w(4), head[2] - frame.w(4), head[1] + frame.w(46)),
                _HAIR)
    if flash:  # specular highlights on the forehead and the tip of the nose
        glare = _blend(skin, (255, 255, 255), 0.55)
        pen.ellipse(frame.box((302, 176, 338, 188), depth=22), glare)
        pen.ellipse(frame.box((314, 250, 326, 258), depth=34), glare)


def _features(frame: _Frame) -> None:
    pen = frame.pen
    for side in (-1, 1):
        x = 320 + side * 32
        pen.ellipse(frame.box((x - 11, 214, x + 11, 226), depth=20), (250, 250, 248))
        pen.ellipse(frame.box((x - 5, 215, x + 5, 225), depth=22), (60, 80, 110))
        pen.line([frame.p(x - 14, 202, 22), frame.p(x + 14, 200 - 2 * side, 22)], _HAIR, frame.w(4))
    nose = [frame.p(320, 222, 30), frame.p(314, 256, 36), frame.p(326, 258, 36)]
    pen.line(nose, _FEATURE, frame.w(2.5))
    pen.arc(frame.box((298, 268, 342, 290), depth=24), 20, 160, (150, 70, 70), frame.w(4))


def _lines(frame: _Frame, skin: Colour, visibility: float) -> None:
    """Forehead lines, crow's feet, lines under the eyes and nasolabial folds, as visible as `visibility`."""
    pen = frame.pen
    colour = _blend(skin, (60, 30, 20), 0.45 * visibility)
    width = frame.w(1.6 + visibility)
    for y in (168, 180, 192):
        pen.arc(frame.box((270, y, 370, y + 18), depth=20), 200, 340, colour, width)
    for side in (-1, 1):
        x = 320 + side * 48
        for dy in (-5, 0, 5):
            crease = [frame.p(x, 220 + dy / 2, 16), frame.p(x + side * 12, 220 + dy * 1.6, 14)]
            pen.line(crease, colour, width)
        ex = 320 + side * 32
        pen.arc(frame.box((ex - 12, 222, ex + 12, 238), depth=20), 20, 160, colour, width)
        fx = 320 + side * 18
        fold = [frame.p(fx, 252, 30), frame.p(fx + side * 10, 268, 26), frame.p(fx + side * 14, 284, 24)]
        pen.line(fold, colour, width)


def render_portrait(setup: Mapping[str, Any] | None = None, subject: Subject | None = None,
                    size: tuple[int, int] = PORTRAIT_SIZE) -> Image.Image:
    """Draw the synthetic subject under `setup` (default: the standard set-up); same set-up, same pixels."""
    shot = check_setup(STANDARD_SETUP if setup is None else setup)
    subject = Subject() if subject is None else subject
    if not isinstance(subject, Subject):
        raise TypeError(f"subject should be a Subject, not {type(subject).__name__}")
    width, height = _check_size(size)
    canvas = Image.new("RGB", (DESIGN_SIZE[0] * _SUPERSAMPLE, DESIGN_SIZE[1] * _SUPERSAMPLE))
    pen = _Pen(canvas)
    _background(pen, shot["background"])
    frame = _Frame(pen, shot["zoom"], shot["angle"])
    skin = SKINS[subject.skin]
    if shot["flash"]:  # an on-camera flash throws a hard shadow on the wall behind
        _silhouette(frame, _blend(BACKGROUND_COLOURS[shot["background"]], (0, 0, 0), 0.35), 16, 10)
    shaded = not shot["flash"]
    _body(frame, skin, shot["clothing"], shaded)
    _face(frame, skin, shaded, shot["flash"])
    _lines(frame, skin, line_visibility(shot, subject))
    _features(frame)
    label = (230, 230, 230) if shot["background"] == "plain black" else _LABEL
    pen.text((632, 474), "synthetic image", label, 12, anchor="rs")
    image = canvas.resize((width, height), Image.Resampling.LANCZOS)
    exposure = 1 + EXPOSURE_PER_STOP * shot["lighting"] + (0.06 if shot["flash"] else 0.0)
    return ImageEnhance.Brightness(image).enhance(max(exposure, 0.2))


def portrait_png(setup: Mapping[str, Any] | None = None, subject: Subject | None = None,
                 size: tuple[int, int] = PORTRAIT_SIZE) -> bytes:
    """The portrait as PNG bytes (for a widget or a file); deterministic."""
    buffer = io.BytesIO()
    render_portrait(setup, subject, size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _turned(angle: float) -> str:
    if abs(angle) < 1:
        return "facing the camera"
    return f"turned {abs(angle):g}° to the {'left' if angle < 0 else 'right'} of the picture"


def portrait_alt_text(setup: Mapping[str, Any] | None = None, subject: Subject | None = None) -> str:
    """A description of the portrait for screen readers, naming every photographic choice."""
    shot = check_setup(STANDARD_SETUP if setup is None else setup)
    subject = Subject() if subject is None else subject
    way = "brighter" if shot["lighting"] > 0 else "darker"
    light = ("standard exposure" if abs(shot["lighting"]) < 0.05 else
             f"{way} than standard ({shot['lighting']:+.1f} stops)")
    flash = ("with flash, which flattens the shadows and throws a hard shadow on the wall"
             if shot["flash"] else "without flash, soft shadow on one side of the face")
    visibility = line_visibility(shot, subject)
    lines = ("the facial lines are barely visible" if visibility < 0.35 else
             "the facial lines are faint" if visibility < 0.75 else "the facial lines are clearly visible")
    return (f"Cartoon portrait drawn by the course (not a photo): the head and shoulders of a synthetic "
            f"person with {subject.skin} skin, {_turned(shot['angle'])}, zoom {shot['zoom']:.2f}×, "
            f"{light}, {flash}, against a {shot['background']} background, wearing a {shot['clothing']}; "
            f"{lines}. A label in the corner reads 'synthetic image'.")

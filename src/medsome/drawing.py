"""Drawing the course's synthetic pictures: a pen in a 640 × 480 design space, scaled to any canvas.

`medsome.photography` (clinical photos) and `medsome.portrait` (before/after portraits) both draw
with it, so every synthetic picture shares one coordinate system, one size check and one label.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PIL import Image, ImageDraw, ImageFont

DESIGN_SIZE = (640, 480)
SUPERSAMPLE = 2  # pictures are drawn this many times larger, then scaled down smoothly
MIN_SIZE = (64, 48)
LABEL = "synthetic image"

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Colour = tuple[int, int, int]
Fill = tuple[int, ...] | None


def check_size(size: object) -> tuple[int, int]:
    """The size as (width, height), or a clear error."""
    if (
        not isinstance(size, Sequence) or len(size) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in size)
    ):
        raise TypeError(f"size must be a (width, height) pair of whole numbers, got {size!r}")
    if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
        least = f"{MIN_SIZE[0]} × {MIN_SIZE[1]}"
        raise ValueError(f"size must be at least {least} pixels, got {size}")
    return size[0], size[1]


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


class Pen:
    """ImageDraw in the 640 × 480 design space, scaled to the canvas."""

    def __init__(self, image: Image.Image) -> None:
        self.draw = ImageDraw.Draw(image)
        self.sx = image.width / DESIGN_SIZE[0]
        self.sy = image.height / DESIGN_SIZE[1]

    def _xy(self, points: Sequence[Point]) -> list[Point]:
        return [(x * self.sx, y * self.sy) for x, y in points]

    def _box(self, box: Box) -> Box:
        return (box[0] * self.sx, box[1] * self.sy, box[2] * self.sx, box[3] * self.sy)

    def _w(self, width: float) -> int:
        return max(1, round(width * min(self.sx, self.sy)))

    def rect(
        self, box: Box, fill: Fill, outline: Fill = None, width: float = 1, radius: float = 0
    ) -> None:
        corner = self._w(radius) if radius else 0
        self.draw.rounded_rectangle(self._box(box), corner, fill, outline, self._w(width))

    def ellipse(self, box: Box, fill: Fill, outline: Fill = None, width: float = 1) -> None:
        self.draw.ellipse(self._box(box), fill, outline, self._w(width))

    def polygon(
        self, points: Sequence[Point], fill: Fill, outline: Fill = None, width: float = 1
    ) -> None:
        self.draw.polygon(self._xy(points), fill, outline, self._w(width))

    def line(self, points: Sequence[Point], fill: Fill, width: float = 1) -> None:
        self.draw.line(self._xy(points), fill, self._w(width), joint="curve")

    def arc(self, box: Box, start: float, end: float, fill: Fill, width: float = 1) -> None:
        self.draw.arc(self._box(box), start, end, fill, self._w(width))

    def text(self, xy: Point, text: str, fill: Fill, size: float, anchor: str = "la") -> None:
        font = _font(self._w(size))
        self.draw.text(self._xy([xy])[0], text, fill, font, anchor=anchor)

    def label(self, fill: Fill) -> None:
        """Write 'synthetic image' in the bottom right corner, as on every course picture."""
        self.text((632, 474), LABEL, fill, 12, anchor="rs")

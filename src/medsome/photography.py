"""Synthetic "clinical photos": cartoon limbs in a treatment room, drawn by code with Pillow.

Each scene may show identifiers drawn into the picture (a wall clock, a window view, a tattoo, a
wristband, a birthmark). Nothing here is a photograph and nothing is random: the same scene always
gives the same pixels. Every name and number drawn is invented.
"""

from __future__ import annotations

import math

from PIL import Image

from medsome.drawing import DESIGN_SIZE, SUPERSAMPLE, Colour, Fill, Pen, Point, check_size
from medsome.world import SKIN_TONES, WALL_COLOURS, Scene, Wristband, clock_time

# The colours the world's skin tones and walls are drawn in (medsome.world names them).
SKINS: dict[str, Colour] = dict(zip(
    SKIN_TONES, ((238, 196, 168), (201, 146, 104), (128, 84, 58)), strict=True))
WALLS: dict[str, Colour] = dict(zip(
    WALL_COLOURS, ((212, 229, 214), (208, 221, 236), (240, 231, 208), (226, 226, 224)), strict=True))
_DRAPE = (64, 138, 128)
_INK = (34, 48, 92)
_TEXT = (30, 30, 30)


def alt_text(scene: Scene) -> str:
    """A description of the picture for screen readers, naming every visible identifier."""
    limb = scene.limb
    wound = (
        f"a sutured cut across the {limb}" if scene.wound == "sutures"
        else f"a white dressing taped over a wound on the {limb}"
    )
    parts = [
        f"Cartoon clinical photo drawn by the course: a {limb} resting on a green drape "
        f"in front of a {scene.wall} wall, with {wound} and a paper measuring scale beside it."
    ]
    if scene.clock is not None:
        parts.append(f"A round wall clock shows {clock_time(scene.clock)}.")
    if scene.window is not None:
        time_of_day = "a night-time" if scene.night else "a daytime"
        view = (
            "a red-and-white lighthouse on a rocky islet" if scene.window == "lighthouse"
            else "a church tower with a green spire and a clock above rooftops"
        )
        parts.append(f"Through a window, {time_of_day} view of {view}.")
    if scene.tattoo is not None:
        parts.append(f"A dark blue anchor tattoo with the initials {scene.tattoo} on the {limb}.")
    if scene.wristband is not None:
        parts.append(f"A white hospital wristband reads: {'; '.join(scene.wristband.lines)}.")
    if scene.birthmark:
        parts.append(f"A dark red port-wine birthmark on the {limb}.")
    parts.append("A small label in the corner reads 'synthetic image'.")
    return " ".join(parts)


def render(scene: Scene, size: tuple[int, int] = DESIGN_SIZE) -> Image.Image:
    """Draw `scene` as an RGB image of `size` (width, height); the same scene, the same pixels."""
    if not isinstance(scene, Scene):
        raise TypeError(f"render expects a Scene, got {type(scene).__name__}")
    width, height = check_size(size)
    canvas = Image.new(
        "RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), WALLS[scene.wall]
    )
    pen = Pen(canvas)
    _draw_room(pen, scene)
    _draw_limb(pen, scene)
    _draw_marks(pen, scene)
    pen.label((226, 240, 236))
    return canvas.resize((width, height), Image.Resampling.LANCZOS)


def _draw_room(pen: Pen, scene: Scene) -> None:
    """Wall, window, clock, drape and measuring scale."""
    if scene.window is not None:
        _draw_window(pen, scene.window, scene.night)
    if scene.clock is not None:
        _draw_clock(pen, scene.clock)
    pen.polygon([(0, 250), (640, 250), (640, 480), (0, 480)], _DRAPE)
    for y in (285, 440, 468):
        pen.line([(0, y), (200, y + 6), (420, y - 4), (640, y + 3)], (84, 156, 146), 2)
    pen.ellipse((-60, 385, 560, 445), (52, 118, 110))
    pen.rect((30, 440, 230, 462), (246, 240, 200), (150, 140, 100), 1)
    for i in range(21):
        tall = 10 if i % 5 == 0 else 5
        pen.line([(34 + 9.5 * i, 440), (34 + 9.5 * i, 440 + tall)], _TEXT, 1)
    pen.text((214, 457), "cm", _TEXT, 10, anchor="ms")


def _draw_window(pen: Pen, landmark: str, night: bool) -> None:
    """A window with a landmark outside: a lighthouse at sea or a church tower over roofs."""
    pen.rect((45, 35, 255, 205), (250, 250, 250))
    sky, sea = ((24, 32, 66), (18, 28, 52)) if night else ((168, 208, 238), (58, 112, 160))
    pen.rect((53, 43, 247, 197), sky)
    if night:
        pen.ellipse((68, 54, 88, 74), (240, 236, 200))
    if landmark == "lighthouse":
        _draw_lighthouse(pen, sea, night)
    else:
        _draw_church(pen, night)
    pen.line([(150, 43), (150, 197)], (250, 250, 250), 6)
    pen.line([(53, 120), (247, 120)], (250, 250, 250), 6)


def _draw_lighthouse(pen: Pen, sea: Colour, night: bool) -> None:
    """A red-and-white lighthouse on a rocky islet."""
    pen.rect((53, 150, 247, 197), sea)
    pen.polygon([(160, 172), (178, 160), (210, 158), (232, 172)], (110, 100, 92))
    pen.polygon([(185, 165), (205, 165), (201, 85), (189, 85)], (250, 250, 250), (90, 90, 90), 1)
    for top in (108, 134):
        pen.polygon([(188, top), (202, top), (202.6, top + 10), (187.4, top + 10)], (200, 40, 40))
    if night:
        pen.polygon([(195, 78), (247, 60), (247, 96)], (240, 232, 160))
        pen.polygon([(195, 78), (158, 66), (158, 88)], (240, 232, 160))
    pen.rect((186, 72, 204, 85), (250, 220, 90), (60, 60, 60), 1)
    pen.polygon([(184, 72), (206, 72), (195, 61)], (200, 40, 40))


def _draw_church(pen: Pen, night: bool) -> None:
    """A church tower with a green spire and a clock, above rooftops."""
    land, roof = ((30, 44, 40), (60, 40, 40)) if night else ((96, 150, 96), (170, 70, 60))
    pen.polygon([(53, 170), (150, 160), (247, 168), (247, 197), (53, 197)], land)
    pen.rect((165, 95, 197, 175), (214, 204, 186), (110, 100, 90), 1)
    pen.polygon([(161, 95), (201, 95), (181, 48)], (64, 116, 96), (40, 70, 60), 1)
    pen.ellipse((173, 103, 189, 119), (250, 250, 240), (60, 60, 60), 1)
    pen.line([(181, 111), (181, 105)], _TEXT, 1)
    for x0 in (62, 104, 210):
        pen.rect((x0, 165, x0 + 30, 190), (226, 218, 200))
        pen.polygon([(x0 - 3, 165), (x0 + 33, 165), (x0 + 15, 150)], roof)
        if night:
            pen.rect((x0 + 9, 172, x0 + 19, 181), (250, 214, 100))


def _draw_clock(pen: Pen, clock: tuple[int, int]) -> None:
    """A round wall clock whose hands show the scene's time."""
    cx, cy, r = 545, 105, 60
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), (252, 252, 250), (50, 50, 55), 6)
    for hour in range(12):
        angle = math.radians(hour * 30)
        inner = r - (16 if hour % 3 == 0 else 11)
        pen.line([_polar(cx, cy, inner, angle), _polar(cx, cy, r - 6, angle)], _TEXT, 3)
    hours, minutes = clock
    hour_angle = math.radians((hours % 12 + minutes / 60) * 30)
    pen.line([(cx, cy), _polar(cx, cy, r * 0.5, hour_angle)], _TEXT, 6)
    pen.line([(cx, cy), _polar(cx, cy, r * 0.78, math.radians(minutes * 6))], _TEXT, 4)
    pen.ellipse((cx - 5, cy - 5, cx + 5, cy + 5), (190, 40, 40))


def _polar(cx: float, cy: float, radius: float, angle: float) -> Point:
    """A point `radius` from the centre at `angle` clockwise from twelve o'clock."""
    return (cx + radius * math.sin(angle), cy - radius * math.cos(angle))


def _limb_edges(limb: str, x: float) -> tuple[float, float]:
    """Top and bottom edge of the limb's shaft at design x (from -30 to 440)."""
    t = (x + 30) / 470
    if limb == "forearm":
        return 300 + 26 * t - 8 * math.sin(math.pi * t), 416 - 22 * t + 6 * math.sin(math.pi * t)
    return 292 + 38 * t, 425 - 20 * t + 10 * math.sin(math.pi * t)


def _draw_limb(pen: Pen, scene: Scene) -> None:
    """The forearm and hand, or the lower leg and foot, with the wound or dressing."""
    skin = SKINS[scene.skin]
    edge = tuple(int(c * 0.72) for c in skin)
    if scene.limb == "forearm":
        _draw_hand(pen, skin, edge)
    else:
        _draw_foot(pen, skin, edge)
    end = 440 if scene.limb == "forearm" else 424
    xs = [-30 + (end + 30) * i / 24 for i in range(25)]
    top = [(x, _limb_edges(scene.limb, x)[0]) for x in xs]
    bottom = [(x, _limb_edges(scene.limb, x)[1]) for x in xs]
    pen.polygon(top + bottom[::-1], skin)
    pen.line(top, edge, 2)
    pen.line(bottom, edge, 2)
    if scene.wound == "sutures":
        _draw_sutures(pen)
    else:
        _draw_dressing(pen)


def _draw_hand(pen: Pen, skin: Colour, edge: Fill) -> None:
    """A cartoon hand, palm down, fingers to the right."""
    for y, length in zip((334, 352, 370, 388), (88, 96, 92, 80), strict=True):
        pen.ellipse((500, y - 10, 500 + length, y + 10), skin, edge, 2)
    pen.ellipse((448, 298, 540, 330), skin, edge, 2)
    pen.ellipse((410, 318, 548, 404), skin, edge, 2)


def _draw_foot(pen: Pen, skin: Colour, edge: Fill) -> None:
    """A cartoon foot, toes pointing up, as a patient lies on their back."""
    outline = [(420, 330), (466, 214), (520, 200), (538, 222), (510, 330), (496, 400), (416, 407)]
    for i in range(5):
        x = 470 + i * 13
        pen.ellipse((x, 196 + i * 2, x + 14, 214 + i * 2), skin, edge, 2)
    pen.polygon(outline, skin)
    pen.line(outline, edge, 2)


def _draw_sutures(pen: Pen) -> None:
    """A sutured cut across the shaft of the limb."""
    cut = [(205 + 13 * i, 352 + 6 * math.sin(math.pi * i / 10)) for i in range(11)]
    pen.line(cut, (140, 35, 40), 4)
    for x, y in cut[1:-1:2]:
        pen.line([(x, y - 11), (x, y + 11)], (20, 20, 40), 2)
        pen.ellipse((x - 3, y - 14, x + 3, y - 8), (20, 20, 40))


def _draw_dressing(pen: Pen) -> None:
    """A white dressing held by two strips of tape."""
    pen.rect((195, 326, 345, 396), (250, 250, 248), (196, 196, 196), 2, radius=10)
    pen.rect((215, 340, 325, 382), (238, 233, 222), radius=6)
    for x0 in (182, 328):
        pen.rect((x0, 332, x0 + 30, 390), (226, 214, 186), (190, 176, 150), 1, radius=3)


def _draw_marks(pen: Pen, scene: Scene) -> None:
    """The individual marks: tattoo, birthmark and wristband."""
    if scene.tattoo is not None:
        _draw_tattoo(pen, 95, 356, scene.tattoo)
    if scene.birthmark:
        _draw_birthmark(pen, 120, 372)
    if scene.wristband is not None:
        _draw_wristband(pen, scene.limb, scene.wristband)


def _draw_tattoo(pen: Pen, cx: float, cy: float, initials: str) -> None:
    """An anchor with initials beside it."""
    pen.ellipse((cx - 7, cy - 32, cx + 7, cy - 18), None, _INK, 3)
    pen.line([(cx, cy - 18), (cx, cy + 26)], _INK, 4)
    pen.line([(cx - 15, cy - 9), (cx + 15, cy - 9)], _INK, 4)
    pen.arc((cx - 24, cy - 14, cx + 24, cy + 28), 20, 160, _INK, 4)
    for side in (-1, 1):
        tip = (cx + side * 22.5, cy + 14)
        pen.polygon([tip, (tip[0] - side * 2, tip[1] - 11), (tip[0] + side * 7, tip[1] - 3)], _INK)
    pen.text((cx + 30, cy + 4), initials, _INK, 18, anchor="lm")


def _draw_birthmark(pen: Pen, cx: float, cy: float) -> None:
    """A lobed port-wine stain; its outline comes from fixed sine waves, not from chance."""
    points = []
    for i in range(60):
        t = 2 * math.pi * i / 60
        r = 26 * (1 + 0.22 * math.sin(3 * t) + 0.12 * math.sin(5 * t + 1.3))
        points.append((cx + 1.4 * r * math.cos(t), cy + 0.8 * r * math.sin(t)))
    pen.polygon(points, (150, 42, 72))


def _draw_wristband(pen: Pen, limb: str, band: Wristband) -> None:
    """A band round the wrist or ankle, and its printed label lying on the drape."""
    x = 398
    top, bottom = _limb_edges(limb, x)
    pen.rect((x - 13, top - 5, x + 13, bottom + 5), (248, 248, 244), (160, 160, 160), 1, radius=5)
    label_top = bottom + 8
    pen.rect((x - 150, label_top, x + 6, label_top + 56), (248, 248, 244), (160, 160, 160), 1)
    for i, line in enumerate(band.lines):
        pen.text((x - 143, label_top + 5 + 16 * i), line, _TEXT, 13)

"""The facts of the course's invented world, read alike by the rules, the generators and the pictures.

Module 2's region (its districts and municipalities), the clinical photos the course draws (what each
scene shows, and so which identifiers are visible) and the studio a before/after pair is shot in.
Everything here is invented; how a fact is drawn lives in `medsome.photography`, how it becomes a
dataset in `medsome.datasets`.
"""

from __future__ import annotations

from dataclasses import dataclass

# Module 2's region: each district's municipalities, with their populations.
DISTRICTS: dict[str, tuple[tuple[str, int], ...]] = {
    "North Coast": (("Harbourvik", 42_000), ("Kallio Island", 620), ("Lumivaara", 3_800)),
    "Lake District": (("Järvenkylä", 150_000), ("Korpiniemi", 9_500), ("Pikkulahti", 1_400)),
    "Eastern Hills": (("Vaaramäki", 64_000), ("Kivikko", 12_000), ("Ruskola", 2_100), ("Tunturi", 900)),
    "Southern Plains": (("Peltola", 88_000), ("Aurinkola", 21_000), ("Myllyranta", 5_200)),
}

# The clinical photos: what a scene may show.
LIMBS = ("forearm", "lower leg")
WOUNDS = ("sutures", "dressing")
LANDMARKS = ("lighthouse", "church tower")
SKIN_TONES = ("light", "medium", "dark")
WALL_COLOURS = ("pale green", "pale blue", "cream", "pale grey")

# The studio of a before/after pair: the values a shot's background and clothing may take.
BACKGROUNDS = ("plain blue", "plain black", "plain white", "patterned curtain")
CLOTHING = ("plain gown", "dark top", "top and necklace")


@dataclass(frozen=True)
class Wristband:
    """A hospital wristband's label: every field is invented."""

    name: str
    born: str
    record: str

    @property
    def lines(self) -> tuple[str, str, str]:
        return (self.name, f"b. {self.born}", f"MRN {self.record}")


@dataclass(frozen=True)
class Scene:
    """One synthetic clinical photo: what is drawn, and so which identifiers are visible."""

    name: str
    limb: str = "forearm"
    wound: str = "dressing"
    skin: str = "light"
    wall: str = "pale grey"
    clock: tuple[int, int] | None = None
    window: str | None = None
    night: bool = False
    tattoo: str | None = None
    wristband: Wristband | None = None
    birthmark: bool = False

    def __post_init__(self) -> None:
        _check_choice("limb", self.limb, LIMBS)
        _check_choice("wound", self.wound, WOUNDS)
        _check_choice("skin", self.skin, SKIN_TONES)
        _check_choice("wall", self.wall, WALL_COLOURS)
        if self.window is not None:
            _check_choice("window", self.window, LANDMARKS)
        if self.clock is not None and not (0 <= self.clock[0] < 24 and 0 <= self.clock[1] < 60):
            raise ValueError(f"scene {self.name}: clock must be (hour 0-23, minute 0-59)")

    @property
    def visible_identifiers(self) -> tuple[str, ...]:
        """Short labels of the identifiers drawn into the picture, in drawing order."""
        found = []
        if self.clock is not None:
            found.append(f"wall clock ({clock_time(self.clock)})")
        if self.window is not None:
            found.append(f"window view ({self.window})")
        if self.tattoo is not None:
            found.append(f"tattoo (anchor, initials {self.tattoo})")
        if self.wristband is not None:
            found.append("wristband (name, birth date, record number)")
        if self.birthmark:
            found.append("birthmark (port-wine stain)")
        return tuple(found)


def _check_choice(field: str, value: str, allowed: tuple[str, ...]) -> None:
    """Fail with the allowed values when `value` is not one of them."""
    if value not in allowed:
        raise ValueError(f"{field} must be one of {', '.join(allowed)}; got {value!r}")


def clock_time(clock: tuple[int, int]) -> str:
    return f"{clock[0]:02d}:{clock[1]:02d}"


SCENES: tuple[Scene, ...] = (
    Scene(
        "ward_round", limb="forearm", wound="sutures", skin="light", wall="pale green",
        clock=(7, 45), wristband=Wristband("ESIMERKKI, Erkki", "1961-03-12", "0047-3381"),
    ),
    Scene(
        "night_shift", limb="lower leg", wound="dressing", skin="medium", wall="pale blue",
        clock=(2, 10), window="church tower", night=True,
    ),
    Scene(
        "harbour_clinic", limb="forearm", wound="dressing", skin="medium", wall="cream",
        window="lighthouse", tattoo="J.K.",
    ),
    Scene("shin_laceration", limb="lower leg", wound="sutures", skin="light", birthmark=True),
    Scene("dressing_change", limb="forearm", wound="dressing", skin="dark", wall="pale blue"),
    Scene("wound_check", limb="lower leg", wound="dressing", skin="dark", wall="cream"),
)

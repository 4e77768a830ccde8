"""Are a before and an after photo comparable? One finding per photographic parameter that differs.

A before/after pair shows the result of surgery only when everything else is held constant. The
ASPS/PSF *Photographic Standards in Plastic Surgery* (2006) and Sanniec et al. (J Aesthet Reconstr
Surg 2016: focus, framing, position, background, shadow, clothing, jewellery, exposure) list what
to keep the same; a blinded study found same-day "after" photos with no surgery, only a changed
technique, rated as improved in 45% of surgeons' ratings, flash alone being significant (Aesthetic
Plast Surg 2013, DOI 10.1007/s00266-013-0222-1). The six parameters here are the course's model
of a shot. The tolerances are the course's own choices: no published threshold was verified.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from medsome.errors import MedsomeError
from medsome.world import BACKGROUNDS, CLOTHING

PHOTO_PARAMETERS = ("lighting", "flash", "zoom", "angle", "background", "clothing")

# The values a shot may take (the course's model of a clinical photo setup; its backgrounds and
# clothing are the invented studio's, in medsome.world).
LIGHTING_RANGE = (-2.0, 2.0)  # exposure relative to the standard set-up, in photographic stops
ZOOM_RANGE = (0.5, 2.0)  # magnification relative to the standard framing
ANGLE_RANGE = (-45.0, 45.0)  # degrees the subject is turned from the standard frontal view

# Course tolerances: differences up to these count as the same set-up.
LIGHTING_TOLERANCE_STOPS = 0.25
ZOOM_TOLERANCE = 0.05
ANGLE_TOLERANCE_DEGREES = 5.0

STANDARD_SETUP: dict[str, Any] = {
    "lighting": 0.0, "flash": False, "zoom": 1.0, "angle": 0.0, "background": "plain blue",
    "clothing": "plain gown",
}
FLASH_SOURCE = ("in a blinded study, flash alone made unchanged faces look improved "
                "(Aesthetic Plast Surg 2013)")


class ComparabilityError(MedsomeError, ValueError):
    """A photo set-up is missing a parameter or holds a value the course's model does not allow."""


def _number(value: object, name: str, which: str, bounds: tuple[float, float]) -> float:
    """`value` as a float within `bounds`, or a clear error."""
    if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__float__")):
        raise ComparabilityError(f"the {which} photo's {name} should be a number, not {value!r}")
    number = float(value)
    low, high = bounds
    if math.isnan(number) or not low <= number <= high:
        raise ComparabilityError(f"the {which} photo's {name} should be between {low:g} and {high:g}, "
                                 f"not {value!r}")
    return number


def _choice(value: object, name: str, which: str, allowed: tuple[str, ...]) -> str:
    """`value` if it is one of `allowed`, or an error listing them."""
    if value not in allowed:
        raise ComparabilityError(f"the {which} photo's {name} should be one of "
                                 f"{', '.join(repr(a) for a in allowed)}, not {value!r}")
    return str(value)


def check_setup(setup: Mapping[str, Any], which: str = "") -> dict[str, Any]:
    """The six parameters of a shot, validated; extra keys (e.g. a data row's) are ignored."""
    label = which or "given"
    if not isinstance(setup, Mapping) and not hasattr(setup, "keys"):
        raise ComparabilityError(f"the {label} photo's set-up should be a mapping of "
                                 f"{', '.join(PHOTO_PARAMETERS)}, not {type(setup).__name__}")
    missing = [p for p in PHOTO_PARAMETERS if p not in setup]
    if missing:
        raise ComparabilityError(f"the {label} photo's set-up lacks {', '.join(missing)}; it needs all "
                                 f"of {', '.join(PHOTO_PARAMETERS)}")
    flash = setup["flash"]
    if not isinstance(flash, bool | np.bool_):
        raise ComparabilityError(f"the {label} photo's flash should be True or False, not {flash!r}")
    return {
        "lighting": _number(setup["lighting"], "lighting", label, LIGHTING_RANGE),
        "flash": bool(flash),
        "zoom": _number(setup["zoom"], "zoom", label, ZOOM_RANGE),
        "angle": _number(setup["angle"], "angle", label, ANGLE_RANGE),
        "background": _choice(setup["background"], "background", label, BACKGROUNDS),
        "clothing": _choice(setup["clothing"], "clothing", label, CLOTHING),
    }


def _num(value: float) -> str:
    """1.0 -> '1.0', 1.45 -> '1.45', -0.5 -> '-0.5'."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _within(difference: float, tolerance: float) -> bool:
    """Up to the tolerance, allowing for floating-point rounding (1.05 - 1.0 > 0.05 in floats)."""
    return abs(difference) <= tolerance + 1e-9


def _lighting(before: float, after: float) -> str | None:
    if _within(after - before, LIGHTING_TOLERANCE_STOPS):
        return None
    way = "brighter" if after > before else "darker"
    return (f"the after photo is {way} ({_num(before)} -> {_num(after)} stops): light alone changes how "
            "skin, lines and contours look, without surgery")


def _flash(before: bool, after: bool) -> str | None:
    if before == after:
        return None
    if after:
        return ("the after photo uses flash and the before photo does not: flash flattens shadows and "
                f"lines; {FLASH_SOURCE}")
    return "the before photo uses flash and the after photo does not: the two are lit differently"


def _zoom(before: float, after: float) -> str | None:
    if _within(after - before, ZOOM_TOLERANCE):
        return None
    way = "zoomed in" if after > before else "zoomed out"
    return (f"the after photo is {way} ({_num(before)} -> {_num(after)}): apparent size changes "
            "without surgery")


def _angle(before: float, after: float) -> str | None:
    if _within(after - before, ANGLE_TOLERANCE_DEGREES):
        return None
    return (f"the after photo is taken at a different angle ({before:g}° -> {after:g}°): turning the "
            "subject changes shape and proportions without surgery")


def _background(before: str, after: str) -> str | None:
    if before == after:
        return None
    return (f"the background changes ({before} -> {after}): contrast with the background changes how "
            "skin and outline look")


def _clothing(before: str, after: str) -> str | None:
    if before == after:
        return None
    return (f"the clothing changes ({before} -> {after}): clothes and jewellery draw the eye and change "
            "the frame")


_FINDERS = {"lighting": _lighting, "flash": _flash, "zoom": _zoom, "angle": _angle,
            "background": _background, "clothing": _clothing}


def differing_parameters(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    """The parameters, in PHOTO_PARAMETERS order, whose difference exceeds the course's tolerance."""
    b, a = check_setup(before, "before"), check_setup(after, "after")
    return tuple(p for p in PHOTO_PARAMETERS if _FINDERS[p](b[p], a[p]) is not None)


def comparability_problems(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """One plain-words finding per parameter that differs; empty when the pair is comparable."""
    b, a = check_setup(before, "before"), check_setup(after, "after")
    findings = (_FINDERS[p](b[p], a[p]) for p in PHOTO_PARAMETERS)
    return [finding for finding in findings if finding is not None]


def pair_setups(row: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The before and after set-ups of a photo-pair row (columns before_<parameter>, after_<parameter>)."""
    columns = [f"{side}_{p}" for side in ("before", "after") for p in PHOTO_PARAMETERS]
    missing = [c for c in columns if c not in row]
    if missing:
        raise ComparabilityError(f"a photo pair needs the column(s) {', '.join(missing)}")
    before, after = ({p: row[f"{side}_{p}"] for p in PHOTO_PARAMETERS} for side in ("before", "after"))
    return check_setup(before, "before"), check_setup(after, "after")


def comparability_feedback(answer: object, before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """Plain-words feedback on a learner's set of differing parameters, without giving it away."""
    if answer is ... or answer is None:
        return "Not answered yet: replace ... with a set of parameter names, e.g. {\"zoom\", \"flash\"}."
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return (f"Your answer should be a set of parameter names, e.g. {{\"zoom\", \"flash\"}}, "
                f"not a {type(answer).__name__}.")
    given = set(answer)
    unknown = sorted(str(g) for g in given - set(PHOTO_PARAMETERS))
    if unknown:
        return f"{', '.join(unknown)} is not a parameter; choose from {', '.join(PHOTO_PARAMETERS)}."
    expected = set(differing_parameters(before, after))
    if given == expected:
        return f"Correct: {len(expected)} parameter(s) differ, so the pair does not show surgery alone."
    hints = []
    if expected - given:
        hints.append(f"{len(expected - given)} parameter(s) that differ are missing")
    if given - expected:
        hints.append(f"{len(given - expected)} of yours are the same in both photos (within the tolerances)")
    return "Not yet: " + "; ".join(hints) + ". Compare the two set-ups value by value."

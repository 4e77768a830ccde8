"""The before/after studio: change how the "after" photo is taken and watch a result appear from nothing.

One synthetic subject is drawn twice by `medsome.portrait`: before, and after under the set-up the
sliders give. Beside the pictures, `medsome.comparability` lists every parameter that differs.
Unless "real surgical result" is ticked, the subject is the same person with the same face: any
improvement seen comes from technique alone.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from medsome.catalogue import PAIRS_SCHEMA
from medsome.comparability import (
    ANGLE_RANGE,
    LIGHTING_RANGE,
    PHOTO_PARAMETERS,
    STANDARD_SETUP,
    ZOOM_RANGE,
    comparability_problems,
    pair_setups,
)
from medsome.errors import UnknownName
from medsome.figures import image_html
from medsome.portrait import Subject, portrait_alt_text, portrait_png
from medsome.schema import validate
from medsome.widgets.controls import checkbox, dropdown, heading, record_picker, table_row
from medsome.widgets.layout import CourseWidget, live, panel, row
from medsome.world import BACKGROUNDS, CLOTHING

TREATED_LINES = 0.5  # the subject's facial lines after a real result, in the studio
NO_PAIR = "(the standard before photo)"


class UnknownPair(UnknownName):
    """A photo-pair id the studio's table does not hold."""


def verdict(problems: list[str], surgery: bool) -> str:
    """What the pair shows, in words: a fair comparison, or technique passing for a result."""
    if not problems:
        return ("Comparable: the two photos are taken the same way, so any difference you see is the "
                "subject's." if surgery else "Comparable, and nothing changed: the two photos show the same "
                "face taken the same way.")
    count = f"{len(problems)} parameter{'s' if len(problems) > 1 else ''} of the shot differ"
    if surgery:
        return (f"Not comparable: {count}, so you cannot tell how much of the difference is the surgery "
                "and how much the photography.")
    return (f"Not comparable: {count}, and the subject did not change at all. Any improvement you see "
            "comes from technique alone.")


class BeforeAfterStudio(CourseWidget):
    """Sliders for the after shot; both photos drawn side by side, with what makes them not comparable."""

    def __init__(self, pairs: pd.DataFrame | None = None, skin: str = "light") -> None:
        checked = None if pairs is None else validate(pairs, PAIRS_SCHEMA, "BeforeAfterStudio's photo pairs")
        self.pairs = None if checked is None else checked.set_index("pair_id", drop=False)
        self.loaded: str | None = None
        self.subject = Subject(skin)
        self.before_setup: dict[str, Any] = dict(STANDARD_SETUP)
        self.controls: dict[str, w.ValueWidget] = {
            "lighting": w.FloatSlider(value=0.0, min=LIGHTING_RANGE[0], max=LIGHTING_RANGE[1], step=0.1,
                                      description="After: lighting (stops)"),
            "flash": checkbox("After: flash on"),
            "zoom": w.FloatSlider(value=1.0, min=ZOOM_RANGE[0], max=ZOOM_RANGE[1], step=0.01,
                                  description="After: zoom (×)"),
            "angle": w.IntSlider(value=0, min=int(ANGLE_RANGE[0]), max=int(ANGLE_RANGE[1]), step=1,
                                 description="After: angle (°)"),
            "background": w.SelectionSlider(options=BACKGROUNDS, value=STANDARD_SETUP["background"],
                                            description="After: background"),
            "clothing": dropdown("After: clothing", CLOTHING, STANDARD_SETUP["clothing"]),
        }
        self.surgery = checkbox("Real surgical result (fewer facial lines)")
        self.reset = w.Button(description="Reset the after shot",
                              tooltip="Take the after photo like the before")
        sides = ("before", "after")
        self.images = {side: w.HTML() for side in sides}
        self.alt = {side: w.HTML() for side in sides}
        self.findings, self.ratings = live(), w.HTML()
        header = [self._picker()] if self.pairs is not None else []
        photos = row([w.VBox([heading(side.capitalize()), self.images[side], self.alt[side]],
                             layout=w.Layout(width="360px", max_width="100%")) for side in sides])
        self.widget = panel([*header, photos, *self.controls.values(), self.surgery, self.reset,
                              self.findings, self.ratings])
        self._busy = False
        for control in [*self.controls.values(), self.surgery]:
            control.observe(lambda _: self.refresh(), names="value")
        self.reset.on_click(lambda _: self.set_after(self.before_setup))
        self._draw("before")
        self.refresh()

    def _picker(self) -> w.Dropdown:
        """The dropdown that loads a photo pair of the data set."""
        labels = [(f"{pid} · {'surgery' if s else 'same day, no surgery'}", pid)
                  for pid, s in zip(self.pairs["pair_id"], self.pairs["surgery"], strict=True)]
        self.picker = record_picker(self, "Load photo pair:", NO_PAIR, labels)
        self.picker.observe(lambda change: change["new"] or self._unload(), names="value")
        return self.picker

    def _unload(self) -> None:
        """Back to the standard before photo, with no pair loaded."""
        self.loaded, self.ratings.value = None, ""
        self.before_setup = dict(STANDARD_SETUP)
        self._draw("before")
        self.set_after(STANDARD_SETUP)

    @property
    def after_setup(self) -> dict[str, Any]:
        """The after shot's set-up, as the controls give it."""
        return {p: self.controls[p].value for p in PHOTO_PARAMETERS}

    @property
    def problems(self) -> list[str]:
        """Why the two photos are not comparable (empty when they are)."""
        return comparability_problems(self.before_setup, self.after_setup)

    def _subject(self, side: str) -> Subject:
        lines = TREATED_LINES if side == "after" and self.surgery.value else 1.0
        if side == "after" and self.loaded is not None and self.surgery.value:
            lines = float(self.pairs.loc[self.loaded, "lines_after"])
        return Subject(self.subject.skin, lines)

    def _draw(self, side: str) -> None:
        setup = self.before_setup if side == "before" else self.after_setup
        subject = self._subject(side)
        described = portrait_alt_text(setup, subject)
        self.images[side].value = image_html(portrait_png(setup, subject), "png", described, width="360px")
        self.alt[side].value = f"<p><i>Image description:</i> {html.escape(described)}</p>"

    def refresh(self) -> None:
        """Redraw the after photo and the findings."""
        if self._busy:
            return
        self._draw("after")
        problems = self.problems
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        self.findings.value = (f"<p><b>{html.escape(verdict(problems, self.surgery.value))}</b></p>"
                               + (f"<ul>{items}</ul>" if items else ""))

    def set_after(self, setup: Mapping[str, Any]) -> list[str]:
        """Set every after control at once; returns the findings."""
        self._busy = True
        try:
            for parameter in PHOTO_PARAMETERS:
                value = setup[parameter]
                control = self.controls[parameter]
                control.value = int(value) if isinstance(control, w.IntSlider) else value
        finally:
            self._busy = False
        self.refresh()
        return self.problems

    def load(self, pair_id: str) -> list[str]:
        """Show one photo pair of the data set, with its synthetic raters' verdict; returns the findings."""
        row = table_row(self.pairs, pair_id, "photo pair", UnknownPair,
                        "BeforeAfterStudio(load_photo_pairs())")
        before, after = pair_setups(row)
        self.loaded = pair_id
        self.subject = Subject(str(row["skin"]))
        self.before_setup = before
        self._draw("before")
        self._busy = True
        self.surgery.value = bool(row["surgery"])
        self._busy = False
        self.picker.value = pair_id
        problems = self.set_after(after)
        self.ratings.value = (f"<p>Blinded synthetic raters of pair {html.escape(pair_id)}: "
                              f"{int(row['rated_improved'])} of {int(row['raters'])} judged the after photo "
                              f"improved (mean score {float(row['mean_score']):+.1f} on −2 to +2).</p>")
        return problems

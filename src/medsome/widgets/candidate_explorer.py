"""The "How many people could this be?" explorer: reveal details, watch the pool shrink."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from medsome import privacy
from medsome.privacy import candidate_count, generalise_age, generalise_place, identifies, shrinking_pool
from medsome.widgets.controls import checkbox, dropdown, record_picker
from medsome.widgets.layout import CourseWidget, live, panel, row

ORDER = ("sex", "age", "municipality", "occupation", "condition")


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n:,} people"


def _options(population: pd.DataFrame, column: str, skip: str) -> list[str]:
    return sorted(v for v in population[column].unique() if v != skip)


class CandidateExplorer(CourseWidget):
    """Tick what a post reveals; the explorer counts the people who match it."""

    def __init__(self, population: pd.DataFrame, posts: pd.DataFrame | None = None) -> None:
        self.population = population
        self.posts = posts
        self.loaded: str | None = None
        self.values = {
            "sex": dropdown("Sex:", ["female", "male"]),
            "age": w.IntSlider(value=40, min=0, max=99, description="Age:"),
            "municipality": dropdown("Municipality:", sorted(population["municipality"].unique())),
            "occupation": dropdown("Occupation:", _options(population, "occupation", "other")),
            "condition": dropdown("Condition:", _options(population, "condition", "none")),
        }
        self.revealed = {key: checkbox(f"Reveal {key}") for key in ORDER}
        self.age_width = dropdown("Age as:", [("exact age", 1), ("5-year band", 5), ("10-year band", 10),
                                              ("20-year band", 20)])
        self.place_level = w.ToggleButtons(options=["municipality", "district"], description="Place as:")
        self.result = live()
        controls = [row([self.revealed[key], self.values[key]]) for key in ORDER]
        header = [self._picker()] if posts is not None else []
        self.widget = panel([*header, *controls, self.age_width, self.place_level, self.result])
        for control in [*self.values.values(), *self.revealed.values(), self.age_width, self.place_level]:
            control.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    def _picker(self) -> w.Dropdown:
        """The dropdown that loads a case post by id."""
        self.picker = record_picker(self, "Load post:", "(choose a post)",
                                    [(p, p) for p in self.posts["post_id"]])
        return self.picker

    def details(self) -> dict[str, object]:
        """The revealed details, generalised as the controls say."""
        chosen: dict[str, object] = {k: self.values[k].value for k in ORDER if self.revealed[k].value}
        if "age" in chosen and self.age_width.value > 1:
            chosen["age"] = generalise_age(int(chosen["age"]), self.age_width.value)
        if "municipality" in chosen and self.place_level.value == "district":
            chosen["district"] = generalise_place(self.population, chosen.pop("municipality"))
        return chosen

    @property
    def count(self) -> int:
        return candidate_count(self.population, self.details())

    def load(self, post_id: str) -> None:
        """Set the controls to what one case post reveals."""
        post = self.posts.set_index("post_id").loc[post_id]
        self.loaded = post_id
        with self.widget.hold_trait_notifications():
            for key in ORDER:
                shown = pd.notna(post[key])
                self.revealed[key].value = bool(shown)
                if shown:
                    self.values[key].value = int(post[key]) if key == "age" else post[key]
            self.age_width.value, self.place_level.value = 1, "municipality"
        self.refresh()

    def load_post(self, post_id: str) -> None:
        """Former name of load, kept so notebooks from earlier in the term still run."""
        return self.load(post_id)

    def refresh(self) -> None:
        """Recount and redraw the result."""
        details = self.details()
        count = candidate_count(self.population, details)
        pool = shrinking_pool(self.population, details, [*ORDER, "district"])
        steps = "".join(f"<li>+ {html.escape(d)} = {html.escape(str(v))}: {_people(n)}</li>"
                        for d, v, n in pool.itertuples(index=False))
        verdict = (f"<p><b>Warning: fewer than {privacy.K_THRESHOLD} people.</b> A post revealing this "
                   "identifies its patient.</p>") if identifies(count) else ""
        matches = "person matches" if count == 1 else "people match"
        self.result.value = (f"<p><b>{count:,} {matches}</b> what is revealed.</p>{verdict}"
                             f"<ul>{steps}</ul>")

"""The "How many people could this be?" explorer: reveal details, watch the pool shrink."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from medsome.privacy import candidate_count, generalise_age, generalise_place, shrinking_pool
from medsome.widgets.layout import live, panel, row

ORDER = ("sex", "age", "municipality", "occupation", "condition")
K_THRESHOLD = 5


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n:,} people"


def _options(population: pd.DataFrame, column: str, skip: str) -> list[str]:
    return sorted(v for v in population[column].unique() if v != skip)


class CandidateExplorer:
    """Tick what a post reveals; the explorer counts the people who match it."""

    def __init__(self, population: pd.DataFrame, posts: pd.DataFrame | None = None) -> None:
        self.population = population
        self.posts = posts
        self.values = {
            "sex": w.Dropdown(options=["female", "male"], description="Sex:"),
            "age": w.IntSlider(value=40, min=0, max=99, description="Age:"),
            "municipality": w.Dropdown(options=sorted(population["municipality"].unique()),
                                       description="Municipality:"),
            "occupation": w.Dropdown(options=_options(population, "occupation", "other"),
                                     description="Occupation:"),
            "condition": w.Dropdown(options=_options(population, "condition", "none"),
                                    description="Condition:"),
        }
        self.revealed = {key: w.Checkbox(value=False, description=f"Reveal {key}", indent=False)
                         for key in ORDER}
        self.age_width = w.Dropdown(options=[("exact age", 1), ("5-year band", 5), ("10-year band", 10),
                                             ("20-year band", 20)], value=1, description="Age as:")
        self.place_level = w.ToggleButtons(options=["municipality", "district"], description="Place as:")
        self.result = live()
        controls = [row([self.revealed[key], self.values[key]]) for key in ORDER]
        header = [self._post_picker()] if posts is not None else []
        self.widget = panel([*header, *controls, self.age_width, self.place_level, self.result])
        for control in [*self.values.values(), *self.revealed.values(), self.age_width, self.place_level]:
            control.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    def _post_picker(self) -> w.Dropdown:
        picker = w.Dropdown(options=[("(choose a post)", ""), *((p, p) for p in self.posts["post_id"])],
                            description="Load post:")
        picker.observe(lambda change: change["new"] and self.load_post(change["new"]), names="value")
        return picker

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

    def load_post(self, post_id: str) -> None:
        """Set the controls to what one case post reveals."""
        post = self.posts.set_index("post_id").loc[post_id]
        with self.widget.hold_trait_notifications():
            for key in ORDER:
                shown = pd.notna(post[key])
                self.revealed[key].value = bool(shown)
                if shown:
                    self.values[key].value = int(post[key]) if key == "age" else post[key]
            self.age_width.value, self.place_level.value = 1, "municipality"
        self.refresh()

    def refresh(self) -> None:
        """Recount and redraw the result."""
        details = self.details()
        count = candidate_count(self.population, details)
        pool = shrinking_pool(self.population, details, [*ORDER, "district"])
        steps = "".join(f"<li>+ {html.escape(d)} = {html.escape(str(v))}: {_people(n)}</li>"
                        for d, v, n in pool.itertuples(index=False))
        verdict = (f"<p><b>Warning: fewer than {K_THRESHOLD} people.</b> A post revealing this "
                   "identifies its patient.</p>") if count < K_THRESHOLD else ""
        matches = "person matches" if count == 1 else "people match"
        self.result.value = (f"<p><b>{count:,} {matches}</b> what is revealed.</p>{verdict}"
                             f"<ul>{steps}</ul>")

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)

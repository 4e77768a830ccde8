"""One plotting style for the course: colour-blind-safe, labelled, readable."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
HATCHES = ("", "//", "..", "xx", "\\\\", "++")

STYLE: dict[str, object] = {
    "axes.prop_cycle": cycler(color=list(PALETTE.values())),
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
}


def use_course_style() -> None:
    """Apply the course style to every later plot in this session."""
    mpl.rcParams.update(STYLE)


@contextmanager
def course_style() -> Iterator[None]:
    """Apply the course style inside a `with` block only."""
    with mpl.rc_context(STYLE):
        yield


def plot_candidate_pool(pool: pd.DataFrame, title: str = "Candidates after each revealed detail",
                        threshold: int = 5) -> Axes:
    """Bar chart of a shrinking_pool() frame on a log axis, with the k threshold marked."""
    missing = {"detail", "value", "candidates"} - set(pool.columns)
    if missing:
        raise ValueError(
            f"pool is missing column(s) {sorted(missing)}: pass the result of shrinking_pool()"
        )
    labels = [f"+ {d} = {v}" for d, v in zip(pool["detail"], pool["value"], strict=True)]
    with course_style():
        fig, ax = plt.subplots(figsize=(7, 0.5 * len(pool) + 1.5))
        bars = ax.barh(labels, pool["candidates"].clip(lower=0.8), color=PALETTE["blue"])
        ax.bar_label(bars, labels=[f"{n:,}" for n in pool["candidates"]], padding=3)
        ax.axvline(threshold, color=PALETTE["vermilion"], linestyle="--",
                   label=f"k = {threshold}: fewer people to the left identify the patient")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.45 - 0.04 * len(pool)), frameon=False)
        ax.set_xscale("log")
        ax.invert_yaxis()
        ax.set_xlabel("People who match (log scale)")
        ax.set_title(title)
        fig.tight_layout()
    return ax

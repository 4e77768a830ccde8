"""One plotting style for the course: colour-blind-safe, labelled, readable."""

from __future__ import annotations

import base64
import functools
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from medsome import privacy
from medsome.figures import figure_html

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


class DrawOnce:
    """A figure's HTML form (the image with its alt text) and its PNG form, from one drawing.

    IPython asks for every form of a figure it shows, the HTML before the PNG, and matplotlib's
    inline backend draws the PNG. The HTML form draws with the backend's own printer and keeps the
    image for the PNG form that follows, so a chart is drawn once, not twice.
    """

    def __init__(self, printer: Callable[[Figure], str | None]) -> None:
        self.printer = printer  # figure -> base64 PNG, or None for an empty figure
        self.kept: tuple[weakref.ref[Figure], str] | None = None

    def html(self, figure: Figure) -> str:
        """IPython's text/html form: the drawn image with the figure's description as alt text."""
        png = self.printer(figure)
        if png is None:  # an empty figure: the backend shows no image, the HTML form still does
            return figure_html(figure)
        self.kept = (weakref.ref(figure), png)
        return figure_html(figure, base64.b64decode(png))

    def png(self, figure: Figure) -> str | None:
        """IPython's image/png form: the image the HTML form just drew, or a new drawing."""
        kept, self.kept = self.kept, None
        if kept is not None and kept[0]() is figure:
            return kept[1]
        return self.printer(figure)


def _plain_png_printer(printer: object) -> bool:
    """Whether the backend's PNG printer is its plain one (not retina, which also sends a size)."""
    keywords = getattr(printer, "keywords", {}) if isinstance(printer, functools.partial) else {}
    return keywords.get("fmt") == "png" and keywords.get("base64") is True


def _show_figures_with_descriptions() -> None:
    """In a notebook: draw figures inline at the end of every cell, as images with alt text.

    Without `%matplotlib inline`, pyplot only finds its inline backend lazily and a second run of
    the same cell shows no figure; and a plain PNG output has no alt text.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    shell.enable_matplotlib("inline")
    formatters = shell.display_formatter.formatters
    printer = formatters["image/png"].type_printers.get(Figure)
    drawing = getattr(printer, "__self__", None)
    if not isinstance(drawing, DrawOnce):
        if not _plain_png_printer(printer):  # the learner chose another format: leave it be
            formatters["text/html"].for_type(Figure, figure_html)
            return
        drawing = DrawOnce(printer)
        formatters["image/png"].for_type(Figure, drawing.png)
    formatters["text/html"].for_type(Figure, drawing.html)


def use_course_style() -> None:
    """Apply the course style to every later plot in this session."""
    _show_figures_with_descriptions()
    mpl.rcParams.update(STYLE)


@contextmanager
def course_style() -> Iterator[None]:
    """Apply the course style inside a `with` block only."""
    _show_figures_with_descriptions()
    with mpl.rc_context(STYLE):
        yield


def _threshold(threshold: int | None) -> int:
    """The k a chart marks: the one given, or the course's privacy.K_THRESHOLD."""
    return privacy.K_THRESHOLD if threshold is None else threshold


def plot_candidate_pool(pool: pd.DataFrame, title: str = "Candidates after each revealed detail",
                        threshold: int | None = None) -> Axes:
    """Bar chart of a shrinking_pool() frame on a log axis, with the k threshold marked."""
    threshold = _threshold(threshold)
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
        fig.set_label(describe_candidate_pool(pool, title, threshold))
        fig.tight_layout()
    return ax


def describe_candidate_pool(pool: pd.DataFrame, title: str, threshold: int | None = None) -> str:
    """plot_candidate_pool's chart in words: each revealed detail and how many people still match."""
    threshold = _threshold(threshold)
    steps = "; ".join(f"+ {d} = {v}: {n:,}" for d, v, n in
                      zip(pool["detail"], pool["value"], pool["candidates"], strict=True))
    below = [f"{d} = {v}" for d, v, n in zip(pool["detail"], pool["value"], pool["candidates"], strict=True)
             if n < threshold]
    verdict = (f"Below k = {threshold} from {below[0]} on." if below
               else f"The count never falls below k = {threshold}.")
    return f"{title}. Bar chart of the people who match after each revealed detail: {steps}. {verdict}"

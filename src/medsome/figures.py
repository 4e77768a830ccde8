"""Images with words: every picture the course shows carries a text description (alt text)."""

from __future__ import annotations

import base64
import html
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a widget showing a photo never needs matplotlib
    from matplotlib.figure import Figure

MIME = {"png": "image/png", "jpeg": "image/jpeg"}


def image_html(data: bytes, fmt: str, description: str, width: str = "100%") -> str:
    """An <img> holding `data` inline, its description as alt text, scaled to fit its box."""
    if fmt not in MIME:
        raise ValueError(f"image format {fmt!r} is not one of {', '.join(MIME)}")
    if not description.strip():
        raise ValueError("every image needs a description of what it shows (its alt text)")
    source = f"data:{MIME[fmt]};base64,{base64.b64encode(data).decode('ascii')}"
    return (f'<img src="{source}" alt="{html.escape(description, quote=True)}" '
            f'style="width: {width}; max-width: 100%; height: auto">')


def describe_figure(figure: Figure) -> str:
    """The figure's own description (its label), else its titles, axis labels and legend in words."""
    if figure.get_label():
        return figure.get_label()
    parts = []
    for ax in figure.axes:
        words = [f"Chart: {ax.get_title()}" if ax.get_title() else "Chart"]
        if ax.get_xlabel():
            words.append(f"horizontal axis: {ax.get_xlabel()}")
        if ax.get_ylabel():
            words.append(f"vertical axis: {ax.get_ylabel()}")
        legend = ax.get_legend()
        if legend is not None:
            entries = ", ".join(text.get_text() for text in legend.get_texts())
            title = legend.get_title().get_text() or "legend"
            words.append(f"{title}: {entries}")
        parts.append("; ".join(words) + ".")
    return " ".join(parts) or "An empty figure."


def figure_html(figure: Figure, png: bytes | None = None) -> str:
    """The figure as an <img> with its description as alt text (IPython's HTML form of a figure).

    `png` is the figure already drawn, when the caller has it; otherwise it is drawn here.
    """
    if png is None:
        drawn = BytesIO()
        figure.savefig(drawn, format="png", bbox_inches="tight")
        png = drawn.getvalue()
    return image_html(png, "png", describe_figure(figure), width="auto")

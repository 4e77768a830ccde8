"""Widgets without a kernel: a static HTML picture of a widget's initial state, and how to use it live.

The site's build runs each lesson in a real kernel; `install` makes every displayed widget publish,
instead of a widget view that needs a live kernel, the HTML of what it shows when it first appears,
the controls a learner can change, and how to open the lesson in JupyterLab.
"""

from __future__ import annotations

import base64
import html

import ipywidgets as w

from medsome.site.formcontrols import form_control, label_of

IMAGE_ALT = "The picture the widget shows; its description is in the text next to it."


def controls(widget: w.Widget) -> list[str]:
    """The labels of the controls a learner can change, in display order."""
    if isinstance(widget, w.Box):
        return [label for child in widget.children for label in controls(child)]
    if isinstance(widget, w.Button | w.ValueWidget) and not isinstance(widget, w.HTML | w.HTMLMath | w.Label):
        label = label_of(widget)
        return [label] if label else []
    return []


def render(widget: w.Widget) -> str:
    """Static HTML of what `widget` shows now: text and pictures as they are, controls disabled."""
    if isinstance(widget, w.HTML | w.HTMLMath):
        return widget.value
    if isinstance(widget, w.Label):
        return f"<p>{html.escape(widget.value)}</p>"
    if isinstance(widget, w.Box):
        titles = getattr(widget, "titles", ()) or ()
        parts = []
        for index, child in enumerate(widget.children):
            title = titles[index] if index < len(titles) and titles[index] else ""
            parts.append((f"<p><b>{html.escape(title)}</b></p>" if title else "") + render(child))
        kind = "medsome-row" if isinstance(widget, w.HBox) else "medsome-column"
        return f'<div class="{kind}">{"".join(parts)}</div>'
    if isinstance(widget, w.Image):
        data = base64.b64encode(widget.value).decode("ascii")
        return (f'<img src="data:image/{widget.format};base64,{data}" alt="{html.escape(IMAGE_ALT)}" '
                'style="max-width:100%">')
    return form_control(widget)


def note(widget: w.Widget, lesson: str) -> str:
    """The sentence under a snapshot: what the learner can change, and where to do it."""
    names = list(dict.fromkeys(controls(widget)))
    can = (f"you can change {', '.join(html.escape(n) for n in names)} and the widget updates as you do"
           if names else "the widget responds as you work through it")
    return ("<p class=\"medsome-widget-note\"><b>Interactive in JupyterLab.</b> Above is the widget as it "
            f"first appears. In JupyterLab {can}: open <code>{html.escape(lesson)}</code> with "
            "<code>medsome start</code> (your copy is under <code>lessons/</code> in your workspace).</p>")


def snapshot(widget: w.Widget, lesson: str) -> str:
    """The widget's initial state and the note on using it live, as one HTML block."""
    caption = "Widget as it first appears (a picture: it responds in JupyterLab)"
    return (f'<div class="medsome-widget-snapshot" tabindex="0" role="region" aria-label="Widget as it first '
            f'appears"><p class="medsome-widget-caption">{caption}</p><div class="medsome-widget-face">'
            f"{render(widget)}</div>{note(widget, lesson)}</div>")


def install(lesson: str) -> None:
    """In this kernel, publish every displayed widget as its static snapshot (no widget view)."""
    def bundle(self: w.Widget, **_: object) -> dict[str, str]:
        return {"text/plain": f"{type(self).__name__} widget", "text/html": snapshot(self, lesson)}

    w.Widget._repr_mimebundle_ = bundle

"""One layout for every course widget: label and control widths, spacing, wrapping, live results.

Every widget puts its controls in `panel(...)` and sets no widths of its own, whose first
child is the course's widget stylesheet (scoped to `.medsome-widget`): labels take one width and
wrap instead of being cut off, a control moves under its label on a narrow screen, buttons grow
with their text, and HTML inside a widget is spaced like the notebook's prose.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

ROOT_CLASS = "medsome-widget"
LIVE_CLASS = "medsome-live"  # the learner's lab extension makes it a polite ARIA live region
LABEL_WIDTH = "13em"
CONTROL_WIDTH = "26em"  # the widest a dropdown, slider or text field grows
FULL = "calc(100% - 2 * var(--jp-widgets-margin))"  # the full width, less ipywidgets' own margins
STYLESHEET = f"""<style>
.{ROOT_CLASS} {{ max-width: 60em; gap: 6px; }}
.{ROOT_CLASS} .widget-inline-hbox {{ flex-wrap: wrap; align-items: center; width: auto; max-width: {FULL};
  height: auto; column-gap: 8px; }}
.{ROOT_CLASS} .widget-inline-hbox > .widget-label {{ width: {LABEL_WIDTH}; max-width: 100%;
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.3;
  text-align: left; margin: 0; }}
.{ROOT_CLASS} .widget-text > input, .{ROOT_CLASS} .widget-textarea > textarea,
.{ROOT_CLASS} .widget-hslider > .slider-container {{ flex: 1 1 14em; min-width: 10em;
  max-width: {CONTROL_WIDTH}; }}
.{ROOT_CLASS} .widget-dropdown > select {{ flex: 0 1 auto; width: auto; min-width: 10em; max-width: 100%; }}
.{ROOT_CLASS} .widget-textarea {{ width: 100%; }}
.{ROOT_CLASS} .widget-textarea > textarea {{ flex: 1 1 20em; max-width: 100%; }}
.{ROOT_CLASS} .widget-hslider > .slider-container {{ margin-right: 8px; }}
.{ROOT_CLASS} .widget-checkbox {{ width: auto; height: auto; }}
.{ROOT_CLASS} label, .{ROOT_CLASS} .widget-label-basic {{ white-space: normal; overflow: visible;
  text-overflow: clip; height: auto; line-height: 1.3; }}
.{ROOT_CLASS} .widget-radio {{ width: 100%; max-width: 48em; }}
.{ROOT_CLASS} .widget-radio-box {{ height: auto; flex: 1 1 16em; min-width: 0; }}
.{ROOT_CLASS} .widget-radio-box label {{ display: flex; flex-direction: row; justify-content: flex-start;
  align-items: flex-start; gap: 6px; margin: 3px 0; }}
.{ROOT_CLASS} .widget-radio-box input {{ flex: none; order: -1; margin: 3px 0 0 0; }}
.{ROOT_CLASS} .widget-button, .{ROOT_CLASS} .widget-toggle-button {{ width: auto; max-width: 100%;
  height: auto; min-height: var(--jp-widgets-inline-height); white-space: normal; padding: 2px 12px;
  align-self: flex-start; }}
.{ROOT_CLASS} .widget-html, .{ROOT_CLASS} .widget-html > .widget-html-content {{ height: auto;
  line-height: 1.45; white-space: normal; max-width: 100%; overflow-wrap: anywhere; }}
.{ROOT_CLASS} .widget-html-content p, .{ROOT_CLASS} .widget-html-content ul,
.{ROOT_CLASS} .widget-html-content ol, .{ROOT_CLASS} .widget-html-content blockquote {{ margin: 0.3em 0; }}
.{ROOT_CLASS} .widget-html-content table {{ border-collapse: collapse; max-width: 100%; }}
.{ROOT_CLASS} .widget-html-content td, .{ROOT_CLASS} .widget-html-content th {{ padding: 2px 8px;
  text-align: left; vertical-align: top; hyphens: auto; }}
.{ROOT_CLASS} .widget-hbox {{ flex-wrap: wrap; gap: 8px; }}
.{ROOT_CLASS} .widget-hbox > .widget-inline-hbox {{ flex: 0 0 auto; max-width: {FULL}; }}
.{ROOT_CLASS} .widget-hbox > .widget-html {{ flex: 1 1 16em; min-width: 0; }}
.{ROOT_CLASS} .widget-hbox > .widget-checkbox {{ min-width: 12em; }}
.{ROOT_CLASS} img {{ max-width: 100%; height: auto; }}
@media (min-width: 700px) {{ .{ROOT_CLASS} .widget-hslider {{ flex-wrap: nowrap; }} }}
</style>"""


def panel(children: Sequence[w.Widget]) -> w.VBox:
    """The widget's outer box: the course stylesheet first, then `children`."""
    box = w.VBox([w.HTML(STYLESHEET), *children], layout=w.Layout(width="100%"))
    box.add_class(ROOT_CLASS)
    return box


def row(children: Sequence[w.Widget]) -> w.HBox:
    """Controls side by side that wrap onto the next line when the screen is narrow."""
    return w.HBox(list(children), layout=w.Layout(width="100%"))


def live() -> w.HTML:
    """An HTML widget whose changes a screen reader announces (results that follow an action)."""
    widget = w.HTML()
    widget.add_class(LIVE_CLASS)
    return widget

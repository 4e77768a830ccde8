"""An ipywidgets control drawn as the HTML form control it looks like, disabled, with its label.

A web page has no kernel, so the controls cannot act; drawn as disabled form controls they still
show what the learner will see (a ticked box, the chosen option, the slider's position) and a
screen reader reads each by its label and state.
"""

from __future__ import annotations

import html
import itertools

import ipywidgets as w

_ids = itertools.count(1)


def label_of(widget: w.Widget) -> str:
    """The words a control shows beside it: its description, else its tooltip."""
    return (getattr(widget, "description", "") or getattr(widget, "tooltip", "") or "").rstrip(":")


def _field(label: str, control: str, shown: str = "") -> str:
    """A labelled row: the label, the control and, if given, the value it shows beside it."""
    value = f'<span class="medsome-value">{html.escape(shown)}</span>' if shown else ""
    words = f'<span class="medsome-label">{html.escape(label)}</span>' if label else ""
    return f'<label class="medsome-field">{words}{control}{value}</label>'


def _options(widget: w.widget_selection._Selection) -> list[tuple[str, bool]]:
    """Each option's words, and whether it is the chosen one."""
    chosen = set(widget.label if isinstance(widget.label, tuple) else (widget.label,))
    return [(str(words), words in chosen) for words in widget._options_labels]


def _choice(widget: w.widget_selection._Selection, label: str) -> str:
    """Radio buttons and toggle buttons as a group of radios; other selections as a select box."""
    options = _options(widget)
    if isinstance(widget, w.RadioButtons | w.ToggleButtons):
        name = f"medsome-choice-{next(_ids)}"
        radios = "".join(f'<label class="medsome-radio"><input type="radio" name="{name}" disabled'
                         f'{" checked" if chosen else ""}> {html.escape(words)}</label>'
                         for words, chosen in options)
        legend = f"<legend>{html.escape(label)}</legend>" if label else ""
        return f'<fieldset class="medsome-group">{legend}{radios}</fieldset>'
    if isinstance(widget, w.SelectionSlider):
        index = next((i for i, (_, chosen) in enumerate(options) if chosen), 0)
        shown = options[index][0] if options else ""
        return _field(label, f'<input type="range" min="0" max="{max(len(options) - 1, 0)}" '
                             f'value="{index}" aria-valuetext="{html.escape(shown)}" disabled>', shown)
    multiple = " multiple" if isinstance(widget, w.widget_selection._MultipleSelection) else ""
    items = "".join(f'<option{" selected" if chosen else ""}>{html.escape(words)}</option>'
                    for words, chosen in options)
    return _field(label, f"<select{multiple} disabled>{items}</select>")


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def form_control(widget: w.Widget) -> str:
    """The control as a disabled HTML form control with its label; "" for a widget that is no control."""
    label = label_of(widget)
    if isinstance(widget, w.Button):
        return f'<button type="button" class="medsome-button" disabled>{html.escape(label)}</button>'
    if isinstance(widget, w.Checkbox):
        checked = " checked" if widget.value else ""
        return (f'<label class="medsome-check"><input type="checkbox" disabled{checked}> '
                f"{html.escape(label)}</label>")
    if isinstance(widget, w.ToggleButton):
        return (f'<button type="button" class="medsome-button" aria-pressed="{str(widget.value).lower()}" '
                f"disabled>{html.escape(label)}</button>")
    if isinstance(widget, w.widget_selection._Selection | w.widget_selection._MultipleSelection):
        return _choice(widget, label)
    if isinstance(widget, w.IntSlider | w.FloatSlider):
        value = _number(widget.value)
        return _field(label, f'<input type="range" min="{_number(widget.min)}" max="{_number(widget.max)}" '
                             f'step="{_number(widget.step)}" value="{value}" disabled>', value)
    if isinstance(widget, w.Textarea):
        text = html.escape(widget.value)
        return _field(label, f'<textarea rows="{widget.rows or 3}" disabled>{text}</textarea>')
    if isinstance(widget, w.Text):
        hint = widget.placeholder.strip("\u200b ")  # ipywidgets' empty placeholder is a zero-width space
        placeholder = f' placeholder="{html.escape(hint)}"' if hint else ""
        return _field(label, f'<input type="text" value="{html.escape(widget.value)}"{placeholder} disabled>')
    if isinstance(widget, w.ValueWidget) and isinstance(widget.value, int | float):
        return _field(label, f'<input type="number" value="{_number(widget.value)}" disabled>')
    if isinstance(widget, w.ValueWidget):
        return _field(label, f'<input type="text" value="{html.escape(str(widget.value))}" disabled>')
    return ""

"""The controls every course widget builds alike: labelled dropdowns, checkboxes, headings, records.

A control's description is its label on screen and its accessible name (the browser tests find
controls by it), so every helper asks for one; a dropdown always shows a choice, never a blank box.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Protocol

import ipywidgets as w
import pandas as pd

from medsome.errors import MedsomeError, UnknownName

Option = str | tuple[str, object]  # a dropdown option: words shown, or (words shown, value held)


class Labelled(Protocol):
    """An enum member with words for the learner (`label`) and a plain `value`."""

    @property
    def label(self) -> str: ...

    @property
    def value(self) -> str: ...


class Loads(Protocol):
    """A widget that shows one record of its table: `load(record_id)` shows it, `loaded` names it."""

    loaded: str | None

    def load(self, record_id: str) -> object: ...


def dropdown(description: str, options: Sequence[Option], value: object = None) -> w.Dropdown:
    """A dropdown labelled `description` showing `value`, or its first option: never a blank box."""
    if not description.strip():
        raise ValueError("a dropdown needs a description: it is the label a screen reader reads")
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    if not values or None in values:
        raise ValueError(f"dropdown {description!r} needs options, none of them None (shown as a blank)")
    return w.Dropdown(options=list(options), value=values[0] if value is None else value,
                      description=description)


def choices(members: Iterable[Labelled]) -> list[tuple[str, str]]:
    """Dropdown options for enum members: each reads as its label and holds its value."""
    return [(member.label, member.value) for member in members]


def checkbox(description: str, value: bool = False) -> w.Checkbox:
    """A checkbox whose description runs the full width beside the box, not indented to the label column."""
    return w.Checkbox(value=value, description=description, indent=False)


def heading(text: str, note: str = "") -> w.HTML:
    """A bold line introducing the controls under it, with an optional plain `note` after it."""
    return w.HTML(f"<p><b>{html.escape(text)}</b>{html.escape(note)}</p>")


def record_picker(owner: Loads, description: str, placeholder: str,
                  records: Sequence[tuple[str, str]]) -> w.Dropdown:
    """A dropdown of (words, record id) after `placeholder` (value ""); choosing a record loads it."""
    picker = dropdown(description, [(placeholder, ""), *records])
    picker.observe(lambda change: change["new"] and change["new"] != owner.loaded
                   and owner.load(change["new"]), names="value")
    return picker


def table_row(table: pd.DataFrame | None, record_id: str, what: str, unknown: type[UnknownName],
              create: str) -> pd.Series:
    """The row of `table` for `record_id`, or an error that says what to do.

    `what` names a record ("draft"), `unknown` is the widget's error for an id the table lacks,
    and `create` shows how to make the widget with its table ("PrePostChecklist(...)").
    """
    if table is None:
        raise MedsomeError(f"this widget has no {what}s: create it with {create}")
    if record_id not in table.index:
        first, last = table.index[0], table.index[-1]
        raise unknown(f"no {what} {record_id!r}; the ids run from {first} to {last}")
    return table.loc[record_id]

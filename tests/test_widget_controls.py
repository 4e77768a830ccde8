"""The shared controls of medsome.widgets.controls: labelled, never blank, loading a record once."""

from __future__ import annotations

import pandas as pd
import pytest

from medsome.consent import Capacity
from medsome.errors import MedsomeError, UnknownName
from medsome.widgets.controls import checkbox, choices, dropdown, heading, record_picker, table_row


class Owner:
    """A stand-in widget that records what it is asked to load, and shows it in its picker."""

    def __init__(self) -> None:
        self.loaded: str | None = None
        self.calls: list[str] = []
        self.picker = record_picker(self, "Load thing:", "(choose a thing)", [("one · first", "T1"),
                                                                             ("two · second", "T2")])

    def load(self, record_id: str) -> None:
        self.calls.append(record_id)
        self.loaded = record_id
        self.picker.value = record_id


def test_a_dropdown_shows_its_first_option_or_the_value_given() -> None:
    assert dropdown("Colour:", ["red", "blue"]).value == "red"
    assert dropdown("Colour:", [("Red", 1), ("Blue", 2)], 2).label == "Blue"


@pytest.mark.parametrize(("description", "options", "words"), [
    ("", ["red"], "needs a description"),
    ("Colour:", [], "needs options"),
    ("Colour:", [("none", None), ("red", "red")], "None"),
])
def test_a_dropdown_refuses_to_be_unlabelled_or_blank(description: str, options: list, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        dropdown(description, options)


def test_choices_read_as_labels_and_hold_values() -> None:
    assert choices(Capacity) == [(member.label, member.value) for member in Capacity]


def test_a_checkbox_is_unticked_and_not_indented() -> None:
    box = checkbox("Reveal age")
    assert (box.value, box.indent, box.description) == (False, False, "Reveal age")


def test_a_heading_is_bold_and_escaped() -> None:
    assert heading("A & B", " (1 = no)").value == "<p><b>A &amp; B</b> (1 = no)</p>"


def test_a_record_picker_loads_what_is_chosen_once() -> None:
    owner = Owner()
    assert owner.picker.value == "" and owner.picker.label == "(choose a thing)"
    owner.picker.value = "T2"
    owner.load("T1")  # from Python: the picker follows without loading again
    owner.picker.value = ""
    assert owner.calls == ["T2", "T1"] and owner.picker.description == "Load thing:"


def test_a_table_row_is_found_or_the_error_says_what_to_do() -> None:
    table = pd.DataFrame({"text": ["a", "b"]}, index=["T1", "T2"])
    assert table_row(table, "T2", "thing", UnknownName, "Owner(table)")["text"] == "b"
    with pytest.raises(UnknownName, match=r"^no thing 'T9'; the ids run from T1 to T2$"):
        table_row(table, "T9", "thing", UnknownName, "Owner(table)")
    with pytest.raises(MedsomeError, match=r"has no things: create it with Owner\(table\)"):
        table_row(None, "T1", "thing", UnknownName, "Owner(table)")

"""The draft analyser widget and the checklist's fill-from-text control, driven from Python."""

from __future__ import annotations

import pytest

from medsome.data import load_draft_posts, load_population
from medsome.widgets.draft_analyser import PROMPT, DraftAnalyserWidget
from medsome.widgets.prepost_checklist import PrePostChecklist

POPULATION = load_population()


def test_pasting_a_draft_highlights_each_kind_in_words() -> None:
    widget = DraftAnalyserWidget(POPULATION)
    assert widget.draft.value == PROMPT and widget.result is None
    widget.text.value = "A 34-year-old woman from Lumivaara came in at 2 am."
    assert widget.result is not None and len(widget.result.findings) == 4
    for label in ("[1: age]", "[2: sex or gender]", "[3: place]", "[4: date or time]"):
        assert label in widget.draft.value
    assert "<mark" in widget.draft.value
    assert "pattern <code>age.number_year_old</code>" in widget.findings.value
    assert "Suggested rewrite" in widget.summary.value and "Warning" not in widget.summary.value
    widget.text.value = "A 34-year-old woman from Lumivaara, a ferry captain, came in."
    assert "Warning" in widget.summary.value and "below k = 5" in widget.summary.value


def test_picking_a_draft_fills_the_box_and_clearing_resets() -> None:
    widget = DraftAnalyserWidget(POPULATION, {"tutorial": "Sutures on a silicone pad, 3-0 nylon."})
    widget.picker.value = "tutorial"
    assert widget.text.value.startswith("Sutures") and "Nothing identifying found" in widget.findings.value
    widget.text.value = ""
    assert widget.draft.value == PROMPT and widget.result is None


def test_widget_needs_the_population() -> None:
    with pytest.raises(TypeError, match="population"):
        DraftAnalyserWidget("population")  # type: ignore[arg-type]


def test_checklist_fills_identification_from_the_text() -> None:
    drafts = load_draft_posts()
    checklist = PrePostChecklist(POPULATION, drafts)
    checklist.load(drafts.loc[drafts["patient_material"], "draft_id"].iloc[0])  # consent facts that fit
    checklist.text.value = ("A 34-year-old woman from Lumivaara, a ferry captain, came in at 2 am on "
                            "Midsummer Eve.")
    result = checklist.fill_from_text()
    controls = checklist.controls
    assert checklist.patient.value and checklist.reveal_age.value and controls["age"].value == 34
    assert controls["sex"].value == "female" and controls["municipality"].value == "Lumivaara"
    assert controls["occupation"].value == "ferry captain" and controls["time_of_day"].value == "at 2 am"
    assert controls["date"].value == "Midsummer Eve"
    assert result is not None and "small_candidate_pool" in result.codes
    controls["occupation"].value = None  # ticking by hand still works
    assert "occupation" not in checklist.draft.revealed


def test_checklist_fill_without_text_says_so() -> None:
    checklist = PrePostChecklist(POPULATION)
    assert checklist.fill_from_text() is None and "no text" in checklist.result.value

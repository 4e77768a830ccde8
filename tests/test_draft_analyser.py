"""The draft analyser widget and the checklist's fill-from-text control, driven from Python."""

from __future__ import annotations

import time

import pytest

from medsome.data import load_draft_posts, load_population
from medsome.datasets.labelled_drafts import read_corpus
from medsome.disclosure import default_analyser
from medsome.paths import datasets_dir
from medsome.widgets.draft_analyser import PROMPT, WAITING, DraftAnalyserWidget
from medsome.widgets.prepost_checklist import PrePostChecklist

pytestmark = pytest.mark.integration  # the draft analyser runs spaCy

POPULATION = load_population()


def test_pasting_a_draft_highlights_each_kind_in_words() -> None:
    widget = DraftAnalyserWidget(POPULATION, delay=0)
    assert widget.draft.value == PROMPT and widget.result is None
    widget.text.value = "A 34-year-old woman from Lumivaara came in at 2 am."
    assert widget.result is not None and len(widget.result.findings) == 4
    for label in ("[1: age]", "[2: sex or gender]", "[3: place]", "[4: date or time]"):
        assert label in widget.draft.value
    assert "<mark" in widget.draft.value
    assert "age.number_year_old" not in widget.findings.value and "<code>" not in widget.findings.value
    assert "Counted because the sentence" in widget.findings.value
    assert "4 identifying details" in widget.status.value
    assert "Suggested rewrite" in widget.summary.value and "Warning" not in widget.summary.value
    widget.text.value = "A 34-year-old woman from Lumivaara, a ferry captain, came in."
    assert "Warning" in widget.summary.value and "below k = 5" in widget.summary.value


def test_picking_a_draft_fills_the_box_and_clearing_resets() -> None:
    widget = DraftAnalyserWidget(POPULATION, {"tutorial": "Sutures on a silicone pad, 3-0 nylon."}, delay=0)
    widget.picker.value = "tutorial"
    assert widget.text.value.startswith("Sutures") and "Nothing identifying found" in widget.findings.value
    widget.text.value = ""
    assert widget.draft.value == PROMPT and widget.result is None


def test_widget_needs_the_population_and_a_sensible_delay() -> None:
    with pytest.raises(TypeError, match="population"):
        DraftAnalyserWidget("population")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="delay"):
        DraftAnalyserWidget(POPULATION, delay=-1)


def test_typing_is_analysed_once_it_pauses_and_the_button_analyses_at_once() -> None:
    widget = DraftAnalyserWidget(POPULATION, delay=2.0)  # long enough to assert the wait on a busy machine
    assert widget.text.continuous_update
    widget.text.value = "A 34-year-old"
    widget.text.value = "A 34-year-old woman from Lumivaara."
    assert widget.status.value == WAITING and widget.result is None
    deadline = time.monotonic() + 120
    while widget.result is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert widget.result is not None and widget.result.text == "A 34-year-old woman from Lumivaara."
    widget.delay = 60
    widget.text.value = "A man came in at 2 am."
    assert widget.status.value == WAITING
    widget.button.click()
    assert widget.result.text == "A man came in at 2 am." and "Analysed" in widget.status.value
    assert not widget.button.disabled


def test_no_pattern_name_reaches_the_learner() -> None:
    rules = list(default_analyser().rules)
    widget = DraftAnalyserWidget(POPULATION, delay=0)
    drafts = read_corpus(datasets_dir() / "disclosure" / "dev_drafts.jsonl")["text"].head(40)
    for text in drafts:
        widget.text.value = text
        shown = widget.draft.value + widget.findings.value + widget.summary.value + widget.status.value
        assert not [rule for rule in rules if rule in shown], text


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
    assert "From the text:" in checklist.result.value and "(age)" in checklist.result.value
    controls["occupation"].value = None  # ticking by hand still works
    assert "occupation" not in checklist.draft.revealed


def test_checklist_fill_without_text_says_so() -> None:
    checklist = PrePostChecklist(POPULATION)
    assert checklist.fill_from_text() is None and "no text" in checklist.result.value

"""The consent navigator, driven from Python: answers in, the rules' decision and reasons out."""

from __future__ import annotations

import html

import pytest

from medsome.consent import Outcome, decide
from medsome.data import load_vignettes
from medsome.errors import MedsomeError
from medsome.widgets.consent_navigator import QUESTIONS, ConsentNavigator, UnknownVignette

VIGNETTES = load_vignettes()


@pytest.fixture
def navigator() -> ConsentNavigator:
    return ConsentNavigator(VIGNETTES)


def test_every_control_is_labelled_and_it_displays_itself(navigator: ConsentNavigator) -> None:
    controls = [*navigator.controls.values(), navigator.picker, navigator.show_all, navigator.back,
                navigator.next]
    assert all(control.description for control in controls)
    assert "application/vnd.jupyter.widget-view+json" in navigator._repr_mimebundle_()
    asked = {name for _, names in QUESTIONS for name in names}
    assert asked == set(navigator.controls)


def test_starts_with_one_question_and_a_decision_in_words(navigator: ConsentNavigator) -> None:
    assert len(navigator.questions.children) == 1
    assert "How old is the patient?" in navigator.questions.children[0].children[0].value
    assert "Question 1 of 7" in navigator.progress.value
    assert navigator.back.disabled and not navigator.next.disabled
    assert f"Decision: {navigator.decision.decision.label}." in navigator.result.value


def test_steps_through_the_questions_that_apply(navigator: ConsentNavigator) -> None:
    seen = []
    for _ in range(10):
        seen.append(navigator.questions.children[0].children[0].value)
        navigator.next_question()
    assert len(set(seen)) == 7 and not any("child object" in text for text in seen)
    assert navigator.next.disabled and "Question 7 of 7." in navigator.progress.value
    navigator.previous_question()
    assert "Question 6 of 7" in navigator.progress.value
    navigator.controls["age"].value = 9
    assert "of 8" in navigator.progress.value


def test_show_all_lists_every_question_that_applies(navigator: ConsentNavigator) -> None:
    navigator.show_all.value = True
    assert len(navigator.questions.children) == 7
    assert navigator.back.disabled and navigator.next.disabled
    navigator.controls["age"].value = 12
    assert len(navigator.questions.children) == 8


def test_answers_change_the_decision_and_the_reasons(navigator: ConsentNavigator) -> None:
    c = navigator.controls
    c["consent"].value = "written_social_media"
    c["use"].value = "public_social_media"
    assert navigator.decision.decision is Outcome.POST
    c["asked_day_of_surgery"].value = True
    assert navigator.decision.rule == "power_differential"
    assert "Decision: Obtain further consent." in navigator.result.value
    assert html.escape("Bennett & Vercler") in navigator.result.value
    assert "(the course's own teaching rule, not a guideline's words)" in navigator.result.value
    c["withdrawal_requested"].value = True
    assert "Decision: Do not post." in navigator.result.value


def test_each_reason_is_listed_with_its_clause(navigator: ConsentNavigator) -> None:
    decision = navigator.load("V006")
    for reason in decision.reasons:
        assert html.escape(reason.finding) in navigator.result.value
        assert html.escape(reason.clause) in navigator.result.value
    assert navigator.result.value.count("<li>") == len(decision.reasons)


def test_loading_any_vignette_reproduces_the_experts(navigator: ConsentNavigator) -> None:
    for _, row in VIGNETTES.iterrows():
        decision = navigator.load(row["vignette_id"])
        assert (decision.decision.value, decision.rule) == (row["decision"], row["rule"]), row["vignette_id"]
        assert f"recorded for {row['vignette_id']}" in navigator.result.value
        assert html.escape(row["text"]) in navigator.case_text.value
        assert navigator.picker.value == row["vignette_id"]


def test_the_picker_loads_a_vignette(navigator: ConsentNavigator) -> None:
    navigator.picker.value = "V001"
    assert navigator.loaded == "V001" and navigator.decision.rule == "power_differential"
    assert "hard case: day of surgery" in navigator.case_text.value


def test_changing_a_loaded_vignette_says_so(navigator: ConsentNavigator) -> None:
    navigator.load("V001")
    navigator.controls["asked_day_of_surgery"].value = False
    assert navigator.decision == decide(navigator.case) and navigator.decision.decision is Outcome.POST
    assert "You have changed the facts of V001" in navigator.result.value


def test_answers_stay_consistent(navigator: ConsentNavigator) -> None:
    c = navigator.controls
    c["consent"].value = "none"
    assert c["consent_by"].value == "nobody" and c["consent_by"].disabled
    assert c["asked_day_of_surgery"].disabled and not c["asked_day_of_surgery"].value
    c["consent"].value = "verbal"
    assert c["consent_by"].value == "patient" and not c["consent_by"].disabled
    c["image_type"].value = "face"
    assert c["identifies"].value and c["identifies"].disabled
    c["age"].value = 7
    assert c["authority"].value == "parent"
    assert "self" not in [value for _, value in c["authority"].options]
    c["child_objects"].value = True
    c["age"].value = 30
    assert not c["child_objects"].value and c["authority"].value == "self"


def test_unknown_vignette_and_missing_table_fail_clearly(navigator: ConsentNavigator) -> None:
    with pytest.raises(UnknownVignette, match="no vignette 'V999'; the ids run from V001 to V"):
        navigator.load("V999")
    with pytest.raises(MedsomeError, match=r"no vignettes: create it with ConsentNavigator\(load_vignettes"):
        ConsentNavigator().load("V001")


def test_works_without_vignettes() -> None:
    navigator = ConsentNavigator()
    assert navigator.vignettes is None and navigator.loaded is None
    assert navigator.case_text.value == ""
    assert "Decision:" in navigator.result.value

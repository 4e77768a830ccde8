"""The pre-posting checklist widget, driven from Python: facts in, the audit's findings out."""

from __future__ import annotations

import pytest

from medsome.checklist import DraftPost, audit
from medsome.data import load_draft_posts, load_population
from medsome.errors import MedsomeError
from medsome.widgets.prepost_checklist import PrePostChecklist, UnknownDraft

POPULATION = load_population()
DRAFTS = load_draft_posts()
ROWS = DRAFTS.set_index("draft_id", drop=False)


@pytest.fixture
def checklist() -> PrePostChecklist:
    return PrePostChecklist(POPULATION, DRAFTS)


def test_every_control_is_labelled_and_it_displays_itself(checklist: PrePostChecklist) -> None:
    controls = [*checklist.controls.values(), *checklist.after.values(), checklist.picker, checklist.text,
                checklist.patient, checklist.reveal_age, checklist.pair]
    assert all(control.description for control in controls)
    assert "application/vnd.jupyter.widget-view+json" in checklist._repr_mimebundle_()


def test_loading_a_draft_shows_the_audit_of_its_facts(checklist: PrePostChecklist) -> None:
    for draft_id in DRAFTS["draft_id"]:
        shown = checklist.load(draft_id)
        expected = audit(DraftPost.from_mapping(ROWS.loc[draft_id]), POPULATION)
        assert shown.codes == expected.codes, draft_id
        assert f"Verdict: {expected.verdict.label}." in checklist.result.value
        assert checklist.draft.revealed == DraftPost.from_mapping(ROWS.loc[draft_id]).revealed
    assert checklist.picker.value == DRAFTS["draft_id"].iloc[-1]


def test_changing_a_fact_reruns_the_checks(checklist: PrePostChecklist) -> None:
    checklist.load("D05")  # the clean photo example: ready
    assert "Verdict: Ready to post." in checklist.result.value
    checklist.controls["photo"].value = "ward_round"
    assert "Verdict: Revise before posting." in checklist.result.value
    assert "name_or_record_number" in checklist.result.value
    assert "wall clock (07:45)" in checklist.result.value
    checklist.controls["photo"].value = ""
    checklist.controls["withdrawal_requested"].value = True
    assert "Verdict: Do not post this." in checklist.result.value
    assert "consent_do_not_post" in checklist.result.value and "withdraw" in checklist.result.value


def test_revealing_details_shrinks_the_pool(checklist: PrePostChecklist) -> None:
    checklist.load("D05")
    checklist.reveal_age.value = True
    checklist.controls["age"].value = 47
    checklist.controls["sex"].value = "male"
    assert "small_candidate_pool" not in checklist.result.value
    checklist.controls["municipality"].value = "Kallio Island"
    assert "small_candidate_pool" in checklist.result.value
    assert "Only 3 people match" in checklist.result.value


def test_photo_pair_and_benchmarks(checklist: PrePostChecklist) -> None:
    checklist.load("D01")  # an education model: accuracy only
    assert checklist.patient_box.layout.display == "none"
    assert all(control.disabled for control in checklist.after.values())
    checklist.pair.value = True
    assert not checklist.after["flash"].disabled and "Before shot (fixed)" in checklist.before_text.value
    checklist.after["flash"].value = True
    assert "photos_not_comparable" in checklist.result.value and "flash" in checklist.result.value
    checklist.controls["currency"].value = False
    assert "missing_currency" in checklist.result.value and "Worth improving" in checklist.result.value


def test_contradictory_facts_are_explained_not_raised(checklist: PrePostChecklist) -> None:
    checklist.load("D05")
    checklist.controls["authority"].value = "parent"  # an adult patient
    assert checklist.refresh() is None
    assert "These facts do not fit together" in checklist.result.value
    assert "parents hold no legal authority" in checklist.result.value


def test_a_photo_fixes_the_image_type(checklist: PrePostChecklist) -> None:
    checklist.load("D07")  # a face image
    checklist.controls["photo"].value = "wound_check"
    assert checklist.controls["image_type"].value == "external" and checklist.controls["image_type"].disabled


def test_bad_use_fails_clearly(checklist: PrePostChecklist) -> None:
    with pytest.raises(UnknownDraft, match="no draft 'D99'; the ids run from D01 to D40"):
        checklist.load("D99")
    with pytest.raises(MedsomeError, match="has no drafts"):
        PrePostChecklist(POPULATION).load("D01")
    with pytest.raises(TypeError, match="needs the population table"):
        PrePostChecklist("population.csv")


def test_an_empty_draft_is_called_empty_and_a_verdict_agrees_with_its_findings(
    checklist: PrePostChecklist,
) -> None:
    checklist.refresh()
    assert "the draft is empty" in checklist.result.value and "Verdict" not in checklist.result.value
    checklist.text.value = "Three tips for suturing practice at home."
    tally = "Verdict: Ready to post.</b> 4 findings: 4 worth improving, none blocking."
    assert tally in checklist.result.value
    checklist.load("D05")
    checklist.controls["withdrawal_requested"].value = True
    assert "Verdict: Do not post this.</b>" in checklist.result.value
    assert "stop the post" in checklist.result.value

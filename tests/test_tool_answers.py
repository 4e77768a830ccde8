"""An item counted as judgement is not answered by the course's own engines.

Each engine a learner can run is run on every case of an assignment it can read, with the case's
facts as the engine (or the widget built on it) reads them:

- the consent engine (`medsome.consent.decide`, the lesson's consent navigator) on every consent
  case of Assignment 3;
- the pre-posting audit (`medsome.checklist.audit`, the prepost_checklist widget) on the five
  drafts of 05 Q1 and the two of 05 Q2, which also runs the consent engine on their consent facts;
- the audience builder (`medsome.audience`) on the followers of 01 Q2.

The engine's output is read as an answer to the item. When it gives the item's full key, the item
measures applying the lesson's rules, so the blueprint must call it a finding, not judgement; a
judgement item needs facts the engines cannot weigh (a withdrawal by phone, a stranger's message,
a rare tumour in a violinist). An option an engine cannot read (a response to rank, a case outside
its rules) leaves the item unanswered by it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from medsome.audience import build_audience
from medsome.blueprint import load_blueprint
from medsome.checklist import Audit, DraftPost, audit
from medsome.consent import Case, Outcome, decide
from medsome.data import load_population

# --- The consent engine: Assignment 3 --------------------------------------------------------------

ADULT = {"capacity": "has", "authority": "self", "consent_by": "patient", "image_type": "external",
         "use": "public_social_media", "identifies": False}
# 03 Q2: each case as the consent engine reads it (S1 is Mr Aaltonen of Q1).
CONSENT_CASES = {
    "S1": {**ADULT, "age": 52, "consent": "written_general", "identifies": True,
           "asked_day_of_surgery": True},
    "S2": {**ADULT, "age": 45, "consent": "verbal"},
    "S3": {**ADULT, "age": 10, "capacity": "lacks", "authority": "parent", "consent": "written_social_media",
           "consent_by": "parent", "child_objects": True},
    "S4": {**ADULT, "age": 30, "capacity": "temporarily_lacks", "consent": "verbal"},
    "S5": {**ADULT, "age": 60, "consent": "written_social_media", "hospital_forbids_posting": True},
    "S6": {**ADULT, "age": 50, "consent": "none", "consent_by": "nobody", "use": "internal_teaching",
           "image_type": "internal"},
}
# 03 Q5: the ways of sharing the violinist's case that are a use the engine knows. A (a drawing or an
# education model) shows no patient, and D (a private message to a friend) is no use in its rules.
VIOLINIST = {**ADULT, "age": 38, "identifies": True}
SHARING_CASES = {
    "B": {**VIOLINIST, "use": "internal_teaching", "consent": "verbal"},
    "C": {**VIOLINIST, "use": "closed_group", "consent": "verbal"},
    "E": {**VIOLINIST, "consent": "written_social_media"},
}
SHARING_UNREADABLE = ("A", "D")
# A decision read as a rating: post is very appropriate, a step still missing somewhat inappropriate.
DECISION_AS_RATING = {Outcome.POST: 4, Outcome.OBTAIN_FURTHER_CONSENT: 2, Outcome.WAIT: 2,
                      Outcome.DO_NOT_POST: 1}
# 03 Q4: the patient in the pre-operative bay, sedated, asked on the day of surgery.
PREOP_PATIENT = {**ADULT, "age": 45, "capacity": "temporarily_lacks", "consent": "written_social_media",
                 "asked_day_of_surgery": True, "identifies": False}


def _decision(facts: Mapping[str, object]) -> Outcome:
    return decide(Case(**facts)).decision


# --- The pre-posting audit: Assignment 5 ------------------------------------------------------------

PATIENT = {"patient_material": True, "capacity": "has", "authority": "self", "consent_by": "patient",
           "use": "public_social_media", "image_type": "external"}
NAMED = {"authorship": True, "attribution": True, "disclosure": True, "currency": True}
SETUP = {"lighting": 0.0, "flash": False, "zoom": 1.0, "angle": 0.0, "background": "plain blue",
         "clothing": "plain gown"}
# 05 Q1 and Q2: each draft as the audit reads it, with every fact its fields can hold.
DRAFTS = {
    "A": {**PATIENT, "age": 29, "sex": "male", "municipality": "Vaaramäki",
          "occupation": "professional ice-hockey player", "patient_age": 29,
          "consent": "written_social_media"},
    "B": {"patient_material": False, **NAMED},
    "C": {"patient_material": False},
    "D": {"patient_material": False, "authorship": True},
    "E": {**PATIENT, **NAMED, "photo": "wound_check", "date": "May 2024", "patient_age": 58,
          "consent": "written_social_media", "withdrawal_requested": True},
    "F": {**PATIENT, "photo": "shin_laceration", "patient_age": 44, "consent": "verbal", "attribution": True},
    "G": {**PATIENT, "patient_age": 46, "consent": "written_social_media", "authorship": True,
          "conflict_of_interest": True, "before": SETUP, "after": {**SETUP, "flash": True, "zoom": 1.1}},
}
AUDIT_AS_VERDICT = {"ready": "post", "revise": "revise", "do_not_post": "do_not_post"}
# What each finding of the audit asks for, as the change of 05 Q2's vocabulary that answers it.
FINDING_AS_CHANGE = {
    "small_candidate_pool": "generalise_details", "context_details": "generalise_details",
    "individual_mark": "crop_or_retake_photo", "name_or_record_number": "crop_or_retake_photo",
    "face_shown": "crop_or_retake_photo", "photo_metadata": "strip_metadata",
    "consent_obtain_further_consent": "written_consent", "photos_not_comparable": "comparable_photos",
}


def _audit(letter: str) -> Audit:
    return audit(DraftPost(draft_id=letter, text="", **DRAFTS[letter]), load_population())


def _changes(letter: str) -> set[str]:
    """The changes the audit asks for: its findings that must be fixed, each as a change."""
    found = _audit(letter).findings
    changes = {FINDING_AS_CHANGE[f.code] for f in found if f.code in FINDING_AS_CHANGE}
    if any(f.code == "missing_disclosure" and f.severity == "fix" for f in found):
        changes.add("declare_interest")
    return changes


# --- The audience builder: Assignment 1 ------------------------------------------------------------

FOLLOWERS = {"residents": 1100, "students": 800, "nurses": 1400, "specialists": 500, "lay_people": 1200}
# 01 Q2(b): the option each thing the builder shows asks for.
CAUTION_AS_CHANGE = {"education model": "B", "never replaces a clinical evaluation": "D",
                     "say who each post is for": "D", "graphic images": "B"}
NEED_AS_CHANGE = {"wound care and aftercare": "F"}


def _audience_changes() -> set[str]:
    """The options the builder's cautions and its largest group's need point to."""
    audience = build_audience(FOLLOWERS)
    shown = [c.text for c in audience.cautions()] + [audience.largest.need]
    return {letter for text in shown for phrase, letter in {**CAUTION_AS_CHANGE, **NEED_AS_CHANGE}.items()
            if phrase in text}


# --- Every item an engine reads, and its answer -----------------------------------------------------

def _consent_decisions() -> dict[str, str]:
    return {case: str(_decision(facts)) for case, facts in CONSENT_CASES.items()}


ENGINE_ANSWERS: dict[tuple[str, str], Callable[[], object]] = {
    ("03_consent", "q2_decisions"): _consent_decisions,
    ("05_professionalism", "q1_verdicts"): lambda: {d: AUDIT_AS_VERDICT[_audit(d).verdict] for d in "ABCDE"},
    ("05_professionalism", "q2_fixes_f"): lambda: _changes("F"),
    ("05_professionalism", "q2_fixes_g"): lambda: _changes("G"),
    ("01_why_some", "q2_changes"): _audience_changes,
}
# Items whose every part an engine reads (not counting those it cannot), kept so that a change to the
# case or the engine that stops it reading them is noticed.
ENGINE_GIVES_THE_KEY = {("03_consent", "q2_decisions"), ("05_professionalism", "q2_fixes_f"),
                        ("05_professionalism", "q2_fixes_g"), ("01_why_some", "q2_changes")}


def _kind(assignment: str, grade_id: str) -> str:
    blueprint = load_blueprint()
    return blueprint.loc[(blueprint["assignment"] == assignment) & (blueprint["grade_id"] == grade_id),
                         "kind"].item()


def _item(keyed: list, assignment: str, grade_id: str):
    return next(k.item for k in keyed if (k.assignment, k.grade_id) == (assignment, grade_id))


@pytest.mark.parametrize(("assignment", "grade_id"), sorted(ENGINE_ANSWERS))
def test_an_item_an_engine_answers_in_full_is_not_counted_as_judgement(keyed: list, assignment: str,
                                                                        grade_id: str) -> None:
    item = _item(keyed, assignment, grade_id)
    answer = ENGINE_ANSWERS[assignment, grade_id]()
    full = item.assess(answer)[0] == item.points
    assert full == ((assignment, grade_id) in ENGINE_GIVES_THE_KEY), (
        f"{assignment}:{grade_id}: the engine's answer {answer!r} {'gives' if full else 'no longer gives'} "
        "the key: update ENGINE_GIVES_THE_KEY and check the item's kind")
    if full:
        assert _kind(assignment, grade_id) != "judgement", (
            f"{assignment}:{grade_id} is counted as judgement, but the course's engine gives its whole key: "
            "add facts the engine cannot weigh, or call it a finding")


def test_the_sharing_ratings_need_what_the_consent_engine_cannot_weigh(keyed: list) -> None:
    """03 Q5: the engine reads three of the five ways, and rates the public post higher than the key."""
    item = _item(keyed, "03_consent", "q5_ratings")
    ratings = {way: DECISION_AS_RATING[_decision(facts)] for way, facts in SHARING_CASES.items()}
    assert set(ratings) | set(SHARING_UNREADABLE) == set(item.key)
    assert _kind("03_consent", "q5_ratings") == "judgement"
    differs = [way for way, rating in ratings.items() if rating != item.key[way]]
    assert differs, "the consent engine rates every readable way as the key does: add facts it cannot weigh"


def test_the_preoperative_ranking_is_not_the_engines_to_answer(keyed: list) -> None:
    """03 Q4: the engine agrees with the key's first response (wait) but ranks no responses."""
    item = _item(keyed, "03_consent", "q4_ranking")
    assert _decision(PREOP_PATIENT) is Outcome.WAIT
    assert item.key[0] == "B", "the key's first response is to ask again at the follow-up clinic"
    assert _kind("03_consent", "q4_ranking") == "judgement"


def test_the_audit_misses_what_only_the_facts_around_a_draft_show(keyed: list) -> None:
    """05 Q1: the audit reads A, B and E as the key does, and passes C and D, which it cannot judge."""
    verdicts = ENGINE_ANSWERS["05_professionalism", "q1_verdicts"]()
    key = _item(keyed, "05_professionalism", "q1_verdicts").key
    agrees = {d for d, v in verdicts.items() if v == key[d] or (isinstance(key[d], tuple) and v in key[d])}
    assert agrees == {"A", "B", "E"}, verdicts

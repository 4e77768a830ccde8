"""An item counted as judgement is not answered by the course's own rule engines.

The consent engine (`medsome.consent.decide`) is run on the cases of Assignment 3's Question 2, as
the lesson's navigator would be, with each case's facts as the engine reads them. When an engine
gives an item's full key, the item measures applying the lesson's rules: the blueprint must call it
a finding, not judgement. (The pre-posting audit and the audience builder's cautions give the keys
of 05 Q2 and 01 Q2(b), which the blueprint counts as findings for the same reason.)
"""

from __future__ import annotations

from medsome.blueprint import load_blueprint
from medsome.consent import Case, decide

# Assignment 3, Question 2: each case as the consent engine reads it.
ADULT = {"capacity": "has", "authority": "self", "consent_by": "patient", "image_type": "external",
         "use": "public_social_media", "identifies": False}
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


def _kind(assignment: str, grade_id: str) -> str:
    blueprint = load_blueprint()
    return blueprint.loc[(blueprint["assignment"] == assignment) & (blueprint["grade_id"] == grade_id),
                         "kind"].item()


def test_an_item_the_consent_engine_answers_is_not_counted_as_judgement(keyed: list) -> None:
    item = next(k.item for k in keyed if (k.assignment, k.grade_id) == ("03_consent", "q2_decisions"))
    engine = {case: str(decide(Case(**facts)).decision) for case, facts in CONSENT_CASES.items()}
    assert set(engine) == set(item.key)
    if item.assess(engine)[0] == item.points:
        assert _kind("03_consent", "q2_decisions") != "judgement", (
            "the consent engine gives 03 Q2's whole key: add facts it cannot weigh, or call it a finding")

"""The consent rules: each rule, its order, its sources, and clear errors for bad input."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from medsome.consent import (
    CHILD_AGE_LIMIT,
    REQUIRED_CONSENT,
    Authority,
    Capacity,
    Case,
    ConsentBy,
    ConsentLevel,
    ImageType,
    Outcome,
    Use,
    answer_feedback,
    decide,
)

ADULT = Case(age=40, capacity="has", authority="self", consent="written_social_media", consent_by="patient",
             use="public_social_media", image_type="external", identifies=True)
CHILD = Case(age=8, capacity="lacks", authority="parent", consent="written_social_media", consent_by="parent",
             use="public_social_media", image_type="face", identifies=True)


def _outcome(case: Case, **changes: object) -> tuple[str, str]:
    decision = decide(replace(case, **changes))
    return decision.decision.value, decision.rule


def test_valid_written_social_media_consent_posts() -> None:
    decision = decide(ADULT)
    assert decision.decision is Outcome.POST and decision.rule == "valid_consent"
    assert str(decision) == "Post (deciding rule: valid_consent)"
    assert all(reason.clause for reason in decision.reasons)


def test_withdrawal_stops_everything() -> None:
    assert _outcome(ADULT, withdrawal_requested=True) == ("do_not_post", "withdrawal")
    assert decide(replace(ADULT, withdrawal_requested=True)).reasons[0].clause.startswith(
        "GMC recordings guidance para 25")


def test_child_objection_overrides_parental_consent() -> None:
    assert decide(CHILD).decision is Outcome.POST
    assert _outcome(CHILD, child_objects=True) == ("do_not_post", "child_objection")
    assert "paras 34–35" in decide(replace(CHILD, child_objects=True)).reasons[-1].clause


def test_identifiable_child_is_offered_re_consent_when_mature() -> None:
    assert "re-consent" in decide(CHILD).reasons[-1].finding
    assert "re-consent" not in decide(ADULT).reasons[-1].finding


def test_stricter_hospital_policy_forbids_social_media_only() -> None:
    banned = replace(ADULT, hospital_forbids_posting=True)
    assert _outcome(banned) == ("do_not_post", "local_policy")
    assert _outcome(banned, use="closed_group") == ("do_not_post", "local_policy")
    assert _outcome(banned, use="internal_teaching") == ("post", "valid_consent")
    assert "HUS" in decide(banned).reasons[-1].clause


def test_closed_group_is_treated_as_public() -> None:
    verbal = replace(ADULT, consent="verbal", use="closed_group")
    assert _outcome(verbal) == ("obtain_further_consent", "consent_level")
    assert _outcome(verbal, consent="written_general") == ("obtain_further_consent", "consent_level")
    steps = [reason.rule for reason in decide(verbal).reasons]
    assert "closed_group" in steps
    assert "para 9" in next(r.clause for r in decide(verbal).reasons if r.rule == "closed_group")
    assert _outcome(ADULT, use="closed_group") == ("post", "valid_consent")


@pytest.mark.parametrize("use", ["care_record", "internal_teaching"])
def test_anonymous_internal_images_need_no_consent_for_care_or_teaching(use: str) -> None:
    case = replace(ADULT, consent="none", consent_by="nobody", image_type="internal", identifies=False,
                   use=use)
    assert _outcome(case) == ("post", "internal_anonymous")
    assert _outcome(case, identifies=True) == ("obtain_further_consent", "consent_level")


def test_public_media_need_written_consent_even_when_anonymous() -> None:
    case = replace(ADULT, consent="verbal", image_type="internal", identifies=False)
    assert _outcome(case) == ("obtain_further_consent", "consent_level")
    assert any("para 37" in reason.clause for reason in decide(case).reasons)


@pytest.mark.parametrize(("use", "level"), list(REQUIRED_CONSENT.items()))
def test_each_use_needs_its_level_of_consent(use: Use, level: ConsentLevel) -> None:
    for given in ConsentLevel:
        if given is ConsentLevel.NONE:
            continue
        expected = "post" if given.rank >= level.rank else "obtain_further_consent"
        assert _outcome(ADULT, use=use, consent=given)[0] == expected, (use, given)


def test_journal_written_consent_is_marked_as_a_course_rule() -> None:
    reason = next(r for r in decide(replace(ADULT, use="journal")).reasons if r.rule == "consent_level")
    assert reason.course_rule and reason.clause.startswith("Course rule")


def test_day_of_surgery_request_needs_asking_again_for_social_media() -> None:
    assert _outcome(ADULT, asked_day_of_surgery=True) == ("obtain_further_consent", "power_differential")
    reason = decide(replace(ADULT, asked_day_of_surgery=True)).reasons[-1]
    assert "Bennett & Vercler" in reason.clause and reason.course_rule
    assert _outcome(ADULT, asked_day_of_surgery=True, use="care_record") == ("post", "valid_consent")


def test_temporary_incapacity_waits_except_for_the_care_record() -> None:
    drunk = replace(ADULT, capacity="temporarily_lacks", consent="verbal")
    assert _outcome(drunk) == ("wait", "wait_for_capacity")
    reason = decide(drunk).reasons[-1]
    assert reason.course_rule and "Course teaching rule" in reason.clause
    assert _outcome(drunk, use="care_record") == ("post", "best_interests_record")


def test_lasting_incapacity_blocks_secondary_use_even_with_a_proxy() -> None:
    case = replace(ADULT, capacity="lacks", authority="guardian", consent_by="guardian")
    for use in ("internal_teaching", "journal", "closed_group", "public_social_media"):
        assert _outcome(case, use=use) == ("do_not_post", "lasting_incapacity")
    assert _outcome(case, use="care_record") == ("post", "best_interests_record")
    assert "proxy" in decide(case).reasons[-1].clause


def test_competent_minor_consents_for_themselves() -> None:
    minor = Case(age=15, capacity="has", authority="parent", consent="written_social_media",
                 consent_by="patient", use="public_social_media", image_type="external", identifies=True)
    assert _outcome(minor) == ("post", "valid_consent")
    assert _outcome(minor, consent_by="parent") == ("obtain_further_consent", "wrong_consenter")
    capacity = next(r for r in decide(minor).reasons if r.rule == "capacity")
    assert "competent minor" in capacity.finding.lower() and "paras 34–35" in capacity.clause


def test_only_the_holder_of_authority_consents_for_a_child() -> None:
    in_care = replace(CHILD, authority="guardian")
    assert _outcome(in_care) == ("obtain_further_consent", "wrong_consenter")
    assert _outcome(in_care, consent_by="guardian") == ("post", "valid_consent")
    assert _outcome(CHILD, authority="none", consent_by="relative") == ("obtain_further_consent",
                                                                       "wrong_consenter")


def test_a_relative_cannot_consent_for_an_adult_with_capacity() -> None:
    assert _outcome(ADULT, consent_by="relative") == ("obtain_further_consent", "wrong_consenter")


def _random_cases(n: int, seed: int = 3) -> list[Case]:
    """Valid cases drawn at random from every combination of the facts."""
    rng = random.Random(seed)
    cases: list[Case] = []
    while len(cases) < n:
        values = {
            "age": rng.choice([0, 9, 14, 15, CHILD_AGE_LIMIT, 40, 90]),
            "capacity": rng.choice(list(Capacity)), "authority": rng.choice(list(Authority)),
            "consent": rng.choice(list(ConsentLevel)), "consent_by": rng.choice(list(ConsentBy)),
            "use": rng.choice(list(Use)), "image_type": rng.choice(list(ImageType)),
            **{flag: rng.random() < 0.3 for flag in ("identifies", "child_objects", "asked_day_of_surgery",
                                                      "withdrawal_requested", "hospital_forbids_posting")},
        }
        try:
            cases.append(Case(**values))
        except ValueError:
            continue
    return cases


def test_every_case_gets_one_outcome_settled_by_its_last_reason() -> None:
    for case in _random_cases(3000):
        decision = decide(case)
        assert decision.reasons and decision.reasons[-1].outcome is decision.decision
        assert all(reason.outcome is None for reason in decision.reasons[:-1])
        assert all(reason.step and reason.finding and reason.clause for reason in decision.reasons)


def test_withdrawal_and_objection_always_win() -> None:
    for case in _random_cases(1000, seed=5):
        if case.withdrawal_requested:
            assert decide(case).rule == "withdrawal"
        elif case.child_objects:
            assert decide(case).rule == "child_objection"


def test_more_consent_never_makes_the_answer_stricter() -> None:
    ranks = {"post": 0, "obtain_further_consent": 1, "wait": 1, "do_not_post": 2}
    for case in _random_cases(1000, seed=7):
        if case.consent is ConsentLevel.NONE:
            continue
        stronger = replace(case, consent=ConsentLevel.WRITTEN_SOCIAL_MEDIA)
        assert ranks[decide(stronger).decision.value] <= ranks[decide(case).decision.value], case


def test_case_accepts_strings_and_converts_them() -> None:
    assert ADULT.capacity is Capacity.HAS and ADULT.use is Use.PUBLIC_SOCIAL_MEDIA
    assert ADULT.use == "public_social_media" and Use.JOURNAL.label == "a journal article"
    assert not ADULT.is_child and CHILD.is_child


def test_case_from_a_mapping_names_missing_fields() -> None:
    row = {field: getattr(ADULT, field) for field in ADULT.__dataclass_fields__}
    assert Case.from_mapping(row) == ADULT
    del row["use"]
    with pytest.raises(KeyError, match="use"):
        Case.from_mapping(row)


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"age": "40"}, TypeError, "age should be a whole number"),
    ({"age": True}, TypeError, "age should be a whole number"),
    ({"age": -1}, ValueError, "between 0 and"),
    ({"use": "tiktok"}, ValueError, "use should be one of .*'public_social_media'"),
    ({"identifies": "yes"}, TypeError, "identifies should be True or False"),
    ({"image_type": "face", "identifies": False}, ValueError, "face always identifies"),
    ({"consent": "none"}, ValueError, "consent_by is 'nobody' exactly when consent is 'none'"),
    ({"child_objects": True}, ValueError, "under 16 only"),
    ({"authority": "parent"}, ValueError, "parents hold no legal authority"),
])
def test_bad_cases_fail_clearly(changes: dict, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        replace(ADULT, **changes)


def test_inconsistent_child_and_day_of_surgery_fail_clearly() -> None:
    with pytest.raises(ValueError, match="parent or guardian as authority"):
        replace(CHILD, authority="self")
    with pytest.raises(ValueError, match="asked_day_of_surgery needs some consent"):
        replace(ADULT, consent="none", consent_by="nobody", asked_day_of_surgery=True)


def test_decide_needs_a_case() -> None:
    with pytest.raises(TypeError, match=r"needs a Case, not dict.*Case.from_mapping"):
        decide({"age": 40})


def test_answer_feedback_explains_without_giving_the_answer() -> None:
    assert answer_feedback(None, ADULT).startswith("Not answered yet")
    assert answer_feedback("yes", ADULT).startswith("Not answered yet")
    assert answer_feedback("post", ADULT).startswith("Correct: Post.")
    wrong = answer_feedback("wait", replace(ADULT, asked_day_of_surgery=True))
    assert wrong.startswith("Not yet") and "When it was asked" in wrong
    assert not any(outcome.label in wrong for outcome in Outcome)


def test_every_outcome_and_rule_is_reachable() -> None:
    decisions = [decide(case) for case in _random_cases(3000, seed=11)]
    assert {d.decision for d in decisions} == set(Outcome)
    assert {d.rule for d in decisions} == {
        "withdrawal", "child_objection", "local_policy", "internal_anonymous", "best_interests_record",
        "wait_for_capacity", "lasting_incapacity", "consent_level", "wrong_consenter", "power_differential",
        "valid_consent",
    }


def test_labels_are_words_for_every_choice() -> None:
    for kind in (Outcome, Capacity, Authority, ConsentLevel, ConsentBy, Use, ImageType):
        labels = [member.label for member in kind]
        assert all(labels) and len(set(labels)) == len(labels), kind
    assert [level.rank for level in ConsentLevel] == list(range(4))

"""The pre-posting audit: each check reuses its module, explains itself, and rejects bad input."""

from __future__ import annotations

from dataclasses import replace

import pytest

from medsome.checklist import (
    FINDING_CODES,
    Check,
    DraftPost,
    Severity,
    Verdict,
    accuracy_findings,
    audit,
    consent_findings,
    identification_findings,
)
from medsome.comparability import STANDARD_SETUP
from medsome.data import load_population
from medsome.privacy import UnknownDetail, candidate_count

POPULATION = load_population()
CONSENTED = {"patient_age": 50, "capacity": "has", "authority": "self", "consent": "written_social_media",
             "consent_by": "patient", "use": "public_social_media", "image_type": "external"}
SIGNED = {"authorship": True, "attribution": True, "disclosure": True, "currency": True}


def _draft(**facts: object) -> DraftPost:
    return DraftPost("T1", "an invented draft", True, **{**CONSENTED, **SIGNED, **facts})


def test_a_careful_draft_is_ready() -> None:
    result = audit(_draft(sex="female", photo="wound_check"), POPULATION)
    assert result.findings == () and result.verdict is Verdict.READY
    assert "Ready to post" in str(result)


def test_small_pool_uses_the_population_and_suggests_generalising() -> None:
    draft = _draft(age=47, sex="male", municipality="Kallio Island", patient_age=47)
    count = candidate_count(POPULATION, draft.revealed)
    assert count < 5
    [finding] = identification_findings(draft, POPULATION)
    assert (finding.check, finding.code, finding.severity) == (Check.IDENTIFICATION, "small_candidate_pool",
                                                               Severity.FIX)
    assert f"Only {count} people match" in finding.explanation
    assert "district North Coast" in finding.explanation
    assert "Sweeney 2002" in finding.sources and finding.rule == "no_identifiable_data"
    assert identification_findings(replace(draft, municipality=None), POPULATION) == []


def test_photo_findings_come_from_the_picture_and_its_file() -> None:
    codes = [f.code for f in identification_findings(_draft(photo="ward_round"), POPULATION)]
    assert codes == ["context_details", "name_or_record_number", "photo_metadata"]
    [metadata] = [f for f in identification_findings(_draft(photo="ward_round"), POPULATION)
                  if f.code == "photo_metadata"]
    assert "GPS position" in metadata.explanation and "AusCERT" in metadata.sources
    codes = [f.code for f in identification_findings(_draft(photo="shin_laceration"), POPULATION)]
    assert codes == ["individual_mark", "photo_metadata"]


def test_text_details_marks_and_faces() -> None:
    findings = identification_findings(_draft(date="on Midsummer Eve", mark="a rose tattoo on the ankle",
                                              image_type="face"), POPULATION)
    assert [f.code for f in findings] == ["context_details", "individual_mark", "face_shown"]
    assert "the date (on Midsummer Eve)" in findings[0].explanation and "HIPAA" in findings[0].sources


def test_consent_follows_module_3() -> None:
    assert consent_findings(_draft()) == []
    [wait] = consent_findings(_draft(capacity="temporarily_lacks", consent="verbal"))
    assert (wait.code, wait.severity) == ("consent_wait", Severity.FIX)
    assert "course's own teaching rule" in wait.explanation
    [stop] = consent_findings(_draft(hospital_forbids_posting=True))
    assert (stop.code, stop.severity) == ("consent_do_not_post", Severity.STOP)
    assert "HUS" in stop.sources
    [more] = consent_findings(_draft(asked_day_of_surgery=True))
    assert more.code == "consent_obtain_further_consent"


def test_accuracy_uses_the_jama_benchmarks_and_the_photo_pair() -> None:
    assert accuracy_findings(_draft()) == []
    missing = accuracy_findings(_draft(currency=False, disclosure=False))
    assert [(f.code, f.severity) for f in missing] == [("missing_disclosure", Severity.ADVISE),
                                                       ("missing_currency", Severity.ADVISE)]
    [interest] = accuracy_findings(_draft(disclosure=False, conflict_of_interest=True))
    assert interest.severity is Severity.FIX and "Walradt" in interest.sources
    after = {**STANDARD_SETUP, "flash": True}
    [pair] = accuracy_findings(_draft(before=STANDARD_SETUP, after=after))
    assert pair.code == "photos_not_comparable" and "flash" in pair.explanation
    within = {**STANDARD_SETUP, "lighting": 0.2, "angle": 4.0}
    assert accuracy_findings(_draft(before=STANDARD_SETUP, after=within)) == []


def test_verdict_takes_the_worst_severity() -> None:
    assert audit(_draft(withdrawal_requested=True), POPULATION).verdict is Verdict.DO_NOT_POST
    assert audit(_draft(photo="ward_round"), POPULATION).verdict is Verdict.REVISE
    advice = audit(_draft(currency=False), POPULATION)
    assert advice.verdict is Verdict.READY and advice.codes == ("missing_currency",)
    assert advice.of("accuracy") == advice.findings and advice.of(Check.CONSENT) == ()


def test_non_patient_drafts_skip_identification_and_consent() -> None:
    model = DraftPost("M1", "suturing on a training pad", False)
    result = audit(model, POPULATION)
    assert {f.check for f in result.findings} == {Check.ACCURACY}
    assert set(result.codes) <= set(FINDING_CODES)


def test_bad_drafts_are_rejected_with_what_to_do() -> None:
    with pytest.raises(ValueError, match=r"shows no patient .* but gives age"):
        DraftPost("X", "text", False, age=40)
    with pytest.raises(ValueError, match="needs the consent fact"):
        DraftPost("X", "text", True)
    with pytest.raises(ValueError, match="use should be one of closed_group, public_social_media"):
        _draft(use="journal")
    with pytest.raises(ValueError, match="photo should be one of the course's photos"):
        _draft(photo="selfie")
    with pytest.raises(ValueError, match="image_type is 'external' when a photo is attached"):
        _draft(photo="wound_check", image_type="face")
    with pytest.raises(ValueError, match="inconsistent case"):
        _draft(patient_age=9)  # a child with authority 'self'
    with pytest.raises(ValueError, match="both the before and the after"):
        _draft(before=STANDARD_SETUP)
    with pytest.raises(TypeError, match="patient_material should be True or False"):
        DraftPost("X", "text", "yes")
    with pytest.raises(TypeError, match="age should be a whole number"):
        _draft(age="forty")
    with pytest.raises(TypeError, match="audit needs a DraftPost, not dict"):
        audit({"draft_id": "X"}, POPULATION)
    with pytest.raises(UnknownDetail, match="unknown municipality"):
        identification_findings(_draft(municipality="Atlantis"), POPULATION)


def test_from_mapping_reads_a_table_row() -> None:
    row = {"draft_id": "R1", "text": "t", "patient_material": True, **CONSENTED, "age": 50.0,
           "sex": float("nan"),
           "before_after": True, **{f"before_{k}": v for k, v in STANDARD_SETUP.items()},
           **{f"after_{k}": v for k, v in STANDARD_SETUP.items()}}
    draft = DraftPost.from_mapping(row)
    assert draft.age == 50 and draft.sex is None and draft.before == draft.after
    with pytest.raises(KeyError, match="needs the field"):
        DraftPost.from_mapping({"text": "t"})
    with pytest.raises(TypeError, match="needs a dict or a data-frame row"):
        DraftPost.from_mapping(["t"])

"""Synthetic consent vignettes for Module 3: the facts of a case and the experts' decision.

Every vignette is invented. Hand-written hard cases (the day-of-surgery request, a competent
minor, a parent who agrees while the child objects, a patient who cannot grasp that online
images are permanent, a "closed" group, a hospital that forbids posting even with consent, ...)
come first; seeded random cases, kept in fixed numbers per deciding rule, add variety. The
experts' decision and its deciding rule are those of `medsome.consent.decide`; for the hard cases
they were also written by hand, and the generator stops if the two ever disagree.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.catalogue import VIGNETTES_SCHEMA
from medsome.consent import CHILD_AGE_LIMIT, Case, decide

SEED = 20240303
FACTS = ("age", "capacity", "capacity_note", "authority", "child_objects", "consent", "consent_by",
         "asked_day_of_surgery", "use", "image_type", "identifies", "withdrawal_requested",
         "hospital_forbids_posting")


def _hard(tag: str, text: str, decision: str, rule: str, **facts: object) -> dict[str, object]:
    """One hand-written vignette: its facts, and the decision and rule the experts gave it."""
    defaults = {"capacity_note": None, "child_objects": False, "asked_day_of_surgery": False,
                "withdrawal_requested": False, "hospital_forbids_posting": False}
    return {"hard_case": tag, "text": text, **defaults, **facts, "decision": decision, "rule": rule}


ADULT = {"capacity": "has", "authority": "self", "consent_by": "patient"}
ADULT_NOT_ASKED = {**ADULT, "consent_by": "nobody", "consent": "none"}
HARD_CASES: tuple[dict[str, object], ...] = (
    _hard("day_of_surgery", "In the pre-operative bay, on the morning of her abdominoplasty, a "
          "38-year-old is handed a form allowing before-and-after photos on the unit's public "
          "Instagram account, and signs it. The photos would show her navel piercing and a small "
          "tattoo.", "obtain_further_consent", "power_differential", **ADULT, age=38,
          consent="written_social_media", asked_day_of_surgery=True, use="public_social_media",
          image_type="external", identifies=True),
    _hard("day_of_surgery", "The same request, but the form naming social media is signed at the "
          "six-week follow-up clinic, after she has seen the photos. She has capacity for this "
          "decision.", "post", "valid_consent", **ADULT, age=38, consent="written_social_media",
          use="public_social_media", image_type="external", identifies=True),
    _hard("day_of_surgery", "On the morning of surgery a 52-year-old agrees aloud that the team may "
          "photograph his leg ulcer for his care record.", "post", "valid_consent", **ADULT, age=52,
          consent="verbal", asked_day_of_surgery=True, use="care_record", image_type="external",
          identifies=False),
    _hard("competent_minor", "A 15-year-old with a keloid after ear piercing understands what posting "
          "means, including that online images are permanent, and is judged competent. She signs a "
          "consent naming social media herself; her parents know and agree.", "post", "valid_consent",
          age=15, capacity="has", authority="parent", consent="written_social_media",
          consent_by="patient", use="public_social_media", image_type="external", identifies=True),
    _hard("competent_minor", "A competent 14-year-old's mother signs the social media consent for "
          "photos of his repaired hand tendon. Nobody asked him.", "obtain_further_consent",
          "wrong_consenter", age=14, capacity="has", authority="parent",
          consent="written_social_media", consent_by="parent", use="public_social_media",
          image_type="external", identifies=True),
    _hard("child_objects", "The parents of a 9-year-old sign a consent naming social media for photos "
          "of his facial scar revision. When the camera comes out, he hides his face and says no.",
          "do_not_post", "child_objection", age=9, capacity="lacks", capacity_note="too young to decide",
          authority="parent", child_objects=True, consent="written_social_media", consent_by="parent",
          use="public_social_media", image_type="face", identifies=True),
    _hard("child_objects", "A 6-year-old is upset and cries while her hand is photographed for a "
          "teaching session; her father had agreed aloud.", "do_not_post", "child_objection", age=6,
          capacity="lacks", capacity_note="too young to decide", authority="parent", child_objects=True,
          consent="verbal", consent_by="parent", use="internal_teaching", image_type="external",
          identifies=False),
    _hard("parental_consent", "The parents of an 8-month-old sign a consent naming social media for "
          "before-and-after photos of their baby's cleft lip repair.", "post", "valid_consent", age=0,
          capacity="lacks", capacity_note="too young to decide", authority="parent",
          consent="written_social_media", consent_by="parent", use="public_social_media",
          image_type="face", identifies=True),
    _hard("parental_authority", "An 11-year-old lives in foster care; the local authority, as "
          "guardian, holds parental responsibility. Her birth mother agrees aloud to photos of the "
          "burn on her arm for teaching.", "obtain_further_consent", "wrong_consenter", age=11,
          capacity="lacks", capacity_note="too young to decide", authority="guardian", consent="verbal",
          consent_by="parent", use="internal_teaching", image_type="external", identifies=False),
    _hard("permanence", "An 86-year-old with moderate dementia cheerfully says 'put it on the internet' "
          "about her healed leg ulcer, but cannot retain that images online stay there.", "do_not_post",
          "lasting_incapacity", age=86, capacity="lacks",
          capacity_note="cannot grasp that online images are permanent", authority="none",
          consent="verbal", consent_by="patient", use="public_social_media", image_type="external",
          identifies=False),
    _hard("permanence", "A 79-year-old with advanced dementia: the team wants photos of his pressure "
          "ulcer for the care record. Nobody holds legal authority to decide for him.", "post",
          "best_interests_record", age=79, capacity="lacks", capacity_note="advanced dementia",
          authority="none", consent="none", consent_by="nobody", use="care_record",
          image_type="external", identifies=False),
    _hard("proxy_consent", "A 24-year-old with a severe learning disability cannot understand what "
          "posting means. Her court-appointed guardian signs a consent naming social media for a video "
          "of her hand surgery.", "do_not_post", "lasting_incapacity", age=24, capacity="lacks",
          capacity_note="a severe learning disability", authority="guardian",
          consent="written_social_media", consent_by="guardian", use="public_social_media",
          image_type="external", identifies=True),
    _hard("elderly_capable", "A 91-year-old with capacity for this decision wants her skin graft "
          "result shared to encourage others, and signs a consent naming social media at the clinic.",
          "post", "valid_consent", **ADULT, age=91, consent="written_social_media",
          use="public_social_media", image_type="external", identifies=False),
    _hard("intoxication", "A 23-year-old arrives drunk after a fight with a facial laceration and "
          "shouts 'post it, make me famous!'", "wait", "wait_for_capacity", age=23,
          capacity="temporarily_lacks", capacity_note="intoxicated with alcohol", authority="self",
          consent="verbal", consent_by="patient", use="public_social_media", image_type="face",
          identifies=True),
    _hard("intoxication", "The same intoxicated 23-year-old: photos of the laceration for his care "
          "record, before the repair.", "post", "best_interests_record", age=23,
          capacity="temporarily_lacks", capacity_note="intoxicated with alcohol", authority="self",
          consent="none", consent_by="nobody", use="care_record", image_type="face", identifies=True),
    _hard("sedation", "A 54-year-old is sedated in intensive care after extensive burns. The team "
          "wants photos of the grafts for a journal case report.", "wait", "wait_for_capacity", age=54,
          capacity="temporarily_lacks", capacity_note="sedated in intensive care", authority="self",
          consent="none", consent_by="nobody", use="journal", image_type="external", identifies=True),
    _hard("closed_group", "A 45-year-old agreed aloud that her surgeon may share her wrist X-ray in a "
          "'closed' Facebook group of a few thousand hand surgeons. Nothing on the image identifies "
          "her.", "obtain_further_consent", "consent_level", **ADULT, age=45, consent="verbal",
          use="closed_group", image_type="internal", identifies=False),
    _hard("closed_group", "A 60-year-old signed the hospital's general photography consent (record, "
          "teaching, journals). A colleague wants to show the photo of his hand, with a visible "
          "tattoo, in a 'closed' surgeons' group.", "obtain_further_consent", "consent_level", **ADULT,
          age=60, consent="written_general", use="closed_group", image_type="external", identifies=True),
    _hard("closed_group", "A 33-year-old signs, at the clinic, a consent that names social media and "
          "'closed' professional groups, for photos of her healed burn.", "post", "valid_consent",
          **ADULT, age=33, consent="written_social_media", use="closed_group", image_type="external",
          identifies=False),
    _hard("stricter_policy", "A 41-year-old signs a consent naming social media at the clinic. Her "
          "hospital's policy forbids patient images on social media even with permission.",
          "do_not_post", "local_policy", **ADULT, age=41, consent="written_social_media",
          use="public_social_media", image_type="external", identifies=False,
          hospital_forbids_posting=True),
    _hard("stricter_policy", "At the same hospital, a 57-year-old agrees aloud to photos of his "
          "amputation stump for an internal teaching session.", "post", "valid_consent", **ADULT,
          age=57, consent="verbal", use="internal_teaching", image_type="external", identifies=True,
          hospital_forbids_posting=True),
    _hard("stricter_policy", "At the same hospital, a colleague wants to share a 36-year-old's "
          "laparoscopy still, with written social media consent, in a 'closed' surgeons' group.",
          "do_not_post", "local_policy", **ADULT, age=36, consent="written_social_media",
          use="closed_group", image_type="internal", identifies=False, hospital_forbids_posting=True),
    _hard("withdrawal", "A 29-year-old signed a consent naming social media for her rhinoplasty "
          "photos; a week later she e-mails asking that they not be used.", "do_not_post", "withdrawal",
          **ADULT, age=29, consent="written_social_media", use="public_social_media",
          image_type="face", identifies=True, withdrawal_requested=True),
    _hard("internal_anonymous", "A laparoscopic cholecystectomy video of a 48-year-old, with no names, "
          "dates or marks on screen, for an internal teaching session. No consent was asked for.",
          "post", "internal_anonymous", **ADULT_NOT_ASKED, age=48, use="internal_teaching",
          image_type="internal", identifies=False),
    _hard("internal_anonymous", "An endoscopy image of a 67-year-old's gastric ulcer, with nothing "
          "identifying, for the unit's public Instagram account. He agreed aloud.",
          "obtain_further_consent", "consent_level", **ADULT, age=67, consent="verbal",
          use="public_social_media", image_type="internal", identifies=False),
    _hard("internal_identifying", "An endoscopy still of a 58-year-old for teaching, with her name "
          "and the date burned into the corner of the image. No consent was asked for.",
          "obtain_further_consent", "consent_level", **ADULT_NOT_ASKED, age=58, use="internal_teaching",
          image_type="internal", identifies=True),
    _hard("relative_consent", "A 62-year-old with capacity is on the ward; her husband signs the "
          "general photography consent for a journal case report of her breast reconstruction.",
          "obtain_further_consent", "wrong_consenter", age=62, capacity="has", authority="self",
          consent="written_general", consent_by="relative", use="journal", image_type="external",
          identifies=True),
    _hard("not_identifiable_public", "A close-up of a 50-year-old's healed forearm graft, with nothing "
          "that could identify him, for public social media. He agreed aloud.",
          "obtain_further_consent", "consent_level", **ADULT, age=50, consent="verbal",
          use="public_social_media", image_type="external", identifies=False),
    _hard("journal", "A 44-year-old agrees aloud to photos of his hand reconstruction in a journal "
          "case report.", "obtain_further_consent", "consent_level", **ADULT, age=44, consent="verbal",
          use="journal", image_type="external", identifies=True),
)

# --- Generated variety ---------------------------------------------------------------------------
QUOTAS = {  # generated vignettes per deciding rule
    "withdrawal": 6, "child_objection": 6, "local_policy": 6, "internal_anonymous": 8,
    "best_interests_record": 7, "wait_for_capacity": 9, "lasting_incapacity": 8, "consent_level": 14,
    "wrong_consenter": 8, "power_differential": 6, "valid_consent": 14,
}
SUBJECTS = {  # what the image shows, and the ages (inclusive) it fits
    "external": (
        ("photos of a skin graft on the forearm", 0, 99),
        ("a photo of a heel pressure ulcer", 60, 99),
        ("a photo of a healed hand-surgery scar", 0, 99),
        ("a photo of a burn on the chest", 0, 99),
        ("photos of a leg wound after a motorcycle crash", 16, 79),
        ("a photo of a diabetic foot ulcer", 40, 99),
        ("before-and-after photos of a breast reconstruction", 25, 85),
        ("before-and-after photos of an abdominoplasty", 25, 70),
    ),
    "face": (
        ("photos of a facial laceration repair", 0, 99),
        ("before-and-after photos of a cleft lip repair", 0, 15),
        ("before-and-after photos of a rhinoplasty", 16, 70),
        ("photos of a reconstruction after facial skin cancer", 50, 99),
    ),
    "internal": (
        ("a laparoscopic cholecystectomy video", 20, 90),
        ("an endoscopy image of a gastric ulcer", 30, 99),
        ("a hand X-ray of a fracture", 0, 99),
        ("an ultrasound image of an abscess", 0, 99),
    ),
}
IDENTIFYING = {
    "external": ("a tattoo is in the frame", "a birthmark is visible", "the name wristband shows"),
    "face": ("the face is shown",),
    "internal": ("the patient's name and the date are burned into the image",),
}
TEMPORARY = ("intoxicated with alcohol", "sedated after the operation", "acutely confused after anaesthesia",
             "drowsy on strong opioid painkillers")
LASTING = ("advanced dementia", "a severe learning disability", "a severe brain injury",
           "cannot grasp that online images are permanent")
USES = {"care_record": "the care record", "internal_teaching": "an internal teaching session",
        "journal": "a journal case report", "closed_group": "a 'closed' Facebook group for surgeons",
        "public_social_media": "the unit's public Instagram account"}
LEVELS = {"verbal": "agreed aloud", "written_general": "signed the general photography consent "
          "(record, teaching, journals)", "written_social_media": "signed a consent naming social media"}
GIVERS = {"patient": "The patient", "parent": "A parent", "guardian": "The guardian",
          "relative": "A relative without legal authority"}
AUTHORITY_TEXT = {
    ("child", "parent"): "The parents hold parental responsibility.",
    ("child", "guardian"): "A guardian (the local authority) holds parental responsibility.",
    ("child", "none"): "Who holds parental responsibility is not known.",
    ("adult", "guardian"): "A court-appointed guardian acts for them.",
    ("adult", "none"): "Nobody holds legal authority to decide for them.",
}


def _pick(rng: np.random.Generator, options: tuple | list, weights: tuple | None = None) -> object:
    """One of `options`, drawn with `weights` (default: equal)."""
    p = None if weights is None else np.array(weights) / sum(weights)
    return options[int(rng.choice(len(options), p=p))]


def _age(rng: np.random.Generator) -> int:
    """An age: a quarter children, a fifth 80 or over."""
    low, high = _pick(rng, ((0, CHILD_AGE_LIMIT - 1), (CHILD_AGE_LIMIT, 79), (80, 99)), (25, 55, 20))
    return int(rng.integers(low, high + 1))


def _who_can_decide(rng: np.random.Generator, age: int) -> dict[str, object]:
    """Capacity, its cause and the authority, plausible for the age."""
    if age < 12:
        capacity = "lacks"
    elif age < CHILD_AGE_LIMIT:
        capacity = _pick(rng, ("has", "lacks", "temporarily_lacks"), (50, 35, 15))
    else:
        capacity = _pick(rng, ("has", "temporarily_lacks", "lacks"), (60, 20, 20))
    note = None
    if capacity == "temporarily_lacks":
        note = _pick(rng, TEMPORARY)
    elif capacity == "lacks":
        note = _pick(rng, LASTING)
        if age < CHILD_AGE_LIMIT:
            note = "too young to decide" if age < 12 else "not yet competent for this decision"
    if age < CHILD_AGE_LIMIT:
        authority = _pick(rng, ("parent", "guardian", "none"), (80, 15, 5))
    else:
        authority = _pick(rng, ("guardian", "none")) if capacity == "lacks" else "self"
    return {"age": age, "capacity": capacity, "capacity_note": note, "authority": authority}


def _consent(rng: np.random.Generator, facts: dict[str, object]) -> dict[str, object]:
    """The consent obtained, and from whom: usually the right person, sometimes not."""
    level = _pick(rng, ("none", "verbal", "written_general", "written_social_media"), (20, 25, 25, 30))
    if level == "none":
        return {"consent": level, "consent_by": "nobody", "asked_day_of_surgery": False}
    child = facts["age"] < CHILD_AGE_LIMIT
    proxies = {"parent": "parent", "guardian": "guardian"}
    expected = "patient" if facts["capacity"] != "lacks" else proxies.get(facts["authority"], "relative")
    givers = ("patient", "parent", "guardian", "relative") if child else ("patient", "relative")
    others = [g for g in givers if g != expected]
    by = expected if rng.random() < 0.8 else _pick(rng, others)
    # Consent from a patient who temporarily lacks capacity was asked for in that state, not earlier.
    asked_today = facts["capacity"] != "temporarily_lacks" and bool(rng.random() < 0.25)
    return {"consent": level, "consent_by": by, "asked_day_of_surgery": asked_today}


def _random_facts(rng: np.random.Generator) -> dict[str, object]:
    """One random, internally consistent set of facts."""
    facts = _who_can_decide(rng, _age(rng))
    facts.update(_consent(rng, facts))
    image_type = _pick(rng, ("external", "face", "internal"), (50, 20, 30))
    facts.update(
        use=_pick(rng, tuple(USES)), image_type=image_type,
        identifies=image_type == "face" or bool(rng.random() < (0.5 if image_type == "external" else 0.2)),
        child_objects=facts["age"] < CHILD_AGE_LIMIT and facts["capacity"] != "temporarily_lacks"
        and bool(rng.random() < 0.15),
        withdrawal_requested=bool(rng.random() < 0.06), hospital_forbids_posting=bool(rng.random() < 0.1),
    )
    return facts


def _person(age: int) -> str:
    """'A baby under one year old', 'A 7-year-old', 'An 86-year-old'."""
    if age == 0:
        return "A baby under one year old"
    article = "An" if str(age).startswith("8") or age in (11, 18) else "A"
    return f"{article} {age}-year-old"


def _capacity_text(facts: dict[str, object]) -> str:
    """The sentence saying who can decide now."""
    child = facts["age"] < CHILD_AGE_LIMIT
    if facts["capacity"] == "has":
        return ("The young person understands what sharing means, including that online images are "
                "permanent, and is judged competent to decide." if child else
                "The patient has capacity for this decision.")
    if facts["capacity"] == "temporarily_lacks":
        return f"Right now the patient is {facts['capacity_note']} and cannot decide."
    if child:
        return ("The child is too young to make this decision." if facts["age"] < 12 else
                "The young person is judged not yet competent to make this decision.")
    note = facts["capacity_note"]
    if note.startswith("cannot"):
        return f"The patient {note}, and lacks capacity for this decision."
    return f"The patient has {note} and lacks capacity for this decision."


def _text(rng: np.random.Generator, facts: dict[str, object]) -> str:
    """The vignette in words, saying exactly what its facts say."""
    child = facts["age"] < CHILD_AGE_LIMIT
    image = facts["image_type"]
    subject = _pick(rng, [phrase for phrase, low, high in SUBJECTS[image] if low <= facts["age"] <= high])
    seen = _pick(rng, IDENTIFYING[image]) if facts["identifies"] else "nothing in it identifies the patient"
    parts = [f"{_person(facts['age'])}: the team wants to use {subject} for {USES[facts['use']]}; {seen}.",
             _capacity_text(facts)]
    group = "child" if child else "adult"
    if (group, facts["authority"]) in AUTHORITY_TEXT:
        parts.append(AUTHORITY_TEXT[group, facts["authority"]])
    if facts["consent"] == "none":
        parts.append("No consent has been asked for.")
    else:
        when = "on the morning of the operation" if facts["asked_day_of_surgery"] else "at the clinic"
        if facts["capacity"] == "temporarily_lacks":
            when = "while in this state"
        parts.append(f"{GIVERS[facts['consent_by']]} {LEVELS[facts['consent']]} {when}.")
    if facts["child_objects"]:
        parts.append("The child objects and is upset when the camera comes out.")
    if facts["hospital_forbids_posting"]:
        parts.append("Hospital policy forbids patient images on social media, even with consent.")
    if facts["withdrawal_requested"]:
        who = "the patient asks" if facts["capacity"] != "lacks" else "the family asks"
        parts.append(f"Later, {who} for the image not to be used.")
    return " ".join(parts)


def _case(facts: dict[str, object]) -> Case:
    """The Case the facts describe (the capacity note is for readers only)."""
    return Case.from_mapping({k: v for k, v in facts.items() if k != "capacity_note"})


def _generated(seed: int) -> list[dict[str, object]]:
    """Random vignettes, kept until each deciding rule has its quota."""
    rng = np.random.default_rng(seed)
    wanted, rows = Counter(QUOTAS), []
    for _ in range(100_000):
        if not +wanted:
            return rows
        facts = _random_facts(rng)
        decision = decide(_case(facts))
        if wanted[decision.rule] > 0:
            wanted[decision.rule] -= 1
            rows.append({"hard_case": None, "text": _text(rng, facts), **facts,
                         "decision": decision.decision.value, "rule": decision.rule})
    raise RuntimeError(f"could not fill the quotas {dict(+wanted)}: widen the generator")


def _checked_hard_cases() -> list[dict[str, object]]:
    """The hand-written cases, after checking the rules give the decision the experts wrote."""
    for number, row in enumerate(HARD_CASES, start=1):
        decision = decide(_case({k: row[k] for k in FACTS}))
        if (decision.decision.value, decision.rule) != (row["decision"], row["rule"]):
            raise ValueError(f"hard case {number} ({row['hard_case']}): the experts wrote "
                             f"{row['decision']}/{row['rule']}, the rules give {decision}")
    return list(HARD_CASES)


def generate_vignettes(seed: int = SEED) -> pd.DataFrame:
    """All vignettes: the hard cases first, then the generated ones."""
    rows = _checked_hard_cases() + _generated(seed)
    frame = pd.DataFrame(rows)
    frame.insert(0, "vignette_id", [f"V{i:03d}" for i in range(1, len(frame) + 1)])
    return frame[VIGNETTES_SCHEMA.names]


def write(target: Path) -> list[Path]:
    """Write target/consent/vignettes.csv."""
    csv = generate_vignettes().to_csv(index=False, lineterminator="\n")
    return [write_text(Path(target) / VIGNETTES_SCHEMA.filename, csv)]

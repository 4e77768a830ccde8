"""Data for Module 5: the guideline rule matrix, and draft posts with the audit's expected findings.

`rule_matrix.csv` is written from the table in `medsome.guidelines`: no randomness, the same
bytes every time. `draft_posts.csv` holds invented draft posts: hand-written examples first, each
with the findings an expert wrote for it (the generator stops if the audit ever disagrees), then
seeded random drafts. The expected findings of every draft are those of `medsome.checklist.audit`,
which the lesson's pre-posting checklist shows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from medsome import guidelines
from medsome.atomic import write_text
from medsome.catalogue import DRAFT_POSTS_SCHEMA, RULE_MATRIX_SCHEMA
from medsome.checklist import DraftPost, audit, expected_findings
from medsome.comparability import PHOTO_PARAMETERS, STANDARD_SETUP
from medsome.consent import CHILD_AGE_LIMIT
from medsome.data import load_population
from medsome.datasets.identification import (
    CONDITION_PHRASES,
    DATES,
    HOSPITALS,
    MARKS,
    TIMES,
    generate_population,
)
from medsome.world import BACKGROUNDS, CLOTHING, SCENES

SEED = 20240505
GENERATED = 26  # random drafts in the committed file, after the hand-written ones


# --- The rule matrix ---------------------------------------------------------------------------------


def generate_rule_matrix() -> pd.DataFrame:
    """One row per cell of the guideline matrix, rules in order, bodies in order."""
    rows = [{"rule_id": c.rule_id, "rule": guidelines.rule_text(c.rule_id), "body": c.body,
             "status": c.status.value, "tag": c.tag or None, "citation": c.citation}
            for c in guidelines.cells()]
    return pd.DataFrame(rows, columns=RULE_MATRIX_SCHEMA.names)


# --- Hand-written draft posts ------------------------------------------------------------------------
SIGNED = {"authorship": True, "attribution": True, "disclosure": True, "currency": True}
VALID_CONSENT = {"capacity": "has", "authority": "self", "consent": "written_social_media",
                 "consent_by": "patient", "use": "public_social_media"}
PAIR = {"before_after": True, **{f"before_{p}": v for p, v in STANDARD_SETUP.items()},
        **{f"after_{p}": v for p, v in STANDARD_SETUP.items()}}


def _example(tag: str, text: str, findings: str, verdict: str, **facts: object) -> dict[str, object]:
    """One hand-written draft: its facts, and the findings and verdict an expert wrote for it."""
    return {"example": tag, "text": text, **facts, "expected_findings": findings or None,
            "expected_verdict": verdict}


EXAMPLES: tuple[dict[str, object], ...] = (
    _example("education_model", "Suturing video on a silicone training pad: a simple interrupted suture, "
             "step by step. By Dr Aino Esimerkki, plastic surgery resident. Technique as in the unit's "
             "suturing guide. No sponsors. Updated March 2024.", "", "ready", patient_material=False,
             **SIGNED),
    _example("general_information", "Five signs that a wound needs a doctor's look: spreading redness, "
             "warmth, pus, fever, pain that gets worse. By Dr Aino Esimerkki, plastic surgery resident. "
             "No sponsors.", "missing_attribution:advise;missing_currency:advise", "ready",
             patient_material=False, authorship=True, disclosure=True),
    _example("sum_of_details", "Case of the week: a 47-year-old man from Kallio Island with a complex "
             "hand fracture, fixed with two plates. X-ray attached. By Dr Aino Esimerkki. Sources: the "
             "unit's fracture protocol. No sponsors. Updated May 2024.", "small_candidate_pool:fix",
             "revise", patient_material=True, age=47, sex="male", municipality="Kallio Island",
             patient_age=47, image_type="internal", **VALID_CONSENT, **SIGNED),
    _example("photo_metadata", "Neat sutures on day 2. Photo attached. By Dr Aino Esimerkki. Sources: "
             "the unit's wound-care guide. No sponsors. Updated May 2024.",
             "context_details:fix;name_or_record_number:fix;photo_metadata:fix", "revise",
             patient_material=True, photo="ward_round", patient_age=63, image_type="external",
             **VALID_CONSENT, **SIGNED),
    _example("clean_photo", "How a clean dressing should look on day 3. Photo attached. By Dr Aino "
             "Esimerkki. Sources: the unit's wound-care guide. No sponsors. Updated May 2024.", "", "ready",
             patient_material=True, sex="female", photo="wound_check", patient_age=58,
             image_type="external", **VALID_CONSENT, **SIGNED),
    _example("day_of_surgery", "Before the operation: the leg wound we are about to close. Photo "
             "attached. By Dr Aino Esimerkki. Sources: the unit's wound-care guide. No sponsors. "
             "Updated May 2024.", "consent_obtain_further_consent:fix", "revise", patient_material=True,
             photo="wound_check", patient_age=41, image_type="external", **VALID_CONSENT,
             asked_day_of_surgery=True, **SIGNED),
    _example("child_objects", "Scar revision on a child's cheek: the result at six weeks. By Dr Aino "
             "Esimerkki. Sources: the unit's scar-care guide. No sponsors. Updated May 2024.",
             "face_shown:fix;consent_do_not_post:stop", "do_not_post", patient_material=True,
             patient_age=9, capacity="lacks", authority="parent", consent="written_social_media",
             consent_by="parent", use="public_social_media", image_type="face", child_objects=True,
             **SIGNED),
    _example("intoxication", "Saturday night in the emergency room: a facial laceration before the "
             "repair. He said post it! By Dr Aino Esimerkki. No sponsors.",
             "face_shown:fix;consent_wait:fix;missing_attribution:advise;missing_currency:advise", "revise",
             patient_material=True, patient_age=23, capacity="temporarily_lacks", authority="self",
             consent="verbal", consent_by="patient", use="public_social_media", image_type="face",
             authorship=True, disclosure=True),
    _example("before_after", "Abdominoplasty: before and three months after. By Dr Aino Esimerkki. "
             "Sources: the unit's outcome audit. No sponsors. Updated May 2024.",
             "photos_not_comparable:fix", "revise", patient_material=True, patient_age=44,
             image_type="external", **VALID_CONSENT, **SIGNED,
             **{**PAIR, "after_flash": True, "after_zoom": 1.3}),
    _example("comparable_pair", "Abdominoplasty: before and three months after, same room, same camera "
             "settings. By Dr Aino Esimerkki. Sources: the unit's outcome audit. No sponsors. Updated May "
             "2024.", "", "ready", patient_material=True, patient_age=51, image_type="external",
             **VALID_CONSENT, **SIGNED, **{**PAIR, "after_lighting": 0.2, "after_angle": 3.0}),
    _example("undisclosed_interest", "The only dressing I use on skin grafts: FictaSeal. Try it! By Dr "
             "Aino Esimerkki. Sources: the maker's brochure. Updated May 2024.", "missing_disclosure:fix",
             "revise", patient_material=False, authorship=True, attribution=True, currency=True,
             conflict_of_interest=True),
    _example("closed_group", "For the hand surgeons' group: what would you do next with this wrist "
             "X-ray? By Dr Aino Esimerkki. No sponsors.",
             "consent_obtain_further_consent:fix;missing_attribution:advise;missing_currency:advise",
             "revise", patient_material=True, patient_age=45, capacity="has", authority="self",
             consent="verbal", consent_by="patient", use="closed_group", image_type="internal",
             authorship=True, disclosure=True),
    _example("stricter_policy", "A healed burn graft at one year. Photo attached. By Dr Aino Esimerkki. "
             "Sources: the unit's burn guide. No sponsors. Updated May 2024.", "consent_do_not_post:stop",
             "do_not_post", patient_material=True, photo="wound_check", patient_age=36,
             image_type="external", **VALID_CONSENT, hospital_forbids_posting=True, **SIGNED),
    _example("tattoo_and_view", "Forearm dressing at the harbour clinic. Photo attached. By Dr Aino "
             "Esimerkki. Sources: the unit's wound-care guide. No sponsors. Updated May 2024.",
             "context_details:fix;individual_mark:fix;photo_metadata:fix", "revise",
             patient_material=True, photo="harbour_clinic", patient_age=30, image_type="external",
             **VALID_CONSENT, **SIGNED),
)

# --- Generated draft posts ------------------------------------------------------------------------
NON_PATIENT = (
    "Suturing on a silicone training pad: the vertical mattress suture in 90 seconds.",
    "How we teach knot tying to new residents, with a practice board and two instruments.",
    "A drawing of the layers of the skin, and why the depth of a burn decides its treatment.",
    "What happens at a first plastic surgery consultation, and what to ask your surgeon.",
    "New study from our group on scar massage after hand surgery: what it does and does not show.",
)
CLOSERS = ("Teaching point: check the circulation afterwards.", "What would you have done?",
           "Questions welcome below.", "#plasticsurgery #meded")
SIGNATURE = "By Dr Aino Esimerkki, plastic surgery resident."
SOURCE_LINE = "Sources: the unit's treatment guide."
DISCLOSURE_LINE = "No sponsors."
INTEREST_LINE = "Disclosure: I receive speaker fees from the maker of FictaSeal."
CURRENCY_LINE = "Updated May 2024."


def _pick(rng: np.random.Generator, options: tuple | list, weights: tuple | None = None) -> object:
    """One of `options`, drawn with `weights` (default: equal)."""
    p = None if weights is None else np.array(weights) / sum(weights)
    return options[int(rng.choice(len(options), p=p))]


def _chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def _consent_facts(rng: np.random.Generator, age: int) -> dict[str, object]:
    """Consent facts for a social media post about a patient of this age, consistent by construction."""
    child = age < CHILD_AGE_LIMIT
    if age < 12:
        capacity = "lacks"
    else:
        capacity = _pick(rng, ("has", "temporarily_lacks", "lacks"), (50, 15, 35) if child else (75, 12, 13))
    if child:
        authority = _pick(rng, ("parent", "guardian", "none"), (85, 10, 5))
    else:
        authority = _pick(rng, ("guardian", "none")) if capacity == "lacks" else "self"
    level = _pick(rng, ("none", "verbal", "written_general", "written_social_media"), (10, 20, 20, 50))
    proxy = {"parent": "parent", "guardian": "guardian"}.get(authority, "relative")
    expected = proxy if capacity == "lacks" else "patient"
    others = [g for g in ("patient", "parent", "guardian", "relative") if g != expected and (child or g in
              ("patient", "relative"))]
    by = "nobody" if level == "none" else expected if _chance(rng, 0.85) else _pick(rng, others)
    return {
        "patient_age": age, "capacity": capacity, "authority": authority, "consent": level, "consent_by": by,
        "use": _pick(rng, ("closed_group", "public_social_media"), (3, 7)),
        "asked_day_of_surgery": level != "none" and capacity != "temporarily_lacks" and _chance(rng, 0.2),
        "child_objects": child and capacity != "temporarily_lacks" and _chance(rng, 0.12),
        "withdrawal_requested": _chance(rng, 0.05), "hospital_forbids_posting": _chance(rng, 0.07),
    }


def _after_setup(rng: np.random.Generator) -> dict[str, object]:
    """The after shot: the standard set-up with none to three changes, some within the tolerances."""
    after = dict(STANDARD_SETUP)
    for parameter in rng.permutation(PHOTO_PARAMETERS)[: int(_pick(rng, (0, 1, 1, 2, 3)))]:
        sign = 1 if _chance(rng, 0.5) else -1
        if parameter == "lighting":
            after["lighting"] = sign * float(_pick(rng, (0.2, 0.5, 1.0)))
        elif parameter == "zoom":
            after["zoom"] = 1 + sign * float(_pick(rng, (0.04, 0.2, 0.4)))
        elif parameter == "angle":
            after["angle"] = sign * float(_pick(rng, (4.0, 15.0, 30.0)))
        elif parameter == "flash":
            after["flash"] = True
        elif parameter == "background":
            after["background"] = _pick(rng, BACKGROUNDS[1:])
        else:
            after["clothing"] = _pick(rng, CLOTHING[1:])
    return after


def _revealed(rng: np.random.Generator, person: pd.Series) -> dict[str, object]:
    """Which of the person's details the draft reveals."""
    chances = {"age": 0.6, "sex": 0.7, "municipality": 0.5, "condition": 0.6, "occupation": 0.5}
    facts = {key: (int(person[key]) if key == "age" else person[key]) for key, p in chances.items()
             if person[key] not in ("none", "other") and _chance(rng, p)}
    if _chance(rng, 0.2):
        facts["date"] = _pick(rng, DATES)
    if _chance(rng, 0.2):
        facts["time_of_day"] = _pick(rng, TIMES)
    if _chance(rng, 0.25):
        facts["hospital"] = HOSPITALS[person["district"]]
    if _chance(rng, 0.15):
        facts["mark"] = _pick(rng, MARKS)
    return facts


def _patient_text(facts: dict[str, object]) -> str:
    """The case part of a draft, saying exactly what its facts reveal."""
    noun = {"female": "woman", "male": "man"}.get(facts.get("sex"), "patient")
    if "age" in facts:
        noun = f"{facts['age']}-year-old {noun}"
    if "municipality" in facts:
        noun += f" from {facts['municipality']}"
    if "occupation" in facts:
        noun += f" who works as a {facts['occupation']}"
    when = "".join(f" {facts[k]}" for k in ("date", "time_of_day") if k in facts)
    what = CONDITION_PHRASES.get(facts.get("condition"), "for a wound repair")
    at = f" at {facts['hospital']}" if "hospital" in facts else ""
    text = f"Case post: a {noun} came in{when} {what}{at}."
    if "mark" in facts:
        text += f" The patient has {facts['mark']}."
    image = {"external": "Photo of the wound", "face": "Photo of the face",
             "internal": "Intra-operative image"}
    if facts.get("photo"):
        text += f" Photo attached ({facts['photo']}.jpg)."
    else:
        text += f" {image[facts['image_type']]} attached."
    if facts.get("before_after"):
        text += " Before-and-after photos attached."
    return text


def _sign_off(facts: dict[str, object]) -> str:
    """The lines by which a draft meets (or misses) the JAMA benchmarks."""
    lines = [SIGNATURE if facts["authorship"] else "", SOURCE_LINE if facts["attribution"] else ""]
    if facts["disclosure"]:
        lines.append(INTEREST_LINE if facts["conflict_of_interest"] else DISCLOSURE_LINE)
    elif facts["conflict_of_interest"]:
        lines.append("Made with FictaSeal dressings.")
    lines.append(CURRENCY_LINE if facts["currency"] else "")
    return " ".join(line for line in lines if line)


def _random_draft(rng: np.random.Generator, population: pd.DataFrame) -> dict[str, object]:
    """One random draft post's facts and text."""
    facts: dict[str, object] = {"patient_material": _chance(rng, 0.8)}
    if facts["patient_material"]:
        person = population.iloc[int(rng.integers(len(population)))]
        facts.update(_revealed(rng, person))
        if _chance(rng, 0.5):
            facts.update(photo=_pick(rng, [scene.name for scene in SCENES]), image_type="external")
        else:
            facts["image_type"] = _pick(rng, ("external", "face", "internal"), (2, 1, 1))
        facts.update(_consent_facts(rng, int(person["age"])))
        if facts["image_type"] != "internal" and _chance(rng, 0.3):
            after = _after_setup(rng)
            facts.update(before_after=True, **{f"before_{p}": v for p, v in STANDARD_SETUP.items()},
                         **{f"after_{p}": v for p, v in after.items()})
        body = _patient_text(facts)
    else:
        body = str(_pick(rng, NON_PATIENT))
    facts.update({b: _chance(rng, 0.6) for b in ("authorship", "attribution", "disclosure", "currency")})
    facts["conflict_of_interest"] = _chance(rng, 0.2)
    facts["text"] = f"{body} {_pick(rng, CLOSERS)} {_sign_off(facts)}".strip()
    return facts


def _with_expected(facts: dict[str, object], population: pd.DataFrame) -> dict[str, object]:
    """The facts with the audit's findings and verdict."""
    result = audit(DraftPost.from_mapping({"draft_id": "", **facts}), population)
    return {**facts, "expected_findings": expected_findings(result) or None,
            "expected_verdict": result.verdict.value}


def _checked_examples(population: pd.DataFrame) -> list[dict[str, object]]:
    """The hand-written drafts, after checking the audit gives the findings the expert wrote."""
    for number, example in enumerate(EXAMPLES, start=1):
        facts = {k: v for k, v in example.items() if not k.startswith("expected")}
        got = _with_expected(facts, population)
        wrote = (example["expected_findings"], example["expected_verdict"])
        if (got["expected_findings"], got["expected_verdict"]) != wrote:
            raise ValueError(f"example {number} ({example['example']}): the expert wrote {wrote}, the audit "
                             f"gives {(got['expected_findings'], got['expected_verdict'])}")
    return list(EXAMPLES)


def _table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows as a frame with the schema's columns, ids and defaults for facts a row leaves out."""
    frame = pd.DataFrame(rows).reindex(columns=DRAFT_POSTS_SCHEMA.names)
    flags = [c.name for c in DRAFT_POSTS_SCHEMA.columns if c.kind == "bool" and not c.nullable]
    frame[flags] = frame[flags].astype("boolean").fillna(False).astype(bool)
    for column in ("age", "patient_age"):
        frame[column] = frame[column].astype("Int64")
    frame["draft_id"] = [f"D{i:02d}" for i in range(1, len(frame) + 1)]
    return frame


def generate_draft_posts(seed: int = SEED, count: int = GENERATED, examples: bool = True,
                         population: pd.DataFrame | None = None) -> pd.DataFrame:
    """Drafts with their expected findings: the hand-written examples (optional), then `count` random ones."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"count should be a whole number of drafts, 0 or more, not {count!r}")
    if population is None:
        population = load_population()
    rng = np.random.default_rng(seed)
    rows = _checked_examples(population) if examples else []
    rows += [_with_expected(_random_draft(rng, population), population) for _ in range(count)]
    return _table(rows)


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def write(target: Path) -> list[Path]:
    """Write target/professionalism/rule_matrix.csv and draft_posts.csv."""
    drafts = generate_draft_posts(population=generate_population())
    return [write_text(Path(target) / RULE_MATRIX_SCHEMA.filename, _csv(generate_rule_matrix())),
            write_text(Path(target) / DRAFT_POSTS_SCHEMA.filename, _csv(drafts))]

"""The pre-posting checklist: run the identification, consent and accuracy checks on a draft post.

A `DraftPost` holds what a draft reveals about a patient, the consent facts, and what the course
needs to judge its accuracy (the JAMA benchmarks, a conflict of interest, the set-ups of a
before/after pair). `audit(draft, population)` combines the course's earlier modules, without
repeating their logic:

- identification: `medsome.privacy` counts the people a post's details match (Module 2), and
  `medsome.metadata` reads what an attached photo's file gives away;
- consent: `medsome.consent.decide` (Module 3);
- accuracy: `medsome.appraisal.jama_benchmarks` and `medsome.comparability` (Module 4).

Each finding names its check, a severity (stop, fix, advise) and explains itself in plain words,
with the sources it rests on and, where there is one, the rule of the guideline matrix
(`medsome.guidelines`). The audit returns a verdict, so the Module 5 assignment never calls it:
there learners audit drafts and decide themselves (DESIGN.md principle 3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache
from typing import Any

import pandas as pd

from medsome import privacy
from medsome.appraisal import JAMA_BENCHMARKS, jama_benchmarks
from medsome.comparability import PHOTO_PARAMETERS, check_setup, comparability_problems
from medsome.consent import CONSENT_FLAGS, SOCIAL_USES, Case, Outcome, decide
from medsome.data import photo_path
from medsome.errors import MissingFields
from medsome.metadata import metadata_identifiers
from medsome.privacy import (
    LINKABLE,
    candidate_count,
    generalise_age,
    generalise_place,
    identifies,
    is_missing,
)
from medsome.world import SCENES

CONTEXT = ("date", "time_of_day", "hospital")
CONSENT_FACTS = ("patient_age", "capacity", "authority", "consent", "consent_by", "use", "image_type")
ACCURACY_FLAGS = (*JAMA_BENCHMARKS, "conflict_of_interest")
PHOTO_NAMES = tuple(scene.name for scene in SCENES)
# What each kind of identifier drawn into a course photo counts as.
VISIBLE_KINDS = {"wall clock": "context_details", "window view": "context_details",
                 "tattoo": "individual_mark", "birthmark": "individual_mark",
                 "wristband": "name_or_record_number"}


class Check(StrEnum):
    """The three checks of the pre-posting audit."""

    IDENTIFICATION = "identification"
    CONSENT = "consent"
    ACCURACY = "accuracy"


class Severity(StrEnum):
    """How serious a finding is, from worst to mildest."""

    STOP = "stop"
    FIX = "fix"
    ADVISE = "advise"

    @property
    def label(self) -> str:
        """The severity in words."""
        return {"stop": "Do not post", "fix": "Fix before posting", "advise": "Worth improving"}[self.value]


class Verdict(StrEnum):
    """The audit's overall answer for a draft."""

    DO_NOT_POST = "do_not_post"
    REVISE = "revise"
    READY = "ready"

    @property
    def label(self) -> str:
        """The verdict in words."""
        return {"do_not_post": "Do not post this", "revise": "Revise before posting",
                "ready": "Ready to post"}[self.value]


IDENTIFICATION_CODES = ("small_candidate_pool", "context_details", "individual_mark", "name_or_record_number",
                        "face_shown", "photo_metadata")
CONSENT_CODES = tuple(f"consent_{o.value}" for o in Outcome if o is not Outcome.POST)
ACCURACY_CODES = ("photos_not_comparable", *(f"missing_{b}" for b in JAMA_BENCHMARKS))
FINDING_CODES = IDENTIFICATION_CODES + CONSENT_CODES + ACCURACY_CODES


@dataclass(frozen=True)
class Finding:
    """One problem the audit found: its check, code, severity, explanation and sources."""

    check: Check
    code: str
    severity: Severity
    explanation: str
    sources: str
    rule: str | None = None  # the rule id of medsome.guidelines it applies, if any

    def __str__(self) -> str:
        return f"[{self.check.value} · {self.severity.label}] {self.explanation} (Sources: {self.sources})"


# --- Sources --------------------------------------------------------------------------------------
CONTEXT_SOURCES = ("HIPAA Safe Harbor, 45 CFR §164.514(b)(2): every date element except the year is an "
                   "identifier; the environment and the time of day can identify a patient (Koljonen, BJS "
                   "Academy); the doctor's workplace, the date and the story identify patients (Myllymäki)")
MARK_SOURCES = ("HIPAA Safe Harbor identifier 18: any unique characteristic, such as a tattoo, birthmark or "
                "amputation stump; 'apparently insignificant details' can identify a patient (GMC recordings "
                "guidance para 17); Koljonen, BJS Academy")
NAME_SOURCES = "HIPAA Safe Harbor identifiers 1 (names) and 8 (medical record numbers)"
FACE_SOURCES = ("HIPAA Safe Harbor identifier 17: full-face photographs; eye bars do not anonymise (ICMJE); "
                "recognition was 69% even with an eye bar (Ir Med J 2010)")
METADATA_SOURCES = ("phone photos embed GPS position, time and device as EXIF (AusCERT 2018); in Helsinki a "
                    "patient found their own ECG in a teaching database through metadata left in it "
                    "(Lehtonen, Potilaan Lääkärilehti); scrub metadata (Oregi et al. 2024)")
COMPARABLE_SOURCES = ("ASPS/PSF Photographic Standards in Plastic Surgery (2006); mean adherence of surgeon "
                      "websites was 66.3% (Sanniec et al. 2016); same-day 'after' photos with only the "
                      "technique changed were rated improved in 45% of surgeons' ratings (Aesthetic Plast "
                      "Surg 2013); the ASPS Code of Ethics bans misleading images [P]")
JAMA_SOURCES = "JAMA benchmarks (Silberg, Lundberg & Musacchio, JAMA 1997) [P]; HONcode principles"
INTEREST_SOURCES = ("declare conflicts of interest: BMA; FSMB Model Policy Guidelines (2012); WMA 2011 [P]; "
                    "7 of 19 brand-naming US endoscopy tweets came from physicians paid by the manufacturer, "
                    "and none disclosed it (Walradt et al. 2021)")
JAMA_RULES = {"authorship": "give_your_name", "attribution": "factual_information",
              "disclosure": "declare_interests", "currency": "factual_information"}


# --- The draft post -----------------------------------------------------------------------------
def _plain(value: object) -> object:
    """numpy and pandas scalars as plain Python values; missing ones as None."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _whole(value: object, name: str) -> int | None:
    """A whole number of years, or None; a clear TypeError otherwise."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} should be a whole number of years or None, not {value!r}")
    return value


@dataclass(frozen=True)
class DraftPost:
    """A draft post: what it reveals, the consent facts, and what bears on its accuracy.

    Details left as None are not revealed. Drafts that show or describe no real patient
    (`patient_material=False`: an education model, a drawing, general information) reveal no
    patient details and need no consent facts.
    """

    draft_id: str
    text: str
    patient_material: bool
    age: int | None = None
    sex: str | None = None
    municipality: str | None = None
    condition: str | None = None
    occupation: str | None = None
    date: str | None = None
    time_of_day: str | None = None
    hospital: str | None = None
    mark: str | None = None
    photo: str | None = None
    patient_age: int | None = None
    capacity: str | None = None
    authority: str | None = None
    consent: str | None = None
    consent_by: str | None = None
    use: str | None = None
    image_type: str | None = None
    child_objects: bool = False
    asked_day_of_surgery: bool = False
    withdrawal_requested: bool = False
    hospital_forbids_posting: bool = False
    authorship: bool = False
    attribution: bool = False
    disclosure: bool = False
    currency: bool = False
    conflict_of_interest: bool = False
    before: Mapping[str, Any] | None = field(default=None, hash=False)
    after: Mapping[str, Any] | None = field(default=None, hash=False)

    def __post_init__(self) -> None:
        for name in ("draft_id", "text"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} should be text, not {type(getattr(self, name)).__name__}")
        for name in ("patient_material", *CONSENT_FLAGS, *ACCURACY_FLAGS):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} should be True or False, not {getattr(self, name)!r}")
        object.__setattr__(self, "age", _whole(self.age, "age"))
        object.__setattr__(self, "patient_age", _whole(self.patient_age, "patient_age"))
        if self.photo is not None and self.photo not in PHOTO_NAMES:
            raise ValueError(f"photo should be one of the course's photos ({', '.join(PHOTO_NAMES)}) or "
                             f"None, not {self.photo!r}")
        self._check_patient_parts()
        self._check_photo_pair()

    def _check_patient_parts(self) -> None:
        """Patient drafts need every consent fact; other drafts reveal nothing about a patient."""
        patient_fields = (*LINKABLE, *CONTEXT, "mark", "photo", *CONSENT_FACTS)
        revealed = [n for n in patient_fields if getattr(self, n) is not None]
        if not self.patient_material:
            flags = [n for n in CONSENT_FLAGS if getattr(self, n)]
            if revealed or flags:
                raise ValueError(f"draft {self.draft_id} shows no patient (patient_material=False) but "
                                 f"gives {', '.join(revealed + flags)}: leave them unset, or set "
                                 "patient_material=True")
            return
        missing = [n for n in CONSENT_FACTS if getattr(self, n) is None]
        if missing:
            raise ValueError(f"draft {self.draft_id} shows a patient, so it needs the consent fact(s) "
                             f"{', '.join(missing)}")
        if self.use not in SOCIAL_USES:
            raise ValueError(f"draft {self.draft_id}: use should be one of {', '.join(SOCIAL_USES)} (a draft "
                             f"post is for social media), not {self.use!r}")
        if self.photo is not None and self.image_type != "external":
            raise ValueError(f"draft {self.draft_id}: the course's photos show a limb, so image_type is "
                             f"'external' when a photo is attached, not {self.image_type!r}")
        self.consent_case(identifies=True)  # Case checks the facts hang together

    def _check_photo_pair(self) -> None:
        """A before/after pair has both set-ups, each valid (medsome.comparability)."""
        if (self.before is None) != (self.after is None):
            raise ValueError(f"draft {self.draft_id}: give both the before and the after set-up, or neither")
        if self.before is not None:
            object.__setattr__(self, "before", check_setup(self.before, "before"))
            object.__setattr__(self, "after", check_setup(self.after, "after"))

    @property
    def revealed(self) -> dict[str, object]:
        """The linkable details the draft reveals (those the population table can match)."""
        return {name: getattr(self, name) for name in LINKABLE if getattr(self, name) is not None}

    def consent_case(self, identifies: bool) -> Case | None:
        """The consent facts as a Module 3 Case, or None when the draft shows no patient."""
        if not self.patient_material:
            return None
        return Case(age=self.patient_age, capacity=self.capacity, authority=self.authority,
                    consent=self.consent, consent_by=self.consent_by, use=self.use,
                    image_type=self.image_type, identifies=identifies or self.image_type == "face",
                    **{flag: getattr(self, flag) for flag in CONSENT_FLAGS})

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> DraftPost:
        """A draft from a dict or a row of the draft-post table (before_<parameter> columns etc.)."""
        if not isinstance(row, Mapping) and not hasattr(row, "keys"):
            raise TypeError(f"from_mapping needs a dict or a data-frame row, not {type(row).__name__}")
        names = [f.name for f in fields(cls) if f.name not in ("before", "after")]
        required = ("draft_id", "text", "patient_material")
        keys = set(row.keys())
        missing = [n for n in required if n not in keys]
        if missing:
            raise MissingFields(f"a draft post needs the field(s) {', '.join(missing)}: add them (draft_id "
                                "and text as text, patient_material as True or False)")
        values = {n: _plain(row[n]) for n in names if n in keys}
        for name in (*CONSENT_FLAGS, *ACCURACY_FLAGS):
            values[name] = bool(values.get(name) or False)
        if _plain(row.get("before_after", False)):
            for side in ("before", "after"):
                values[side] = {p: _plain(row[f"{side}_{p}"]) for p in PHOTO_PARAMETERS}
        return cls(**values)


# --- The checks ------------------------------------------------------------------------------------
def _details_in_words(details: Mapping[str, object]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in details.items())


@cache
def _photo_metadata(name: str) -> tuple[str, ...]:
    """What the course photo's file metadata gives away (read with medsome.metadata)."""
    return tuple(metadata_identifiers(photo_path(name)))


def _visible(name: str) -> tuple[str, ...]:
    """The identifiers drawn into the course photo."""
    return next(scene.visible_identifiers for scene in SCENES if scene.name == name)


def _pool_sources() -> str:
    """The sources of the small-pool finding, with the course's threshold."""
    return ("k-anonymity: every released record should match at least k-1 others (Sweeney 2002); the sum of "
            "individually harmless details can identify a patient (GMC 2024 para 19); the course flags fewer "
            f"than {privacy.K_THRESHOLD} matches, as in Module 2")


def _pool_finding(draft: DraftPost, population: pd.DataFrame) -> Finding | None:
    """Too few people match the linkable details: say how many, and what generalising gives."""
    details = draft.revealed
    if not details:
        return None
    count = candidate_count(population, details)
    if not identifies(count):
        return None
    wider = dict(details)
    if "age" in wider:
        wider["age"] = generalise_age(draft.age, 10)
    if "municipality" in wider:
        wider["district"] = generalise_place(population, wider.pop("municipality"))
    people = "1 person matches" if count == 1 else f"{count} people match"
    text = (f"Only {people} what the post reveals ({_details_in_words(details)}) in the region's population: "
            f"fewer than {privacy.K_THRESHOLD}, so the patient or someone close to them could recognise the "
            "case.")
    if wider != details:
        text += (f" Generalised ({_details_in_words(wider)}), {candidate_count(population, wider):,} would "
                 "match; drop a rare condition or occupation if that is still too few.")
    else:
        text += " Leave out a detail, such as a rare condition or occupation."
    return Finding(Check.IDENTIFICATION, "small_candidate_pool", Severity.FIX, text, _pool_sources(),
                   "no_identifiable_data")


def identification_findings(draft: DraftPost, population: pd.DataFrame) -> list[Finding]:
    """What in the draft, its photo and the photo's file could identify the patient."""
    if not isinstance(draft, DraftPost):
        raise TypeError(f"identification_findings needs a DraftPost, not {type(draft).__name__}")
    if not draft.patient_material:
        return []
    found: dict[str, list[str]] = {code: [] for code in IDENTIFICATION_CODES}
    found["context_details"] += [f"the {n.replace('_', ' ')} ({getattr(draft, n)})" for n in CONTEXT
                                 if getattr(draft, n) is not None]
    if draft.mark is not None:
        found["individual_mark"].append(f"the text describes {draft.mark}")
    if draft.photo is not None:
        for label in _visible(draft.photo):
            found[VISIBLE_KINDS[label.split(" (")[0]]].append(f"the photo shows a {label}")
        found["photo_metadata"] += list(_photo_metadata(draft.photo))
    findings = [f for f in [_pool_finding(draft, population)] if f is not None]
    words = {
        "context_details": ("The draft gives away when or where: {}. The population table cannot count "
                            "these, but each narrows the circle of people it could be.", CONTEXT_SOURCES),
        "individual_mark": ("Individual marks identify a person: {}. Crop or leave them out.", MARK_SOURCES),
        "name_or_record_number": ("A name or record number can be read: {}. Crop it, or retake the photo.",
                                  NAME_SOURCES),
        "photo_metadata": ("The photo's file carries metadata that gives away: {}. Strip it before posting "
                           "(Module 2), and check the copy.", METADATA_SOURCES),
    }
    for code in IDENTIFICATION_CODES:
        if code in words and found[code]:
            template, sources = words[code]
            findings.append(Finding(Check.IDENTIFICATION, code, Severity.FIX,
                                    template.format("; ".join(found[code])), sources, "no_identifiable_data"))
        elif code == "face_shown" and draft.image_type == "face":
            findings.append(Finding(Check.IDENTIFICATION, code, Severity.FIX, "The image shows the face, "
                                    "which identifies the patient whatever is masked: crop to what teaches, "
                                    "or post it only with consent that covers an identifiable image.",
                                    FACE_SOURCES, "no_identifiable_data"))
    return sorted(findings, key=lambda f: IDENTIFICATION_CODES.index(f.code))


CONSENT_SEVERITY = {Outcome.DO_NOT_POST: Severity.STOP, Outcome.OBTAIN_FURTHER_CONSENT: Severity.FIX,
                    Outcome.WAIT: Severity.FIX}


def consent_findings(draft: DraftPost, identifiable: bool = True) -> list[Finding]:
    """The Module 3 consent decision for the draft, as a finding unless it is 'post'."""
    if not isinstance(draft, DraftPost):
        raise TypeError(f"consent_findings needs a DraftPost, not {type(draft).__name__}")
    case = draft.consent_case(identifiable)
    if case is None:
        return []
    decision = decide(case)
    if decision.decision is Outcome.POST:
        return []
    reason = decision.reasons[-1]
    mark = " This is the course's own teaching rule." if reason.course_rule else ""
    text = f"{decision.decision.label}. {reason.finding}{mark}"
    return [Finding(Check.CONSENT, f"consent_{decision.decision.value}", CONSENT_SEVERITY[decision.decision],
                    text, reason.clause)]


def accuracy_findings(draft: DraftPost) -> list[Finding]:
    """Before/after photos that are not comparable, and the JAMA benchmarks the draft misses."""
    if not isinstance(draft, DraftPost):
        raise TypeError(f"accuracy_findings needs a DraftPost, not {type(draft).__name__}")
    findings = []
    if draft.before is not None:
        problems = comparability_problems(draft.before, draft.after)
        if problems:
            text = ("The before and after photos were not taken the same way, so they do not show the result "
                    "of surgery alone: " + "; ".join(problems) + ".")
            findings.append(Finding(Check.ACCURACY, "photos_not_comparable", Severity.FIX, text,
                                    COMPARABLE_SOURCES, "factual_information"))
    result = jama_benchmarks({b: getattr(draft, b) for b in JAMA_BENCHMARKS})
    for benchmark, explanation in zip(result.missing, result.explanations, strict=True):
        severity, sources = Severity.ADVISE, JAMA_SOURCES
        text = f"The post misses the JAMA benchmark {explanation}."
        if benchmark == "disclosure" and draft.conflict_of_interest:
            severity, sources = Severity.FIX, f"{JAMA_SOURCES}; {INTEREST_SOURCES}"
            text += " You have a commercial interest in what it shows: declare it in the post."
        findings.append(Finding(Check.ACCURACY, f"missing_{benchmark}", severity, text, sources,
                                JAMA_RULES[benchmark]))
    return findings


@dataclass(frozen=True)
class Audit:
    """Every finding for a draft, in check order, and the verdict they add up to."""

    draft_id: str
    findings: tuple[Finding, ...]

    @property
    def verdict(self) -> Verdict:
        """Do not post if any finding says stop; revise if any must be fixed; otherwise ready."""
        severities = {f.severity for f in self.findings}
        if Severity.STOP in severities:
            return Verdict.DO_NOT_POST
        return Verdict.REVISE if Severity.FIX in severities else Verdict.READY

    def of(self, check: Check | str) -> tuple[Finding, ...]:
        """The findings of one check."""
        check = Check(check)
        return tuple(f for f in self.findings if f.check is check)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in report order."""
        return tuple(f.code for f in self.findings)

    @property
    def tally(self) -> str:
        """The findings counted by severity, in words that agree with the verdict."""
        if not self.findings:
            return "Nothing found."
        counts = {s: sum(f.severity is s for f in self.findings) for s in Severity}
        words = {Severity.STOP: "stop the post", Severity.FIX: "must be fixed first",
                 Severity.ADVISE: "worth improving, none blocking"}
        parts = [f"{n} {words[s]}" for s, n in counts.items() if n]
        total = len(self.findings)
        return f"{total} finding{'s' if total > 1 else ''}: {', '.join(parts)}."

    def __str__(self) -> str:
        lines = [f"Draft {self.draft_id}: {self.verdict.label} ({len(self.findings)} finding(s))"]
        return "\n".join([*lines, *(f"- {finding}" for finding in self.findings)])


def audit(draft: DraftPost, population: pd.DataFrame) -> Audit:
    """Run the identification, consent and accuracy checks on a draft, in that order."""
    if not isinstance(draft, DraftPost):
        raise TypeError(f"audit needs a DraftPost, not {type(draft).__name__}; build one with DraftPost(...) "
                        "or DraftPost.from_mapping(row)")
    identification = identification_findings(draft, population)
    consent = consent_findings(draft, identifiable=bool(identification))
    return Audit(draft.draft_id, tuple(identification + consent + accuracy_findings(draft)))


def is_empty(draft: DraftPost) -> bool:
    """A draft with no text, no patient material and no photo pair: there is nothing to audit yet."""
    return not draft.text.strip() and not draft.patient_material and draft.before is None


def expected_findings(result: Audit) -> str:
    """The findings as the draft-post table stores them: 'code:severity' joined by ';'."""
    return ";".join(f"{f.code}:{f.severity.value}" for f in result.findings)

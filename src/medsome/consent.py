"""Consent to use a clinical image: the course's decision rules, each step tied to its source.

`decide(case)` walks the rules in a fixed order and stops at the first step that settles the
case. It returns the outcome (post, do not post, obtain further consent, wait) and the chain of
reasons: what each step found and the clause it rests on. Sources are those of the course's
evidence file (§1 and §3): the GMC recordings guidance, GMC 2024, IMI 2006, Teven 2017,
Bennett & Vercler 2018, HUS (Lehtonen), the Finnish Medical Association and Myllymäki. Where no
guideline text was verified (intoxication, sedation; how to answer the day-of-surgery power
differential; written consent for journals), the rule is the course's own teaching rule and its
reason says so (`course_rule=True`).

These are the lesson's reference rules: its consent navigator and the pre-posting checklist
(`medsome.checklist`) call them. The Module 3 assignment never calls this module: learners decide
its cases themselves. Where the engine can read a case, as in Question 2, the item measures
applying these rules and the blueprint counts it as a finding; the judgement items add facts the
engine cannot weigh (`tests/test_tool_answers.py` runs it on every consent case).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, Self

from medsome.errors import MissingFields

CHILD_AGE_LIMIT = 16  # GMC recordings guidance paras 34–35 speak of the "competent under-16"
MAX_AGE = 120


class _Choice(StrEnum):
    """A str enum whose members also carry a label in plain words."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Outcome(_Choice):
    """What to do with the image."""

    POST = "post", "Post"
    DO_NOT_POST = "do_not_post", "Do not post"
    OBTAIN_FURTHER_CONSENT = "obtain_further_consent", "Obtain further consent"
    WAIT = "wait", "Wait"


class Capacity(_Choice):
    """The patient's capacity for this decision, now."""

    HAS = "has", "has capacity for this decision"
    TEMPORARILY_LACKS = "temporarily_lacks", "lacks capacity for now (e.g. intoxicated or sedated)"
    LACKS = "lacks", "lacks capacity for this decision (lasting, or a child too young to decide)"


class Authority(_Choice):
    """Who holds parental or legal authority for the patient."""

    SELF = "self", "the patient (an adult)"
    PARENT = "parent", "a parent (parental responsibility)"
    GUARDIAN = "guardian", "a legal guardian or attorney"
    NONE = "none", "nobody known"


class ConsentLevel(_Choice):
    """The consent obtained, from least to most."""

    NONE = "none", "none"
    VERBAL = "verbal", "verbal"
    WRITTEN_GENERAL = "written_general", "written, general (record, teaching, journal)"
    WRITTEN_SOCIAL_MEDIA = "written_social_media", "written, naming social media"

    @property
    def rank(self) -> int:
        """Position in the order none < verbal < written general < written naming social media."""
        return list(ConsentLevel).index(self)


class ConsentBy(_Choice):
    """Who gave the consent."""

    PATIENT = "patient", "the patient"
    PARENT = "parent", "a parent"
    GUARDIAN = "guardian", "a legal guardian or attorney"
    RELATIVE = "relative", "a relative without legal authority"
    NOBODY = "nobody", "nobody"


class Use(_Choice):
    """What the image is for."""

    CARE_RECORD = "care_record", "the care record"
    INTERNAL_TEACHING = "internal_teaching", "internal teaching"
    JOURNAL = "journal", "a journal article"
    CLOSED_GROUP = "closed_group", "a 'closed' social media group"
    PUBLIC_SOCIAL_MEDIA = "public_social_media", "public social media"


class ImageType(_Choice):
    """What the image shows."""

    EXTERNAL = "external", "external (skin, limb, wound)"
    FACE = "face", "the face"
    INTERNAL = "internal", "internal or endoscopic (also laparoscopic, ultrasound, X-ray)"


SOCIAL_USES = (Use.CLOSED_GROUP, Use.PUBLIC_SOCIAL_MEDIA)  # the uses that put the image on social media
REQUIRED_CONSENT: dict[Use, ConsentLevel] = {
    Use.CARE_RECORD: ConsentLevel.VERBAL,
    Use.INTERNAL_TEACHING: ConsentLevel.VERBAL,
    Use.JOURNAL: ConsentLevel.WRITTEN_GENERAL,
    Use.CLOSED_GROUP: ConsentLevel.WRITTEN_SOCIAL_MEDIA,
    Use.PUBLIC_SOCIAL_MEDIA: ConsentLevel.WRITTEN_SOCIAL_MEDIA,
}
_ENUMS: dict[str, type[_Choice]] = {
    "capacity": Capacity, "authority": Authority, "consent": ConsentLevel, "consent_by": ConsentBy,
    "use": Use, "image_type": ImageType,
}
# The circumstances that can stop or delay a post, whatever the consent (False unless they apply).
CONSENT_FLAGS = ("child_objects", "asked_day_of_surgery", "withdrawal_requested", "hospital_forbids_posting")
_FLAGS = ("identifies", *CONSENT_FLAGS)


def _choice(kind: type[_Choice], value: object, name: str) -> _Choice:
    """`value` as a member of `kind`, or a ValueError listing the allowed values."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise ValueError(f"{name} should be one of {allowed}, not {value!r}") from None


@dataclass(frozen=True)
class Case:
    """The facts of one case that the consent rules weigh."""

    age: int
    capacity: Capacity
    authority: Authority
    consent: ConsentLevel
    consent_by: ConsentBy
    use: Use
    image_type: ImageType
    identifies: bool
    child_objects: bool = False
    asked_day_of_surgery: bool = False
    withdrawal_requested: bool = False
    hospital_forbids_posting: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.age, bool) or not isinstance(self.age, int):
            raise TypeError(f"age should be a whole number of years, not {type(self.age).__name__}")
        if not 0 <= self.age <= MAX_AGE:
            raise ValueError(f"age should be between 0 and {MAX_AGE} years, not {self.age}")
        for name, kind in _ENUMS.items():
            object.__setattr__(self, name, _choice(kind, getattr(self, name), name))
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} should be True or False, not {type(getattr(self, name)).__name__}")
        self._check_consistent()

    def _check_consistent(self) -> None:
        """Reject facts that contradict each other, saying which."""
        problems = []
        if self.image_type is ImageType.FACE and not self.identifies:
            problems.append("an image of the face always identifies the patient")
        if (self.consent is ConsentLevel.NONE) != (self.consent_by is ConsentBy.NOBODY):
            problems.append("consent_by is 'nobody' exactly when consent is 'none'")
        if self.asked_day_of_surgery and self.consent is ConsentLevel.NONE:
            problems.append("asked_day_of_surgery needs some consent to have been asked for")
        if self.child_objects and not self.is_child:
            problems.append(f"child_objects applies to patients under {CHILD_AGE_LIMIT} only")
        if self.is_child and self.authority is Authority.SELF:
            problems.append(f"a patient under {CHILD_AGE_LIMIT} has a parent or guardian as authority")
        if not self.is_child and self.authority is Authority.PARENT:
            problems.append(f"in the course's rules, parents hold no legal authority for a patient aged "
                            f"{CHILD_AGE_LIMIT} or over (a simplification for teaching: the law may differ)")
        if problems:
            raise ValueError("inconsistent case: " + "; ".join(problems))

    @property
    def is_child(self) -> bool:
        """Under CHILD_AGE_LIMIT: the GMC's children paragraphs apply."""
        return self.age < CHILD_AGE_LIMIT

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> Case:
        """A case from a dict or a data-frame row holding (at least) the fields' names."""
        missing = [f.name for f in fields(cls) if f.name not in row]
        if missing:
            raise MissingFields(f"a case needs the field(s) {', '.join(missing)}: add them, one value each "
                                "(the flags as True or False)")
        values = {f.name: row[f.name] for f in fields(cls)}
        age = values["age"]
        if not isinstance(age, bool) and hasattr(age, "__index__"):
            values["age"] = int(age)
        for name in _FLAGS:
            flag = values[name]
            if hasattr(flag, "dtype") and flag.dtype == bool:
                values[name] = bool(flag)
        return cls(**values)


@dataclass(frozen=True)
class Reason:
    """One step of the chain: what it found about the case, and the clause it rests on."""

    rule: str
    step: str
    finding: str
    clause: str
    outcome: Outcome | None = None
    course_rule: bool = False

    def __str__(self) -> str:
        mark = " [course teaching rule]" if self.course_rule else ""
        return f"{self.step}: {self.finding} ({self.clause}){mark}"


@dataclass(frozen=True)
class Decision:
    """The outcome, the rule that settled it, and the reasons of every step taken."""

    decision: Outcome
    reasons: tuple[Reason, ...]

    @property
    def rule(self) -> str:
        """The id of the rule that settled the case (its last reason's)."""
        return self.reasons[-1].rule

    def __str__(self) -> str:
        return f"{self.decision.label} (deciding rule: {self.rule})"


# --- Clauses ------------------------------------------------------------------------------------
GMC_REC = "GMC recordings guidance"
WITHDRAWAL = (f"{GMC_REC} para 25 (explain that consent can be withdrawn); IMI, Consent to Clinical "
              "Photography (2006): withdrawal is possible at any time")
CHILD_CONSENT = (f"{GMC_REC} paras 34–35: a competent under-16 may consent, with parents encouraged to "
                 "be involved; otherwise a person with parental responsibility consents. IMI (2006): a "
                 "parent or guardian signs for minors")
CHILD_OBJECTS = f"{GMC_REC} paras 34–35: stop if the child objects or is distressed"
OWN_CONSENT = (f"{GMC_REC} para 24 and paras 28–33: a patient with capacity for this decision gives "
               "their own consent")
LOCAL_POLICY = ("Stricter local policy (the course's rule: the stricter rule applies), as at HUS (Lehtonen, "
                "Potilaan Lääkärilehti): hospital photos may not go on social media even with the patient's "
                "permission")
CLOSED_GROUP = ("GMC, Using social media as a medical professional (2024) para 9: private groups can "
                "become public; Finnish Medical Association: treat everything shared as public; "
                "Myllymäki: 'closed' groups do not exist, screenshots leak")
EXEMPT = (f"{GMC_REC} paras 10 and 12: internal, endoscopic, laparoscopic, ultrasound and X-ray "
          "images need no separate consent, and may be reused once anonymised")
PUBLIC_MEDIA = (f"{GMC_REC} para 37: public media, including the internet, need consent, usually "
                "written, even if the patient is not identifiable (other than the recordings of para 10)")
INTERNAL_PUBLIC = (f"Course rule, stricter than the GMC: {GMC_REC} paras 11–12 allow anonymised internal "
                   "images to be used for secondary purposes, in the public domain included, without "
                   "consent, and para 37 excludes them; the course asks for consent before any "
                   "publication, because para 17 warns that apparently insignificant details can identify")
SECONDARY = f"{GMC_REC} para 24: a secondary use needs consent; IMI (2006) consent tiers"
CAPACITY = f"{GMC_REC} paras 28–33: assess capacity for this decision, at the time"
BEST_INTERESTS = (f"{GMC_REC} paras 28–33: without capacity, record only when necessary and beneficial, "
                  "or in the patient's best interests, with no less restrictive option; a proxy applies "
                  "the same test")
WAIT_RULE = (f"Course teaching rule (synthetic): {GMC_REC} paras 28–33 ask for capacity at the time "
             "of the decision; no GMC text on intoxication or sedation was verified, so the course "
             "waits and asks again once capacity returns")
LEVEL_CLAUSES: dict[Use, tuple[str, bool]] = {
    Use.CARE_RECORD: (f"{GMC_REC} para 24: written consent is good practice, oral consent is "
                      "acceptable; IMI (2006) tier: record", False),
    Use.INTERNAL_TEACHING: (f"{GMC_REC} para 24: written consent is good practice, oral consent is "
                            "acceptable; IMI (2006) tier: teaching", False),
    Use.JOURNAL: (f"Course rule: a journal needs written consent. IMI (2006): publication is its own "
                  f"tier; {GMC_REC} para 24: written consent is good practice", True),
    Use.CLOSED_GROUP: (f"{GMC_REC} para 37: written consent for public media; Teven, Park & Song, "
                       "PRS 2017: a separate consent for photographs on social media, because "
                       "images may never be removable", False),
}
LEVEL_CLAUSES[Use.PUBLIC_SOCIAL_MEDIA] = LEVEL_CLAUSES[Use.CLOSED_GROUP]
POWER = ("Course rule, after Bennett & Vercler, AMA J Ethics 2018: consent must reflect the context "
         "of use and the power differential (their case asks on the day of surgery); the course "
         "asks again, away from the operation. A cautious choice: asking on the day of surgery is "
         "routine practice for many consents, and no guideline the course cites forbids it")
VALID = (f"{GMC_REC} paras 24–25: consent for this purpose, with its purpose explained, stored with "
         "the recording")

# --- Steps --------------------------------------------------------------------------------------
Step = Callable[[Case], Reason | None]


def _withdrawal(case: Case) -> Reason:
    """Step 1: a withdrawal of consent stops every use."""
    if case.withdrawal_requested:
        return Reason("withdrawal", "Withdrawal", "The patient has asked to withdraw consent: the image "
                      "is not used, whatever was agreed before.", WITHDRAWAL, Outcome.DO_NOT_POST)
    return Reason("withdrawal", "Withdrawal", "Nobody has asked to withdraw consent.", WITHDRAWAL)


def _child_objection(case: Case) -> Reason | None:
    """Step 2: a child's objection or distress stops it, whoever signed."""
    if not case.is_child:
        return None
    if case.child_objects:
        return Reason("child_objection", "The child's view", "The child objects or is distressed: that "
                      "stops it, even when a parent has agreed.", CHILD_OBJECTS, Outcome.DO_NOT_POST)
    return Reason("child_objection", "The child's view", "The child does not object.", CHILD_OBJECTS)


def _local_policy(case: Case) -> Reason | None:
    """Step 3: a hospital that forbids social media posting, even with consent, wins."""
    if not case.hospital_forbids_posting:
        return None
    if case.use in SOCIAL_USES:
        return Reason("local_policy", "Local policy", "The hospital forbids posting patient images on "
                      "social media, with or without consent; the stricter rule applies.",
                      LOCAL_POLICY, Outcome.DO_NOT_POST)
    return Reason("local_policy", "Local policy", f"The hospital's ban concerns social media, not "
                  f"{case.use.label}.", LOCAL_POLICY)


def _audience(case: Case) -> Reason | None:
    """A finding only: a 'closed' group counts as public social media."""
    if case.use is not Use.CLOSED_GROUP:
        return None
    return Reason("closed_group", "Audience", "A 'closed' group is treated as public social media: "
                  "members can screenshot and share, and groups do not stay closed.", CLOSED_GROUP)


def _consent_needed(case: Case) -> Reason:
    """Step 4: anonymous internal images need no consent for care or teaching; all else does."""
    step = "Need for consent"
    if case.image_type is ImageType.INTERNAL and not case.identifies:
        if case.use in (Use.CARE_RECORD, Use.INTERNAL_TEACHING):
            return Reason("internal_anonymous", step, f"An internal image that does not identify the "
                          f"patient may be used for {case.use.label} without separate consent.",
                          EXEMPT, Outcome.POST)
        return Reason("internal_anonymous", step, f"The image is internal and anonymous. The GMC would "
                      f"allow it for {case.use.label} without consent; the course's own rule asks for "
                      "consent before any publication.", INTERNAL_PUBLIC, course_rule=True)
    if case.image_type is ImageType.INTERNAL:
        return Reason("internal_anonymous", step, "The internal image shows something that identifies "
                      "the patient, so it is not exempt: consent is needed.", EXEMPT)
    shows = "the face" if case.image_type is ImageType.FACE else "the body's surface"
    return Reason("internal_anonymous", step, f"An image of {shows} needs consent for {case.use.label}.",
                  SECONDARY)


def _capacity(case: Case) -> Reason:
    """Step 5: who can decide now; without capacity, the care record only, or wait."""
    if case.capacity is Capacity.HAS:
        who = ("A competent minor: the young person consents for themselves (parents encouraged to be "
               "involved)." if case.is_child else "The patient has capacity for this decision and "
               "decides for themselves.")
        return Reason("capacity", "Capacity", who, CHILD_CONSENT if case.is_child else CAPACITY)
    if case.capacity is Capacity.LACKS and case.is_child:
        return Reason("capacity", "Capacity", "The child cannot yet make this decision: the person with "
                      "parental responsibility consents.", CHILD_CONSENT)
    if case.use is Use.CARE_RECORD:
        return Reason("best_interests_record", "Capacity", "The patient cannot decide now, but a record "
                      "of their care is necessary and beneficial to it.", BEST_INTERESTS,
                      Outcome.POST)
    if case.capacity is Capacity.TEMPORARILY_LACKS:
        return Reason("wait_for_capacity", "Capacity", "The patient cannot decide now, so consent given "
                      "in this state does not count; capacity will return: wait, and ask them then.",
                      WAIT_RULE, Outcome.WAIT, course_rule=True)
    return Reason("lasting_incapacity", "Capacity", "The patient cannot make this decision and will "
                  f"not be able to; using the image for {case.use.label} is not necessary for their care, "
                  "so, in the course's reading of the best-interests test, nobody, a proxy included, "
                  "can consent to it for them.",
                  BEST_INTERESTS, Outcome.DO_NOT_POST)


def _consent_level(case: Case) -> Reason:
    """Step 6: the consent obtained must reach the level this use needs."""
    required = REQUIRED_CONSENT[case.use]
    clause, course_rule = LEVEL_CLAUSES[case.use]
    if case.consent is ConsentLevel.NONE:
        finding = f"No consent was obtained; {case.use.label} needs {required.label} consent."
    elif case.consent.rank < required.rank:
        finding = (f"The consent obtained ({case.consent.label}) does not cover {case.use.label}, "
                   f"which needs {required.label} consent.")
    else:
        return Reason("consent_level", "Consent for this purpose", f"The consent obtained "
                      f"({case.consent.label}) covers {case.use.label}.", clause, course_rule=course_rule)
    return Reason("consent_level", "Consent for this purpose", finding, clause,
                  Outcome.OBTAIN_FURTHER_CONSENT, course_rule)


def _expected_consenter(case: Case) -> ConsentBy | None:
    """Who may consent: the patient with capacity, else the holder of parental responsibility."""
    if case.capacity is Capacity.HAS:
        return ConsentBy.PATIENT
    return {Authority.PARENT: ConsentBy.PARENT, Authority.GUARDIAN: ConsentBy.GUARDIAN}.get(case.authority)


def _consenter(case: Case) -> Reason:
    """Step 7: the consent must come from the person who may give it."""
    expected = _expected_consenter(case)
    clause = CHILD_CONSENT if case.is_child else OWN_CONSENT
    if expected is None:
        return Reason("wrong_consenter", "Who consented", "Nobody with parental responsibility is known: "
                      "find who holds it and ask them.", clause, Outcome.OBTAIN_FURTHER_CONSENT)
    if case.consent_by is not expected:
        return Reason("wrong_consenter", "Who consented", f"Consent came from {case.consent_by.label}, "
                      f"but only {expected.label} can give it.", clause, Outcome.OBTAIN_FURTHER_CONSENT)
    return Reason("wrong_consenter", "Who consented", f"Consent came from {expected.label}, who may "
                  "give it.", clause)


def _timing(case: Case) -> Reason | None:
    """Step 8: consent to social media asked on the day of surgery does not count."""
    if not case.asked_day_of_surgery:
        return None
    if case.use in SOCIAL_USES:
        return Reason("power_differential", "When it was asked", "Consent to social media was asked on "
                      "the day of surgery, when the patient may find it hard to refuse their surgeon: the "
                      "course asks again at a calmer time.", POWER, Outcome.OBTAIN_FURTHER_CONSENT,
                      course_rule=True)
    return Reason("power_differential", "When it was asked", f"Consent was asked on the day of surgery; "
                  f"for {case.use.label} the course accepts it.", POWER, course_rule=True)


def _valid(case: Case) -> Reason:
    """Step 9: every check passed."""
    finding = f"Valid consent covers {case.use.label}."
    clause = VALID
    if case.is_child and case.identifies:
        finding += " Offer the child the chance to re-consent or withdraw when mature."
        clause = f"{VALID}; {GMC_REC} paras 34–35"
    return Reason("valid_consent", "Decision", finding, clause, Outcome.POST)


STEPS: tuple[Step, ...] = (_withdrawal, _child_objection, _local_policy, _audience, _consent_needed,
                           _capacity, _consent_level, _consenter, _timing, _valid)


def decide(case: Case) -> Decision:
    """Walk the consent rules in order; stop at the first step that settles the case."""
    if not isinstance(case, Case):
        raise TypeError(f"decide() needs a Case, not {type(case).__name__}; build one with "
                        "Case(...) or Case.from_mapping(row)")
    reasons: list[Reason] = []
    for step in STEPS:  # the last step, _valid, always settles the case
        reason = step(case)
        if reason is not None:
            reasons.append(reason)
            if reason.outcome is not None:
                break
    return Decision(reasons[-1].outcome, tuple(reasons))


def answer_feedback(answer: object, case: Case) -> str:
    """Plain-words feedback on a learner's outcome for a case, without giving the answer away."""
    values = [o.value for o in Outcome]
    if not isinstance(answer, str) or answer not in values:
        return f"Not answered yet: your answer should be one of {', '.join(repr(v) for v in values)}."
    decision = decide(case)
    if answer == decision.decision.value:
        return f"Correct: {decision.decision.label}. Deciding step: {decision.reasons[-1]}"
    return (f"Not yet. Walk the steps in order: this case is settled at the step "
            f"'{decision.reasons[-1].step}'. Read what that step asks, then answer again.")

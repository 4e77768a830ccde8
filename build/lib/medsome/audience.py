"""Who follows an educational account, what each group needs, and what a mixed audience demands.

Koljonen aimed her educational Instagram account at medical students and young residents; nurses,
doctors of other specialties and lay people followed too (Koljonen, BJS Academy; course evidence
file §0). `build_audience` takes the share of each group among an account's followers and returns
what each needs and the cautions the mix calls for, each with its source. Which post serves which
group (`SERVES`) and each group's needs are the course's own teaching judgement, labelled as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real

from medsome.errors import MedsomeError

COURSE = "the course's own teaching judgement"
KOLJONEN = "Koljonen, BJS Academy"


class AudienceError(MedsomeError, ValueError):
    """An audience mix or a post kind the builder cannot use."""


@dataclass(frozen=True)
class Segment:
    """One group of followers and what it needs from an educational account."""

    key: str
    label: str
    need: str
    source: str


SEGMENTS: tuple[Segment, ...] = (
    Segment("students", "Medical students", "the basics of a technique, step by step, with the reason for "
            "each step", f"{KOLJONEN} (her first target group); the need: {COURSE}"),
    Segment("residents", "Residents", "a short refresher at the moment of need, before a case or on a night "
            "shift (just-in-time learning)", f"{KOLJONEN} (her first target group); about 90% of trainees "
            "use videos to prepare for cases (J Grad Med Educ 2021;13(3):323)"),
    Segment("nurses", "Nurses", "wound care and aftercare they carry out themselves",
            f"{KOLJONEN} (nurses followed); the need: {COURSE}"),
    Segment("specialists", "Doctors of other specialties", "what an operation involves, and when to refer",
            f"{KOLJONEN} (other specialists followed); the need: {COURSE}"),
    Segment("lay_people", "Lay people", "general, technical information: diseases, treatments, procedures, "
            "doctors and hospitals; never advice about their own case",
            f"{KOLJONEN}: patients seek technical information, and SoMe never replaces clinical evaluation"),
)
SEGMENT_KEYS = tuple(segment.key for segment in SEGMENTS)
CLINICIANS = frozenset({"students", "residents", "nurses", "specialists"})

POST_KINDS: dict[str, str] = {
    "technique_video": "a short technique video (e.g. a suture on an education model)",
    "case_discussion": "a case discussion for professionals",
    "patient_information": "general information about a disease or an operation",
    "research_summary": "a summary of a new paper",
}
# Which groups a kind of post serves well: the course's own teaching judgement.
SERVES: dict[str, frozenset[str]] = {
    "technique_video": frozenset({"students", "residents", "nurses"}),
    "case_discussion": frozenset({"residents", "specialists"}),
    "patient_information": frozenset({"lay_people", "nurses", "students"}),
    "research_summary": frozenset({"residents", "specialists"}),
}
LAY_GRAPHIC_SHARE = 0.10  # from this share of lay followers the builder warns about graphic images


@dataclass(frozen=True)
class Caution:
    """Something the audience mix asks of the account holder, and its source."""

    text: str
    source: str


def _share(value: object, key: str) -> float:
    """A share as a non-negative float, or an error saying what it should be."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"the share of {key} should be a number, not {type(value).__name__}")
    if not float(value) >= 0:  # also catches NaN
        raise AudienceError(f"the share of {key} should be 0 or more, not {value}")
    return float(value)


@dataclass(frozen=True)
class Audience:
    """The followers of an account: each group's share of the whole (the shares add up to 1)."""

    shares: Mapping[str, float]

    def segments(self) -> list[tuple[Segment, float]]:
        """Every group with a share above 0, largest first."""
        present = [(s, self.shares[s.key]) for s in SEGMENTS if self.shares[s.key] > 0]
        return sorted(present, key=lambda pair: -pair[1])

    @property
    def largest(self) -> Segment:
        return self.segments()[0][0]

    @property
    def clinician_share(self) -> float:
        return sum(self.shares[key] for key in CLINICIANS)

    def cautions(self) -> list[Caution]:
        """What this mix asks of whoever posts to it, each with its source."""
        found = [Caution("Never let a patient be identified, by text, image or metadata; an education "
                         "model avoids the question", f"{KOLJONEN}; every guideline the course compares "
                         "(AMA, GMC, BMA, WMA, FSMB, ACP/FSMB, Finnish Medical Association; some cells only "
                         "partly checked: see the rule matrix)")]
        lay = self.shares["lay_people"]
        if lay > 0:
            found.append(Caution("Patients are in the audience: keep to general information; a post "
                                 "never replaces a clinical evaluation", KOLJONEN))
        if lay >= LAY_GRAPHIC_SHARE:
            found.append(Caution("Think twice before graphic images: most people are not surgeons, and "
                                 "the public is evenly split on whether such images would make them "
                                 "unfollow", f"{KOLJONEN}; Fan KL et al., Plast Reconstr Surg "
                                 "2019;143(2):619-30"))
        if self.clinician_share >= 0.5:
            found.append(Caution("Most followers are clinicians learning on the go: keep units short "
                                 "(microlearning means units under 15 minutes)", "J Grad Med Educ "
                                 "2021;13(3):323; De Gagne JC et al., JMIR Med Educ 2019;5(2):e13997"))
        if max(self.shares.values()) < 0.5:
            found.append(Caution("No group is a majority: say who each post is for, because a mixed "
                                 "audience reads the same post differently", COURSE))
        return found

    def served_by(self, kind: str) -> float:
        """The share of followers a kind of post serves well (by the course's judgement, SERVES)."""
        if kind not in SERVES:
            raise AudienceError(f"unknown post kind {kind!r}; choose one of {', '.join(SERVES)}")
        return sum(self.shares[key] for key in SERVES[kind])


def build_audience(shares: Mapping[str, object]) -> Audience:
    """An Audience from the groups' shares, in any unit (counts, percentages): they are rescaled to 1."""
    if not isinstance(shares, Mapping):
        raise TypeError(f"shares should be a dict of group to share, not {type(shares).__name__}")
    unknown = [key for key in shares if key not in SEGMENT_KEYS]
    if unknown:
        raise AudienceError(f"unknown group(s) {', '.join(map(repr, unknown))}; the groups are "
                            f"{', '.join(SEGMENT_KEYS)}")
    values = {key: _share(shares.get(key, 0), key) for key in SEGMENT_KEYS}
    total = sum(values.values())
    if total == 0:
        raise AudienceError("every share is 0: give at least one group some followers")
    return Audience({key: value / total for key, value in values.items()})

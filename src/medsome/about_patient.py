"""Is this sentence about a patient? The analyser reports details only where one is described.

A post mixes the case with the author's life ("our ED team is hiring"), a conference ("Congress in
Helsinki this week"), statistics ("hip fractures in women over 80") and advice ("never give honey
under 1 year old"). Each sentence is read for signs of one particular patient (a pronoun, "a
34-year-old", "came in", a name) and for signs of a general statement (plural people, advice,
statistics, events of the profession). A sentence with a sign of a patient is about one; a
sentence with only general signs is not; a sentence with neither follows the draft: it belongs to
the case when the draft describes a patient anywhere, and to no one otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|(?=\n)|$)|[.!?]+")
PATIENT_SIGNS = (
    r"\b(?:she|he|her|his|him|hers|herself|himself)\b",
    r"\b(?:a|an|the|our|my|this|one|today's|tonight's|last)\s+(?:[\w'-]+\s+){0,3}?(?:patient|pt|man|woman|lady|"
    r"gentleman|boy|girl|child|kid|toddler|teen|teenager|baby|infant|newborn|guy|chap|bloke|lad|fella|"
    r"grandmother|grandfather|grandma|grandpa|granny|mum|mom|dad|pensioner|retiree|veteran|"
    r"gent|youngster|athlete|case)\b(?![- ](?:education|safety|population|groups?|"
    r"experience|information|records?|reported|outcomes?))",
    r"\b\d{1,3}\s?-?(?:year|yr|month|week)s?[- ]old\b", r"\b\d{1,3}\s?(?:yo|y/o|y\.o\.)\b",
    r"\b(?:came in|come in|presented|presenting|admitted|brought in|rolled in|walked in|arrived|"
    r"referred|discharged|operated on|went home|s/p|pod\s?#?\d|post-?op day|follow-up for|followed up|"
    r"sent home|transferred|intubated|in resus|on the table|came through|was injured|injured)\b",
)
PATIENT_SIGNS_CASED = (
    r"\b\d{1,3}\s?(?:yo\s?|y/o\s?)?[MF]\b",
    r"\b(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Mm]x)\.?\s+[A-Z]",
    r"\b(?:named|called)\s+[A-Z]",
)
GENERAL_SIGNS = (
    r"\b(?:patients|people|adults|children|kids|women|men|anyone|residents|trainees|"
    r"colleagues|students|surgeons|doctors|nurses|parents|families|followers|cases)\b",
    r"\b(?:always|never|remember|reminder|tip|tips|should|shouldn't|must|don't|do not|make sure|"
    r"rule of thumb|consider|avoid|recommend|recommended|recommendation|guideline|guidelines|evidence)\b",
    r"\b(?:hiring|vacancy|vacancies|job opening|join us|apply|applications|recruiting|we're looking)\b",
    r"\b(?:conference|congress|meeting|symposium|webinar|workshop|course|lecture|talk|keynote|panel|"
    r"poster|abstract|journal club|paper|study|trial|audit|survey|review|meta-analysis|podcast|"
    r"textbook|curriculum|exam|award|grant)\b",
    r"%|\bper cent\b|\bpercent\b|\bincidence\b|\bprevalence\b|\brisk of\b|\brates?\b|\bmost common\b|"
    r"\b(?:over|under|above|below|older than|younger than)\s+\d",
)
_PATIENT = ([re.compile(sign, re.IGNORECASE) for sign in PATIENT_SIGNS]
            + [re.compile(sign) for sign in PATIENT_SIGNS_CASED])
_GENERAL = [re.compile(sign, re.IGNORECASE) for sign in GENERAL_SIGNS]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a draft, whether it describes a patient, and what that was decided on."""

    start: int
    end: int
    about_patient: bool
    reason: str

    def holds(self, position: int) -> bool:
        """Whether a character position lies in the sentence."""
        return self.start <= position < self.end


def _first(patterns: Iterable[re.Pattern[str]], text: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match.group().strip()
    return None


def sentences(text: str, names: Iterable[tuple[int, int]] = ()) -> tuple[Sentence, ...]:
    """Each sentence of a draft with the decision and its grounds; `names` are spans of people's names."""
    names = list(names)
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    signs = []
    for start, end in spans:
        chunk = text[start:end]
        named = next((text[a:b] for a, b in names if start <= a < end), None)
        patient = _first(_PATIENT, chunk) or named
        general = _first(_GENERAL, chunk)
        signs.append((patient, general))
    any_patient = any(patient for patient, _ in signs)
    decided = []
    for (start, end), (patient, general) in zip(spans, signs, strict=True):
        if patient:
            decided.append(Sentence(start, end, True, f'describes a patient ("{patient}")'))
        elif general:
            decided.append(Sentence(start, end, False, f'a general statement, not a patient ("{general}")'))
        elif any_patient:
            decided.append(Sentence(start, end, True, "part of a draft that describes a patient"))
        else:
            decided.append(Sentence(start, end, False, "the draft describes no patient"))
    return tuple(decided)


def sentence_at(decided: Iterable[Sentence], position: int) -> Sentence | None:
    """The sentence holding a character position."""
    return next((sentence for sentence in decided if sentence.holds(position)), None)

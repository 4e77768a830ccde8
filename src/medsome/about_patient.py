"""Is this sentence about a patient? The analyser reports details only where one is described.

A post mixes the case with the author's life ("our ED team is hiring"), a conference ("Congress in
Helsinki this week"), statistics ("hip fractures in women over 80") and advice ("never give honey
under 1 year old"). Each sentence is read for signs of one particular patient (a pronoun, "a
34-year-old", "came in", a name) and for signs of a general statement (plural people, advice,
statistics, events of the profession). A sentence with a sign of a patient is about one; a
sentence with only general signs is not; a sentence with neither follows the draft: it belongs to
the case when the draft describes a patient anywhere, and to no one otherwise. In the sentences about
a patient, each pronoun and title ("she", "his", "Mr") tells the patient's sex (`standalone`,
`split_out`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

_BOUNDARY = re.compile(r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<=[.!?])[\"')\]]*\s+|\n+")
PATIENT_SIGNS = (
    r"\b(?:she|he|her|his|him|hers|herself|himself)\b",
    r"(?<!\bnot )(?<!\bno )(?<!\bnever )\b(?:a|an|the|our|my|this|one|today's|tonight's|last)\s+"
    r"(?:[\w'-]+\s+){0,3}?"
    r"(?:(?<!very )(?<!so )(?<!more )(?<!most )patient(?! charge)|pt|man|woman|lady|"
    r"gentleman|boy|girl|child|kid|toddler|teen|teenager|baby|infant|newborn|guy|chap|bloke|lad|fella|"
    r"(?<!my )(?:grandmother|grandfather|grandma|grandpa|granny|mum|mom|dad)|pensioner|retiree|veteran|"
    r"gent|youngster|athlete|case)\b(?![- ](?:education|safety|population|groups?|"
    r"experience|information|records?|reported|outcomes?|leaflets?|feedback|care|satisfaction|journey|forum|advocates?|"
    r"stor(?:y|ies)|day|list|numbers|flow|mix|load|series|reports?|stud(?:y|ies)|volume|conference|notes?))",
    r"(?<!under )(?<!over )(?<!than )\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)\s?-?(?:year|yr|month|week|day)s?[- ]old\b",
    r"\b\d{1,3}\s?(?:yo|y/o|y\.o\.|yr|yrs)\b",
    r"\b(?:came in|come in|presented|presenting|admitted|brought in|rolled in|walked in|arrived|flown in|"
    r"airlifted|air-lifted|helicoptered|blue-lighted|"
    r"referred|discharged|operated on|went home|s/p|pod\s?#?\d|post-?op day|follow-up for|followed up|"
    r"sent home|transferred|intubated|in resus|on the table|came through|was injured|injured)\b",
)
PATIENT_SIGNS_CASED = (
    r"\b\d{1,3}\s?(?:yo\s?|y/o\s?)?[MF]\b|\b\d{1,2}/(?:52|12)\s*(?:old\s*)?[MF]?\b",
    r"(?<![Ss]eminar )(?<![Mm]eeting )(?<![Ll]ecture )(?<![Tt]eaching )(?<![Bb]oard )(?<![Tt]raining )"
    r"\b(?:[Bb]ed|[Rr]m|[Rr]oom|[Cc]ot|[Bb]ay)\s?\d{1,3}[A-Z]?\b",  # a bed or room holds a patient
    r"\b(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Mm]x)\.?\s+[A-Z]",
    r"\b(?:named|called)\s+[A-Z]",
    r"(?m)^\W*Case(?:\s+\d{1,3}\b\s*:?|\s*:)",  # a slide's or a note's case heading: "Case 7:", "Case:"
)
STATISTIC = (r"%|\bper cent\b|\bpercent\b|\bincidence\b|\bprevalence\b|\bmost common\b|\bper \d|"
             r"\b(?:median|mean|average)\b")  # "12% TBSA" in a case is no statistic
STRONG_GENERAL_SIGNS = (  # the sentence is about something else, whatever the draft holds
    r"\b(?:hiring|vacancy|vacancies|job opening|join us|join our|apply|applications|recruiting|"
    r"we're looking)\b",
    r"\b(?:conference|congress|symposium|webinar|workshop|keynote|journal club|meta-analysis|podcast|"
    r"textbook|curriculum|exam|grand rounds|annual meeting)\b|"
    r"\bwill\s+(?:talk|speak|present|lecture|teach)\b",
    r"^\W*(?:when|if|whenever|once)\s+(?:a|an|your|the)\b(?=[^.!?]*\b(?:always|never|remember|check|consider|"
    r"think|ask|don't|do not|make sure)\b)|\b(?:typical|average)\s+(?:patient|case|presentation)\b|"
    r"\b(?:hypothetical|imaginary|fictional|fictitious|made-up|invented)\b",  # a patient of a teaching tip
    r"\bhappy (?:retirement|birthday|anniversary)\b|\bfarewell\b|\bgoodbye to\b",  # the team's news
    r"^\W*(?:reminder|tip|psa|pearl|pro tip|protip|team news)\b|"
    r"\b(?:teaching|clinical|quick|exam) (?:tip|pearl)s?\b|\b(?:new|our new) (?:registrar|consultant|intern|"
    r"resident|fellow|colleague|trainee|FY1|SHO|house officer|starter)s?\b|"
    r"\b(?:passed my|thank you to my|thanks to my|"
    r"welcomes|joining us|new residents|congratulations|congrats)\b|^\W*(?:thank you|thanks),? \w+\W*$|\b(?:"
    r"my (?:own )?(?:wife|husband|partner|mum|mom|dad|kids|children|family|son|daughter|son's|daughter's|"
    r"twins|"
    r"father|mother|parents|grandfather|grandmother|grandparents|grandma|grandpa|granny|grandad|brother|sister|"
    r"uncle|aunt|nephew|niece|cousin))\b",
    STATISTIC,
    r"\b(?:audit|survey|study|review|series|cohort|registry|data)\s+(?:of|from|on)\s+"
    r"(?:over\s+|more than\s+)?\d[\d,]*\b|\b(?:huge|big|massive|special|many)\s+(?:thanks|thank you)\b|"
    r"\b(?:thanks|thank you|shout-?out|kudos)\s+to\s+(?:the|our|all|my)\s+(?:[\w-]+\s+){0,2}"
    r"(?:teams?|staff|nurses|colleagues|crew|department|everyone)\b",
    r"\b(?:patients|people|adults|children|kids|women|men|babies|infants|toddlers|teens|teenagers|elderly|"
    r"anyone|those|smokers|athletes)\s+(?:over|under|above|below|older than|younger than|aged)\s+\d",
)
GENERAL_SIGNS = (  # plural people or advice: general unless the draft's patient is being discussed
    r"\b(?:patients|people|adults|children|kids|women|men|babies|infants|toddlers|teens|teenagers|"
    r"residents|trainees|colleagues|students|surgeons|doctors|nurses|parents|families|followers|cases|skiers|"
    r"runners|cyclists|climbers|hikers|swimmers|farmers|fishermen|drivers|riders|workers|players)\b|"
    r"\b(?:every|each) (?:year|winter|summer|spring|autumn|season)\b",
    r"\b(?:always|never|remember|reminder|tip|tips|should|shouldn't|must|don't|do not|make sure|"
    r"rule of thumb|consider|avoid|recommend|recommended|recommendation|guideline|guidelines|evidence|"
    r"meeting|course|lecture|talk|panel|poster|abstract|paper|study|trial|audit|survey|review|award|grant)\b",
)
AUTHOR_SIGNS = (  # the author's own age or family: "my 6-year-old", "I'm 34", "Grandma turned 90 … I'm"
    r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}?\d{1,3}\s?-?(?:year|yr|month|week)s?[- ]old\b",
    r"\bmy\s+[\w-]+\s+(?:are|is)\s+\d{1,3}\b",
    r"\bI(?:'m|’m|\s+am|\s+was|\s+turned|\s+turn)\s+(?:now\s+|just\s+|almost\s+|nearly\s+)?\d{1,3}\b",
    r"\bI\b[^.!?]*\bas\s+an?\s+\d{1,3}\s?-?(?:year|yr)s?[- ]old\b",
    r"^\W*\d{1,3}\s?-?(?:years?|yrs?)[- ]old\b[^.!?]*\bI(?:'m|’m|\s+am)\b",
    r"^\W*(?:Grandma|Grandpa|Granny|Grandad|Nana|Nan|Gran|Mum|Mom|Dad)\b[^.!?]*\b(?:I|I'm|I’m|me|my)\b",
    # "I was a nervous 29-year-old locum", "I'm a registrar (38, two kids)", "I tore my ACL"
    r"\bI(?:'m|’m|\s+am|\s+was)\s+an?\s+(?:[\w-]+\s+){0,3}?\d{1,3}\s?-?(?:year|yr)s?[- ]old\b",
    r"\bI(?:'m|’m|\s+am)\s+an?\s+[^.!?()]*\(\d{1,3}\b",
    r"\bI\s+(?:tore|broke|fractured|ruptured|dislocated|sprained|injured|hurt|cut)\s+my\b",
)
ASKED = re.compile(r"^\W*(?:does |has |did |is )?(?:anyone|anybody|who else|"  # a question to readers
                   r"any (?:thoughts|tips|advice|ideas|recommendations|protocols))\b[^.!?]*\?", re.IGNORECASE)
INVENTED = re.compile(r"\b(?:templates?|not a real (?:patient|case|person)|fictional|fictitious|imaginary|"
                      r"(?:fictional|fictitious|invented|made-up|hypothetical|imaginary) "
                      r"(?:case|patient|scenario|person|example)s?)\b", re.IGNORECASE)
INVENTED_REASON = "the draft says its case is invented"
THIRD_PERSON = re.compile(PATIENT_SIGNS[0] + "|" + PATIENT_SIGNS[1], re.IGNORECASE)
CARE = re.compile(PATIENT_SIGNS[4], re.IGNORECASE)  # a verb of care: the person is a patient
FIRST_PERSON = re.compile(r"\bI\b")  # "I arrived as a 26-year-old resident": the author
OWN_PEOPLE = re.compile(r"\b(?:her|his|their)\s+(?:[\w-]+\s+)?(?:parents|children|kids|sons|daughters|"
                        r"brothers|sisters|grandchildren|family|families|colleagues|friends)\b",
                        re.IGNORECASE)  # the patient's own people: "her parents" is no population
SIZE = re.compile(r"\bof\s+(?:about\s+|only\s+|just\s+)?[\d,]+\s+(?:people|residents|souls)\b",
                  re.IGNORECASE)  # "an island of 230 people" tells a place's size
QUOTED = re.compile(r"[\"“‘'](?<!\w')[^\"”’'\n]{2,80}[\"”’']")
READERS = re.compile(r"\b(?:if you|your|you all|anyone)\b|^\W*everyone\b", re.IGNORECASE)  # to readers
POPULATION = re.compile(r"\b(?:patients|people|adults|children|kids|women|men|babies|infants|toddlers|teens|"
                        r"teenagers|parents|families|cases|skiers|runners|cyclists|climbers|hikers|swimmers|"
                        r"farmers|fishermen|drivers|riders|workers|players)\b(?![’']s)", re.IGNORECASE)
PERSON_KINDS = ("age", "sex", "occupation", "event", "family", "mark", "name_or_number", "rarity")
_PATIENT = ([re.compile(sign, re.IGNORECASE) for sign in PATIENT_SIGNS]
            + [re.compile(sign) for sign in PATIENT_SIGNS_CASED])
_SUBJECT = re.compile(r"^\W*(?:she|he)(?:'s|’s)?\s", re.IGNORECASE)  # a sentence opening with its subject
_STRONG = [re.compile(sign, re.IGNORECASE) for sign in STRONG_GENERAL_SIGNS]
_GENERAL = [re.compile(sign, re.IGNORECASE) for sign in GENERAL_SIGNS]
_STATISTIC = re.compile(STATISTIC, re.IGNORECASE)
_AUTHOR = ([re.compile(sign, re.IGNORECASE) for sign in AUTHOR_SIGNS[:2]]
           + [re.compile(sign) for sign in AUTHOR_SIGNS[2:]])  # "I" is a capital


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


def split(text: str) -> list[tuple[int, int]]:
    """The sentences of a text (and the lines of a slide), as character ranges."""
    ranges, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        if text[start:boundary.start()].strip():
            ranges.append((start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        ranges.append((start, len(text)))
    return ranges


def _patient_sign(chunk: str) -> tuple[str | None, bool]:
    """The first sign of a patient, and whether it is only a pronoun (weak: "send him this")."""
    pronoun = _PATIENT[0].search(chunk)
    other = _first(_PATIENT[1:], chunk)
    if other:
        return other, False
    if pronoun and _SUBJECT.match(chunk):  # "She kept 9 of 10 toes": the sentence is hers
        return pronoun.group(), False
    return (pronoun.group(), True) if pronoun else (None, False)


def _author(chunk: str, named: bool) -> str | None:
    """The author's own age or child, in a sentence that names no one else ("I'm 34", "my 6-year-old")."""
    sign = _first(_AUTHOR, chunk)
    cared_for = CARE.search(chunk) and not FIRST_PERSON.search(chunk)  # "discharged our 101-year-old"
    return sign if sign and not named and not THIRD_PERSON.search(chunk) and not cared_for else None


def _decide(chunk: str, patient: str | None, weak: bool, kinds: set[str],
            draft_has_patient: bool) -> tuple[bool, str]:
    strong = _first(_STRONG, chunk)
    one_person = len(kinds & set(PERSON_KINDS)) >= 2
    unquoted = SIZE.sub(" ", OWN_PEOPLE.sub(" ", QUOTED.sub(" ", chunk)))
    if patient and weak and not one_person and (READERS.search(unquoted) or _first(_GENERAL, unquoted)):
        reader = READERS.search(unquoted)
        cue = reader.group() if reader else _first(_GENERAL, unquoted)
        return False, f'addressed to readers, not a patient ("{cue}")'
    statistic = strong is not None and strong == _first([_STATISTIC], chunk)
    if statistic and one_person and not POPULATION.search(chunk):
        return True, "gives details of one person (" + ", ".join(sorted(kinds)) + ")"
    many = len(kinds & set(PERSON_KINDS)) >= 3  # "a case at the Conference: a 64-year-old berry picker..."
    if patient and weak and not strong and not draft_has_patient:
        return False, f'a pronoun in a draft about something else ("{patient}")'
    if patient and (not strong or (not weak and (statistic or many))):
        return True, f'describes a patient ("{patient}")'
    if strong:
        return False, f'a general statement, not a patient ("{strong}")'
    asked = ASKED.search(chunk)
    if asked and not patient and not draft_has_patient:
        return False, f'a question to readers, not a patient ("{asked.group()[:40].strip()}")'
    general = _first(_GENERAL, unquoted)
    if general and (POPULATION.search(unquoted) or not draft_has_patient):
        return False, f'a general statement, not a patient ("{general}")'
    if one_person or kinds & {"age", "event"}:
        return True, "gives details of one person (" + ", ".join(sorted(kinds)) + ")"
    if draft_has_patient:
        return True, "part of a draft that describes a patient"
    return False, "the draft describes no patient"


def _has_patient(signs: list[tuple[str | None, bool, set[str], bool, str | None]]) -> bool:
    """Whether the draft describes a patient: a sign of one, or details of one person, in a sentence
    not set aside; a lone pronoun ("Make her welcome") counts only when no sentence is set aside."""
    def person(patient: str | None, weak: bool, found: set[str]) -> bool:
        return bool((patient and not weak) or len(found & set(PERSON_KINDS)) >= 2 or found & {"age", "event"})

    if any(person(patient, weak, found) and not aside for patient, weak, found, aside, _ in signs):
        return True
    return not any(aside for *_, aside, _ in signs) and any(patient for patient, *_ in signs)


def sentences(text: str, names: Iterable[tuple[int, int]] = (),
              kinds: Iterable[tuple[int, str]] = ()) -> tuple[Sentence, ...]:
    """Each sentence of a draft with the decision and its grounds.

    `names` are the spans of people's names found, `kinds` the start and kind of every detail found.
    """
    names, kinds = list(names), list(kinds)
    ranges = split(text)
    if INVENTED.search(text):
        return tuple(Sentence(start, end, False, INVENTED_REASON) for start, end in ranges)
    signs = []
    for start, end in ranges:
        chunk = text[start:end]
        named = next((text[a:b] for a, b in names if start <= a < end), None)
        found = {kind for position, kind in kinds if start <= position < end}
        strong = _first(_STRONG, chunk)
        author = _author(chunk, named is not None)
        if author:
            strong = strong or author
        sign, weak = _patient_sign(chunk)
        if named and (sign is None or weak):
            sign, weak = named, False
        unquoted = SIZE.sub(" ", OWN_PEOPLE.sub(" ", QUOTED.sub(" ", chunk)))
        one_person = len(found & set(PERSON_KINDS)) >= 2
        weak_only = weak and not one_person and bool(READERS.search(unquoted) or _first(_GENERAL, unquoted))
        asked = sign is None and ASKED.search(chunk) is not None
        case = sign is not None and not weak and len(found & set(PERSON_KINDS)) >= 3  # outweighs a conference
        signs.append((sign, weak, found, bool(strong and not case) or weak_only or asked, author))
    draft_has_patient = _has_patient(signs)
    decided = []
    for (start, end), (patient, weak, found, _, author) in zip(ranges, signs, strict=True):
        about, reason = ((False, f'about the author, not a patient ("{author}")') if author
                         else _decide(text[start:end], patient, weak, found, draft_has_patient))
        decided.append(Sentence(start, end, about, reason))
    return tuple(decided)


def sentence_at(decided: Iterable[Sentence], position: int) -> Sentence | None:
    """The sentence holding a character position."""
    return next((sentence for sentence in decided if sentence.holds(position)), None)


# The patient's sex in pronouns and titles. A sex word ("woman", "bloke") is matched by
# `patterns/sex.toml`; the pronouns and titles are found here, in the sentences about a patient: each
# "he", "her", "his" on its own, and the "his" of "in his 40s", the "her" of "her mum" or "kicked her"
# and the "Mr" of "Mr K", cut out of the detail that holds them, so both are reported.

PRONOUNS = {"she": "they", "he": "they", "her": "their", "his": "their", "him": "them", "hers": "theirs",
            "herself": "themselves", "himself": "themselves"}
MALE = ("he", "his", "him", "himself", "mr", "mr.")
TITLES = {"mr": "", "mrs": "", "ms": "", "miss": "", "mr.": "", "mrs.": "", "ms.": ""}
PRONOUN = re.compile(r"\b(?:" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)
SEX_WORD = re.compile(r"\b(?:" + "|".join(PRONOUNS) + r")\b|\b(?:mrs|mr|ms|miss)\b\.?", re.IGNORECASE)
_LEAD = re.compile(r"^(?:in|into|at|to|of|for|with|by|on)?\s*$", re.IGNORECASE)  # "in" of "in his 40s"

F = TypeVar("F")  # a Finding of medsome.disclosure (kept generic: that module imports this one)


def _sex_finding(finding: Any, match: re.Match[str], kind: object, offset: int) -> Any:
    """A sex finding for a pronoun or title, made from the finding whose sentence holds it."""
    word = match.group()
    neutral = PRONOUNS.get(word.lower(), TITLES.get(word.lower(), ""))
    if neutral and word[0].isupper():
        neutral = neutral.capitalize()
    sex = "male" if word.lower() in MALE else "female"
    return replace(finding, start=offset + match.start(), end=offset + match.end(), text=word, kind=kind,
                   pattern="sex.pronoun" if word.lower() in PRONOUNS else "sex.title", replacement=neutral,
                   detail="sex", value=sex)


def _rest(finding: Any, start: int, end: int, text: str) -> Any | None:
    """The finding cut to text[start:end] (trimmed), or None when nothing of it is left."""
    part = text[start:end]
    start, end = start + len(part) - len(part.lstrip(" ,.")), end - len(part) + len(part.rstrip(" ,."))
    if end <= start:
        return None
    return replace(finding, start=start, end=end, text=text[start:end])


def split_out(text: str, findings: Iterable[F], kind: object) -> list[F]:
    """Each pronoun or title inside a finding of another kind, cut out of it as a sex finding.

    What is left around the word stays a finding of its kind ("mum" of "her mum", "kicked" of
    "kicked her"), except a lone preposition before it ("40s" of "in his 40s").
    """
    result: list[F] = []
    for finding in findings:
        f: Any = finding
        match = SEX_WORD.search(f.text) if f.kind is not kind else None
        if match is None:
            result.append(finding)
            continue
        result.append(_sex_finding(f, match, kind, f.start))
        pieces = [(f.start + match.end(), f.end)]
        if not _LEAD.match(f.text[:match.start()]):
            pieces.insert(0, (f.start, f.start + match.start()))
        result += [rest for a, b in pieces if (rest := _rest(f, a, b, text)) is not None]
    return sorted(result, key=lambda f: f.start)  # type: ignore[attr-defined]


def standalone(text: str, findings: list[F], kind: object, about: Callable[[int], str | None],
               make: Callable[[int, int, str, str, str, str], F]) -> list[F]:
    """Each he, she, his or her outside the findings, in a sentence `about` says is the patient's.

    `about(position)` gives the sentence's reason when it is about a patient (None otherwise);
    `make(start, end, word, neutral, sex, reason)` builds the finding.
    """
    taken = [(f.start, f.end) for f in findings]  # type: ignore[attr-defined]
    added = []
    for match in PRONOUN.finditer(text):
        reason = about(match.start())
        if reason is None or any(a < match.end() and match.start() < b for a, b in taken):
            continue
        word = match.group()
        neutral = PRONOUNS[word.lower()]
        neutral = neutral.capitalize() if word[0].isupper() else neutral
        sex = "male" if word.lower() in MALE else "female"
        added.append(make(match.start(), match.end(), word, neutral, sex, reason))
    return sorted([*findings, *added], key=lambda f: f.start)  # type: ignore[attr-defined]

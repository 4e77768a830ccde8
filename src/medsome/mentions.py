"""Names, places, jobs and rare diseases in a draft, looked up in the compiled lexicon, with context.

A word list alone over-reports: "March" is a town, "Grace" a name, "Kawasaki disease" starts with a
city. So each look-up also reads its neighbours: a place that is also an ordinary word needs a
preposition before it ("from Hope"); a first name that is a word needs a sign of a person ("named
Grace", "Grace, 34,"); an eponym ("Kawasaki disease", "Colles fracture") is never a place or a
name; a job needs a person to hold it ("a logger", "as a roofer", "Jukka, 41, logger"), not a
colleague ("the surgeon", "our nurses").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from medsome.lexicon import MONTHS, WEEKDAYS, Lexicon

Mention = tuple[int, int, str]  # start, end (characters), rule id
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "å": "a",
                                 "Å": "A", "ø": "o", "Ø": "O", "é": "e", "è": "e", "á": "a", "í": "i",
                                 "ó": "o"})

PLACE_BEFORE = {"from", "in", "near", "nr", "outside", "at", "to", "of", "around", "across", "into",
                "towards", "toward", "via", "rural", "downtown", "central", "northern", "southern", "eastern",
                "western", "visiting", "between", "over", "off", "beyond", "south", "north", "east", "west"}
EPONYM_AFTER = {"disease", "syndrome", "sign", "signs", "fracture", "fractures", "test", "procedure",
                "classification", "score", "scale", "criteria", "repair", "flap", "operation", "technique",
                "manoeuvre", "maneuver", "view", "line", "lines", "node", "nodes", "deformity", "contracture",
                "palsy", "lesion", "tumour", "tumor", "type", "grade", "stage", "incision", "approach",
                "retractor", "forceps", "scissors", "suture", "knot", "needle", "clamp", "procedure's",
                "protocol", "guidelines", "guideline", "paper", "trial", "study", "et", "award", "lecture"}
COLLEAGUE_TITLES = {"dr", "dr.", "doctor", "prof", "prof.", "professor", "sister", "nurse", "surgeon",
                    "colleague", "consultant", "registrar", "fellow", "resident"}
PERSON_BEFORE = {"named", "called", "meet", "mr", "mrs", "ms", "miss", "mx", "mr.", "mrs.", "ms.", "patient",
                 "pt", "son", "daughter", "husband", "wife", "brother", "sister", "grandson", "granddaughter",
                 "nephew", "niece", "baby", "little", "young", "old", "uncle", "aunt", "auntie", "cousin",
                 "dear", "hi", "thanks", "love"}
PERSON_AFTER = {"was", "is", "had", "has", "came", "presented", "arrived", "walked", "told", "said", "says",
                "asked", "wanted", "needed", "fell", "cut", "broke", "crashed", "who", "and", "'s", "’s"}
JOB_BEFORE = {"a", "an", "as", "retired", "retd", "rtd", "former", "ex", "ex-", "local", "works", "worked",
              "working", "self-employed", "freelance", "professional", "keen", "semi-retired", "part-time",
              "full-time", "veteran", "amateur", "off-duty", ",", "(", "by"}
NOT_TRADE = {"old", "male", "female", "man", "woman", "boy", "girl", "lady", "guy", "young", "elderly",
             "retired",
             "former", "local", "keen", "avid", "experienced", "new", "fit", "healthy", "frail", "medical",
             "nursing", "dental", "surgical", "clinical", "elective", "final-year", "foundation"}
UNLISTED_PLACE_BEFORE = {"from", "in", "near", "nr", "outside", "at"}  # not "on": "on Eliquis" is a drug
LIVES_ON = {"lives", "living", "live", "alone", "born", "raised", "grew", "up", "farms", "farm", "works"}
NEAR = {"near", "nr", "outside"}  # people are not near a person: "nr Levi" is a place, named or not
COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper",
           "Lower", "Greater", "Inner", "Outer"}
AGE_TOKEN = re.compile(r"\d{1,3}(?:yo|y/o|yr|yrs|[mf])?|year-old|years|old|yo|yr|y/o|[1-9]0s|"
                       r"(?:mid-|early-|late-)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
COMPOUND_HEADS = {"belt", "belts", "study", "studies", "scheme", "project", "programme", "program", "trial",
                  "course", "training", "light", "licence", "license", "market", "markets", "tan", "whale",
                  "boat", "ant", "ants", "bee", "bees", "fish", "shark"}
STAFF_BEFORE = {"the", "our", "my", "your", "their", "his", "her", "whose", "this", "that", "every", "each",
                "any", "all", "some", "no", "other", "two", "three", "several", "many"}


def transliterated(name: str) -> str:
    """A name as GeoNames' ASCII admin names spell it ("Jämtland" -> "Jaemtland")."""
    return name.translate(TRANSLITERATION)


def _previous(doc: Doc, index: int) -> Token | None:
    return doc[index - 1] if index > 0 else None


def _next(doc: Doc, index: int) -> Token | None:
    return doc[index] if index < len(doc) else None


def _eponym(doc: Doc, end: int) -> bool:
    """The words after a name make it an eponym ("Kawasaki disease", "Osgood-Schlatter")."""
    following = _next(doc, end)
    if following is None:
        return False
    after = _next(doc, end + 1)
    if following.text == "-" and not following.whitespace_ and after is not None and after.is_title:
        return True
    if following.lower_ in ("'s", "’s", "-"):
        following = _next(doc, end + 1)
    return following is not None and following.lower_ in EPONYM_AFTER


def _place(doc: Doc, start: int, end: int, lexicon: Lexicon, text: str) -> str | None:
    """The rule id of a place mention, or None when the context says it is not one."""
    before = _previous(doc, start)
    if _eponym(doc, end) or _hyphenated(doc, start) or (
            before is not None and before.lower_ in COLLEAGUE_TITLES | PERSON_BEFORE):
        return None
    preposition = before is not None and before.lower_ in PLACE_BEFORE
    preposition = preposition or (before is not None and before.text == "," and start >= 2
                                  and doc[start - 2].text in lexicon.places)  # "Damascus, Virginia"
    if text in lexicon.ordinary and not preposition:
        return None
    if text in lexicon.first_names and not preposition:
        return None  # "Florence" without "from" or "in" is a name; the name rule reads it
    return "place.region" if text in lexicon.regions and text not in lexicon.places else "place.town"


def _unlisted_place(doc: Doc, index: int, lexicon: Lexicon) -> int | None:
    """The end of a place the word lists lack, told by its preposition: a capitalised word that is no
    English word, name, month or country after "from", "in", "near" or "at" ("in Sipoo", "from Utö",
    "at Ruka"), or after "on" where someone lives ("lives alone on Inishbofin"), with up to two more
    such words."""
    before = _previous(doc, index)
    lives_on = (before is not None and before.lower_ == "on" and index >= 2
                and doc[index - 2].lower_ in LIVES_ON)
    if before is None or (before.lower_ not in UNLISTED_PLACE_BEFORE and not lives_on):
        return None
    end = index
    while end < len(doc) and end - index < 3 and _unknown_name(doc[end], lexicon, before.lower_ in NEAR):
        end += 1
    return end if end > index else None


def _unknown_name(token: Token, lexicon: Lexicon, near: bool = False) -> bool:
    """A capitalised word that no list knows: not English, not a name (unless "near" it), month,
    weekday or country."""
    text = token.text
    names = () if near else (lexicon.first_names, lexicon.surnames)
    known = (*names, lexicon.countries, MONTHS, WEEKDAYS)
    return (token.is_title and token.is_alpha and len(text) >= 4 and not lexicon.english(text.lower())
            and not any(text in names for names in known) and text.lower() not in lexicon.occupations)


def _hyphenated(doc: Doc, start: int) -> bool:
    """The word ends a hyphenated compound ("Erdheim-Chester"): an eponym's half, not a name or place."""
    return start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
        and not doc[start - 1].whitespace_


def _person(doc: Doc, start: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """The end and rule id of a person's name starting at a first name, or None."""
    token = doc[start]
    if not token.is_title or token.text in (*MONTHS, *WEEKDAYS) or _eponym(doc, start + 1) \
            or _hyphenated(doc, start):
        return None
    before = _previous(doc, start)
    if before is not None and before.lower_ in COLLEAGUE_TITLES | NEAR:
        return None
    end = start + 1
    following = _next(doc, end)
    if following is not None and following.is_title and following.text in lexicon.surnames:
        end += 1
    if token.text in lexicon.ordinary and end == start + 1:
        after = _next(doc, end)
        signs = (before is not None and before.lower_ in PERSON_BEFORE) or (
            after is not None and (after.lower_ in PERSON_AFTER or (after.text in (",", "(") and
                                                                     _next(doc, end + 1) is not None and
                                                                     doc[end + 1].like_num)))
        if not signs:
            return None
    return end, "name_or_number.person_name"


def _job(doc: Doc, start: int) -> bool:
    """Someone holds the job: an article, 'as', 'retired', an age or an apposition comes before it."""
    for back in range(start - 1, max(start - 8, -1), -1):
        token = doc[back]
        word = token.lower_
        if word in STAFF_BEFORE:
            return False
        if word in JOB_BEFORE or AGE_TOKEN.fullmatch(word):
            return True
        if not token.is_ascii and not token.is_alpha:  # an emoji ends the clause
            return True
        if token.is_punct and word != "-":
            return word in (".", "!", "?", ":") or "\n" in token.whitespace_
        if "\n" in token.whitespace_:
            return True
    return start == 0 or start - 8 < 0


def _compound(doc: Doc, end: int) -> bool:
    """The job's word names a thing here: "conveyor belt", "pilot study", "farmers' market"."""
    following = _next(doc, end)
    return following is not None and following.lower_ in COMPOUND_HEADS


def _modifiers(doc: Doc, index: int) -> int:
    """Where the words naming a job's trade begin ("dairy farmer", "sweet shop owner")."""
    first = index
    while first > 0 and index - first < 3 and doc[first - 1].is_alpha and doc[first - 1].is_lower \
            and not doc[first - 1].is_stop and not doc[first - 1].lower_.endswith("ed") \
            and doc[first - 1].lower_ not in STAFF_BEFORE | JOB_BEFORE | NOT_TRADE \
            and not AGE_TOKEN.fullmatch(doc[first - 1].lower_):
        first -= 1
    return first


def _job_head(doc: Doc, index: int, lexicon: Lexicon) -> int | None:
    """Where a job named by its head noun starts ("sawmill worker", "sweet shop owner"), or None."""
    if doc[index].lower_ not in lexicon.job_heads:
        return None
    first = _modifiers(doc, index)
    return first if first < index and _job(doc, first) else None


def mentions(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """Every lexicon mention in the draft, longest first at each token, context checked."""
    text = doc.text
    words = [token.text for token in doc]
    starts = [token.idx for token in doc]
    index, count = 0, len(doc)
    while index < count:
        word = words[index]
        if not word[0].isalpha():
            index += 1
            continue
        found = None
        several = word in lexicon.first_words or word.lower() in lexicon.first_words
        for end in range(min(count, index + lexicon.longest) if several else index + 1, index, -1):
            phrase = text[starts[index]:starts[end - 1] + len(words[end - 1])]
            lower = phrase.lower()
            if phrase in lexicon.places or phrase in lexicon.regions or (
                    not phrase.isascii() and transliterated(phrase) in lexicon.regions):
                rule = _place(doc, index, end, lexicon, phrase)
                if rule:
                    found = (end, rule)
                    break
            if lower.replace("’", "'") in lexicon.rare_diseases and not phrase.isupper():
                found = (end, "rarity.rare_disease")
                break
            if lower in lexicon.occupations and not phrase.isupper() and _job(doc, _modifiers(doc, index)) \
                    and not _compound(doc, end):
                found = (end, "occupation.job_title")
                break
        if found is None and word in lexicon.first_names:
            found = _person(doc, index, lexicon)
        if found is None and word[0].isupper():
            end = _unlisted_place(doc, index, lexicon)
            found = (end, "place.unlisted") if end else None
        if found is None:
            first = _job_head(doc, index, lexicon) if word.lower() in lexicon.job_heads else None
            if first is not None:
                yield starts[first], starts[index] + len(word), "occupation.job_title"
            index += 1
            continue
        end, rule = found
        first = index
        if rule.startswith("place.") and index > 0 and words[index - 1] in COMPASS:
            first = index - 1
        elif rule == "occupation.job_title":
            first = _modifiers(doc, index)
        yield starts[first], starts[end - 1] + len(words[end - 1]), rule
        index = end

"""What a draft post gives away: find the identifying details in free text, explain them, rewrite.

The analyser is rule-based, as Philter is (Norgeot et al., npj Digit Med 2020): patterns and word
lists, one TOML file per kind of detail in `medsome/patterns/`, run by spaCy's rule matcher on a
blank English tokenizer (no model weights, nothing fetched), plus regular expressions for clinical
shorthand ("34M", "0330", "POD3"). Places, names, jobs and rare diseases come from the packaged
word lists of `medsome.lexicon`, read in context by `medsome.mentions`; `medsome.about_patient`
decides, sentence by sentence, whether a patient is described, and details elsewhere are set
aside. Beside the rules, two small learnt parts trained on the course's labelled drafts: a tagger
(`medsome.learnt`) adds the details no rule matched, and a draft filter (`medsome.learnt_drafts`)
sets aside a draft that reads clearly as describing no patient. Each finding names its kind, the
pattern that matched, why it matters (the Safe Harbor identifier or guidance, as cited elsewhere in
the course) and what to do. Details that are columns
of Module 2's population table are counted with `medsome.privacy`, before and after the rewrite.
"""

from __future__ import annotations

import os
import re
import threading
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.lang.en import English
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import create_vocab

from medsome import about_patient, privacy
from medsome.about_patient import INVENTED_REASON, Sentence, sentence_at, sentences
from medsome.errors import MedsomeError
from medsome.gazetteer import districts, municipalities
from medsome.learnt import Tagger, shipped
from medsome.learnt_drafts import REASON as PATIENT_FREE
from medsome.learnt_drafts import DraftFilter
from medsome.learnt_drafts import shipped as shipped_filter
from medsome.lexicon import lexicon
from medsome.mentions import mentions
from medsome.metadata import describe_metadata
from medsome.privacy import LINKABLE, candidate_count, generalise_age, identifies

KINDS = ("age", "sex", "place", "date_time", "occupation", "rarity", "event", "family", "mark",
         "name_or_number", "workplace")
AGE_BAND = "{age_band}"
DISTRICT = "{district}"
TIME_WORDS = ("night", "morning", "evening", "afternoon", "lunchtime", "midnight", "dawn", " am", " pm",
              "a.m.", "p.m.")
DANGLING_KINDS = ("place", "workplace", "occupation", "name_or_number")  # "from X", "at X": drop the word too
SENTENCE_KINDS = ("mark", "family", "rarity", "name_or_number")
PLURAL_VERBS = {"was": "were", "is": "are", "has": "have"}
LEXICON_RULES = (("place.town", "place", ""), ("place.region", "place", ""), ("place.unlisted", "place", ""),
                 ("name_or_number.person_name", "name_or_number", "the patient"),
                 ("occupation.job_title", "occupation", "patient"),
                 ("rarity.rare_disease", "rarity", "a condition"))
LEARNT_REPLACE = {"age": "adult", "sex": "", "place": "", "date_time": "", "occupation": "patient",
                  "rarity": "a condition", "event": "an injury", "family": "", "mark": "",
                  "name_or_number": "the patient", "workplace": "hospital"}  # what the rewrite puts instead
RULES_ONLY = ("sex",)  # every pronoun of a patient's sentence is read by the rules, with the sex it gives
_AFTER_ON = re.compile(r"\bon\s+$", re.IGNORECASE)  # "on Eliquis": a drug, not a place, as for the rules
ALWAYS_PATIENT = ("name_or_number.record", "name_or_number.long_number", "name_or_number.phone",
                  "name_or_number.initials", "name_or_number.email", "name_or_number.record_id",
                  "name_or_number.bed", "name_or_number.national_id")  # said of no one but a patient
Hit = tuple[int, int, str]  # start, end (characters) and rule id
CARE_ROLE = re.compile(r"\b(?:nurse|paramedic|midwife|physio|porter|cleaner|receptionist|pharmacist|"
                       r"dietitian|technician|radiographer|sister|doctor|carer|volunteer|gardener)s?\b",
                       re.IGNORECASE)
THE_ROLE = re.compile(r"\bthe\s+(?:[\w-]+\s+)?$", re.IGNORECASE)  # "the nurse": staff; "the farmer": no
STAFF = re.compile(r"\b(?:our|my|your|their|charge|ward|staff|night|scrub|theatre|duty|triage|district|"
                   r"practice|senior|junior|student|head|specialist|nurses?|team|brilliant|amazing|great)"
                   r"(?!\s+local\b)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
HASHTAG = re.compile(r"#\w[\w-]*")  # a hashtag files the post under a topic, it does not tell the case
# stories: the details inside them win
LOOSE_RULES = ("event.told", "event.mechanism", "event.passive_by", "event.doing")
STORY_LEADS = {"while", "whilst", "after", "during", "when", "from", "out", "a", "an", "the"}  # not a story
_DATE_LEAD = re.compile(r"\b(?:on|during|at|around|about|since|until|from|last|this|early|late|mid|by)"
                        r"\s*$",
                        re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?\n)]|\s(?:and|but|so|then|came|was|is|were|presented|arrived)\b")
_DANGLING = re.compile(r"\b(?:(?:who |and )?(?:works|worked|working) as|from|in|at|on|during|of|as|to|by|"
                       r"near|into|"
                       r"outside|up in|out in|down in|over in)\s*$",
                       re.IGNORECASE)


class PatternFileError(MedsomeError, ValueError):
    """A pattern file (an instructor may extend them) is missing or malformed."""


class MissingPatternFileError(PatternFileError, FileNotFoundError):
    """A pattern file named to the analyser does not exist."""


class EmptyDraftError(MedsomeError, ValueError):
    """A draft with no text to analyse."""


@dataclass(frozen=True)
class Kind:
    """A kind of identifying detail: its label, why it matters (with sources) and what to do."""

    name: str
    label: str
    why: str
    advice: str


@dataclass(frozen=True)
class Rule:
    """One pattern or word list of a kind: its id, its replacement, and the table column it fills."""

    id: str
    kind: str
    replace: str
    detail: str | None = None
    value: str | None = None
    values: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Finding:
    """One identifying span of a draft: where it is, its kind, the pattern that matched, the fix."""

    start: int
    end: int
    text: str
    kind: Kind
    pattern: str
    replacement: str
    detail: str | None = None
    value: object = None
    about: str = ""

    @property
    def action(self) -> str:
        """What the rewrite does with the span, in words."""
        if self.replacement == self.text:
            return "keep: it is already general"
        return f'generalise to "{self.replacement}"' if self.replacement else "remove it"

    def __str__(self) -> str:
        return f'"{self.text}" ({self.kind.label}): {self.action}. Why: {self.kind.why} {self.kind.advice}'


@dataclass(frozen=True)
class Disclosure:
    """Everything a draft gives away, the people who match, and a safer rewrite."""

    text: str
    findings: tuple[Finding, ...]
    photo: tuple[str, ...]
    details: Mapping[str, object]
    candidates: int | None
    rewrite: str
    rewrite_details: Mapping[str, object]
    rewrite_candidates: int | None
    sentences: tuple[Sentence, ...] = ()
    set_aside: tuple[Finding, ...] = ()

    @property
    def clean(self) -> bool:
        """Nothing identifying found, in the text or in the photo's file."""
        return not self.findings and not self.photo

    @property
    def below_k(self) -> bool:
        """Too few people match the details the table can count (privacy.identifies)."""
        return self.candidates is not None and identifies(self.candidates)

    def of(self, kind: str) -> tuple[Finding, ...]:
        """The findings of one kind."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
        return tuple(f for f in self.findings if f.kind.name == kind)

    def count_sentence(self, after: bool = False) -> str:
        """How many people match, before (or after) the rewrite, in words."""
        details = self.rewrite_details if after else self.details
        count = self.rewrite_candidates if after else self.candidates
        if count is None:
            return "No detail the population table can count (age, sex, place, condition, occupation)."
        if not details:
            return f"No countable detail left: anyone of the region's {count:,} people."
        people = "1 person matches" if count == 1 else f"{count:,} people match"
        verdict = (f"below k = {privacy.K_THRESHOLD}: identifying" if identifies(count)
                   else f"at least k = {privacy.K_THRESHOLD}")
        return f"{people} {_in_words(details)} in the course region: {verdict}."

    def checklist_facts(self) -> dict[str, object]:
        """The identification facts of the pre-posting checklist, as the text reveals them."""
        facts: dict[str, object] = {k: self.details.get(k) for k in LINKABLE}
        times = [f.text for f in self.of("date_time") if _is_time(f)]
        dates = [f.text for f in self.of("date_time") if not _is_time(f)]
        for name, texts in (("date", dates), ("time_of_day", times),
                            ("hospital", [f.text for f in self.of("workplace")]),
                            ("mark", [f.text for f in self.of("mark")])):
            facts[name] = "; ".join(texts) or None
        return facts

    def __str__(self) -> str:
        if self.clean:
            aside = "".join(f' "{f.text}" is not counted: {f.about}.' for f in self.set_aside)
            return "Nothing identifying found." + aside + " " + self.count_sentence()
        lines = [f"{len(self.findings)} identifying detail(s) in the text:"]
        lines += [f"- {finding}" for finding in self.findings]
        if self.set_aside:
            lines += ["Not counted, as not about a patient:",
                      *(f'- "{f.text}" ({f.kind.label}): {f.about}' for f in self.set_aside)]
        if self.photo:
            lines += ["The photo's file gives away:", *(f"- {sentence}" for sentence in self.photo)]
        lines += [f"Candidates: {self.count_sentence()}", f"Suggested rewrite: {self.rewrite}",
                  f"After the rewrite: {self.count_sentence(after=True)}"]
        return "\n".join(lines)


def _in_words(details: Mapping[str, object]) -> str:
    return "(" + ", ".join(f"{k} {v}" for k, v in details.items()) + ")"


def _is_time(finding: Finding) -> bool:
    """A time of day rather than a date."""
    text = f" {finding.text.lower()}"
    return finding.pattern.startswith("date_time.clock") or any(word in text for word in TIME_WORDS)


def english_tokenizer() -> Tokenizer:
    """spaCy's English tokenizer with its abbreviations ("Mr.", "a.m.", "e.g."), without its 1,200
    contractions and emoticons, which the patterns do not need and which take most of its set-up time."""
    defaults = English.Defaults
    rules = {text: tokens for text, tokens in defaults.tokenizer_exceptions.items() if "." in text}
    return Tokenizer(create_vocab("en", defaults), rules=rules,
                     prefix_search=compile_prefix_regex(defaults.prefixes).search,
                     suffix_search=compile_suffix_regex(defaults.suffixes).search,
                     infix_finditer=compile_infix_regex(defaults.infixes).finditer,
                     token_match=defaults.token_match, url_match=defaults.url_match)


def default_pattern_files() -> tuple[Path, ...]:
    """The course's pattern files, one per kind."""
    folder = files("medsome").joinpath("patterns")
    return tuple(Path(str(folder.joinpath(f"{kind}.toml"))) for kind in KINDS)


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise MissingPatternFileError(f"{path}: no such pattern file") from error
    except tomllib.TOMLDecodeError as error:
        raise PatternFileError(f"{path}: not valid TOML ({error})") from error


class DraftAnalyser:
    """The analyser: patterns from TOML files, word lists from the lexicon, and (given them) a learnt
    tagger for the details no rule matches and a learnt filter for drafts that describe no patient."""

    def __init__(self, pattern_files: Iterable[str | os.PathLike[str]] | None = None,
                 tagger: Tagger | None = None, draft_filter: DraftFilter | None = None) -> None:
        self.tagger, self.draft_filter = tagger, draft_filter
        paths = [Path(p) for p in (pattern_files or default_pattern_files())]
        self.kinds: dict[str, Kind] = {}
        self.rules: dict[str, Rule] = {}
        self.expressions: list[tuple[re.Pattern[str], int, str]] = []
        self.tokenizer = english_tokenizer()
        lower = PhraseMatcher(self.tokenizer.vocab, attr="LOWER")
        exact = PhraseMatcher(self.tokenizer.vocab, attr="ORTH")
        self.matchers = (lower, exact, Matcher(self.tokenizer.vocab))
        for path in paths:
            data = _read(path)
            missing = [key for key in ("kind", "label", "why", "advice") if key not in data]
            if missing:
                raise PatternFileError(f"{path}: missing {', '.join(missing)}")
            kind = data["kind"]
            self.kinds[kind] = Kind(kind, data["label"], " ".join(data["why"].split()), data["advice"])
            for entry in data.get("phrases", []):
                rule = self._rule(kind, entry, path)
                terms = [*entry.get("terms", []), *(rule.values or {})]
                matcher = exact if entry.get("case_sensitive") else lower
                matcher.add(rule.id, list(self.tokenizer.pipe(terms)))
            for entry in data.get("tokens", []):
                rule = self._rule(kind, entry, path)
                self._tokens(rule.id, entry["pattern"], path)
            for entry in data.get("regex", []):
                self._expression(kind, entry, path)
        if "place" in self.kinds:
            self._add_places(exact)
        for rule_id, kind, words in LEXICON_RULES:
            if kind in self.kinds:
                self.rules[rule_id] = Rule(rule_id, kind, words)
        for kind in self.kinds:
            self.rules[f"{kind}.learnt"] = Rule(f"{kind}.learnt", kind, LEARNT_REPLACE.get(kind, ""))

    def _rule(self, kind: str, entry: Mapping[str, Any], path: Path) -> Rule:
        if "id" not in entry or "replace" not in entry:
            raise PatternFileError(f"{path}: every pattern needs an id and a replace")
        if entry["id"] in self.rules:
            raise PatternFileError(f"{path}: the pattern id {entry['id']!r} is used twice")
        values = {k.lower(): v for k, v in entry["values"].items()} if "values" in entry else None
        rule = Rule(entry["id"], kind, entry["replace"], entry.get("detail"), entry.get("value"), values)
        self.rules[rule.id] = rule
        return rule

    def _tokens(self, rule_id: str, pattern: list[dict[str, Any]], path: Path) -> None:
        """A spaCy token pattern (https://spacy.io/usage/rule-based-matching)."""
        try:
            self.matchers[2].add(rule_id, [pattern])
        except ValueError as error:
            raise PatternFileError(f"{path}: the token pattern {rule_id!r} is not valid ({error})") from error

    def _expression(self, kind: str, entry: Mapping[str, Any], path: Path) -> None:
        """A regular expression over the text (clinical shorthand that the tokenizer splits unevenly)."""
        rule = self._rule(kind, entry, path)
        try:
            flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
            pattern = re.compile(entry["pattern"], flags)
        except (KeyError, re.error) as error:
            raise PatternFileError(f"{path}: the pattern {rule.id!r} is not a valid regular expression "
                                   f"({error})") from error
        group = int(entry.get("group", 0))
        if group > pattern.groups:
            raise PatternFileError(f"{path}: the pattern {rule.id!r} has no group {group}")
        self.expressions.append((pattern, group, rule.id))

    def _add_places(self, matcher: PhraseMatcher) -> None:
        """The course region's municipalities and districts (medsome.gazetteer)."""
        for rule, names in ((Rule("place.course_municipality", "place", DISTRICT, "municipality"),
                             municipalities()),
                            (Rule("place.course_district", "place", DISTRICT, "district"), districts())):
            self.rules[rule.id] = rule
            matcher.add(rule.id, list(self.tokenizer.pipe(names)))

    def hits(self, text: str) -> list[Hit]:
        """Every match (patterns, expressions, word lists), overlaps resolved in favour of the longest."""
        doc = self.tokenizer(text)
        strings = self.tokenizer.vocab.strings
        matches = {(key, start, end) for matcher in self.matchers for key, start, end in matcher(doc)}
        found: list[Hit] = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), strings[key])
                            for key, start, end in matches if end > start]
        for pattern, group, rule_id in self.expressions:
            found += [(m.start(group), m.end(group), rule_id) for m in pattern.finditer(text)
                      if m.end(group) > m.start(group)]
        if any(kind in self.kinds for _, kind, _ in LEXICON_RULES):
            found += [hit for hit in mentions(doc, lexicon()) if hit[2] in self.rules]
        hashtags = [(m.start(), m.end()) for m in HASHTAG.finditer(text)]
        found = _resolve(text, [hit for hit in found if not any(a <= hit[0] < b for a, b in hashtags)])
        if self.tagger is not None:
            learnt = [(start, end, f"{kind}.learnt") for start, end, kind in self.tagger.spans(doc, lexicon())
                      if kind in self.kinds and kind not in RULES_ONLY
                      and not any(a <= start < b for a, b in hashtags)
                      and not (kind == "place" and _AFTER_ON.search(text[:start]))]
            found += [hit for hit in learnt if all(hit[1] <= o[0] or o[1] <= hit[0] for o in found)]
        return sorted(found)

    def _finding(self, text: str, hit: Hit) -> Finding:
        start, end, rule_id = hit
        rule, matched = self.rules[rule_id], text[start:end]
        value: object = None
        if rule.detail in ("municipality", "district"):
            value = matched
        elif rule.values is not None:
            value = rule.values.get(matched.lower())
        elif rule.detail is not None:
            value = rule.value
        return Finding(start, end, matched, self.kinds[rule.kind], rule.id, _replacement(rule, matched),
                       rule.detail if value is not None else None, value)

    def _pronouns(self, text: str, findings: list[Finding], decided: tuple[Sentence, ...]) -> list[Finding]:
        """Each he, she, his or her of the patient's sentences, as a sex finding."""
        if "sex" not in self.kinds:
            return findings

        def about(position: int) -> str | None:
            sentence = sentence_at(decided, position)
            return sentence.reason if sentence is not None and sentence.about_patient else None

        def make(start: int, end: int, word: str, neutral: str, sex: str, reason: str) -> Finding:
            return Finding(start, end, word, self.kinds["sex"], "sex.pronoun", neutral, "sex", sex, reason)

        return about_patient.standalone(text, findings, self.kinds["sex"], about, make)

    def analyse(self, text: str, photo: str | os.PathLike[str] | None = None,
                population: pd.DataFrame | None = None) -> Disclosure:
        """Analyse a draft (and its photo's file): findings, candidate counts and a rewrite."""
        if not isinstance(text, str):
            raise TypeError(f"the draft should be text (a str), not {type(text).__name__}")
        if not text.strip():
            raise EmptyDraftError("the draft is empty: paste the text of the post to analyse it")
        every = [_with_values(self._finding(text, hit)) for hit in self.hits(text)]
        names = [(f.start, f.end) for f in every if f.pattern == "name_or_number.person_name"]
        ruled = [(f.start, f.kind.name) for f in every if not f.pattern.endswith(".learnt")]
        decided = sentences(text, names, ruled)  # the tagger's guesses do not make a sentence a case
        if self.draft_filter is not None and self.draft_filter.describes_no_patient(text):
            decided = tuple(replace(each, about_patient=False, reason=PATIENT_FREE) for each in decided)
        findings, set_aside = [], []
        for finding in every:
            sentence = sentence_at(decided, finding.start)
            about = sentence.reason if sentence else "outside any sentence"
            keep = (sentence is not None and sentence.about_patient) or (
                finding.pattern in ALWAYS_PATIENT and about != INVENTED_REASON)
            before = text[max(0, finding.start - 40):finding.start]
            staff = (STAFF.search(before) and not finding.text.lower().startswith("local ")) or (
                THE_ROLE.search(before) and CARE_ROLE.search(finding.text))
            if finding.kind.name == "occupation" and staff:
                keep, about = False, "a member of staff, not the patient"
            (findings if keep else set_aside).append(replace(finding, about=about))
        findings = self._pronouns(text, findings, decided)
        rewritten = rewrite(text, findings)
        if "sex" in self.kinds:
            findings = about_patient.split_out(text, findings, self.kinds["sex"])
        metadata = tuple(describe_metadata(photo)) if photo is not None else ()
        details = _details(findings, text)
        rewrite_details = _generalised(details, findings)
        return Disclosure(
            text, tuple(findings), metadata, details, _count(population, details), rewritten,
            rewrite_details, _count(population, rewrite_details), decided, tuple(set_aside),
        )


def _resolve(text: str, found: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping matches; a story told in free words ("went through the ice on
    Lake Oulu") yields to the details inside it and is cut short before them."""
    chosen: list[Hit] = []
    stories = [hit for hit in found if hit[2] in LOOSE_RULES]
    for hit in sorted((h for h in found if h[2] not in LOOSE_RULES), key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= other[0] or other[1] <= hit[0] for other in chosen):
            chosen.append(hit)
    for start, end, rule_id in sorted(stories, key=lambda h: (h[0] - h[1], h[0])):
        inside = [other[0] for other in chosen if start < other[0] < end]
        end = min([end, *inside])
        end = start + len(text[start:end].rstrip(" ,;:-"))
        told = set(re.findall(r"[\w-]+", text[start:end].lower())) - STORY_LEADS
        if end - start >= 4 and told and all(end <= other[0] or other[1] <= start for other in chosen):
            chosen.append((start, end, rule_id))
    return sorted(chosen)


def _replacement(rule: Rule, text: str) -> str:
    """What the rewrite puts in place of a span."""
    if rule.replace == DISTRICT:
        return text if rule.detail == "district" else f"the {municipalities()[text]}"
    if rule.replace.startswith(AGE_BAND):
        age = _age(text)
        band = f"{generalise_age(age, 10)}-year-old" if age is not None else "adult"
        return band + rule.replace[len(AGE_BAND):]
    return rule.replace


def _age(text: str) -> int | None:
    digits = re.search(r"\d+", text)
    return int(digits.group()) if digits else None


def _with_values(finding: Finding) -> Finding:
    """Give age and sex findings the value the population table holds."""
    age = _age(finding.text)
    if finding.kind.name == "age" and finding.pattern not in ("age.number_month_old", "age.months_old") \
            and age is not None:
        return Finding(**{**finding.__dict__, "detail": "age", "value": age})
    return finding


def _about_a_relative(finding: Finding, findings: Iterable[Finding], text: str) -> bool:
    """Whether a detail follows a family word in its clause ("his mother, a nurse"): not the patient's."""
    return any(other.kind.name == "family" and other.end <= finding.start
               and not re.search(r"[.;!?]", text[other.end:finding.start]) for other in findings)


def _details(findings: Iterable[Finding], text: str) -> dict[str, object]:
    """The countable details of the patient, the first of each kind (the patient is usually named first)."""
    findings = list(findings)
    details: dict[str, object] = {}
    for finding in findings:
        if finding.detail is None or finding.value is None or _about_a_relative(finding, findings, text):
            continue
        details.setdefault(finding.detail, finding.value)
        if finding.pattern == "age.age_sex_shorthand":
            details.setdefault("sex", "male" if finding.text.rstrip().endswith("M") else "female")
    if "municipality" in details:
        details.pop("district", None)
    return details


def _generalised(details: Mapping[str, object], findings: Iterable[Finding]) -> dict[str, object]:
    """The details the rewrite still reveals: an age band and the district."""
    kept: dict[str, object] = {}
    banded = any(f.kind.name == "age" and f.replacement.endswith("-year-old") for f in findings)
    if "age" in details and banded:
        age = details["age"]
        kept["age"] = generalise_age(int(age), 10) if isinstance(age, int) else age
    if "municipality" in details:
        kept["district"] = municipalities()[str(details["municipality"])]
    elif "district" in details:
        kept["district"] = details["district"]
    return kept


def _count(population: pd.DataFrame | None, details: Mapping[str, object]) -> int:
    """People of the population (the course's own when None) who match the details."""
    if population is None:
        return _course_count(tuple(sorted(details.items(), key=lambda item: item[0])))
    if not details:
        return int(population["count"].sum())
    return candidate_count(population, details)


@cache
def _course_count(details: tuple[tuple[str, object], ...]) -> int:
    """A count against the course's population, remembered: drafts repeat the same details."""
    return _count(_population(), dict(details))


@cache
def _population() -> pd.DataFrame:
    from medsome.data import load_population

    return load_population()


def _cleanup(text: str) -> str:
    """Tidy a rewritten draft: spaces, articles, doubled words, capitals after a full stop."""
    text = re.sub(r"(^|[\s(\[])['’]s\b[ \t]*", r"\1", text)  # a possessive whose owner was removed
    text = re.sub(r"([,;:])['’]s\b[ \t]*", r"\1 ", text)  # ... right after a colon or a comma
    text = re.sub(r"\(\s*[,;:.]*\s*\)|\[\s*\]", "", text)
    text = re.sub(r"\(\s*[,;:]\s*", "(", text)
    text = re.sub(r"\s*[,;:]\s*\)", ")", text)
    text = re.sub(r"(?<=[.!?])[ \t]*[,;:]+", "", text)
    text = re.sub(r"(^|\n)[ \t]*[,;:.]+[ \t]*", r"\1", text)
    text = re.sub(r"\b(?:In|On|At|During|From|By|Since|Until)[ \t]*,[ \t]*", "", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?=[,.;:!?])", "", text)
    text = re.sub(r",? who (?:works|worked) as an? patient\b", "", text)
    text = re.sub(r"\b(patient)(?:,? (?:the |a )?patient)+\b", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\b([Aa])n? (?=([\w–-]+))", lambda m: _article(m.group(1), m.group(2)), text)
    text = re.sub(r"([,;:]\s*)+$", "", text.strip())
    text = re.sub(r"^\s*[,;:.!?]+\s*", "", text)
    text = re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.strip())
    text = re.sub(r"(?:^|(?<=[.!?] ))(?:They|He|She|It|We)[.!?](?: |$)", "", text).strip()
    text = re.sub(r"\(\s*[,;:]\s*", "(", re.sub(r"\s*[,;:]\s*\)", ")", text))
    return re.sub(r"\(\s*\)", "", text).replace("  ", " ").strip()


def _article(first: str, word: str) -> str:
    vowel = word[0].lower() in "aeio" or word.startswith(("8", "11", "18", "80"))
    article = "an" if vowel else "a"
    return (article.capitalize() if first == "A" else article) + " "


def _neutral_pronouns(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = about_patient.PRONOUNS[match.group().lower()]
        return word.capitalize() if match.group()[0].isupper() else word

    text = re.sub(r"\b(" + "|".join(about_patient.PRONOUNS) + r")\b", swap, text, flags=re.IGNORECASE)
    return re.sub(r"\b([Tt]hey) (was|is|has)\b", lambda m: f"{m.group(1)} {PLURAL_VERBS[m.group(2)]}", text)


def _sentences_to_drop(text: str, findings: list[Finding]) -> list[tuple[int, int]]:
    """Sentences (or clauses after a semicolon) that exist to tell a removed mark, family detail,
    rarity or name: dropped whole, except the first, which carries the case (there only the details
    themselves go)."""
    drop = []
    for number, sentence in enumerate(re.finditer(r"[^.!?;\n]+[.!?;]*[ \t]*", text)):
        if number and any(sentence.start() <= f.start < sentence.end() and not f.replacement
                          and f.kind.name in SENTENCE_KINDS for f in findings):
            drop.append((sentence.start(), sentence.end()))
    return drop


def _whole_clauses(text: str, findings: list[Finding]) -> list[Finding]:
    """A story is replaced to the end of its clause ("caught in a tractor's shaft" -> "was injured"),
    unless another detail lies in the rest of the clause."""
    widened = []
    for number, finding in enumerate(findings):
        end = finding.end
        if finding.pattern in LOOSE_RULES and finding.replacement:
            stop = _CLAUSE_END.search(text, finding.end)
            clause_end = stop.start() if stop else len(text)
            following = findings[number + 1].start if number + 1 < len(findings) else len(text)
            if clause_end <= following:
                end = clause_end
        widened.append(replace(finding, end=end) if end != finding.end else finding)
    return widened


def rewrite(text: str, findings: Iterable[Finding]) -> str:
    """The draft with each finding generalised or removed (and he/she made 'they' once sex is gone)."""
    findings = sorted(findings, key=lambda f: f.start)
    findings = [Finding(**{**f.__dict__, "replacement": ""})
                if f.kind.name == "occupation" and _about_a_relative(f, findings, text) else f
                for f in findings]
    ended = text.rstrip().endswith((".", "!", "?"))
    for start, end in reversed(_sentences_to_drop(text, findings)):
        shift = end - start
        text = text[:start] + text[end:]
        findings = [f if f.end <= start else Finding(**{**f.__dict__, "start": f.start - shift,
                                                        "end": f.end - shift})
                    for f in findings if not start <= f.start < end]
    findings = _whole_clauses(text, findings)
    parts, position = [], 0
    for finding in findings:
        before = text[position:finding.start]
        if not finding.replacement and finding.kind.name in DANGLING_KINDS:
            before = _DANGLING.sub("", before.rstrip())
        elif not finding.replacement and finding.kind.name == "date_time":
            before = _DATE_LEAD.sub("", before.rstrip())
            before = before + " " if before and not before.endswith(("(", "\n")) else before
        parts += [before, finding.replacement]
        position = finding.end
    result = "".join([*parts, text[position:]])
    if any(f.kind.name == "sex" for f in findings):
        result = _neutral_pronouns(result)
    result = _cleanup(result)
    return result + "." if ended and result and not result.endswith((".", "!", "?")) else result


_BUILDING = threading.Lock()


@cache
def _built() -> DraftAnalyser:
    analyser = DraftAnalyser(tagger=shipped(), draft_filter=shipped_filter())
    lexicon()
    _population()
    return analyser


def default_analyser() -> DraftAnalyser:
    """The analyser with the course's pattern files, built once (its word lists and population loaded)."""
    with _BUILDING:
        return _built()


def warm_up() -> threading.Thread:
    """Build the analyser in the background (a widget does on display), so the first draft is quick."""
    thread = threading.Thread(target=default_analyser, name="medsome-draft-analyser", daemon=True)
    thread.start()
    return thread


def analyse_draft(text: str, photo: str | os.PathLike[str] | None = None,
                  population: pd.DataFrame | None = None) -> Disclosure:
    """What a draft post (and its photo's file) gives away, counted against Module 2's population."""
    return default_analyser().analyse(text, photo, population)

"""Every word that tells a patient's sex: each pronoun, and a title or pronoun inside another detail.

A sex word ("woman", "bloke") is matched by `patterns/sex.toml`. The pronouns and titles are found
here, in the sentences about a patient: each "he", "her", "his" on its own, and the "his" of "in his
40s", the "her" of "her mum" or "kicked her" and the "Mr" of "Mr K", which are cut out of the
detail that holds them, so both are reported ("his": sex, "40s": age).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

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

"""The course's bibliography: read the learner-facing references page, find citations in a text.

The page is `course/references.md` (copied into every learner's workspace as
`lessons/references.md`). Each source is one `### ` heading, its **short form** exactly as the
text cites it, followed by bullet fields:

    ### Sweeney 2000

    - **Also cited as:** Sweeney L, Data Privacy Working Paper 3, 2000; Sweeney's analysis
    - **Reference:** Sweeney L. Simple Demographics Often Identify People Uniquely. ...
    - **Evidence level:** partly checked (...)

An entry may also give a **DOI:** (a bare DOI, checked against the source) or, for a source
without one, a **Link:** (an https address); the website links both.

`## ` headings group the entries: the sources, and "The course's own rules" (the teaching rules
the course made itself, so that a text can cite "the course's own rule").

**What counts as a citation** (`find_citations`). A citation is a name followed by a year:

- a name is one or more capitalised words (`Sweeney`, `De Gagne`, `Aesthetic Plast Surg`,
  `Kepios/DataReportal`, `GMC`, `FSMB's`), optionally with initials (`Luc JGY`), further authors
  (`Teven, Park & Song`, `Hase and Kenyon`, `Charnock D, Shepperd S`) and `et al.`;
- then, optionally, a venue of capitalised words after a comma or full stop
  (`Montemurro et al., Aesthetic Plast Surg 2015`, `Ahmed W et al. J Med Internet Res 2020`);
- then the year (1900-2099), optionally in brackets and after a month
  (`GMC 2024`, `IMI (2006)`, `AusCERT (August 2018)`).

Its key is the first author's name (without initials, a possessive 's or a leading word such
as "In" or "The") and the year: `Montemurro et al., Aesthetic Plast Surg 2015` and
`Montemurro 2015` both have the key ("montemurro", 2015). A citation resolves when some entry
has the same key among those of its short form and its "also cited as" forms.

**What is not a citation.** Years after a month or a weekday alone (`January 2021`,
`Updated May 2024`), after a place a statement was adopted in (`Montevideo 2011`), and years not
directly after a capitalised name (`in 2019`, `the 1990 census`, `2,400 posts`). Names without a
year (`the GMC`, `Koljonen`, `HIPAA Safe Harbor`) cannot be told apart from ordinary prose, so
they are not checked as citations; an entry still counts as cited when one of its forms appears
in a text word for word (`cited_entries`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from medsome.errors import MedsomeError, UnknownName
from medsome.paths import lessons_dir

REFERENCES_FILE = "references.md"
RULES_SECTION = "The course's own rules"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Capitalised words that precede a year without citing anything.
NOT_NAMES = frozenset(word.lower() for word in (*_MONTHS, *_WEEKDAYS, "Montevideo", "Berlin", "Module",
                                                "Question", "Section", "Updated", "Recorded", "Since"))
# Leading words dropped from a multi-word name ("In Rhode Island (2010-11)").
_LEADING = frozenset({"in", "the", "a", "an", "see", "from", "by", "after", "and", "both", "as", "of",
                      "unlike", "for", "with", "per", "via", "also"})

_WORD = r"[A-Z][\w'’/.-]*"
_INITIALS = r"(?:\s+[A-Z]{1,4}(?:-[A-Z]{1,2})?\b)?"
_NAME = rf"{_WORD}(?:(?:\s+|-){_WORD})*?{_INITIALS}"
_AUTHORS = rf"{_NAME}(?:,\s+{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME})?(?:\s+et\s+al\.?)?"
_TITLE = r"(?:,?\s+\*[^*\n]+\*)?"  # an italic title between the name and the year
_VENUE = rf"(?:[,.]\s+{_WORD}(?:\s+{_WORD})*)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d])"
CITATION = re.compile(rf"(?<![\w/])(?P<authors>{_AUTHORS}){_TITLE}{_VENUE},?\s+\(?"
                      rf"(?:(?:{'|'.join(_MONTHS)})\s+)?{_YEAR}")


class BibliographyError(MedsomeError, ValueError):
    """The references page is missing or malformed."""


@dataclass(frozen=True)
class Citation:
    """A name followed by a year, found in a text."""

    text: str
    name: str
    year: int
    start: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.name.lower(), self.year)


@dataclass(frozen=True)
class Entry:
    """One source (or one of the course's own rules) of the references page."""

    short: str
    reference: str
    section: str
    aliases: tuple[str, ...] = ()
    level: str = ""
    doi: str = ""
    link: str = ""
    keys: frozenset[tuple[str, int]] = field(default=frozenset(), compare=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """The short form first, then the alternative short forms."""
        return (self.short, *self.aliases)

    @property
    def is_course_rule(self) -> bool:
        return self.section == RULES_SECTION


def _lead_name(authors: str) -> str | None:
    """The first author's name: no initials, no possessive, no leading 'In'/'The'; None if not a name."""
    first = re.split(r",|\s+et\s+al|\s+and\s+|\s+&\s+", authors, maxsplit=1)[0].strip()
    words = re.split(r"\.\s+", first)[-1].split()  # the name starts after any sentence break
    while len(words) > 1 and re.fullmatch(r"[A-Z]{1,4}(?:-[A-Z]{1,2})?\.?", words[-1]):
        words.pop()  # initials
    while len(words) > 1 and words[0].lower() in _LEADING:
        words.pop(0)
    if not words or words[0].lower() in _LEADING:
        return None
    name = " ".join(words)
    name = re.sub(r"['’]s$", "", name).rstrip(".")
    if name.lower() in NOT_NAMES or words[-1].lower() in NOT_NAMES:
        return None
    return name


def find_citations(text: str) -> list[Citation]:
    """Every citation in `text` (a name followed by a year; see the module's documentation)."""
    found = []
    for match in CITATION.finditer(text):
        name = _lead_name(match.group("authors"))
        if name is not None:
            found.append(Citation(match.group(0), name, int(match.group("year")), match.start()))
    return found


def _keys(forms: Iterable[str]) -> frozenset[tuple[str, int]]:
    return frozenset(citation.key for form in forms for citation in find_citations(form))


_FIELD = re.compile(r"^- \*\*(?P<field>[^*:]+):\*\* ?(?P<value>.*)$")
DOI = re.compile(r"10\.\d{4,9}/\S+")
LINK = re.compile(r"https://\S+")


def parse_bibliography(text: str, origin: str = REFERENCES_FILE) -> tuple[Entry, ...]:
    """The entries of a references page, in order. Raises BibliographyError naming what is wrong."""
    entries: list[Entry] = []
    section, current = "", None

    def close() -> None:
        if current is None:
            return
        if not current["reference"]:
            raise BibliographyError(f"{origin}: the entry {current['short']!r} has no **Reference:**")
        forms = (current["short"], *current["aliases"])
        entries.append(Entry(current["short"], current["reference"], section, tuple(current["aliases"]),
                             current["level"], current["doi"], current["link"], _keys(forms)))

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            close()
            section, current = line[3:].strip(), None
        elif line.startswith("### "):
            close()
            current = {"short": line[4:].strip(), "aliases": [], "reference": "", "level": "", "doi": "",
                       "link": ""}
        elif current is not None and (match := _FIELD.match(line)):
            name, value = match.group("field").strip().lower(), match.group("value").strip()
            if name == "also cited as":
                current["aliases"] += [alias.strip() for alias in value.split(";") if alias.strip()]
            elif name == "reference":
                current["reference"] = value
            elif name == "evidence level":
                current["level"] = value
            elif name in ("doi", "link"):
                if not (DOI if name == "doi" else LINK).fullmatch(value):
                    kind = "bare DOI (10.xxxx/...)" if name == "doi" else "https address"
                    raise BibliographyError(f"{origin}, line {number}: {value!r} is not a {kind}")
                current[name] = value
            else:
                raise BibliographyError(f"{origin}, line {number}: unknown field {match.group('field')!r}")
    close()
    if not entries:
        raise BibliographyError(f"{origin}: no entries (### headings) found")
    shorts = [entry.short for entry in entries]
    duplicates = sorted({short for short in shorts if shorts.count(short) > 1})
    if duplicates:
        raise BibliographyError(f"{origin}: duplicate short forms: {', '.join(duplicates)}")
    return tuple(entries)


@dataclass(frozen=True)
class Bibliography:
    """The references page: its entries, and which citations resolve to them."""

    entries: tuple[Entry, ...]

    def entry(self, short: str) -> Entry:
        """The entry with this short form, or an UnknownName (a KeyError) listing the short forms."""
        for entry in self.entries:
            if entry.short == short:
                return entry
        raise UnknownName(f"no entry {short!r}; the entries are: {', '.join(e.short for e in self.entries)}")

    def resolve(self, citation: Citation) -> tuple[Entry, ...]:
        """The entries a citation may refer to (empty when it resolves to none)."""
        return tuple(entry for entry in self.entries if citation.key in entry.keys)

    def unresolved(self, text: str) -> list[Citation]:
        """The citations in `text` that no entry resolves."""
        return [citation for citation in find_citations(text) if not self.resolve(citation)]

    def cited_entries(self, text: str) -> set[str]:
        """Short forms of the entries `text` cites: by a resolved citation or one of its forms verbatim."""
        cited = {entry.short for citation in find_citations(text) for entry in self.resolve(citation)}
        cited |= {entry.short for entry in self.entries if any(form in text for form in entry.forms)}
        return cited


def references_path() -> Path:
    """Where the references page lives: course/references.md (the workspace copies it)."""
    return lessons_dir() / REFERENCES_FILE


def load_bibliography(path: Path | str | None = None) -> Bibliography:
    """The course's bibliography, from `path` (default: course/references.md)."""
    path = Path(path) if path is not None else references_path()
    if not path.is_file():
        raise BibliographyError(f"{path}: references page not found")
    return Bibliography(parse_bibliography(path.read_text(encoding="utf-8"), str(path)))

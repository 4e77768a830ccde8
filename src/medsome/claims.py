"""The claims register: every fact a learner or facilitator reads, where it appears, and its check.

The register is `course/claims.csv`, one row per factual claim (a number, a study's result, what
a guideline, regulator or law says, a historical case, or one of the course's own rules):

- `id`: C001, C002, ...;
- `claim`: the claim in the course's words, in short;
- `where`: every place it appears, `;`-separated: a file, or `file#cell-id` for a notebook;
- `text`: `|`-separated fragments of the sentences that state it, as they read there;
- `source`: the short form of its entry in `course/references.md` (`;`-separated if several);
- `locator`: paragraph, page, table or section of the source;
- `source_says`: the source's words in short, or a close paraphrase;
- `status`: `verified`, `partly verified` or `course rule`;
- `evidence`: how it was checked, the passage or page found (with its address), and what is missing;
- `checked_by`: who checked it, and when.

`docs/claims.md` renders the register for instructors (`write_claims_page`).

**Which sentences must carry a claim** (`needs_claim`): a sentence that holds a percentage or a
statistic (n =, r =, an odds ratio, kappa, "1 of 37", billions and millions), a paragraph locator
("para 37"), a citation (a name and a year, `medsome.bibliography.find_citations`) or the name of
a guideline body, regulator or law (`AUTHORITIES`). A sentence carries a claim when it holds one
of the register's text fragments, or a marker `<!-- claim:C012 -->`.

**Exempt** (the rule is short on purpose): sentences about the course's own synthetic data (they
say "synthetic", "invented", "simulated" or "the corpus"); the course's exercise points, minutes,
marks and pass marks, and numbers given as examples ("such as 0.05"); reference lists ("Sources:"
and "References" items), which cite but do not claim; labels of fewer than four words; and
strings that are markup rather than prose.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from pathlib import Path

from medsome.atomic import write_text
from medsome.bibliography import find_citations
from medsome.errors import MedsomeError
from medsome.paths import course_root

REGISTER = Path("course") / "claims.csv"
PAGE = Path("docs") / "claims.md"
STATUSES = ("verified", "partly verified", "course rule")
MARKER = re.compile(r"<!--\s*claim:(C\d{3})\s*-->")
AUTHORITIES = re.compile(r"\b(GMC|BMA|WMA|FSMB|AMA|ACP|HIPAA|GDPR|AHPRA|ASPS|ICMJE|IMI|HONcode|Safe Harbor|"
                         r"Finnish Medical Association|HUS|Valvira)\b")
_PERCENT = re.compile(r"\d\s?%|\d per ?cent\b")
_STATISTIC = re.compile(r"\b\d[\d.,]*\s?(?:billion|million|bn)\b|\bn ?= ?\d|\br ?= ?[\d.]|\bkappa\b|"
                        r"\bodds ratio\b|\b\d+ of (?:the )?\d+\b(?! (?:points?|marks?))", re.IGNORECASE)
_LOCATOR = re.compile(r"\bparas?\.? ?\d|\bparagraphs? \d", re.IGNORECASE)
_EXEMPT = re.compile(r"synthetic|invented|simulated|the corpus|\bseeded\b", re.IGNORECASE)
_COURSE_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?\s*%? (?:of (?:its |the )?)?(?:points?|marks?|min(?:utes)?)\b"
                             r"|\d+ of \d+ (?:points?|marks?|or more)|\b100\s?%"
                             r"|(?:such as|e\.g\.,?|for example) [\d.]+(?: for \d+%)?", re.IGNORECASE)
_MARKUP = re.compile(r"[{}<>]|calc\(|px\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(*])|\n\s*\n|\n(?=\s*[-*#|>] )|\n(?=\d+\. )")
_REFERENCE_LIST = re.compile(r"^(?:\*\*(?:Sources|References):\*\*|## References)", re.MULTILINE)


class ClaimsError(MedsomeError, ValueError):
    """The claims register is missing or malformed."""


@dataclass(frozen=True)
class Claim:
    """One factual claim of the course, with where it appears and how it was checked."""

    id: str
    claim: str
    where: str
    text: str
    source: str
    locator: str
    source_says: str
    status: str
    evidence: str
    checked_by: str

    @property
    def places(self) -> tuple[str, ...]:
        """Each place the claim appears: a file, or file#cell-id."""
        return tuple(place.strip() for place in self.where.split(";") if place.strip())

    @property
    def fragments(self) -> tuple[str, ...]:
        """The fragments of text that state the claim where it appears."""
        return tuple(part.strip() for part in self.text.split("|") if part.strip())

    @property
    def sources(self) -> tuple[str, ...]:
        """The short forms of the references page entries it rests on."""
        return tuple(part.strip() for part in self.source.split(";") if part.strip())


COLUMNS = tuple(field.name for field in fields(Claim))


def register_path() -> Path:
    """Where the register lives: course/claims.csv."""
    return course_root() / REGISTER


def load_claims(path: Path | str | None = None) -> tuple[Claim, ...]:
    """The register's claims, checked for shape. Raises ClaimsError naming the row and column."""
    path = Path(path) if path is not None else register_path()
    if not path.is_file():
        raise ClaimsError(f"{path}: the claims register is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ClaimsError(f"{path}: the columns must be {', '.join(COLUMNS)}")
        claims = []
        for number, row in enumerate(reader, start=2):
            empty = [name for name in COLUMNS if not (row[name] or "").strip()]
            if empty:
                raise ClaimsError(f"{path}, line {number}: empty column(s) {', '.join(empty)}")
            claim = Claim(**{name: row[name].strip() for name in COLUMNS})
            if not re.fullmatch(r"C\d{3}", claim.id):
                raise ClaimsError(f"{path}, line {number}: the id {claim.id!r} is not of the form C001")
            if claim.status not in STATUSES:
                raise ClaimsError(f"{path}, line {number}: status {claim.status!r} is not one of {STATUSES}")
            claims.append(claim)
    ids = [claim.id for claim in claims]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ClaimsError(f"{path}: duplicate ids {', '.join(duplicates)}")
    return tuple(claims)


def sentences(text: str) -> list[str]:
    """The sentences (and list items, table rows, headings) of a text, reference lists left out."""
    match = _REFERENCE_LIST.search(text)
    body = text[:match.start()] if match and text[match.start():].startswith("## References") else text
    found = []
    for part in _SENTENCE.split(body):
        part = " ".join(part.split())
        if part and not _REFERENCE_LIST.match(part) and not part.startswith("**Sources:**"):
            found.append(part)
    return found


def needs_claim(sentence: str) -> bool:
    """Whether a sentence states a fact that the register must hold (see the module's rule)."""
    if _MARKUP.search(sentence) or _EXEMPT.search(sentence) or len(sentence.split()) < 4:
        return False
    prose = _COURSE_NUMBERS.sub("", sentence)
    return bool(_PERCENT.search(prose) or _STATISTIC.search(prose) or _LOCATOR.search(prose)
                or AUTHORITIES.search(prose) or find_citations(prose))


def covering(sentence: str, claims: tuple[Claim, ...]) -> list[str]:
    """The ids of the claims a sentence carries: its markers, and the claims whose fragment it holds."""
    ids = MARKER.findall(sentence)
    return ids + [claim.id for claim in claims if any(fragment in sentence for fragment in claim.fragments)]


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def render_claims(claims: tuple[Claim, ...]) -> str:
    """The register as a markdown page for instructors, with counts by status."""
    counts = {status: sum(claim.status == status for claim in claims) for status in STATUSES}
    lines = [
        "# The course's claims register",
        "",
        "Generated from `course/claims.csv` by `medsome.claims.write_claims_page`; do not edit by hand.",
        "Every factual claim a learner or facilitator reads, where it appears, its source in",
        "`course/references.md`, and how it was checked.",
        "",
        f"{len(claims)} claims: " + ", ".join(f"{counts[status]} {status}" for status in STATUSES) + ".",
        "",
    ]
    for claim in claims:
        lines += [
            f"## {claim.id} · {claim.claim}",
            "",
            f"- **Status:** {claim.status}",
            f"- **Source:** {claim.source} ({claim.locator})",
            f"- **The source says:** {claim.source_says}",
            f"- **Evidence:** {claim.evidence}",
            f"- **Checked by:** {claim.checked_by}",
            f"- **Where:** {', '.join(f'`{place}`' for place in claim.places)}",
            f"- **Text:** {'; '.join(_cell(f'“{fragment}”') for fragment in claim.fragments)}",
            "",
        ]
    return "\n".join(lines)


def write_claims_page(register: Path | None = None, page: Path | None = None) -> Path:
    """Render the register into docs/claims.md (or `page`) and return its path."""
    page = page if page is not None else course_root() / PAGE
    write_text(page, render_claims(load_claims(register)))
    return page

"""The bibliography: every citation a learner reads resolves to an entry of course/references.md,
every entry is cited somewhere, and no learner-facing text points to a document learners lack."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, ROOT, SOURCES
from medsome.bibliography import (
    RULES_SECTION,
    BibliographyError,
    Citation,
    find_citations,
    load_bibliography,
    parse_bibliography,
    references_path,
)

# Documents a learner does not have (the course's internal notes), however they are named.
MISSING_DOCUMENTS = re.compile(r"evidence file|evidence\.md|evidence base|course's evidence|course evidence|"
                               r"reference/|notes/", re.IGNORECASE)
LIBRARY = ROOT / "src" / "medsome"


def _string_literals(source: str) -> list[str]:
    """The string literals of Python code, docstrings left out (they are for maintainers)."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


REFERENCE_LIST = re.compile(r"^## References\n(?P<list>.*)\Z|^\*\*References:\*\*(?P<inline>.*)$",
                            re.MULTILINE | re.DOTALL)


def _split_references(markdown: str) -> tuple[str, list[str]]:
    """A markdown cell's prose, and the items of its reference list (a lesson's `## References`
    section, one item a bullet; an assignment's `**References:**` line, one item per `;`)."""
    match = REFERENCE_LIST.search(markdown)
    if not match:
        return markdown, []
    if match.group("list") is not None:
        items = [line[2:] for line in match.group("list").splitlines() if line.startswith("- ")]
    else:
        items = [item.strip() for item in re.split(r";\s(?![^()]*\))", match.group("inline"))]
    return markdown[:match.start()], [item for item in items if item]


def _notebook_parts(path: Path) -> tuple[list[str], list[str]]:
    texts, references = [], []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            prose, items = _split_references(cell.source)
            texts.append(prose)
            references += items
        elif cell.cell_type == "code":
            texts += _string_literals(cell.source)
    return texts, references


def _notebook_texts(path: Path) -> list[str]:
    texts, references = _notebook_parts(path)
    return texts + references


def _json_texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in {"id", "kind", "name", "key", "vocabulary"}
                for text in _json_texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _json_texts(item)]
    return []


def learner_texts() -> list[tuple[str, str]]:
    """(where, text) for everything a learner reads: lessons, assignments with their hidden tests'
    feedback, self-checks, practice items, data cards and the library's messages."""
    texts: list[tuple[str, str]] = []
    for path in (*LESSONS, *SOURCES):
        texts += [(str(path.relative_to(ROOT)), text) for text in _notebook_parts(path)[0]]
    for path in sorted((ROOT / "course").glob("*/*.json")):
        texts += [(str(path.relative_to(ROOT)), text) for text in _json_texts(json.loads(path.read_text()))]
    for path in [ROOT / "datasets" / "README.md", *sorted((ROOT / "datasets" / "cards").glob("*.md"))]:
        texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    for path in sorted(LIBRARY.rglob("*.py")):
        if "grading" in path.parts or path.name == "bibliography.py":
            continue
        texts += [(str(path.relative_to(ROOT)), text) for text in _string_literals(path.read_text())]
    return texts


def facilitator_texts() -> list[tuple[str, str]]:
    """(where, text) for what instructors read: the facilitator guides and the course overview."""
    paths = [*sorted((ROOT / "facilitator").glob("*.md")), ROOT / "docs" / "overview.md"]
    return [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in paths]


def reference_items() -> list[tuple[str, str]]:
    """(where, item) for every item of the lessons' and assignments' reference lists."""
    return [(str(path.relative_to(ROOT)), item)
            for path in (*LESSONS, *SOURCES) for item in _notebook_parts(path)[1]]


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography()


@pytest.fixture(scope="module")
def corpus():
    return learner_texts()


# --- the module ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "year"), [
    ("as Sweeney showed (Sweeney 2000)", "Sweeney", 2000),
    ("(Montemurro et al., Aesthetic Plast Surg 2015)", "Montemurro", 2015),
    ("Hase & Kenyon 2000", "Hase", 2000),
    ("Bennett and Vercler 2018", "Bennett", 2018),
    ("(Teven, Park & Song, PRS 2017)", "Teven", 2017),
    ("Luc JGY et al., Ann Thorac Surg 2021;111(1):296-300", "Luc", 2021),
    ("Charnock D, Shepperd S, Needham G, Gann R, J Epidemiol Community Health 1999;53:105", "Charnock", 1999),
    ("(Aesthetic Plast Surg 2023)", "Aesthetic Plast Surg", 2023),
    ("In the FSMB's 2012 guidelines", "FSMB", 2012),
    ("AusCERT (August 2018)", "AusCERT", 2018),
    ("IMI (2006)", "IMI", 2006),
    ("De Gagne et al., JMIR Med Educ 2019", "De Gagne", 2019),
    ("In Rhode Island (2010-11) a physician", "Rhode Island", 2010),
])
def test_find_citations_reads_the_lead_name_and_year(text: str, name: str, year: int) -> None:
    found = find_citations(text)
    assert [(c.name, c.year) for c in found] == [(name, year)], found


@pytest.mark.parametrize("text", [
    "4.20 billion in January 2021, and 5.04 billion (January 2024)",
    "the 1990 census; in 2019 over 7 billion; 2,400 posts; since 2020",
    "Recorded March 2024, last updated June 2024.",
    "Statement (Montevideo 2011, revised Berlin 2022)",
    "DOI 10.1007/s00266-023-03605-7; 2021;41(12):2078-83",
])
def test_find_citations_ignores_dates_and_data(text: str) -> None:
    assert find_citations(text) == []


SAMPLE = """# References

## Sources

### Sweeney 2000

- **Also cited as:** Sweeney L, Data Privacy Working Paper 3, 2000
- **Reference:** Sweeney L. Simple Demographics Often Identify People Uniquely. 2000.

### GMC 2024

- **Also cited as:** GMC, Using social media as a medical professional (2024)
- **Reference:** General Medical Council. Using social media as a medical professional. 2024.
- **Evidence level:** checked

## The course's own rules

### The course's own rule: k ≥ 5

- **Also cited as:** the course's teaching choice
- **Reference:** A post matching fewer than 5 people is identifiable.
"""


def test_parse_bibliography_reads_entries_forms_and_keys() -> None:
    entries = parse_bibliography(SAMPLE)
    assert [e.short for e in entries] == ["Sweeney 2000", "GMC 2024", "The course's own rule: k ≥ 5"]
    assert entries[0].aliases == ("Sweeney L, Data Privacy Working Paper 3, 2000",)
    assert entries[0].keys == {("sweeney", 2000)}
    assert entries[1].level == "checked" and entries[1].keys == {("gmc", 2024)}
    assert entries[2].is_course_rule and not entries[0].is_course_rule


def test_bibliography_resolves_and_reports() -> None:
    from medsome.bibliography import Bibliography

    bib = Bibliography(parse_bibliography(SAMPLE))
    text = "Three details (Sweeney 2000); private groups (GMC 2024 para 9); a guess (Smith et al. 2019)."
    assert [c.text for c in bib.unresolved(text)] == ["Smith et al. 2019"]
    assert bib.cited_entries(text) == {"Sweeney 2000", "GMC 2024"}
    assert bib.cited_entries("the course's teaching choice") == {"The course's own rule: k ≥ 5"}
    assert bib.entry("GMC 2024").short == "GMC 2024"
    with pytest.raises(KeyError, match="Sweeney 2000"):
        bib.entry("Nobody 1999")


@pytest.mark.parametrize(("text", "message"), [
    ("no headings at all", "no entries"),
    ("## Sources\n\n### A 2000\n\n- **Also cited as:** B\n", "has no"),
    ("## Sources\n\n### A 2000\n- **Reference:** x\n### A 2000\n- **Reference:** y\n", "duplicate"),
    ("## Sources\n\n### A 2000\n- **Reference:** x\n- **Colour:** red\n", "unknown field"),
])
def test_parse_bibliography_rejects_malformed_pages(text: str, message: str) -> None:
    with pytest.raises(BibliographyError, match=message):
        parse_bibliography(text)


def test_load_bibliography_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BibliographyError, match="not found"):
        load_bibliography(tmp_path / "references.md")


def test_citation_key_ignores_case() -> None:
    assert Citation("GMC 2024", "GMC", 2024, 0).key == ("gmc", 2024)


# --- the course's references page ---------------------------------------------------------------

def test_references_page_ships_with_the_lessons() -> None:
    path = references_path()
    assert path.parent == ROOT / "course" and path.is_file(), "course/references.md: the workspace copies it"
    lesson = ROOT / "course" / "00_orientation" / "00_orientation_lesson.ipynb"
    orientation = "\n".join(_notebook_texts(lesson))
    assert "references.md" in orientation, "the orientation lesson points learners to the references page"
    assert "references.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_workspace_copies_the_references_page(tmp_path: Path) -> None:
    from medsome.workspace import prepare_workspace

    report = prepare_workspace(tmp_path / "workspace", assignments=False)
    assert "lessons/references.md" in report.added
    copy = tmp_path / "workspace" / "lessons" / "references.md"
    assert copy.read_bytes() == references_path().read_bytes()


def test_every_entry_has_a_full_reference(bibliography) -> None:
    sources = [e for e in bibliography.entries if not e.is_course_rule]
    rules = [e for e in bibliography.entries if e.is_course_rule]
    assert len(sources) >= 60 and len(rules) >= 5
    for entry in sources:
        assert len(entry.reference) > 20, f"{entry.short}: give the full reference"
        assert entry.keys or entry.aliases or " " in entry.short, entry.short


def test_every_citation_resolves(bibliography, corpus) -> None:
    unresolved = [f"{where}: {c.text!r} (key {c.key})" for where, text in corpus
                  for c in bibliography.unresolved(text)]
    assert not unresolved, "citations with no entry in course/references.md:\n" + "\n".join(unresolved)


def test_every_citation_for_instructors_resolves(bibliography) -> None:
    unresolved = [f"{where}: {c.text!r} (key {c.key})" for where, text in facilitator_texts()
                  for c in bibliography.unresolved(text)]
    assert not unresolved, ("facilitator citations with no entry in course/references.md:\n"
                            + "\n".join(unresolved))


def _names(entry) -> set[str]:
    """The names an entry goes by: its keys' names and the first words of its forms."""
    firsts = {re.split(r"[ ,(]", form)[0].lower() for form in entry.forms}
    firsts = {name for name in firsts if len(name) > 2 and name not in {"the", "one"}}
    return {name for name, _ in entry.keys} | firsts


def test_every_reference_list_item_names_an_entry(bibliography) -> None:
    """Lessons and assignments end with full references; each must be a source of the page."""
    unknown = []
    for where, item in reference_items():
        item = item.replace("*", "")
        words = {word.lower().strip(".") for word in re.findall(r"[\w'’/.-]+", item)}
        words |= {found.name.lower() for found in find_citations(item)}
        if not any(entry.short in item or _names(entry) & words for entry in bibliography.entries
                   if not entry.is_course_rule):
            unknown.append(f"{where}: {item!r}")
    assert not unknown, "reference-list items with no entry in course/references.md:\n" + "\n".join(unknown)


def test_every_entry_is_cited(bibliography, corpus) -> None:
    everything = "\n".join(text for _, text in [*corpus, *reference_items(), *facilitator_texts()])
    uncited = {e.short for e in bibliography.entries} - bibliography.cited_entries(everything)
    assert not uncited, f"entries no learner-facing text cites: {sorted(uncited)}"


def test_course_rules_are_labelled(bibliography) -> None:
    for entry in bibliography.entries:
        if entry.section == RULES_SECTION:
            assert entry.short.startswith("The course's own rule"), entry.short


def test_no_text_points_to_a_document_learners_lack(corpus) -> None:
    page = references_path().read_text(encoding="utf-8")
    hits = [f"{where}: {match.group(0)!r} in {text[max(0, match.start() - 40):match.end() + 40]!r}"
            for where, text in [*corpus, ("course/references.md", page)]
            for match in MISSING_DOCUMENTS.finditer(text)]
    assert not hits, "learners do not have the course's internal evidence notes:\n" + "\n".join(hits)

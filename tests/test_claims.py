"""The claims register keeps the course's text and its sources together.

Every sentence a learner or facilitator reads that states a fact (a number, a study, what a
guideline, regulator or law says) carries a claim of `course/claims.csv`; every claim points to
an entry of the references page and to text that exists where it says; and `docs/claims.md` is
the register's current rendering.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from test_bibliography import _json_texts, _split_references, _string_literals

from conftest import LESSONS, ROOT, SOURCES
from medsome.bibliography import load_bibliography
from medsome.claims import (
    PAGE,
    STATUSES,
    Claim,
    ClaimsError,
    covering,
    load_claims,
    needs_claim,
    render_claims,
    sentences,
    write_claims_page,
)

LIBRARY = ROOT / "src" / "medsome"
# Sections of a data card that describe how the course made its synthetic data, not the world.
GENERATED = re.compile(r"^## (?:Files?|How it was (?:generated|made))\n.*?(?=^## |\Z)",
                       re.MULTILINE | re.DOTALL)
# Library modules whose strings no learner reads: plumbing, grading, and the register's own tools.
NOT_READ = {"bibliography.py", "claims.py", "layout.py", "figures.py", "printing.py", "snapshot.py",
            "blueprint.py", "cli.py", "grading_commands.py", "hub.py", "atomic.py",
            "jsonfiles.py", "workspace.py"}


def _notebook_places(path: Path) -> dict[str, str]:
    places = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            texts = [_split_references(cell.source)[0]]
        elif cell.cell_type == "code":
            texts = _string_literals(cell.source)
        else:
            continue
        places[f"{path.relative_to(ROOT)}#{cell.id}"] = "\n\n".join(texts)
    return places


def read_places() -> dict[str, str]:
    """Everything a learner or facilitator reads, by place: a file, or file#cell-id for a notebook."""
    places: dict[str, str] = {}
    for path in (*LESSONS, *SOURCES):
        places.update(_notebook_places(path))
    for path in sorted((ROOT / "course").glob("*/*.json")):
        places[str(path.relative_to(ROOT))] = "\n\n".join(_json_texts(json.loads(path.read_text())))
    for path in [ROOT / "datasets" / "README.md", *sorted((ROOT / "datasets" / "cards").glob("*.md"))]:
        places[str(path.relative_to(ROOT))] = GENERATED.sub("", path.read_text(encoding="utf-8"))
    for path in [*sorted((ROOT / "facilitator").glob("*.md")), ROOT / "docs" / "overview.md"]:
        places[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for path in sorted(LIBRARY.rglob("*.py")):
        # medsome.datasets holds the invented posts and vignettes of the synthetic datasets.
        if {"grading", "site", "datasets"} & set(path.parts) or path.name in NOT_READ:
            continue
        places[str(path.relative_to(ROOT))] = "\n\n".join(_string_literals(path.read_text()))
    return places


@pytest.fixture(scope="module")
def claims() -> tuple[Claim, ...]:
    return load_claims()


@pytest.fixture(scope="module")
def places() -> dict[str, str]:
    return read_places()


# --- the rule for what needs a claim ------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "87% of the US population was likely unique on ZIP code, sex and date of birth (Sweeney 2000).",
    "Public media need consent, usually written (para 37).",
    "The GMC says private groups can become public.",
    "Only 1 of 37 websites met all four benchmarks.",
    "Social media user identities reached 5.04 billion.",
])
def test_facts_need_a_claim(sentence: str) -> None:
    assert needs_claim(sentence)


@pytest.mark.parametrize("sentence", [
    "Question 2 is worth 4 points and takes about 10 minutes.",
    "In the synthetic corpus, 27% of TikTok posts are labelled inaccurate.",
    "Replace the dots with your answer and run the cell.",
    "<div style='width:100%'>",
])
def test_course_numbers_and_plain_prose_need_none(sentence: str) -> None:
    assert not needs_claim(sentence)


def test_sentences_leave_reference_lists_out() -> None:
    text = "A fact (Hall 2014). Another one.\n\n## References\n\n- Hall N. Genome Biol 2014;15:424."
    assert sentences(text) == ["A fact (Hall 2014).", "Another one."]


def test_covering_reads_markers_and_fragments() -> None:
    claim = Claim("C001", "c", "w", "K > 5 | Hall's own", "Hall 2014", "p", "s", "verified", "e", "b")
    assert covering("Hall's own cut-off", (claim,)) == ["C001"]
    assert covering("A fact <!-- claim:C002 -->", (claim,)) == ["C002"]
    assert covering("Nothing here", (claim,)) == []


def test_load_claims_rejects_malformed_registers(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    with pytest.raises(ClaimsError, match="missing"):
        load_claims(path)
    path.write_text("id,claim\nC001,x\n", encoding="utf-8")
    with pytest.raises(ClaimsError, match="columns"):
        load_claims(path)
    header = "id,claim,where,text,source,locator,source_says,status,evidence,checked_by\n"
    path.write_text(header + "C001,c,w,t,s,l,ss,maybe,e,b\n", encoding="utf-8")
    with pytest.raises(ClaimsError, match="status 'maybe'"):
        load_claims(path)
    path.write_text(header + "C001,c,w,t,s,l,ss,verified,e,\n", encoding="utf-8")
    with pytest.raises(ClaimsError, match="empty column"):
        load_claims(path)


# --- the register and the course ----------------------------------------------------------------

def test_every_fact_the_course_states_carries_a_claim(claims, places) -> None:
    bare = [f"{place}: {sentence}" for place, text in places.items() for sentence in sentences(text)
            if needs_claim(sentence) and not covering(sentence, claims)]
    assert not bare, (f"{len(bare)} sentences state a fact with no claim in course/claims.csv:\n"
                      + "\n".join(bare))


def test_every_claim_points_to_text_that_exists(claims, places) -> None:
    problems = []
    for claim in claims:
        unknown = [place for place in claim.places if place not in places]
        problems += [f"{claim.id}: no place {place!r}" for place in unknown]
        known = [places[place] for place in claim.places if place in places]
        problems += [f"{claim.id}: the text {fragment!r} is in none of its places"
                     for fragment in claim.fragments if not any(fragment in text for text in known)]
        problems += [f"{claim.id}: {place} holds none of its text" for place in claim.places
                     if place in places and not any(f in places[place] for f in claim.fragments)]
    assert not problems, "\n".join(problems)


def test_every_claim_names_a_reference_entry(claims) -> None:
    shorts = {entry.short for entry in load_bibliography().entries}
    unknown = [f"{claim.id}: {source!r}" for claim in claims for source in claim.sources
               if source not in shorts]
    assert not unknown, "claim sources with no entry in course/references.md:\n" + "\n".join(unknown)


def test_every_reference_entry_backs_a_claim(claims) -> None:
    used = {source for claim in claims for source in claim.sources}
    unused = [entry.short for entry in load_bibliography().entries if entry.short not in used]
    assert not unused, f"entries of course/references.md that no claim rests on: {unused}"


def test_course_rules_rest_on_the_course_rules_section(claims) -> None:
    rules = {entry.short for entry in load_bibliography().entries if entry.is_course_rule}
    for claim in claims:
        is_rule = any(source in rules for source in claim.sources)
        assert (claim.status == "course rule") == is_rule, claim.id
        assert claim.status in STATUSES


def test_the_instructors_page_is_current(claims) -> None:
    page = ROOT / PAGE
    assert page.is_file(), "docs/claims.md is missing: run medsome.claims.write_claims_page()"
    assert page.read_text(encoding="utf-8") == render_claims(claims), (
        "docs/claims.md is out of date: run medsome.claims.write_claims_page()")


def test_write_claims_page_renders_counts(tmp_path: Path) -> None:
    target = write_claims_page(page=tmp_path / "claims.md")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# The course's claims register")
    assert f"{len(load_claims())} claims:" in text

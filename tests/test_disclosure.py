"""The draft analyser: every kind of detail, the count, the rewrite, the photo, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from medsome.data import load_population, photo_path
from medsome.datasets.labelled_drafts import generate_labelled_drafts, parse_marked, read_spans
from medsome.disclosure import (
    KINDS,
    DraftAnalyser,
    EmptyDraftError,
    PatternFileError,
    analyse_draft,
    default_pattern_files,
)
from medsome.metadata import NotAPhotoError, PhotoNotFoundError
from medsome.privacy import AgeBand, candidate_count

POPULATION = load_population()
EXAMPLES = {
    "age": ["a 34-year-old", "a woman in her forties", "a teenager", "aged 52", "an 81 y/o"],
    "sex": ["the woman", "a boy"],
    "place": ["from Lumivaara", "from Oulu", "from Kotka", "from a small village", "at our local club"],
    "date_time": ["at 2 am", "today", "on Christmas Eve", "last night's shift", "on 14 March"],
    "occupation": ["a ferry captain", "a firefighter"],
    "rarity": ["our only hand transplant this year", "a congenital hand difference"],
    "event": ["a snowmobile crash on the lake", "fell through the ice"],
    "family": ["20 weeks pregnant", "mother of three", "her husband"],
    "mark": ["an anchor tattoo on the forearm", "a port-wine birthmark", "the amputation stump"],
    "name_or_number": ["Mrs Korhonen", "@aino_k", "MRN 4471902", "+358 40 1234567"],
    "workplace": ["Harbourvik Central Hospital", "ward 7", "our hand unit"],
}


@pytest.mark.parametrize(("kind", "phrase"), [(k, p) for k, ps in EXAMPLES.items() for p in ps])
def test_each_kind_is_found_with_its_pattern_and_reasons(kind: str, phrase: str) -> None:
    result = analyse_draft(f"A patient came in: {phrase} and the repair held.", population=POPULATION)
    found = result.of(kind)
    assert found, f"no {kind} found in {phrase!r}: {[str(f) for f in result.findings]}"
    finding = found[0]
    assert finding.pattern.startswith(f"{kind}.") and finding.kind.why and finding.kind.advice
    assert finding.text in phrase


def test_every_kind_has_examples_and_a_pattern_file() -> None:
    assert set(EXAMPLES) == set(KINDS)
    assert [path.stem for path in default_pattern_files()] == list(KINDS)


def test_a_suturing_tutorial_is_clean() -> None:
    result = analyse_draft("Simple interrupted sutures on a silicone pad: 3-0 nylon, 5 mm bites.",
                           population=POPULATION)
    assert result.clean and not result.findings and not result.below_k
    assert "Nothing identifying found" in str(result)


def test_countable_details_are_counted_and_generalised() -> None:
    text = "A 34-year-old woman from Lumivaara who works as a ferry captain came in at 2 am."
    result = analyse_draft(text, population=POPULATION)
    expected = {"age": 34, "sex": "female", "municipality": "Lumivaara", "occupation": "ferry captain"}
    assert dict(result.details) == expected
    assert result.candidates == candidate_count(POPULATION, expected) and result.below_k
    assert dict(result.rewrite_details) == {"age": AgeBand(30, 39), "district": "North Coast"}
    assert result.rewrite_candidates == candidate_count(POPULATION, result.rewrite_details) >= 5
    for gone in ("34", "woman", "Lumivaara", "ferry captain", "2 am"):
        assert gone not in result.rewrite
    assert "30–39-year-old" in result.rewrite and "North Coast" in result.rewrite


def test_the_rewrite_drops_sentences_that_only_tell_a_mark() -> None:
    result = analyse_draft("Hand repaired. Her anchor tattoo on the forearm came through untouched.",
                           population=POPULATION)
    assert result.rewrite == "Hand repaired."


def test_a_photo_adds_what_its_metadata_gives_away() -> None:
    result = analyse_draft("Wound check.", photo_path("ward_round"), population=POPULATION)
    assert result.photo and any("GPS" in sentence for sentence in result.photo) and not result.clean


def test_checklist_facts_split_dates_and_times() -> None:
    result = analyse_draft("A man came in at 2 am on Christmas Eve to ward 7 with a rose tattoo.",
                           population=POPULATION)
    facts = result.checklist_facts()
    assert facts["sex"] == "male" and facts["time_of_day"] == "at 2 am"
    assert facts["date"] == "Christmas Eve" and facts["hospital"] == "ward 7" and "tattoo" in facts["mark"]


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_text_is_refused_clearly(text: str) -> None:
    with pytest.raises(EmptyDraftError, match="empty"):
        analyse_draft(text)


@pytest.mark.parametrize("text", [None, 42, b"bytes", ["a list"]])
def test_non_text_is_refused_clearly(text: object) -> None:
    with pytest.raises(TypeError, match="should be text"):
        analyse_draft(text)  # type: ignore[arg-type]


def test_a_photo_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.jpg"
    fake.write_text("not a photo")
    with pytest.raises(NotAPhotoError):
        analyse_draft("Wound check.", fake)
    with pytest.raises(PhotoNotFoundError):
        analyse_draft("Wound check.", tmp_path / "missing.jpg")


def test_an_instructor_can_add_local_words(tmp_path: Path) -> None:
    extra = tmp_path / "local.toml"
    extra.write_text('kind = "rarity"\nlabel = "rare"\nwhy = "unique"\nadvice = "drop it"\n'
                     '[[phrases]]\nid = "rarity.local_extra"\nreplace = ""\nterms = ["Kallio fever"]\n')
    analyser = DraftAnalyser([*default_pattern_files()[:-1], extra])
    found = analyser.analyse("A case of Kallio fever.", population=POPULATION).findings
    assert [(f.text, f.pattern) for f in found] == [("Kallio fever", "rarity.local_extra")]


def test_broken_pattern_files_fail_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("kind = [")
    with pytest.raises(PatternFileError, match="not valid TOML"):  # a MedsomeError: one line in the CLI
        DraftAnalyser([bad])
    with pytest.raises(PatternFileError, match="no such pattern file"):
        DraftAnalyser([tmp_path / "missing.toml"])


def test_corpus_markup_and_spans_round_trip() -> None:
    text, spans = parse_marked("A [34-year-old|age] [woman|sex].")
    assert text == "A 34-year-old woman." and spans == [(2, 13, "age"), (14, 19, "sex")]
    corpus = generate_labelled_drafts(count=12)
    assert corpus.equals(generate_labelled_drafts(count=12))
    for _, row in corpus.iterrows():
        for start, end, kind in read_spans(row["spans"]):
            assert kind in KINDS and 0 <= start < end <= len(row["text"])
    with pytest.raises(ValueError, match="unknown kind"):
        parse_marked("[x|colour]")


def test_a_relatives_job_is_not_counted_as_the_patients() -> None:
    result = analyse_draft("A 17-year-old boy came in with frostbite; his mother, a nurse here, stayed.")
    assert "occupation" not in result.details and result.details["age"] == 17
    assert "nurse" not in result.rewrite and "patient, stayed" not in result.rewrite


def test_the_rewrite_keeps_the_case_when_its_only_sentence_holds_a_family_detail() -> None:
    result = analyse_draft("Her grandson brought in a 90-year-old woman with a crushed hand.")
    assert "crushed hand" in result.rewrite and "grandson" not in result.rewrite


@pytest.mark.parametrize(("draft", "expected"), [
    ("A man who fell through the ice came in.", "who was injured came in"),
    ("A man who was hit by a car came in.", "who was injured came in"),
    ("A man came in at 3 am. He made the local news. Great team work!", "came in. Great team work!"),
])
def test_rewritten_stories_read_as_sentences(draft: str, expected: str) -> None:
    assert expected in analyse_draft(draft).rewrite

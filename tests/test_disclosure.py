"""The draft analyser: every kind of detail, the count, the rewrite, the photo, and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medsome.data import load_population, photo_path
from medsome.datasets.labelled_drafts import generate_labelled_drafts, parse_marked, read_corpus, read_spans
from medsome.disclosure import (
    KINDS,
    DraftAnalyser,
    EmptyDraftError,
    PatternFileError,
    analyse_draft,
    default_pattern_files,
)
from medsome.lexicon import Lexicon, cache_dir, cache_key, dumps, in_sorted_lines, lexicon, loads
from medsome.metadata import NotAPhotoError, PhotoNotFoundError
from medsome.paths import datasets_dir
from medsome.privacy import AgeBand, candidate_count
from medsome.wordlists import WordListError, package_folder

pytestmark = pytest.mark.integration  # the draft analyser runs spaCy

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


def test_a_possessive_goes_with_its_owner_after_a_colon() -> None:
    result = analyse_draft("Big day for our unit at Haukeland: Norway's first in-utero spina bifida repair. "
                           "The mother, 31, from Sogndal, is doing well.",
                           population=POPULATION)
    assert "Norway" not in result.rewrite and "'s" not in result.rewrite, result.rewrite
    assert result.rewrite.startswith("Big day for our unit: first"), result.rewrite


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
    assert "90–99-year-old" in result.rewrite and "grandson" not in result.rewrite


@pytest.mark.parametrize(("draft", "expected"), [
    ("A man who fell through the ice came in.", "who was injured came in"),
    ("A man who was hit by a car came in.", "who was injured came in"),
    ("A man came in at 3 am. He made the local news. Great team work!", "came in. Great team work!"),
])
def test_rewritten_stories_read_as_sentences(draft: str, expected: str) -> None:
    assert expected in analyse_draft(draft).rewrite


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.text, f.kind.name) for f in analyse_draft(text, population=POPULATION).findings}


@pytest.mark.parametrize(("draft", "expected"), [
    ("34M s/p MVC, seen at 0330 on POD3.", {("34M", "age"), ("s/p MVC", "event"), ("at 0330", "date_time"),
                                           ("POD3", "date_time")}),
    ("71F NH resident, found on the floor by carers.", {("71F", "age"), ("NH resident", "family")}),
    ("She was 83 and lives alone.", {("83", "age"), ("lives alone", "family")}),
    ("Jukka, a miner, 41, came in.", {("Jukka", "name_or_number"), ("miner", "occupation"), ("41", "age")}),
    ("A woman in her early seventies from Ypäjä came in.", {("early seventies", "age"), ("her", "sex"),
                                                            ("Ypäjä", "place")}),
    ("A rancher from Ostrobothnia was bitten by her pet ferret.", {("rancher", "occupation"),
                                                                  ("Ostrobothnia", "place")}),
    ("A patient with fibrodysplasia ossificans progressiva came in.",
     {("fibrodysplasia ossificans progressiva", "rarity")}),
    ("A man came in. Son is the local MP.", {("Son", "family")}),
    ("A logger went through the ice in March.", {("logger", "occupation"), ("in March", "date_time")}),
    ("Roofer, 58, from Qwertyvaara, came in at 2 am.", {("Qwertyvaara", "place"), ("58", "age")}),
    ("A plasterer in his late 50s: our 500th free flap, the oldest such patient in our series.",
     {("our 500th free flap", "rarity")}),
    ("She's 61. Sparky by trade, with bright green hair and a prosthetic left leg.",
     {("61", "age"), ("Sparky", "occupation"), ("bright green hair", "mark"),
      ("prosthetic left leg", "mark")}),
    ("28/40, her second pregnancy; mobile 050 987 6543, code 010203-456B.",
     {("28/40", "family"), ("050 987 6543", "name_or_number"), ("010203-456B", "name_or_number")}),
    ("Fifty-something welder, glassed outside a bar, admitted to SAU.",
     {("Fifty-something", "age"), ("welder", "occupation"), ("glassed outside a bar", "event"),
      ("SAU", "workplace")}),
    ("A man of 70 came in. Transferred to Qwertyhospitalet, then flown to Royal Qwerty.",
     {("Qwertyhospitalet", "workplace"), ("Royal Qwerty", "workplace")}),
    ("A 30-year-old woman with hereditary haemorrhagic telangiectasia and a Brugada pattern.",
     {("hereditary haemorrhagic telangiectasia", "rarity"), ("Brugada pattern", "rarity")}),
    ("A 50-year-old man: only the fourth recurrence reported in Estonia, the only one on the island.",
     {("only the fourth recurrence reported in Estonia", "rarity"),
      ("the only one on the island", "rarity")}),
    ("26yo primip at 38+4, born at 30 weeks herself; twins due. Old appendicectomy scar and a fresh "
     "dog-bite scar.",
     {("primip", "family"), ("38+4", "family"), ("born at 30 weeks", "family"), ("twins", "family"),
      ("fresh dog-bite scar", "mark")}),
    ("A 60-year-old man was attacked by a wolf at the harvest festival; then he drank lamp oil.",
     {("attacked by a wolf", "event"), ("at the harvest festival", "event"), ("drank lamp oil", "event")}),
    ("A skier was found near Kilpisjärvi. She kept 9 of 10 toes 🦶 Always tell someone your route!",
     {("She", "sex")}),
    ("A 70-year-old woman fell on Qwertykatu outside her flat.", {("Qwertykatu", "place")}),
    ("Cubicle 4: 3/12 old M, lives alone on Qwertyholm with his mum.",
     {("Cubicle 4", "name_or_number"), ("3/12 old", "age"), ("Qwertyholm", "place"), ("mum", "family")}),
])
def test_details_beyond_the_word_lists_are_found(draft: str, expected: set[tuple[str, str]]) -> None:
    found = _found(draft)
    assert expected <= found, f"missing {expected - found} in {draft!r}; found {found}"


def test_a_story_told_without_keywords_is_an_event() -> None:
    for story in ("went through the ice", "fell asleep at the wheel", "bitten by her pet ferret",
                  "lost a finger to a snowblower"):
        result = analyse_draft(f"A 40-year-old woman {story}.", population=POPULATION)
        assert result.of("event"), story


@pytest.mark.parametrize("draft", [
    "Back from the Congress in Helsinki this week: great talks on Kawasaki disease.",
    "Hip fractures in women over 80 carry a high mortality.",
    "Never give honey to babies under 1 year old.",
    "Our ED team is hiring! Apply by Friday.",
    "Tip: at 3 a.m. every decision feels harder; write it down.",
    "Any street can be a trauma bay in March.",
    "I'm 41 and still on nights; my 9-year-old thinks I live at the hospital in Kotka.",
    "Audit: 212 hernia repairs, median age 61, 4% recurrence.",
    "When a 70-year-old presents with new AF after a fall, always check for a head injury.",
    "Dr Laine from Kuopio will talk about frostbite on Tuesday.",
    "Teaching case (fictional): a 45-year-old logger with a chainsaw injury. What next?",
    "Happy retirement to our porter Seppo, 65 today, after 40 years at Kainuu Central!",
    "My grandfather was a logger in Kuhmo, so I know how dangerous the forest is.",
    "Last Friday our ward said goodbye to Sister Aino after 35 years.",
    "Anyone else seeing more tick bites in the Turku archipelago this June? My own kids got 4.",
    "Our audit of 900 wrist fractures across two health boards: time to theatre fell by a day. "
    "Huge thanks to the teams in Oulu and Kemi.",
    "Anyone know a good physio in the Hunter Valley? My own back, not a patient.",
    "Rm 4: post lap chole, obs stable. Rm 5: post TKR. (Template only, for teaching.)",
    "Teaching tip: when a 45-year-old presents with back pain and fever, think of an epidural abscess.",
    "Grand round on Thursday, Seminar Room 2, 12:30: necrotising fasciitis.",
    "Winter is here. Every year we see skiers from Levi and Ruka with thumb injuries.",
    "New registrar starting Monday from Galway. Make her welcome, team!",
])
def test_general_statements_give_no_patient_detail(draft: str) -> None:
    result = analyse_draft(draft, population=POPULATION)
    assert not result.findings, [str(f) for f in result.findings]
    assert all(not s.about_patient for s in result.sentences)
    assert all(f.about for f in result.set_aside)


def test_each_sentence_says_whether_it_describes_a_patient_and_why() -> None:
    result = analyse_draft("Great congress in Oulu this week. A 34-year-old woman from Kotka came in.",
                           population=POPULATION)
    first, second = result.sentences
    assert not first.about_patient and "congress" in first.reason.lower()
    assert second.about_patient and "34-year-old" in second.reason
    assert {f.text for f in result.set_aside} == {"Oulu", "this week"}
    assert {f.text for f in result.findings} >= {"34-year-old", "woman", "Kotka"}
    assert all(f.about == second.reason for f in result.findings)
    assert "Not counted, as not about a patient" in str(result)


def test_a_drug_after_on_is_no_place() -> None:
    assert not analyse_draft("A 70-year-old man on Eliquis fell at home.").of("place")


def test_every_pronoun_of_the_patient_gives_the_sex() -> None:
    result = analyse_draft("A 52-year-old farmer came in. He had caught his arm in a baler.",
                           population=POPULATION)
    assert [(f.text, f.value) for f in result.of("sex")] == [("He", "male"), ("his", "male")]
    assert result.details["sex"] == "male"
    assert " He " not in f" {result.rewrite} " and "They" in result.rewrite


def test_a_pronoun_or_title_inside_a_detail_is_reported_apart() -> None:
    result = analyse_draft("Mr K, in his 40s, kicked by a horse; her mum drove him in.",
                           population=POPULATION)
    found = {(f.text, f.kind.name) for f in result.findings}
    assert {("Mr", "sex"), ("K", "name_or_number"), ("his", "sex"), ("40s", "age"), ("her", "sex"),
            ("mum", "family")} <= found
    assert "his" not in result.rewrite and "Mr K" not in result.rewrite


def test_a_case_at_a_conference_keeps_its_pronouns() -> None:
    result = analyse_draft("Honoured to present a case at the Trauma Conference: a 64-year-old berry picker "
                           "from Ranua attacked by a bear. His scars tell the story.", population=POPULATION)
    assert {"64-year-old", "berry picker", "His"} <= {f.text for f in result.findings}


def test_readers_pronouns_are_not_the_patients() -> None:
    result = analyse_draft("Team news: if your registrar asks, send him this link.", population=POPULATION)
    assert not result.of("sex")


BROKEN_REWRITE = {
    "an orphaned possessive": re.compile(r"(?:^|[\s(\[,;:.!?])['’]s\b"),
    "orphaned punctuation": re.compile(r"(?:^|\s)[,;:.!?](?!\w)|[,;:]\s*[,;:.!?]|[.!?][,;:]|\(\s*[,;:.]"
                                       r"|[,;:]\s*\)"),
    "a doubled space": re.compile(r"[^\S\n]{2,}"),
    "empty parentheses": re.compile(r"\(\s*\)|\[\s*\]"),
}


@pytest.mark.parametrize("corpus", ["labelled_drafts.csv", "dev_drafts.jsonl", "dev2_drafts.jsonl",
                                    "dev3_drafts.jsonl", "test_drafts.jsonl", "fresh_drafts.jsonl",
                                    "fresh2_drafts.jsonl", "fresh3_drafts.jsonl",
                                    "fresh4_drafts.jsonl"])
def test_every_rewrite_of_the_corpora_reads_cleanly(corpus: str) -> None:
    drafts = read_corpus(datasets_dir() / "disclosure" / corpus)
    broken = []
    for draft_id, text in zip(drafts["draft_id"], drafts["text"], strict=True):
        rewritten = analyse_draft(text, population=POPULATION).rewrite
        broken += [f"{draft_id}: {problem} in {rewritten!r}" for problem, pattern in BROKEN_REWRITE.items()
                   if pattern.search(rewritten)]
    assert not broken, "\n".join(broken)


def test_the_compiled_word_lists_are_read_from_the_cache(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDSOME_CACHE_DIR", str(tmp_path))
    small = Lexicon(frozenset({"Kallio"}), frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
                    frozenset(), frozenset(), 1, frozenset(), "\n", frozenset())
    (tmp_path / f"lexicon-{cache_key()}.marshal").write_bytes(dumps(small))
    assert cache_dir() == tmp_path and lexicon.__wrapped__() == small


def test_a_word_is_found_in_sorted_lines_by_halves() -> None:
    words = ["ant", "bee", "cat", "dog", "eel", "fox", "gnu"]
    lines = "\n" + "\n".join(words) + "\n"
    assert all(in_sorted_lines(lines, word) for word in words)
    assert not any(in_sorted_lines(lines, word) for word in ("aardvark", "bees", "cow", "zebra", "an"))
    assert lexicon().english("hospitals") and not lexicon().english("qwertyvaara")


def test_a_damaged_cache_file_is_not_read_as_a_lexicon() -> None:
    assert loads(b"not a lexicon") is None and loads(dumps(lexicon())) == lexicon()


def test_a_missing_word_list_package_is_named() -> None:
    with pytest.raises(WordListError, match=r"not_a_course_package.*not installed"):
        package_folder("not_a_course_package")


def test_a_broken_regular_expression_is_refused_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('kind = "age"\nlabel = "age"\nwhy = "w"\nadvice = "a"\n'
                   '[[regex]]\nid = "age.broken"\nreplace = ""\npattern = "(unclosed"\n')
    with pytest.raises(PatternFileError, match=r"age\.broken.*not a valid regular expression"):
        DraftAnalyser([bad])

"""Per-lesson widget interactions: change a control in the page, expect what the library computes.

Each entry of INTERACTIONS is keyed by lesson folder and gets the page (the lesson already ran)
and the lesson's folder in the served workspace. A new lesson adds one entry; until it does, its
browser test fails and says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from medsome.appraisal import DISCERN_SHORT, discern_score, jama_benchmarks
from medsome.audience import POST_KINDS, build_audience
from medsome.bibliometrics import describe_k, kardashian_index
from medsome.checklist import DraftPost, audit
from medsome.comparability import STANDARD_SETUP, comparability_problems
from medsome.consent import Case, Outcome, decide
from medsome.data import (
    load_academics,
    load_draft_posts,
    load_featured_posts,
    load_photo_manifest,
    load_population,
    load_vignettes,
    photo_path,
)
from medsome.disclosure import analyse_draft
from medsome.metadata import assert_no_metadata, describe_metadata
from medsome.privacy import candidate_count, generalise_age
from medsome.quizbank import load_quiz
from medsome.widgets.audience_builder import STARTING_MIX
from medsome.widgets.before_after_studio import verdict
from medsome.widgets.discern_rater import START_RATING
from medsome.widgets.photo_inspector import NOTHING_LEFT
from medsome.world import BACKGROUNDS

Interaction = Callable[[Page, Path], None]
TIMEOUT_MS = 15_000  # a round trip to the kernel, which may still be busy drawing other outputs


def _output_with(page: Page, inner: Locator) -> Locator:
    """The one output area holding `inner`: scopes a widget's controls to that widget."""
    output = page.locator(".jp-OutputArea-output").filter(has=inner)
    expect(output).to_have_count(1)
    return output


def answer_quiz(page: Page, quiz_file: Path) -> None:
    """In the first quiz of the page, answer question 1 wrongly and question 2 rightly; press Check.

    Each result must read exactly what `Question.grade` gives for that choice ("✔ Correct. …" or
    "✘ Not quite. …"), as QuizWidget renders it.
    """
    quiz = load_quiz(quiz_file)
    views = page.locator(".widget-vbox:has(> .widget-radio)")  # one VBox per question
    for index, pick_correct in ((0, False), (1, True)):
        question = quiz.questions[index]
        choice = next(i for i, option in enumerate(question.options) if option.correct == pick_correct)
        feedback = question.grade(choice)
        view = views.nth(index)
        expect(view).to_contain_text(question.prompt)
        view.get_by_role("radio", name=question.options[choice].text, exact=True).check()
        view.get_by_role("button", name="Check").click()
        expected = ("✔ " if feedback.correct else "✘ ") + str(feedback)
        expect(view.locator(".widget-html-content").last).to_have_text(expected, timeout=TIMEOUT_MS)


def kardashian_explorer(page: Page) -> None:
    """Load an invented academic, then type other followers; K follows each change."""
    explorer = _output_with(page, page.get_by_label("Load academic:", exact=True))
    result = explorer.locator("b", has_text=re.compile(r"^K = "))
    row = load_academics().iloc[8]
    picker = explorer.get_by_label("Load academic:", exact=True)
    picker.select_option(label=f"{row['academic_id']} · {row['specialty']}")
    expect(result).to_have_text(describe_k(kardashian_index(row["x_followers"], row["citations"])),
                                timeout=TIMEOUT_MS)
    followers = explorer.get_by_label("Followers on X:", exact=True)
    followers.fill("50")
    followers.press("Enter")
    expect(result).to_have_text(describe_k(kardashian_index(50, row["citations"])), timeout=TIMEOUT_MS)


def audience_builder(page: Page) -> None:
    """Choose another planned post; the share of followers it serves follows."""
    builder = _output_with(page, page.get_by_label("Planned post:", exact=True))
    fit = builder.locator("b", has_text=re.compile(r"^This post serves "))
    builder.get_by_label("Planned post:", exact=True).select_option(label=POST_KINDS["case_discussion"])
    share = build_audience(STARTING_MIX).served_by("case_discussion")
    expect(fit).to_have_text(f"This post serves {share:.0%} of your followers well", timeout=TIMEOUT_MS)


def why_some(page: Page, folder: Path) -> None:
    """01: the audience builder, the Kardashian-index explorer and the self-check quiz."""
    audience_builder(page)
    kardashian_explorer(page)
    answer_quiz(page, folder / "quiz.json")


def orientation(page: Page, folder: Path) -> None:
    """00: the self-check quiz."""
    answer_quiz(page, folder / "quiz.json")


def _expect_count(result: Locator, details: dict[str, object]) -> None:
    count = candidate_count(load_population(), details)
    words = "1 person matches" if count == 1 else f"{count:,} people match"
    expect(result).to_have_text(words, timeout=TIMEOUT_MS)


def candidate_explorer(page: Page) -> None:
    """Reveal sex (set to male), then age (40) as a 10-year band; the count follows each change."""
    explorer = _output_with(page, page.get_by_role("checkbox", name="Reveal sex", exact=True))
    result = explorer.locator("b", has_text=re.compile(r"(person matches|people match)$"))
    _expect_count(result, {})
    explorer.get_by_role("checkbox", name="Reveal sex", exact=True).check()
    explorer.get_by_label("Sex:", exact=True).select_option("male")
    _expect_count(result, {"sex": "male"})
    explorer.get_by_role("checkbox", name="Reveal age", exact=True).check()
    explorer.get_by_label("Age as:", exact=True).select_option(label="10-year band")
    _expect_count(result, {"sex": "male", "age": generalise_age(40, 10)})


def photo_inspector(page: Page, folder: Path) -> None:
    """Pick the second photo: its metadata findings show; Strip writes a clean copy and says so."""
    inspector = _output_with(page, page.get_by_role("button", name="Strip metadata"))
    name = str(load_photo_manifest()["scene"].iloc[1])
    inspector.get_by_label("Photo:", exact=True).select_option(name)
    findings = describe_metadata(photo_path(name))
    metadata = inspector.locator(".widget-html-content", has_text="What the file's metadata gives away")
    expect(metadata.locator("li")).to_have_text(findings, timeout=TIMEOUT_MS)
    inspector.get_by_role("button", name="Strip metadata").click()
    copy = folder / "stripped" / photo_path(name).name
    report = inspector.locator(".widget-html-content", has_text="Stripped copy written")
    expect(report).to_contain_text(f"Stripped copy written: {copy}", timeout=TIMEOUT_MS)
    expect(report).to_contain_text(NOTHING_LEFT)
    assert_no_metadata(copy)  # the kernel really wrote it, into the learner's lesson folder


DRAFT = "A 34-year-old woman from Lumivaara, a ferry captain, came in at 2 am after a snowmobile crash."


def draft_analyser(page: Page) -> None:
    """Paste a draft: each finding is highlighted in place with its kind in words, as the library finds."""
    analyser = _output_with(page, page.get_by_label("Pick a draft:", exact=True))
    box = analyser.get_by_label("Draft text:", exact=True)
    box.fill(DRAFT)
    box.blur()
    result = analyse_draft(DRAFT)
    expect(analyser.locator("mark.medsome-finding")).to_have_text([f.text for f in result.findings],
                                                                   timeout=TIMEOUT_MS)
    expect(analyser.locator(".medsome-kind")).to_have_text(
        [f" [{n}: {f.kind.label}]" for n, f in enumerate(result.findings, start=1)])
    expect(analyser.locator(".medsome-count")).to_contain_text(result.count_sentence())
    expect(analyser.locator(".medsome-rewrite")).to_have_text(result.rewrite)


def identification(page: Page, folder: Path) -> None:
    """02: the candidate explorer, the draft analyser and the photo inspector."""
    candidate_explorer(page)
    draft_analyser(page)
    photo_inspector(page, folder)


def consent_navigator(page: Page) -> None:
    """Load the first vignette, then untick its day-of-surgery box; the decision follows each change."""
    navigator = _output_with(page, page.get_by_label("Load vignette:", exact=True))
    result = navigator.locator("b", has_text=re.compile(r"^Decision: "))
    first = load_vignettes().iloc[0]
    picker = navigator.get_by_label("Load vignette:", exact=True)
    picker.select_option(label=f"{first['vignette_id']} · day of surgery")
    expect(result).to_have_text(f"Decision: {Outcome(first['decision']).label}.", timeout=TIMEOUT_MS)
    navigator.get_by_role("checkbox", name="Show all questions at once", exact=True).check()
    navigator.get_by_role("checkbox", name="Consent was asked on the day of surgery", exact=True).uncheck()
    changed = replace(Case.from_mapping(first), asked_day_of_surgery=False)
    expect(result).to_have_text(f"Decision: {decide(changed).decision.label}.", timeout=TIMEOUT_MS)


def consent(page: Page, folder: Path) -> None:
    """03: the consent navigator and the self-check quiz."""
    consent_navigator(page)
    answer_quiz(page, folder / "quiz.json")


def before_after_studio(page: Page) -> None:
    """Turn on the after shot's flash, then move its background one step; the findings follow each change."""
    studio = _output_with(page, page.get_by_role("checkbox", name="After: flash on", exact=True))
    heading = studio.locator("b", has_text=re.compile(r"^(Comparable|Not comparable)"))
    expect(heading).to_have_text(verdict([], False), timeout=TIMEOUT_MS)
    studio.get_by_role("checkbox", name="After: flash on", exact=True).check()
    after = {**STANDARD_SETUP, "flash": True}
    flash_only = verdict(comparability_problems(STANDARD_SETUP, after), False)
    expect(heading).to_have_text(flash_only, timeout=TIMEOUT_MS)
    background = studio.locator(".widget-slider", has_text="After: background")
    background.locator(".noUi-handle").focus()
    background.locator(".noUi-handle").press("ArrowRight")
    after["background"] = BACKGROUNDS[BACKGROUNDS.index(STANDARD_SETUP["background"]) + 1]
    problems = comparability_problems(STANDARD_SETUP, after)
    expect(heading).to_have_text(verdict(problems, False), timeout=TIMEOUT_MS)
    expect(studio.locator("li")).to_have_text(problems, timeout=TIMEOUT_MS)
    expect(studio.get_by_text("Image description:").first).to_be_visible()


def discern_rater(page: Page) -> None:
    """Raise item 1 of the first featured post by one point; the scores show discern_score's total."""
    rater = _output_with(page, page.get_by_label("Post to rate:", exact=True))
    scores = rater.locator(".widget-html-content", has_text="Your DISCERN scores:")
    ratings = dict.fromkeys(range(1, 17), START_RATING)
    expect(scores).to_contain_text(f"total {discern_score(ratings).total} of 75", timeout=TIMEOUT_MS)
    item = rater.locator(".widget-slider", has_text=f"1. {DISCERN_SHORT[0]}")
    item.locator(".noUi-handle").focus()
    item.locator(".noUi-handle").press("ArrowRight")
    ratings[1] += 1
    expect(scores).to_contain_text(f"total {discern_score(ratings).total} of 75", timeout=TIMEOUT_MS)
    first = load_featured_posts().iloc[0]
    expect(rater.locator(".widget-html-content", has_text="JAMA benchmarks:")).to_contain_text(
        f"JAMA benchmarks: {jama_benchmarks(first).score} of 4")


def misinformation(page: Page, folder: Path) -> None:
    """04: the before/after studio, the DISCERN rater and the self-check quiz."""
    before_after_studio(page)
    discern_rater(page)
    answer_quiz(page, folder / "quiz.json")


def prepost_checklist(page: Page) -> None:
    """Load the clean-photo draft, then attach the ward-round photo; the verdict follows each change."""
    checklist = _output_with(page, page.get_by_label("Load draft:", exact=True))
    verdict = checklist.locator("b", has_text=re.compile(r"^Verdict: "))
    row = load_draft_posts().set_index("example", drop=False).loc["clean_photo"]
    draft = DraftPost.from_mapping(row)
    checklist.get_by_label("Load draft:", exact=True).select_option(label=f"{row['draft_id']} · clean photo")
    loaded = audit(draft, load_population())
    expect(verdict).to_have_text(f"Verdict: {loaded.verdict.label}.", timeout=TIMEOUT_MS)
    checklist.get_by_label("Photo attached:", exact=True).select_option("ward_round")
    changed = audit(replace(draft, photo="ward_round"), load_population())
    expect(verdict).to_have_text(f"Verdict: {changed.verdict.label}.", timeout=TIMEOUT_MS)
    expect(checklist).to_contain_text("name_or_record_number", timeout=TIMEOUT_MS)


def professionalism(page: Page, folder: Path) -> None:
    """05: the pre-posting checklist and the self-check quiz."""
    prepost_checklist(page)
    answer_quiz(page, folder / "quiz.json")


INTERACTIONS: dict[str, Interaction] = {
    "00_orientation": orientation,
    "01_why_some": why_some,
    "02_identification": identification,
    "03_consent": consent,
    "04_misinformation": misinformation,
    "05_professionalism": professionalism,
}

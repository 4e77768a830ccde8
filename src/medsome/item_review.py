"""Blind review of the keys: how far independent reviewers, answering from the student version
alone, agree with each judgement item's key.

Each reviewer's answers are a JSON file in a round's folder, `docs/reviews/round<N>/` ({"reviewer",
"role", "items": {"<assignment>:<grade_id>": {"answer", "comment"}}}); a later round re-reviews,
with new reviewers, the items revised after an earlier one, and an item's verdict comes from the
last round that reviewed it. Agreement is measured per kind: for rankings
and ratings the rank correlation with the key (Spearman's rho, a reviewer supports the key at
`MIN_RHO` or more); for decisions, choices and spotting, the share of the item's parts (cases,
options, vocabulary words) on which the reviewer agrees with the key, and a reviewer supports the
key when every part agrees. The course's rule: an item stands when at least `MIN_SUPPORT` reviewers
support its key, or, for items with parts, when every part's key has the support of a majority;
otherwise it is revised and reviewed again. `docs/item_review.csv` is the record. A Form B item
(`NN_name_b:grade_id`, `medsome.forms`) no round has reviewed yet is recorded as awaiting blind
review, with its key and no reviewer; every Form A item must have been reviewed.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from medsome.errors import MedsomeError
from medsome.forms import is_form_b
from medsome.judgement import Choice, Decisions, Item, Ranking, Rating, Spotting
from medsome.keyed_items import KeyedItem, keyed_items

VERSIONS_FILE = "versions.csv"  # in the reviews folder: the version of each item its last round reviewed
MIN_RHO = 0.7
MIN_SUPPORT = 2
AWAITING = "awaiting blind review"
REVIEW_COLUMNS = ["round", "assignment", "grade_id", "kind", "key", "reviewer", "answer", "agreement",
                  "supports"]
Reviews = dict[str, dict[str, object]]  # reviewer id -> {"<assignment>:<grade_id>": answer}


class ReviewError(MedsomeError, ValueError):
    """A review file is missing, malformed, or answers an item in a form the item does not take."""


def load_rounds(folder: Path) -> dict[str, Reviews]:
    """round name -> its reviews, for every `round<N>` folder in `folder`, in order."""
    rounds = sorted((p for p in folder.glob("round*") if p.is_dir()), key=lambda p: int(p.name[5:] or 0))
    if not rounds:
        raise ReviewError(f"no review rounds (round1/, round2/, ...) in {folder}")
    return {p.name: load_reviews(p) for p in rounds}


def load_reviews(folder: Path) -> Reviews:
    """reviewer id -> {"<assignment>:<grade_id>": answer} from every review file in `folder`."""
    reviews = {}
    for path in sorted(folder.glob("answers_*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            reviews[raw["reviewer"]] = {item: entry["answer"] for item, entry in raw["items"].items()}
        except (ValueError, KeyError, TypeError) as error:
            raise ReviewError(f"{path}: not a review file ({error})") from error
    if not reviews:
        raise ReviewError(f"no review files (answers_*.json) in {folder}")
    return reviews


def _rho(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (average ranks for ties); 0 when either side is constant."""
    ra, rb = pd.Series(a).rank().to_numpy(), pd.Series(b).rank().to_numpy()
    if ra.std() == 0 or rb.std() == 0:
        return 0.0
    return float(np.corrcoef(ra, rb)[0, 1])


def parts_agreeing(item: Item, answer: object) -> list[bool]:
    """For an item with parts: whether the reviewer agrees with the key on each part."""
    if isinstance(item, Decisions):
        return [answer.get(case) in item._accepted(value) for case, value in item.key.items()]
    if isinstance(item, Choice):
        return [(letter in answer) == (letter in item.key) for letter in item.options]
    if isinstance(item, Spotting):
        return [(word in answer) == (word in item.key) for word in item.vocabulary]
    raise ReviewError(f"{item.name}: a {type(item).__name__} has no parts")


def agreement(item: Item, answer: object) -> tuple[float, bool]:
    """(the agreement measure, whether the reviewer supports the key) for one reviewer's answer."""
    if isinstance(item, Ranking):
        given = {letter: i for i, letter in enumerate(str(answer).upper())}
        if sorted(given) != sorted(item.key):
            raise ReviewError(f"{item.name}: {answer!r} does not rank every option once")
        rho = _rho([item.key.index(c) for c in item.key], [given[c] for c in item.key])
        return rho, rho >= MIN_RHO
    if isinstance(item, Rating):
        letters = sorted(item.key)
        rho = _rho([item.key[c] for c in letters], [answer[c] for c in letters])
        return rho, rho >= MIN_RHO
    agree = parts_agreeing(item, answer)
    return sum(agree) / len(agree), all(agree)


def key_text(item: Item) -> str:
    """The key as a reviewer's answer would be written."""
    if isinstance(item, Ranking):
        return item.key
    if isinstance(item, Choice | Spotting):
        return ", ".join(sorted(item.key))
    if isinstance(item, Decisions):
        return "; ".join(f"{c}: {' or '.join(item._accepted(v))}" for c, v in item.key.items())
    return "; ".join(f"{c}: {v}" for c, v in sorted(item.key.items()))


def _answer_text(answer: object) -> str:
    if isinstance(answer, dict):
        return "; ".join(f"{k}: {v}" for k, v in answer.items())
    if isinstance(answer, list):
        return ", ".join(sorted(map(str, answer)))
    return str(answer)


def latest(items: dict[str, Item], rounds: dict[str, Reviews]) -> dict[str, tuple[str, Reviews]]:
    """item -> (the last round whose reviewers all answered it, that round's reviews); a Form B
    item no round covers is left out (awaiting review)."""
    found = {}
    for name, reviews in rounds.items():
        for label in items:
            if all(label in answers for answers in reviews.values()):
                found[label] = (name, reviews)
    missing = sorted(label for label in set(items) - set(found) if not is_form_b(label.split(":")[0]))
    if missing:
        raise ReviewError(f"no review round covers {', '.join(missing)}")
    return found


def _rows(name: str, label: str, item: Item, reviews: Reviews) -> list[dict]:
    """One item's rows in one round: each reviewer's answer, its agreement and support."""
    assignment, grade_id = label.split(":")
    rows = []
    for reviewer, answers in sorted(reviews.items()):
        if label not in answers:
            raise ReviewError(f"{name}: {reviewer} did not answer {label}")
        measure, supports = agreement(item, answers[label])
        rows.append({"round": name, "assignment": assignment, "grade_id": grade_id,
                     "kind": type(item).__name__.lower(), "key": key_text(item), "reviewer": reviewer,
                     "answer": _answer_text(answers[label]), "agreement": round(measure, 2),
                     "supports": supports})
    return rows


def awaiting(items: dict[str, Item], rounds: dict[str, Reviews]) -> list[str]:
    """The items no reviewer of any round has answered yet (Form B items before their review)."""
    answered = {label for reviews in rounds.values() for answers in reviews.values() for label in answers}
    return sorted(set(items) - answered)


def review_table(items: dict[str, Item], rounds: dict[str, Reviews]) -> pd.DataFrame:
    """One row per round, item and reviewer; one row with its key for an item awaiting review."""
    rows = []
    for name, reviews in rounds.items():
        for label, item in items.items():
            if any(label in answers for answers in reviews.values()):
                rows += _rows(name, label, item, reviews)
    for label in awaiting(items, rounds):
        assignment, grade_id = label.split(":")
        rows.append({"round": AWAITING, "assignment": assignment, "grade_id": grade_id,
                     "kind": type(items[label]).__name__.lower(), "key": key_text(items[label])})
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def majority_on_every_part(item: Item, answers: list[object]) -> bool:
    """For an item with parts: every part's key has the agreement of a majority of reviewers."""
    per_part = np.array([parts_agreeing(item, answer) for answer in answers])
    return bool((per_part.sum(axis=0) * 2 > len(answers)).all())


def verdicts(items: dict[str, Item], rounds: dict[str, Reviews]) -> pd.DataFrame:
    """One row per item: its last round, reviewers supporting the key, and whether it stands."""
    rows = []
    for label, (name, reviews) in latest(items, rounds).items():
        item = items[label]
        answers = [reviews[r][label] for r in sorted(reviews)]
        supporting = sum(agreement(item, a)[1] for a in answers)
        stands = supporting >= MIN_SUPPORT or (
            isinstance(item, Decisions | Choice | Spotting) and majority_on_every_part(item, answers))
        rows.append({"item": label, "round": name, "supporting": supporting, "reviewers": len(answers),
                     "stands": stands})
    rows += [{"item": label, "round": AWAITING, "supporting": 0, "reviewers": 0, "stands": False}
             for label in awaiting(items, rounds)]
    return pd.DataFrame(rows, columns=["item", "round", "supporting", "reviewers", "stands"])


def render_verdicts(table: pd.DataFrame) -> str:
    """The verdict per item as a Markdown table, for docs/assessment.md."""
    rows = [f"| `{row.item}` | {row.round} | {row.supporting} of {row.reviewers} | "
            f"{'stands' if row.stands else 'to revise'} |" if row.round != AWAITING else
            f"| `{row.item}` | not yet | – | {AWAITING} |" for row in table.itertuples()]
    return "\n".join(["| item | last reviewed in | reviewers supporting the key | verdict |",
                      "|---|---|---|---|", *rows])


def reviewed_keyed(blueprint: pd.DataFrame, sources: Path,
                   rounds: dict[str, Reviews]) -> dict[str, KeyedItem]:
    """Every autograded judgement item of the blueprint, and every other item a round reviewed."""
    wanted = {f"{row.assignment}:{row.grade_id}" for row in blueprint.itertuples() if row.kind == "judgement"}
    wanted |= {label for reviews in rounds.values() for answers in reviews.values() for label in answers}
    return {f"{k.assignment}:{k.grade_id}": k for notebook in sorted(sources.glob("*/*.ipynb"))
            for k in keyed_items(notebook) if f"{k.assignment}:{k.grade_id}" in wanted}


def reviewed_items(blueprint: pd.DataFrame, sources: Path, rounds: dict[str, Reviews]) -> dict[str, Item]:
    """reviewed_keyed's items."""
    return {label: keyed.item for label, keyed in reviewed_keyed(blueprint, sources, rounds).items()}


def fingerprint(keyed: KeyedItem) -> str:
    """What a reviewer answered, as a short hash: the stem (headings aside), the options and the key."""
    stem = "\n".join(line for line in keyed.stem.splitlines() if not line.startswith("#"))
    options = [f"{letter}. {text}" for letter, text in sorted(keyed.options.items())]
    return hashlib.sha256("\n".join([stem, *options, key_text(keyed.item)]).encode()).hexdigest()[:16]


Versions = dict[str, tuple[str, str]]  # item -> (the round that last reviewed it, the version it saw)


def read_versions(reviews: Path) -> Versions:
    """The recorded version of each reviewed item (empty before the first record)."""
    path = reviews / VERSIONS_FILE
    if not path.is_file():
        return {}
    table = pd.read_csv(path, dtype=str)
    return {row.item: (row.round, row.fingerprint) for row in table.itertuples()}


def versions(keyed: dict[str, KeyedItem], rounds: dict[str, Reviews], recorded: Versions) -> Versions:
    """Each item's reviewed version: kept while its last round stays the same, the current version
    once a newer round has reviewed it."""
    found = latest({label: k.item for label, k in keyed.items()}, rounds)
    return {label: recorded[label] if recorded.get(label, ("",))[0] == name
            else (name, fingerprint(keyed[label])) for label, (name, _) in sorted(found.items())}


def changed_since_review(keyed: dict[str, KeyedItem], recorded: Versions) -> list[str]:
    """Items whose stem, options or key changed after the round that last reviewed them."""
    return sorted(f"{label} (last reviewed in {name})" for label, (name, seen) in recorded.items()
                  if label in keyed and fingerprint(keyed[label]) != seen)


def versions_record(blueprint: pd.DataFrame, sources: Path, reviews: Path) -> str:
    """docs/reviews/versions.csv's text."""
    rounds = load_rounds(reviews)
    table = versions(reviewed_keyed(blueprint, sources, rounds), rounds, read_versions(reviews))
    frame = pd.DataFrame([(label, name, seen) for label, (name, seen) in table.items()],
                         columns=["item", "round", "fingerprint"])
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue()


def review_record(blueprint: pd.DataFrame, sources: Path, reviews: Path) -> tuple[str, str]:
    """(docs/item_review.csv's text, the verdict table for docs/assessment.md)."""
    rounds = load_rounds(reviews)
    items = reviewed_items(blueprint, sources, rounds)
    return review_table(items, rounds).to_csv(index=False), render_verdicts(verdicts(items, rounds))

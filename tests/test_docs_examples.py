"""No answer-format example in the course's documents gives away a key.

Every ranking written as a string of capital letters ("BDACE") and every set of letters
({"A", "C"}) in docs/, README.md, the facilitator guides and the course's Markdown is compared with
every ranking and choice key of the assignments and the practice files.
"""

from __future__ import annotations

import re

from conftest import COURSE, ROOT
from medsome.judgement import Choice, Ranking, load_practice

RANKING = re.compile(r"[\"']([A-G]{4,7})[\"']")
LETTER_SET = re.compile(r"\{((?:\s*[\"'][A-G][\"']\s*,?)+)\}")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "facilitator").glob("*.md")), *sorted((ROOT / "course").glob("**/*.md"))]


def _keys(keyed: list) -> tuple[set[str], set[frozenset[str]]]:
    items = [k.item for k in keyed] + [i for p in COURSE.practice_files()
                                       for i in load_practice(p).values()]
    rankings = {i.key for i in items if isinstance(i, Ranking)}
    choices = {frozenset(i.key) for i in items if isinstance(i, Choice)}
    return rankings, choices


def test_no_document_example_equals_a_key(keyed: list) -> None:
    rankings, choices = _keys(keyed)
    leaks = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        leaks += [f"{path.name}: {m}" for m in RANKING.findall(text) if m in rankings]
        for group in LETTER_SET.findall(text):
            letters = frozenset(re.findall(r"[A-G]", group))
            if letters in choices:
                leaks.append(f"{path.name}: {{{group.strip()}}}")
    assert not leaks, f"examples that are keys: {leaks}"

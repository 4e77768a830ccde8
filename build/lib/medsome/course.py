"""The course's modules: their folders, titles and the question each one answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    number: int
    folder: str
    title: str
    question: str


MODULES: tuple[Module, ...] = (
    Module(0, "00_orientation", "Orientation", "how do I use this course?"),
    Module(1, "01_why_some", "Why (and whether) to be on social media",
           "is there a duty to post, and who is listening?"),
    Module(2, "02_identification", "Identification risk",
           "how do harmless details add up to one patient?"),
    Module(3, "03_consent", "Consent", "when may a patient's image or story be shared?"),
    Module(4, "04_misinformation", "Misinformation and content quality",
           "how do you judge a post, and your own?"),
    Module(5, "05_professionalism", "Professionalism and your own practice",
           "what does a professional account look like?"),
)

"""Three ideas of learning online that are often run together: just-in-time learning, microlearning
and heutagogy. Related, not synonymous (course evidence file §5).

Koljonen names all three for the thank-you messages she receives on night shifts (BJS Academy).
They answer different questions: *when* the learning happens (just-in-time), *how big* each unit
is (microlearning), and *who decides* what is learnt (heutagogy). One video watched at 3 a.m.
before a procedure can be all three at once, or only one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    """One idea of learning: what it is about, its definition and its source."""

    key: str
    name: str
    question: str
    definition: str
    source: str


MODES: tuple[Mode, ...] = (
    Mode("just_in_time", "Just-in-time learning", "when?",
         "learning at the moment of need, just before or during the task", "Koljonen, BJS Academy; the "
         "definition is the course's plain-words summary"),
    Mode("microlearning", "Microlearning", "how big?",
         "learning in small units, under 15 minutes each", "J Grad Med Educ 2021;13(3):323; De Gagne JC et "
         "al., JMIR Med Educ 2019;5(2):e13997"),
    Mode("heutagogy", "Heutagogy", "who decides?",
         "self-determined learning: the learner decides what and how to learn, aiming at capability",
         "Hase S, Kenyon C. From andragogy to heutagogy. ultiBASE, RMIT 2000 (partly checked)"),
)
MODE_KEYS = tuple(mode.key for mode in MODES)

# Invented scenarios, each illustrating mainly one idea.
SCENARIOS: dict[str, tuple[str, str]] = {
    "A": ("At 2 a.m. a resident on call watches a two-minute video on a tendon suture, because the patient "
          "is already on the table.", "just_in_time"),
    "B": ("A department replaces its annual four-hour wound-care lecture with a series of eight-minute "
          "lessons, one a week, that every nurse must complete.", "microlearning"),
    "C": ("A resident decides she wants to master microsurgery, draws up her own plan of reading, courses "
          "and lab sessions over a year, and judges her own progress.", "heutagogy"),
}


def mode_feedback(answers: object) -> str:
    """Plain-words feedback on a learner's {scenario: mode} answers, without giving them away."""
    keys = ", ".join(repr(k) for k in MODE_KEYS)
    if not isinstance(answers, dict) or set(answers) != set(SCENARIOS):
        return (f"Not answered yet: set a dictionary with the keys {', '.join(map(repr, SCENARIOS))}, "
                f"each mapped to one of {keys}.")
    unknown = [s for s, mode in answers.items() if mode not in MODE_KEYS]
    if unknown:
        return f"Scenario {', '.join(unknown)}: the answer should be one of {keys}."
    wrong = [s for s, mode in answers.items() if mode != SCENARIOS[s][1]]
    if not wrong:
        return ("Correct: each scenario is matched to the idea it mainly shows. A: the moment of need; "
                "B: the size of the unit; C: the learner decides.")
    questions = "; ".join(f"{m.name} asks '{m.question}'" for m in MODES)
    return (f"{len(SCENARIOS) - len(wrong)} of {len(SCENARIOS)} right. Look again at scenario(s) "
            f"{', '.join(sorted(wrong))}: {questions}.")

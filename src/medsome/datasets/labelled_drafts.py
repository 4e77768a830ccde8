"""A labelled corpus of invented draft posts, to measure the draft analyser (`medsome.disclosure`).

Each draft is assembled from fragments written with their identifying spans marked, as
`[34-year-old|age]`; the generator removes the marks and keeps the spans, so every label is where
the writer put it. Registers: tweet, caption, forum post and teaching slide; about one draft in six
shows no patient at all (a suturing tutorial, a journal club). Seeded: the same bytes every time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.datasets.identification import HOSPITALS
from medsome.paths import datasets_dir
from medsome.schema import Column, Schema, load_csv
from medsome.world import DISTRICTS

SEED = 20261201
COUNT = 180
REGISTERS = ("tweet", "caption", "forum", "slide")
KINDS = ("age", "sex", "place", "date_time", "occupation", "rarity", "event", "family", "mark",
         "name_or_number", "workplace")
LABELLED_DRAFTS_SCHEMA = Schema("disclosure/labelled_drafts.csv", (
    Column("draft_id", "str", "L001 onwards"),
    Column("register", "str", "tweet, caption, forum or slide"),
    Column("text", "str", "the draft as it would be posted (invented)"),
    Column("spans", "str", "identifying spans as start:end:kind joined by ';' (character offsets, end "
           "excluded); empty for a draft with none", nullable=True),
))
_MARK = re.compile(r"\[([^\[\]|]+)\|(\w+)\]")

MUNICIPALITIES = tuple(name for places in DISTRICTS.values() for name, _ in places)
REAL_TOWNS = ("Oulu", "Kotka", "Tampere", "Rovaniemi", "Kuopio", "Lahti", "Joensuu", "Vaasa", "Pori",
              "Kajaani", "Tromsø", "Umeå", "Luleå", "Aberdeen", "Inverness", "Galway")
OCCUPATIONS = ("ferry captain", "professional ice-hockey player", "nurse", "teacher", "reindeer herder",
               "firefighter", "police officer", "farmer", "local celebrity", "paramedic", "vicar",
               "lorry driver", "ski jumper", "fisherman", "midwife", "mayor")
RARE = ("below-knee amputation", "congenital hand difference", "hand transplant", "Poland syndrome",
        "Apert syndrome", "thumb replantation", "epidermolysis bullosa", "necrotising fasciitis",
        "toe-to-hand transfer", "scalp replantation")
COUNTS = ("our only {what}", "our first {what}", "the first {what}", "our youngest {what}")
COUNT_WHAT = ("hand transplant", "case", "replantation", "patient", "flap")
PERIODS = ("this year", "in a decade", "of my career", "in the country")
EVENTS = ("snowmobile crash on the lake", "tractor accident", "chainsaw accident", "motorbike crash",
          "car crash", "sauna burn", "fireworks injury", "trampoline accident", "quad-bike rollover",
          "hunting accident", "house fire", "dog bite", "moose collision", "fell through the ice",
          "fell off a ladder", "ski accident", "farm accident", "rugby injury")
FAMILY = ("20 weeks pregnant", "pregnant", "mother of three", "father of twins", "expecting twins",
          "her husband", "his wife", "their daughter", "grandmother of five", "her twin sister", "widower",
          "new mum", "his partner", "single dad")
MARKS = ("anchor tattoo on the forearm", "dragon tattoo across the shoulder", "rose tattoo on the ankle",
         "port-wine birthmark", "amputation stump", "facial burn scar", "scar from an old accident",
         "distinctive scar", "sleeve tattoo", "butterfly tattoo on her neck", "missing finger")
NAMES = ("Mrs Korhonen", "Mr Virtanen", "Ms Laine", "Mr Nieminen", "Mrs Mäkinen", "@hockeydad_77",
         "@aino.runs", "MRN 4471902", "hospital number 220319", "patient J.K.", "Matti", "Aino",
         "named Veera", "+358 40 1234567")
WORKPLACES = (*HOSPITALS.values(), "ward 7", "our hand unit", "our burns unit", "the trauma team", "A&E",
              "our plastics team", "the ICU", "Kivikko Health Centre", "theatre 3", "our department",
              "bed 12")
WHEN = ("at 2 am", "at 3 a.m.", "today", "yesterday", "last night", "on Christmas Eve", "on Midsummer Eve",
        "last Tuesday", "on 14 March", "during the night shift", "last night's shift", "this morning",
        "at 6.30 in the morning", "on New Year's Day", "on Saturday night", "tonight", "3 days ago",
        "over the weekend", "at lunchtime", "on Boxing Day")
LIFE_STAGES = ("teenager", "toddler", "pensioner", "newborn")
SEX = {"female": ("woman", "girl", "lady"), "male": ("man", "boy", "gentleman")}
DECADES = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties")
CLEAN = (
    "Simple interrupted sutures on a silicone pad: 3-0 nylon, 5 mm bites, equal tension on both sides.",
    "Knot-tying practice tonight? Use a two-handed square knot and lay each throw flat. #surgicaleducation",
    "Journal club summary: a randomised trial of 120 patients found no difference in wound infection "
    "between 2-0 and 3-0 sutures.",
    "Teaching slide: the five layers of the scalp (SCALP) and why the loose areolar layer matters.",
    "How to position a hand for a photo: fingers extended, neutral background, same distance every time.",
    "New guideline on antibiotic prophylaxis for clean hand surgery: none needed under 2 hours.",
    "Practising a Z-plasty on a pig's foot: 60 degree limbs gain about 75% length.",
    "Flap monitoring tips for junior residents: colour, capillary refill, temperature, turgor.",
    "Forum question: which absorbable suture do you prefer for subcuticular closure in adults?",
    "Poster accepted! Our audit of 300 carpal tunnel releases shows a 1.3% complication rate.",
    "Caption: a silicone suture pad after 20 minutes of practice. Notice the even spacing of 5 mm.",
    "Slide 4: the reconstructive ladder, from secondary intention to free tissue transfer.",
    "Reminder for residents: wash hands for 20 seconds and check the WHO surgical safety checklist.",
    "Tutorial: tendon repair with a 4-strand core suture on a synthetic model, step by step.",
    "Great discussion at the regional meeting about consent for clinical photographs.",
)
OPENERS = {"tweet": ("Great case:", "Proud moment:", "Case of the week:", "Wow.", "Long shift, worth it:"),
           "caption": ("Swipe for the result →", "Before and after:", "[Today's|date_time] reconstruction:",
                       "📷"),
           "forum": ("Hi all, seeking advice.", "Colleagues, a question.", "Posting for a second opinion."),
           "slide": ("Case presentation", "Case 3", "Clinical case")}
CLOSERS = {"tweet": ("#handsurgery #plasticsurgery", "Recovery is going well.", "What would you have done?"),
           "caption": ("#plasticsurgery #beforeandafter", "Healing nicely.", "Amazing team effort."),
           "forum": ("Any thoughts welcome.", "What would you do?", "Thanks in advance."),
           "slide": ("Learning point: check the circulation.", "Learning point: early hand therapy.")}


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _patient_noun(rng: np.random.Generator, kinds: set[str]) -> str:
    """'a [34-year-old|age] [woman|sex] from [Lumivaara|place]'."""
    sex = _pick(rng, ("female", "male"))
    pronoun = "her" if sex == "female" else "his"
    noun = f"[{_pick(rng, SEX[sex])}|sex]" if "sex" in kinds else "patient"
    if "sex" not in kinds:
        pronoun = "their"
    age = ""
    if "age" in kinds:
        style = int(rng.integers(5))
        years = int(rng.integers(16, 95))
        if style == 0:
            age = f"[{years}-year-old|age] "
        elif style == 1 and "sex" in kinds:
            noun = f"{noun} [in {pronoun} {_pick(rng, DECADES)}|age]"
        elif style == 2:
            noun = f"{noun}, [aged {years}|age],"
        elif style == 3:
            stage = f"[{_pick(rng, LIFE_STAGES)}|age]"
            noun = f"{stage} ([{_pick(rng, SEX[sex])}|sex])" if "sex" in kinds else stage
        else:
            age = f"[{years} y/o|age] "
    phrase = f"{age}{noun}"
    if "occupation" in kinds:
        job = _pick(rng, OCCUPATIONS)
        phrase = (f"{phrase} who works as a [{job}|occupation]" if rng.random() < 0.5
                  else f"[{job}|occupation] ({phrase})")
    if "place" in kinds:
        where = int(rng.integers(4))
        options = (_pick(rng, MUNICIPALITIES), _pick(rng, REAL_TOWNS), "a small village", "our local club")
        place = options[where]
        phrase += f" from [{place}|place]"
    article = "an" if phrase.lstrip("[")[0] in "aeio8" or phrase.lstrip("[").startswith(("11", "18")) else "a"
    return f"{article} {phrase}"


def _sentences(rng: np.random.Generator, kinds: set[str]) -> list[str]:
    noun = _patient_noun(rng, kinds)
    when = f" [{_pick(rng, WHEN)}|date_time]" if "date_time" in kinds else ""
    rare_cause = "rarity" in kinds and "event" not in kinds and rng.random() < 0.6
    if "event" in kinds:
        cause = f"after a [{_pick(rng, EVENTS)}|event]"
    elif rare_cause:
        cause = f"for a [{_pick(rng, RARE)}|rarity]"
    else:
        cause = "with a hand injury"
    sentences = [f"{noun[0].upper()}{noun[1:]} came in{when} {cause}."]
    if "rarity" in kinds and not rare_cause:
        count = _pick(rng, COUNTS).format(what=_pick(rng, COUNT_WHAT))
        sentences.append(f"[{count.capitalize()} {_pick(rng, PERIODS)}|rarity]!")
    if "family" in kinds:
        sentences.append(f"The patient is [{_pick(rng, FAMILY)}|family], so recovery matters twice.")
    if "mark" in kinds:
        sentences.append(f"The [{_pick(rng, MARKS)}|mark] came through untouched.")
    if "workplace" in kinds:
        sentences.append(f"Thanks to everyone at [{_pick(rng, WORKPLACES)}|workplace].")
    if "name_or_number" in kinds:
        sentences.append(f"Follow-up for [{_pick(rng, NAMES)}|name_or_number] next month.")
    return sentences


def _compose(rng: np.random.Generator, register: str, kinds: set[str]) -> str:
    """A marked-up draft in one register."""
    if not kinds:
        return _pick(rng, CLEAN)
    body = _sentences(rng, kinds)
    opener, closer = _pick(rng, OPENERS[register]), _pick(rng, CLOSERS[register])
    if register == "slide":
        return "\n".join([opener, *(f"• {s}" for s in body), f"• {closer}"])
    if register == "forum":
        return " ".join([opener, *body, "Would you operate again or wait?", closer])
    return " ".join([opener, *body, closer])


def parse_marked(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Text without the [span|kind] marks, and the spans as (start, end, kind)."""
    text, spans, position = [], [], 0
    length = 0
    for match in _MARK.finditer(marked):
        plain = marked[position:match.start()]
        text.append(plain)
        length += len(plain)
        spans.append((length, length + len(match.group(1)), match.group(2)))
        text.append(match.group(1))
        length += len(match.group(1))
        position = match.end()
    text.append(marked[position:])
    unknown = [kind for _, _, kind in spans if kind not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind {unknown[0]!r} in {marked!r}")
    return "".join(text), spans


def format_spans(spans: list[tuple[int, int, str]]) -> str:
    """Spans as the corpus stores them: start:end:kind joined by ';'."""
    return ";".join(f"{start}:{end}:{kind}" for start, end, kind in spans)


def read_spans(value: object) -> list[tuple[int, int, str]]:
    """The spans of a corpus row (empty for a draft with none)."""
    if not isinstance(value, str) or not value:
        return []
    spans = []
    for item in value.split(";"):
        start, end, kind = item.split(":")
        spans.append((int(start), int(end), kind))
    return spans


def generate_labelled_drafts(seed: int = SEED, count: int = COUNT) -> pd.DataFrame:
    """Invented drafts with their identifying spans; about one in six reveals nothing."""
    rng = np.random.default_rng(seed)
    rows = []
    for number in range(count):
        register = REGISTERS[number % len(REGISTERS)]
        if rng.random() < 1 / 6:
            kinds: set[str] = set()
        else:
            size = int(rng.integers(1, 6))
            kinds = {KINDS[i] for i in rng.choice(len(KINDS), size=size, replace=False)}
        text, spans = parse_marked(_compose(rng, register, kinds))
        rows.append({"draft_id": f"L{number + 1:03d}", "register": register, "text": text,
                     "spans": format_spans(spans) or None})
    return pd.DataFrame(rows, columns=LABELLED_DRAFTS_SCHEMA.names)


def read_marked_drafts(path: Path) -> pd.DataFrame:
    """Drafts marked inline, one JSON object a line (id, register, text), as the corpus's frame."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text, spans = parse_marked(record["text"])
                rows.append({"draft_id": str(record["id"]), "register": str(record.get("register", "")),
                             "text": text, "spans": format_spans(spans) or None})
            except (json.JSONDecodeError, KeyError, ValueError) as error:
                raise ValueError(f"{path}, line {number}: not a marked draft ({error})") from error
    return pd.DataFrame(rows, columns=LABELLED_DRAFTS_SCHEMA.names)


def read_corpus(path: Path) -> pd.DataFrame:
    """A labelled corpus from a .csv (the generated corpus's columns) or a .jsonl of marked drafts."""
    path = Path(path)
    if path.suffix == ".jsonl":
        return read_marked_drafts(path)
    if path.suffix == ".csv":
        return load_csv(path, Schema(path.name, LABELLED_DRAFTS_SCHEMA.columns))
    raise ValueError(f"{path}: a corpus is a .csv or a .jsonl file")


def load_labelled_drafts(datasets: Path | None = None) -> pd.DataFrame:
    """The labelled draft corpus, checked against its schema."""
    return load_csv((datasets or datasets_dir()) / LABELLED_DRAFTS_SCHEMA.filename, LABELLED_DRAFTS_SCHEMA)


def write(target: Path) -> list[Path]:
    """Write disclosure/labelled_drafts.csv under target."""
    frame = generate_labelled_drafts()
    return [write_text(Path(target) / LABELLED_DRAFTS_SCHEMA.filename,
                       frame.to_csv(index=False, lineterminator="\n"))]

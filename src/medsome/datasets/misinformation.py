"""Synthetic data for Module 4: a corpus of surgery posts and before/after photo pairs.

Everything is invented: the posts, their creators, their numbers and the raters. The generators
are seeded and calibrated to published figures (course evidence file, §4; the data card gives
each with its citation):

- creator roles of top posts: ASAPS-eligible surgeons 17.8%, non-eligible "cosmetic surgeons"
  26.4%, non-physicians 5.5% (Dorfman 2018); 67.1% self-promotional; educational 62.1% of
  board-certified surgeons' posts vs 38.1% of the others' (Dorfman 2018);
- inaccurate or unsafe: about 27% of TikTok and 12.5% of Instagram posts (Tzatzidou &
  Abdullmalek, BJS 2024);
- mean DISCERN item rating: YouTube 2.21-2.44 (Ward 2019, 2020), TikTok 1.25-1.91 (Om 2021;
  Zargaran 2023); board-certified surgeons and doctors score higher, comedy lowest;
- YouTube views: 667 million over 143 cosmetic-procedure videos (Ward 2020);
- photo pairs: same-day "after" photos with no surgery, only a changed technique, rated improved
  in 45% of surgeons' ratings, flash the strongest factor (Aesthetic Plast Surg 2013).

Everything else (platform mix, YouTube's inaccuracy rate, Instagram's DISCERN level, the
engagement of inaccurate posts, the JAMA benchmarks, the rater model) is the course's own
synthetic choice, and the data card says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.catalogue import DISCERN_COLUMNS, FEATURED_SCHEMA, JAMA_BENCHMARKS, PAIRS_SCHEMA, POSTS_SCHEMA
from medsome.comparability import PHOTO_PARAMETERS
from medsome.world import BACKGROUNDS, CLOTHING, SKIN_TONES

SEED = 20240404
N_POSTS = 2400
PLATFORM_COUNTS = {"instagram": 1200, "tiktok": 720, "youtube": 480}
ROLES = ("board_certified_plastic_surgeon", "other_physician", "non_physician_clinic", "influencer")
BOARD = ROLES[0]
ROLE_SHARES = {BOARD: 0.178, "other_physician": 0.264, "non_physician_clinic": 0.055}  # Dorfman 2018
EDUCATIONAL_SHARE = {"board": 0.621, "others": 0.381}  # Dorfman 2018
SELF_PROMOTIONAL_SHARE = 0.671  # Dorfman 2018
INACCURATE_SHARE = {"instagram": 0.125, "tiktok": 0.27, "youtube": 0.20}  # YouTube: synthetic
DISCERN_TARGET = {"instagram": 2.0, "tiktok": 1.6, "youtube": 2.3}  # Instagram: synthetic
YOUTUBE_MEAN_VIEWS = 667_000_000 / 143  # Ward 2020
INACCURATE_REACH = 1.3  # synthetic: inaccurate posts draw 1.3 times the views
POST_TYPES = ("explainer", "procedure_video", "before_after", "testimonial", "comedy")
PROCEDURES = ("rhinoplasty", "breast augmentation", "abdominoplasty", "liposuction", "blepharoplasty",
              "facelift", "buttock augmentation", "lip filler")

Rng = np.random.Generator


def _pick_exact(rng: Rng, weights: np.ndarray, count: int) -> np.ndarray:
    """A boolean mask choosing exactly `count` positions, each as likely as its weight."""
    mask = np.zeros(len(weights), dtype=bool)
    if count:
        mask[rng.choice(len(weights), size=count, replace=False, p=weights / weights.sum())] = True
    return mask


def _lookup(values: pd.Series, table: dict[str, float]) -> np.ndarray:
    return values.map(table).to_numpy(dtype=float)


def _roles(rng: Rng) -> np.ndarray:
    counts = {role: round(share * N_POSTS) for role, share in ROLE_SHARES.items()}
    counts["influencer"] = N_POSTS - sum(counts.values())
    return rng.permutation(np.repeat(list(counts), list(counts.values())))


def _post_types(rng: Rng, educational: np.ndarray, platform: np.ndarray) -> list[str]:
    """Teaching posts explain or show; the others show results, testimonials or comedy."""
    teach = (0.5, 0.35, 0.15, 0.0, 0.0)
    other = {"tiktok": (0.0, 0.12, 0.28, 0.25, 0.35), "instagram": (0.0, 0.12, 0.45, 0.3, 0.13),
             "youtube": (0.0, 0.35, 0.3, 0.3, 0.05)}
    return [POST_TYPES[rng.choice(5, p=teach if edu else other[plat])]
            for edu, plat in zip(educational, platform, strict=True)]


CAPTIONS: dict[tuple[str, bool], str] = {
    ("explainer", True): "What to expect after {proc}: weeks of swelling, the usual risks of any operation, "
                         "and when to call your surgeon.",
    ("explainer", False): "{Proc} explained: no risks if you choose the right clinic, back to normal the "
                          "next day!",
    ("procedure_video", True): "Step by step: {proc} in the operating room, with sterile gloves and drapes, "
                               "explained as we go.",
    ("procedure_video", False): "Quick {proc} demo in our studio, no fuss. Watch till the end!",
    ("before_after", True): "{Proc}, six months on. Same light, same pose, same camera. Results vary from "
                            "person to person.",
    ("before_after", False): "Unbelievable {proc} transformation! Guaranteed results.",
    ("testimonial", True): "A patient shares her recovery after {proc}, including the hard first week.",
    ("testimonial", False): "'Best decision ever, zero pain!' Our {proc} client, two days after.",
    ("comedy", True): "When your friend thinks {proc} means no recovery time (spoiler: it does not).",
    ("comedy", False): "POV: you had {proc} on your lunch break and went straight back to work.",
}
BREACH_NOTE = " [The video shows the procedure done with bare hands, no gloves.]"
PROMOTION_NOTE = " Book your consultation via the link in bio."


def _caption(post_type: str, accurate: bool, procedure: str, breach: bool, promotional: bool) -> str:
    text = CAPTIONS[post_type, accurate].format(proc=procedure, Proc=procedure[0].upper() + procedure[1:])
    return text + (BREACH_NOTE if breach else "") + (PROMOTION_NOTE if promotional else "")


ROLE_QUALITY = {BOARD: 0.45, "other_physician": 0.15, "non_physician_clinic": -0.15, "influencer": -0.3}
TYPE_QUALITY = {"explainer": 0.3, "procedure_video": 0.1, "before_after": -0.1, "testimonial": -0.2,
                "comedy": -0.45}
ITEM_OFFSETS = np.array([0.6, 0.4, 0.7, -0.6, -0.7, -0.2, -0.3, -0.5, 0.3, 0.5, -0.5, -0.8, -0.1, -0.6, -0.5])


def _discern(rng: Rng, frame: pd.DataFrame) -> np.ndarray:
    """16 ratings per post; each platform's level solved so its mean item rating hits its target."""
    quality = (_lookup(frame["creator_role"], ROLE_QUALITY) + _lookup(frame["post_type"], TYPE_QUALITY)
               - 0.45 * (frame["accuracy"] == "inaccurate").to_numpy()
               + 0.15 * frame["educational"].to_numpy() + rng.normal(0, 0.3, len(frame)))
    item_noise = rng.normal(0, 0.45, (len(frame), 15))
    overall_noise = rng.normal(0, 0.35, len(frame))

    def items(level: float, rows: np.ndarray) -> np.ndarray:
        latent = level + quality[rows, None] + ITEM_OFFSETS[None, :] + item_noise[rows]
        return np.clip(np.rint(latent), 1, 5)

    ratings = np.zeros((len(frame), 16), dtype=int)
    for platform, target in DISCERN_TARGET.items():
        rows = np.flatnonzero(frame["platform"].to_numpy() == platform)
        level = _solve(lambda x, rows=rows: items(x, rows).mean(), target)
        ratings[rows, :15] = items(level, rows)
        overall = np.rint(ratings[rows, :15].mean(axis=1) + overall_noise[rows])
        ratings[rows, 15] = np.clip(overall, 1, 5)
    return ratings


def _solve(increasing: Callable[[float], float], target: float, low: float = -2.0,
           high: float = 5.0) -> float:
    """x with increasing(x) ≈ target, by bisection (deterministic)."""
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if increasing(middle) < target else (low, middle)
    return (low + high) / 2


def _engagement(rng: Rng, frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Views, likes, comments and shares: heavy-tailed; YouTube's mean views as in Ward 2020."""
    medians = {"instagram": 40_000, "tiktok": 150_000, "youtube": 600_000}
    views = _lookup(frame["platform"], medians) * rng.lognormal(0, 1.2, len(frame))
    views *= np.where(frame["accuracy"] == "inaccurate", INACCURATE_REACH, 1.0)
    views *= np.where(frame["post_type"] == "comedy", 1.5, 1.0)
    youtube = frame["platform"].to_numpy() == "youtube"
    views[youtube] *= YOUTUBE_MEAN_VIEWS / views[youtube].mean()
    likes = views * rng.lognormal(np.log(0.04), 0.4, len(frame))
    return {"views": np.rint(views).astype(int), "likes": np.rint(likes).astype(int),
            "comments": np.rint(likes * rng.lognormal(np.log(0.03), 0.5, len(frame))).astype(int),
            "shares": np.rint(likes * rng.lognormal(np.log(0.05), 0.6, len(frame))).astype(int)}


JAMA_CHANCES = {  # synthetic chances that a post meets each benchmark, by creator role
    "authorship": {BOARD: 0.9, "other_physician": 0.75, "non_physician_clinic": 0.45, "influencer": 0.55},
    "attribution": {BOARD: 0.3, "other_physician": 0.15, "non_physician_clinic": 0.05, "influencer": 0.05},
    "disclosure": {BOARD: 0.55, "other_physician": 0.35, "non_physician_clinic": 0.25, "influencer": 0.2},
    "currency": dict.fromkeys(ROLES, 0.7),
}


def _jama(rng: Rng, frame: pd.DataFrame) -> dict[str, np.ndarray]:
    chances = {b: _lookup(frame["creator_role"], table) for b, table in JAMA_CHANCES.items()}
    chances["attribution"] = (chances["attribution"] + 0.15 * frame["educational"].to_numpy()) * np.where(
        frame["accuracy"] == "inaccurate", 0.3, 1.0)
    return {b: rng.random(len(frame)) < chance for b, chance in chances.items()}


def _flags(rng: Rng, frame: pd.DataFrame) -> None:
    """Educational, self-promotional and inaccurate posts, each in its exact calibrated number."""
    role = frame["creator_role"]
    board = (role == BOARD).to_numpy()
    educational = np.zeros(len(frame), dtype=bool)
    wanted = round(EDUCATIONAL_SHARE["board"] * board.sum())
    educational[board] = _pick_exact(rng, np.ones(board.sum()), wanted)
    teach = _lookup(role[~board], {"other_physician": 1.3, "non_physician_clinic": 0.8, "influencer": 0.9})
    educational[~board] = _pick_exact(rng, teach, round(EDUCATIONAL_SHARE["others"] * (~board).sum()))
    frame["educational"] = educational
    promote = _lookup(role, {BOARD: 1.0, "other_physician": 1.4, "non_physician_clinic": 2.0,
                             "influencer": 0.9})
    frame["self_promotional"] = _pick_exact(rng, promote * np.where(educational, 1.0, 1.5),
                                            round(SELF_PROMOTIONAL_SHARE * len(frame)))
    frame["post_type"] = _post_types(rng, educational, frame["platform"].to_numpy())
    risk = (_lookup(role, {BOARD: 0.35, "other_physician": 1.0, "non_physician_clinic": 1.6,
                           "influencer": 1.5})
            * _lookup(frame["post_type"], {"explainer": 0.7, "procedure_video": 1.0, "before_after": 1.2,
                                           "testimonial": 1.4, "comedy": 1.8})
            * np.where(frame["self_promotional"], 1.3, 1.0))
    inaccurate = np.zeros(len(frame), dtype=bool)
    for platform, share in INACCURATE_SHARE.items():
        rows = np.flatnonzero(frame["platform"].to_numpy() == platform)
        inaccurate[rows] = _pick_exact(rng, risk[rows], round(share * len(rows)))
    frame["accuracy"] = np.where(inaccurate, "inaccurate", "accurate")
    breach_chance = _lookup(role, {BOARD: 0.1, "other_physician": 0.35, "non_physician_clinic": 0.6,
                                   "influencer": 0.6})
    frame["asepsis_breach"] = (inaccurate & (frame["post_type"] == "procedure_video").to_numpy()
                               & (rng.random(len(frame)) < breach_chance))


def generate_posts(seed: int = SEED) -> pd.DataFrame:
    """The corpus: N_POSTS invented posts about aesthetic surgery, calibrated as the module says."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "post_id": [f"M{i:04d}" for i in range(1, N_POSTS + 1)], "featured": None,
        "platform": rng.permutation(np.repeat(list(PLATFORM_COUNTS), list(PLATFORM_COUNTS.values()))),
        "creator_role": _roles(rng),
        "procedure": rng.choice(PROCEDURES, N_POSTS),
    })
    _flags(rng, frame)
    frame["text"] = [_caption(t, a == "accurate", p, b, s) for t, a, p, b, s in zip(
        frame["post_type"], frame["accuracy"], frame["procedure"], frame["asepsis_breach"],
        frame["self_promotional"], strict=True)]
    frame = frame.assign(**_engagement(rng, frame), **_jama(rng, frame))
    frame[list(DISCERN_COLUMNS)] = _discern(rng, frame)
    return frame[POSTS_SCHEMA.names]


def _featured(post_id: str, theme: str, platform: str, role: str, post_type: str, procedure: str, text: str,
              flags: tuple[bool, bool, bool], numbers: tuple[int, int, int, int], jama: tuple[str, ...],
              ratings: tuple[int, ...]) -> dict[str, object]:
    """One hand-written post. `flags`: (educational, self-promotional, inaccurate); `jama`: benchmarks met."""
    educational, promotional, inaccurate = flags
    return {"post_id": post_id, "featured": theme, "platform": platform, "creator_role": role,
            "post_type": post_type, "procedure": procedure, "text": text, "educational": educational,
            "self_promotional": promotional, "accuracy": "inaccurate" if inaccurate else "accurate",
            "asepsis_breach": theme == "bare_hands",
            **dict(zip(("views", "likes", "comments", "shares"), numbers, strict=True)),
            **{b: b in jama for b in JAMA_BENCHMARKS},
            **dict(zip(DISCERN_COLUMNS, ratings, strict=True))}


FEATURED_POSTS: tuple[dict[str, object], ...] = (
    _featured("F1", "bare_hands", "tiktok", "non_physician_clinic", "procedure_video", "lip filler",
              "Lip filler in 60 seconds at our beauty studio! No numbing, no waiting, totally safe. "
              "[The video shows the injector working with bare hands on unprepared skin.] "
              "Walk-ins welcome this weekend.", (False, True, True), (1_840_000, 96_000, 2_100, 7_400), (),
              (3, 2, 3, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1)),
    _featured("F2", "board_certified_explainer", "youtube", BOARD, "explainer", "abdominoplasty",
              "I am a board-certified plastic surgeon. This 9-minute video explains what an abdominoplasty "
              "can and cannot do, who is a good candidate, how recovery goes week by week, the risks we "
              "discuss at every consultation (bleeding, infection, wound problems, scarring, blood clots), "
              "what happens if you choose not to have it, and the alternatives, from weight stability and "
              "exercise to liposuction alone. Sources are listed below the video, with the date of the "
              "last update. I am not paid by any company mentioned.", (True, False, False),
              (212_000, 6_300, 480, 310), JAMA_BENCHMARKS, (5, 4, 5, 4, 4, 4, 4, 3, 5, 4, 5, 3, 4, 4, 4, 4)),
    _featured("F3", "non_comparable_photos", "instagram", "other_physician", "before_after", "facelift",
              "Ten years younger in one afternoon! Before: tired and saggy. After: fresh, lifted and "
              "glowing. [Before photo: dim light, no flash, face turned aside, patterned background. "
              "After photo: bright flash, facing the camera, zoomed in, plain background, a necklace.] "
              "DM for prices.",
              (False, True, True), (88_000, 5_900, 340, 220), ("authorship",),
              (4, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1)),
    _featured("F4", "comedy", "tiktok", "influencer", "comedy", "buttock augmentation",
              "POV: your surgery abroad was half the price and you flew home the same evening. Totally worth "
              "it!! #bbl #recoveryhack", (False, False, True), (3_900_000, 410_000, 12_800, 51_000),
              ("currency",),
              (2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
    _featured("F5", "graphic_video", "instagram", BOARD, "procedure_video", "rhinoplasty",
              "Warning: surgical footage. Inside a rhinoplasty, step by step, for residents and students: "
              "how the cartilage is reshaped, why we use sterile gloves and drapes throughout, and what "
              "patients should expect afterwards. Swipe past the first slide if you would rather not see "
              "blood.", (True, False, False), (64_000, 3_100, 290, 140), ("authorship", "currency"),
              (4, 4, 3, 2, 3, 3, 2, 2, 4, 3, 2, 1, 2, 2, 2, 3)),
    _featured("F6", "undisclosed_sponsorship", "instagram", "influencer", "testimonial",
              "breast augmentation",
              "My breast augmentation journey!! Zero pain from day one and no scars at all thanks to the "
              "amazing team at the clinic. Use my code for 10% off your consultation.",
              (False, True, True), (156_000, 14_500, 910, 600), ("currency",),
              (3, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1)),
)


def generate_featured_posts() -> pd.DataFrame:
    """The hand-written featured posts that the lesson, the DISCERN rater and the assignment appraise."""
    return pd.DataFrame(list(FEATURED_POSTS))[FEATURED_SCHEMA.names]


# --- Before/after photo pairs --------------------------------------------------------------------
PAIR_GROUPS = {  # (surgery, technique changed): number of pairs
    (True, False): 40, (True, True): 40, (False, True): 60, (False, False): 20,
}
RATERS = 10
IMPROVED_TARGET = 0.45  # same-day, no surgery, changed technique (Aesthetic Plast Surg 2013)
CHANGE_WEIGHTS = {"flash": 0.25, "lighting": 0.25, "zoom": 0.2, "angle": 0.15, "background": 0.1,
                  "clothing": 0.05}
RATER_EFFECTS = {"surgery": 1.8, "flash_added": 1.5, "flash_removed": -0.5, "lighting_per_stop": 0.45,
                 "zoom_per_unit": 1.8, "angle_per_30_degrees": 0.4, "background": 0.3, "clothing": 0.25}


def _standard_shot(rng: Rng) -> dict[str, object]:
    """A before photo close to the standard set-up, with small drift inside the tolerances."""
    return {"lighting": round(float(rng.normal(0, 0.08)), 1) + 0.0, "flash": False,
            "zoom": round(1 + float(rng.uniform(-0.02, 0.02)), 2), "angle": int(rng.integers(-2, 3)),
            "background": "plain blue" if rng.random() < 0.85 else "plain white", "clothing": "plain gown"}


def _drift(rng: Rng, shot: dict[str, object]) -> dict[str, object]:
    """The same set-up again, with the drift a careful photographer stays within."""
    return {**shot, "lighting": round(shot["lighting"] + float(rng.uniform(-0.1, 0.1)), 1) + 0.0,
            "zoom": round(shot["zoom"] + float(rng.uniform(-0.03, 0.03)), 2),
            "angle": shot["angle"] + int(rng.integers(-3, 4))}


def _changed(rng: Rng, before: dict[str, object]) -> dict[str, object]:
    """An after photo whose technique differs in one to four parameters."""
    after = _drift(rng, before)
    count = int(rng.choice([1, 2, 3, 4], p=[0.35, 0.35, 0.2, 0.1]))
    weights = np.array(list(CHANGE_WEIGHTS.values()))
    for parameter in rng.choice(list(CHANGE_WEIGHTS), size=count, replace=False, p=weights / weights.sum()):
        if parameter == "flash":
            after["flash"] = True
        elif parameter == "lighting":
            after["lighting"] = round(before["lighting"] + float(rng.uniform(0.5, 1.5)), 1)
        elif parameter == "zoom":
            after["zoom"] = round(before["zoom"] * float(rng.uniform(1.15, 1.5)), 2)
        elif parameter == "angle":
            after["angle"] = before["angle"] + int(rng.choice([-1, 1]) * rng.integers(10, 31))
        else:
            options = BACKGROUNDS if parameter == "background" else CLOTHING
            after[parameter] = str(rng.choice([o for o in options if o != before[parameter]]))
    return after


def _technique_effect(before: dict[str, object], after: dict[str, object]) -> float:
    """How much better the synthetic raters think the after photo looks, from technique alone."""
    e = RATER_EFFECTS
    flash = e["flash_added"] if after["flash"] and not before["flash"] else (
        e["flash_removed"] if before["flash"] and not after["flash"] else 0.0)
    return (flash + e["lighting_per_stop"] * (after["lighting"] - before["lighting"])
            + e["zoom_per_unit"] * (after["zoom"] - before["zoom"])
            + e["angle_per_30_degrees"] * abs(after["angle"] - before["angle"]) / 30
            + e["background"] * (after["background"] != before["background"])
            + e["clothing"] * (after["clothing"] != before["clothing"]))


def generate_photo_pairs(seed: int = SEED) -> pd.DataFrame:
    """Invented before/after pairs with their set-ups and blinded synthetic ratings."""
    rng = np.random.default_rng(seed + 1)
    rows = []
    for (surgery, changed), count in PAIR_GROUPS.items():
        for _ in range(count):
            before = _standard_shot(rng)
            after = _changed(rng, before) if changed else _drift(rng, before)
            lines = round(float(rng.uniform(0.35, 0.6)), 2) if surgery else 1.0
            rows.append({"surgery": surgery, "changed": changed, "skin": str(rng.choice(list(SKIN_TONES))),
                         "lines_after": lines,
                         **{f"before_{p}": before[p] for p in PHOTO_PARAMETERS},
                         **{f"after_{p}": after[p] for p in PHOTO_PARAMETERS},
                         "effect": _technique_effect(before, after) + RATER_EFFECTS["surgery"] * surgery})
    frame = pd.DataFrame(rows)
    order = rng.permutation(len(frame))
    frame = frame.iloc[order].reset_index(drop=True)
    noise = rng.normal(0, 1.0, (len(frame), RATERS))
    same_day_changed = (~frame["surgery"] & frame["changed"]).to_numpy()

    def scores(baseline: float) -> np.ndarray:
        return np.clip(np.rint(baseline + frame["effect"].to_numpy()[:, None] + noise), -2, 2)

    baseline = _solve(lambda b: (scores(b)[same_day_changed] > 0).mean(), IMPROVED_TARGET, -3.0, 2.0)
    ratings = scores(baseline)
    frame.insert(0, "pair_id", [f"B{i:03d}" for i in range(1, len(frame) + 1)])
    frame["raters"] = RATERS
    frame["rated_improved"] = (ratings > 0).sum(axis=1)
    frame["mean_score"] = ratings.mean(axis=1).round(2)
    return frame[PAIRS_SCHEMA.names]


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def write(target: Path) -> list[Path]:
    """Write posts.csv, featured_posts.csv and photo_pairs.csv under target/misinformation/."""
    target = Path(target)
    return [write_text(target / POSTS_SCHEMA.filename, _csv(generate_posts())),
            write_text(target / FEATURED_SCHEMA.filename, _csv(generate_featured_posts())),
            write_text(target / PAIRS_SCHEMA.filename, _csv(generate_photo_pairs()))]

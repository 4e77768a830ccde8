"""A synthetic survey of patients before a plastic surgery consultation (Module 1): what they looked
for online, and whether they use social media.

Every respondent is invented. Overall internet and social media use are calibrated to Montemurro
et al. 2015 (95% used the internet before the consultation, 46% social media; course evidence
file §4). The topics follow Koljonen's list of the technical information patients seek (diseases,
treatments, procedures, doctors, hospitals), with clinical photographs and reviews added after a
breast-augmentation survey (Montemurro et al., partly checked). Every share by age group, and the
later start of older users (after Digital 2021's report that older users grew fastest), is the
course's own synthetic choice.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.catalogue import AGE_GROUPS, SURVEY_SCHEMA, SURVEY_TOPICS

SEED = 20240503
N_RESPONDENTS = 800
AGE_MIX = (0.22, 0.28, 0.25, 0.17, 0.08)
# Probability per age group (synthetic), chosen so the totals match Montemurro 2015: 95% and 46%.
INTERNET = (0.99, 0.98, 0.96, 0.90, 0.78)
SOCIAL_MEDIA = (0.62, 0.53, 0.44, 0.33, 0.20)
JOINED_SINCE_2020 = (0.05, 0.07, 0.12, 0.22, 0.35)  # share of social media users who started in 2020 or later
SOUGHT: dict[str, tuple[float, ...]] = {  # share per age group who sought each topic online (synthetic)
    "disease": (0.60, 0.66, 0.72, 0.76, 0.72),
    "treatment": (0.74, 0.76, 0.86, 0.72, 0.62),
    "procedure": (0.80, 0.78, 0.70, 0.58, 0.46),
    "surgeon": (0.58, 0.64, 0.70, 0.86, 0.70),
    "hospital": (0.40, 0.50, 0.60, 0.70, 0.84),
    "clinical_photos": (0.94, 0.88, 0.72, 0.50, 0.30),
    "reviews": (0.78, 0.72, 0.60, 0.46, 0.32),
}


def _respondent(rng: np.random.Generator, number: int) -> dict[str, object]:
    """One invented respondent."""
    group = int(rng.choice(len(AGE_GROUPS), p=AGE_MIX))
    online = bool(rng.random() < INTERNET[group])
    social = online and bool(rng.random() < SOCIAL_MEDIA[group] / INTERNET[group])
    row: dict[str, object] = {
        "respondent_id": f"R{number:03d}", "age_group": AGE_GROUPS[group], "uses_internet": online,
        "uses_social_media": social,
        "joined_since_2020": social and bool(rng.random() < JOINED_SINCE_2020[group]),
    }
    for topic in SURVEY_TOPICS:
        row[f"sought_{topic}"] = online and bool(rng.random() < SOUGHT[topic][group])
    return row


def generate_survey(seed: int = SEED, n: int = N_RESPONDENTS) -> pd.DataFrame:
    """`n` invented survey respondents, one row each."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame([_respondent(rng, i) for i in range(1, n + 1)], columns=SURVEY_SCHEMA.names)


def write(target: Path) -> list[Path]:
    """Write target/why_some/information_survey.csv."""
    csv = generate_survey().to_csv(index=False, lineterminator="\n")
    return [write_text(Path(target) / SURVEY_SCHEMA.filename, csv)]

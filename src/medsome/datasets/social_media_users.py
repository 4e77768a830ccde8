"""Social media users worldwide by year (Module 1): reported figures, figures derived from them, and
synthetic fill-ins, each row saying which it is.

Reported rows are Kepios/DataReportal counts the course evidence file marks as checked: January
2021 (4.20 bn, +490 m on a year earlier), July 2020 (3.96 bn) and January 2024 (5.04 bn, +5.6% on
a year earlier). Two rows are derived from those statements: January 2020 (4.20 − 0.49) and
January 2023 (5.04 ÷ 1.056). Every other year is synthetic: drawn by a seeded generator so the
series is smooth, and labelled as such. The counts are of user identities (accounts), not of
unique people.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from medsome.atomic import write_text
from medsome.catalogue import USERS_SCHEMA

SEED = 20240501
DIGITAL_2021 = "Kepios/DataReportal, Digital 2021: 4.20 bn in January 2021, +490 m (more than 13%) in a year"
DIGITAL_2024 = ("Kepios/DataReportal, Digital 2024: 5.04 bn in January 2024 (62.3% of the world's "
                "population), +5.6% in a year")
JULY_2020 = "Kepios/DataReportal: 3.96 bn in July 2020"
SYNTHETIC = "synthetic: the course's seeded fill-in, not a reported figure"

REPORTED: tuple[tuple[int, int, float, str, str], ...] = (
    (2020, 1, round(4.20 - 0.49, 3), "derived", f"derived from {DIGITAL_2021}"),
    (2020, 7, 3.96, "reported", JULY_2020),
    (2021, 1, 4.20, "reported", DIGITAL_2021),
    (2023, 1, round(5.04 / 1.056, 3), "derived", f"derived from {DIGITAL_2024}"),
    (2024, 1, 5.04, "reported", DIGITAL_2024),
)
FIRST_YEAR = 2015
EARLY_GROWTH = (0.07, 0.12)  # synthetic yearly growth before 2020, drawn uniformly in this range


def generate_users(seed: int = SEED) -> pd.DataFrame:
    """The January counts 2015–2024 and the July 2020 count, with their kind and source."""
    rng = np.random.default_rng(seed)
    rows = [dict(zip(USERS_SCHEMA.names, row, strict=True)) for row in REPORTED]
    january = {row[0]: row[2] for row in REPORTED if row[1] == 1}
    count = january[2020]
    for year in range(2019, FIRST_YEAR - 1, -1):  # backwards from the derived January 2020
        count /= 1 + rng.uniform(*EARLY_GROWTH)
        rows.append({"year": year, "month": 1, "users_bn": round(count, 2), "kind": "synthetic",
                     "source": SYNTHETIC})
    middle = np.sqrt(january[2021] * january[2023]) * (1 + rng.uniform(-0.01, 0.01))
    rows.append({"year": 2022, "month": 1, "users_bn": round(float(middle), 2), "kind": "synthetic",
                 "source": SYNTHETIC})
    frame = pd.DataFrame(rows, columns=USERS_SCHEMA.names)
    return frame.sort_values(["year", "month"], ignore_index=True)


def write(target: Path) -> list[Path]:
    """Write target/why_some/social_media_users.csv."""
    csv = generate_users().to_csv(index=False, lineterminator="\n")
    return [write_text(Path(target) / USERS_SCHEMA.filename, csv)]

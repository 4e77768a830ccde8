"""Synthetic clinical photos with phone-style EXIF, and their manifest (datasets/identification/).

Every picture is drawn by `medsome.photography`; every name, time, place and device in the
metadata is invented, and every GPS position lies in open sea, so it points at no real building.
Regenerating gives the same bytes: the drawing has no randomness, the JPEG settings are fixed and
no clock is read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from medsome.atomic import write_bytes
from medsome.catalogue import PHOTOS_SCHEMA
from medsome.metadata import PhoneMetadata, metadata_identifiers
from medsome.photography import alt_text, render
from medsome.world import SCENES, Scene

FOLDER = "identification/photos"
JPEG_QUALITY = 85

_PHONE = {"make": "Fictaphone", "model": "FP-12 Pro", "software": "FictaOS 14.2"}
_OLD_PHONE = {"make": "Fictaphone", "model": "FP-9", "software": "FictaOS 12.1"}

# What each invented phone wrote into each photo; None: a clean file with no metadata at all.
METADATA: dict[str, PhoneMetadata | None] = {
    "ward_round": PhoneMetadata(
        "2024:03:14 07:45:31", **_PHONE, latitude=61.903412, longitude=19.812547, altitude=4.0,
        description="Erkki Esimerkki, bed 12, sutures day 2",
    ),
    "night_shift": PhoneMetadata(
        "2024:01:27 02:11:05", **_PHONE, latitude=62.512031, longitude=20.334718, altitude=3.0,
    ),
    "harbour_clinic": PhoneMetadata(
        "2024:06:03 14:20:48", **_PHONE, utc_offset="+03:00", latitude=58.421025,
        longitude=20.105033, altitude=2.0, artist="Dr Teppo Testaaja",
    ),
    "shin_laceration": PhoneMetadata(
        "2024:09:18 10:02:17", **_OLD_PHONE, utc_offset="+03:00", latitude=64.456018,
        longitude=22.873006, altitude=6.0, serial="FP9-5521-0937",
    ),
    "dressing_change": PhoneMetadata(
        "2024:11:05 16:38:52", **_PHONE, latitude=59.273104, longitude=20.611427, altitude=5.0,
        description="Olli Oletus, ward 4, dressing change day 3",
    ),
    "wound_check": None,
}


def photo_bytes(scene: Scene, metadata: PhoneMetadata | None) -> bytes:
    """The JPEG file of `scene`, carrying `metadata` as EXIF (none when it is None)."""
    buffer = io.BytesIO()
    extra = {"exif": metadata.to_exif()} if metadata is not None else {}
    render(scene).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, **extra)
    return buffer.getvalue()


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """The manifest as UTF-8 CSV with Unix line ends, columns in schema order."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=PHOTOS_SCHEMA.names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def write(target: Path) -> list[Path]:
    """Write the photos and their manifest under `target`; returns the files written."""
    target = Path(target)
    written, rows = [], []
    for scene in SCENES:
        relative = f"{FOLDER}/{scene.name}.jpg"
        path = write_bytes(target / relative, photo_bytes(scene, METADATA[scene.name]))
        written.append(path)
        rows.append({
            "file": relative,
            "scene": scene.name,
            "visible_identifiers": ";".join(scene.visible_identifiers),
            "exif_identifiers": ";".join(metadata_identifiers(path)),
            "alt_text": alt_text(scene),
        })
    written.append(write_bytes(target / PHOTOS_SCHEMA.filename, _csv_bytes(rows)))
    return written

"""Photo metadata: reading what phones write, stripping all of it, proving it is gone."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import ExifTags, Image

from medsome.data import photo_path
from medsome.datasets.photos import METADATA, write
from medsome.errors import MedsomeError
from medsome.metadata import (
    MetadataLeftError,
    NotAPhotoError,
    PhoneMetadata,
    PhotoExistsError,
    PhotoNotFoundError,
    assert_no_metadata,
    describe_metadata,
    has_metadata,
    metadata_identifiers,
    read_metadata,
    strip_metadata,
)

NAMES = sorted(METADATA)
WITH_METADATA = [name for name in NAMES if METADATA[name] is not None]
READERS: list[Callable[[Path], object]] = [
    read_metadata, describe_metadata, has_metadata, assert_no_metadata, metadata_identifiers,
]


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("datasets")
    write(target)
    return target


def _jpeg(path: Path, **save: object) -> Path:
    """A small JPEG with whatever metadata `save` asks Pillow to write."""
    Image.new("RGB", (80, 40), (200, 120, 90)).save(path, "JPEG", **save)
    return path


@pytest.mark.parametrize("name", WITH_METADATA)
def test_reads_what_the_phone_wrote(datasets: Path, name: str) -> None:
    written = METADATA[name]
    assert written is not None
    found = read_metadata(photo_path(name, datasets))
    assert found["GPSLatitude"] == pytest.approx(written.latitude, abs=1e-6)
    assert found["GPSLongitude"] == pytest.approx(written.longitude, abs=1e-6)
    assert found["GPSAltitude"] == pytest.approx(written.altitude)
    assert found["DateTimeOriginal"] == written.taken
    assert found["OffsetTimeOriginal"] == written.utc_offset
    assert (found["Make"], found["Model"]) == (written.make, written.model)
    assert found.get("ImageDescription", "") == written.description
    assert found.get("Artist", "") == written.artist
    assert found.get("BodySerialNumber", "") == written.serial


def test_gps_is_stored_as_phones_store_it(datasets: Path) -> None:
    with Image.open(photo_path("ward_round", datasets)) as image:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    tags = ExifTags.GPS
    assert gps[tags.GPSLatitudeRef] == "N" and gps[tags.GPSLongitudeRef] == "E"
    assert len(gps[tags.GPSLatitude]) == 3 and len(gps[tags.GPSLongitude]) == 3
    degrees, minutes, seconds = (float(part) for part in gps[tags.GPSLatitude])
    assert (degrees, minutes) == (61, 54) and 0 <= seconds < 60


def test_south_and_west_read_as_negative(tmp_path: Path) -> None:
    phone = PhoneMetadata("2023:12:24 23:59:59", "Fictaphone", "FP-1",
                          latitude=-33.5, longitude=-70.25, altitude=-3.0)
    path = _jpeg(tmp_path / "south.jpg", exif=phone.to_exif())
    found = read_metadata(path)
    position = (found["GPSLatitude"], found["GPSLongitude"], found["GPSAltitude"])
    assert position == (-33.5, -70.25, -3.0)
    sentence = "GPS position 33.5000 S, 70.2500 W: where the photo was taken."
    assert sentence in describe_metadata(path)


def test_describes_the_metadata_in_words(datasets: Path) -> None:
    sentences = describe_metadata(photo_path("ward_round", datasets))
    assert sentences[0] == "GPS position 61.9034 N, 19.8125 E: where the photo was taken."
    assert any("2024-03-14 at 07:45:31" in s for s in sentences)
    assert any("Fictaphone FP-12 Pro" in s for s in sentences)
    assert any("Erkki Esimerkki" in s and "description tag" in s for s in sentences)
    artist = describe_metadata(photo_path("harbour_clinic", datasets))
    assert any('artist tag: "Dr Teppo Testaaja"' in s for s in artist)
    assert describe_metadata(photo_path("wound_check", datasets)) == []
    assert metadata_identifiers(photo_path("shin_laceration", datasets)) == [
        "GPS position", "date and time", "device make and model", "device serial number",
    ]


def test_clean_photo_has_no_metadata(datasets: Path) -> None:
    clean = photo_path("wound_check", datasets)
    assert read_metadata(clean) == {}
    assert not has_metadata(clean)
    assert assert_no_metadata(clean) == clean


@pytest.mark.parametrize("name", NAMES)
def test_strip_removes_everything_and_keeps_the_picture(
    datasets: Path, tmp_path: Path, name: str
) -> None:
    source = photo_path(name, datasets)
    before = source.read_bytes()
    copy = strip_metadata(source, tmp_path / "out" / f"{name}.jpg")
    assert copy == tmp_path / "out" / f"{name}.jpg"
    assert assert_no_metadata(copy) == copy
    assert not has_metadata(copy)
    assert read_metadata(copy) == {} and describe_metadata(copy) == []
    assert source.read_bytes() == before, "the original must not change"
    with Image.open(source) as original, Image.open(copy) as clean:
        assert clean.size == original.size and clean.format == "JPEG"
        difference = np.abs(
            np.asarray(original, dtype=np.int16) - np.asarray(clean, dtype=np.int16)
        ).mean()
    assert difference < 2
    assert [p.name for p in copy.parent.iterdir()] == [copy.name], "temporary files left"


def test_strips_comments_xmp_and_colour_profiles(tmp_path: Path) -> None:
    phone = PhoneMetadata("2024:01:01 12:00:00", "Fictaphone", "FP-1",
                          latitude=60.0, longitude=20.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Olli Oletus</dc:creator></x:xmpmeta>'
    path = _jpeg(tmp_path / "busy.jpg", exif=phone.to_exif(), comment=b"bed 7, Olli Oletus",
                 xmp=xmp, icc_profile=b"not really a profile")
    found = read_metadata(path)
    assert found["Comment"] == "bed 7, Olli Oletus" and "Olli Oletus" in str(found["XMP"])
    assert "ICCProfile" in found
    assert {"JPEG comment", "XMP block"} <= set(metadata_identifiers(path))
    with pytest.raises(MetadataLeftError) as raised:
        assert_no_metadata(path)
    message = str(raised.value)
    for remains in ("EXIF (", "GPSLatitude", "XMP", "ICCProfile", "Comment", "busy.jpg"):
        assert remains in message
    clean = strip_metadata(path, tmp_path / "clean.jpg")
    assert_no_metadata(clean)


def test_assert_no_metadata_lists_what_remains(datasets: Path) -> None:
    with pytest.raises(MetadataLeftError, match="still carries metadata: EXIF") as raised:
        assert_no_metadata(photo_path("ward_round", datasets))
    assert isinstance(raised.value, AssertionError) and isinstance(raised.value, MedsomeError)
    for tag in ("DateTimeOriginal", "GPSLatitude", "ImageDescription", "Make"):
        assert tag in str(raised.value)


def test_strip_turns_a_rotated_photo_upright(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to view"
    copy = strip_metadata(_jpeg(tmp_path / "rotated.jpg", exif=exif.tobytes()), tmp_path / "up.jpg")
    with Image.open(copy) as image:
        assert image.size == (40, 80)
    assert not has_metadata(copy)


def test_strip_refuses_to_overwrite_without_permission(datasets: Path, tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(photo_path("ward_round", datasets).read_bytes())
    with pytest.raises(PhotoExistsError, match=r"is the original photo.*overwrite=True"):
        strip_metadata(source, source)
    assert has_metadata(source)
    existing = strip_metadata(source, tmp_path / "copy.jpg")
    with pytest.raises(PhotoExistsError, match="already exists"):
        strip_metadata(source, existing)
    assert strip_metadata(source, existing, overwrite=True) == existing
    assert strip_metadata(source, source, overwrite=True) == source
    assert not has_metadata(source)


def test_strip_into_a_folder_keeps_the_name(datasets: Path, tmp_path: Path) -> None:
    copy = strip_metadata(str(photo_path("night_shift", datasets)), tmp_path)
    assert copy == tmp_path / "night_shift.jpg"
    assert_no_metadata(copy)


@pytest.mark.parametrize("function", [*READERS, lambda p: strip_metadata(p, "out.jpg")])
def test_missing_file_is_named(function: Callable[[Path], object], tmp_path: Path) -> None:
    missing = tmp_path / "no_such_photo.jpg"
    with pytest.raises(PhotoNotFoundError, match=r"no_such_photo\.jpg: no such") as raised:
        function(missing)
    assert isinstance(raised.value, FileNotFoundError) and isinstance(raised.value, MedsomeError)
    with pytest.raises(PhotoNotFoundError, match="relative to the current folder"):
        function(Path("no_such_photo.jpg"))


@pytest.mark.parametrize("function", [*READERS, lambda p: strip_metadata(p, p.with_suffix(".x"))])
def test_files_that_are_not_photos_are_named(
    function: Callable[[Path], object], datasets: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.jpg"
    text.write_text("patient notes, not a photo\n", encoding="utf-8")
    truncated = tmp_path / "cut_short.jpg"
    truncated.write_bytes(photo_path("ward_round", datasets).read_bytes()[:6000])
    png = tmp_path / "screenshot.png"
    Image.new("RGB", (8, 8)).save(png)
    for path, message in ((text, "notes.jpg: not a readable JPEG"),
                          (truncated, "cut_short.jpg: not a readable JPEG"),
                          (png, "screenshot.png: a PNG image"),
                          (tmp_path, "is a folder")):
        with pytest.raises(NotAPhotoError, match=message):
            function(path)


@pytest.mark.parametrize("bad", [42, None, b"photo.jpg", ["photo.jpg"]])
@pytest.mark.parametrize("function", READERS)
def test_wrong_argument_types_are_explained(
    function: Callable[[object], object], bad: object
) -> None:
    with pytest.raises(TypeError, match="should be a file path"):
        function(bad)


def test_strip_checks_both_arguments(datasets: Path) -> None:
    with pytest.raises(TypeError, match="strip_metadata: dst should be a file path"):
        strip_metadata(photo_path("ward_round", datasets), 7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="strip_metadata: src should be a file path"):
        strip_metadata(7, "out.jpg")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"taken": "14.3.2024 07:45"}, "taken must look like"),
     ({"latitude": 60.0}, "both latitude and longitude"),
     ({"latitude": 91.0, "longitude": 0.0}, "within ±90"),
     ({"description": "Matti Meikäläinen"}, "must be ASCII")],
)
def test_phone_metadata_rejects_impossible_values(changes: dict[str, object], message: str) -> None:
    values: dict[str, object] = {"taken": "2024:01:01 00:00:00", "make": "F", "model": "M"}
    with pytest.raises(ValueError, match=message):
        PhoneMetadata(**{**values, **changes})  # type: ignore[arg-type]


def test_metadata_round_trips_through_bytes() -> None:
    phone = PhoneMetadata("2024:01:01 08:00:00", "Fictaphone", "FP-1", latitude=1.5, longitude=2.25)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "JPEG", exif=phone.to_exif())
    assert phone.to_exif() == phone.to_exif()
    with Image.open(buffer) as image:
        assert image.getexif()[ExifTags.Base.Make] == "Fictaphone"

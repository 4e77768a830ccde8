"""Photo metadata: what a JPEG's hidden blocks give away, how to strip them, proof they are gone.

Phone cameras write the GPS position, the time and the device into every photo as EXIF
(AusCERT 2018). Names end up there too: in Helsinki a patient found their own ECG in a teaching
database by searching for their name, because hidden metadata remained (Lehtonen, Potilaan
Lääkärilehti). Pillow alone is used; nothing here touches the network.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image, ImageOps
from PIL.TiffImagePlugin import IFDRational

from medsome.atomic import write_bytes
from medsome.errors import MedsomeError

_FORMATS = ("JPEG", "MPO")
_STRIP_QUALITY = 95
_EXIF_TIME = "%Y:%m:%d %H:%M:%S"
_POINTERS = {int(ifd) for ifd in ExifTags.IFD}
_HARMLESS = (("APP0", b"JFIF\x00"), ("APP14", b"Adobe"))
_BLOCKS = (  # (marker, how its data starts, key in read_metadata)
    ("APP1", b"Exif\x00", "EXIF"),
    ("APP1", b"http://ns.adobe.com/xap/1.0/", "XMP"),
    ("APP2", b"ICC_PROFILE", "ICCProfile"),
    ("APP2", b"MPF", "MultiPicture"),
    ("APP13", b"", "PhotoshopIPTC"),
    ("COM", b"", "Comment"),
)
_TEXT_FINDINGS = (  # (key, short label, sentence)
    ("BodySerialNumber", "device serial number",
     "Device serial number {}: it ties the photo to one phone and its owner."),
    ("CameraOwnerName", "camera owner's name", 'The camera owner\'s name: "{}".'),
    ("ImageDescription", "text in ImageDescription",
     'Text in the description tag: "{}": names and record numbers are often left here.'),
    ("Artist", "name in Artist",
     'A name in the artist tag: "{}": usually the phone\'s owner, which points to the '
     "clinician and the hospital."),
    ("Copyright", "name in Copyright", 'A name in the copyright tag: "{}".'),
    ("UserComment", "text in UserComment", 'Text in the user comment tag: "{}".'),
    ("Comment", "JPEG comment", 'A JPEG comment: "{}".'),
    ("XMP", "XMP block", "An XMP block: it can repeat names, places and dates outside EXIF."),
    ("PhotoshopIPTC", "Photoshop/IPTC block",
     "A Photoshop/IPTC block: it can hold captions, names and places."),
)


class PhotoNotFoundError(MedsomeError, FileNotFoundError):
    """A photo file does not exist."""


class NotAPhotoError(MedsomeError, ValueError):
    """A file is not a readable JPEG photo: another format, corrupt or truncated."""


class PhotoExistsError(MedsomeError, FileExistsError):
    """Writing would replace an existing file, and overwrite=True was not given."""


class MetadataLeftError(MedsomeError, AssertionError):
    """A photo still carries metadata that should have been stripped."""


@dataclass(frozen=True)
class PhoneMetadata:
    """What a phone camera writes into a photo's EXIF; the course's values are all invented.

    `taken` uses EXIF's own format, "YYYY:MM:DD HH:MM:SS"; positions are decimal degrees,
    negative for south and west; text must be ASCII, as EXIF requires.
    """

    taken: str
    make: str
    model: str
    software: str = ""
    utc_offset: str = "+02:00"
    latitude: float | None = None
    longitude: float | None = None
    altitude: float | None = None
    description: str = ""
    artist: str = ""
    serial: str = ""

    def __post_init__(self) -> None:
        try:
            datetime.strptime(self.taken, _EXIF_TIME)
        except ValueError as error:
            message = f"taken must look like 2024:03:14 07:45:31, got {self.taken!r}"
            raise ValueError(message) from error
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        if (
            self.latitude is not None and self.longitude is not None
            and not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180)
        ):
            raise ValueError("latitude must lie within ±90 and longitude within ±180 degrees")
        for text in (self.make, self.model, self.software, self.description, self.artist,
                     self.serial, self.utc_offset):
            if not text.isascii():
                raise ValueError(f"EXIF text must be ASCII: {text!r}")

    def to_exif(self) -> bytes:
        """The EXIF block, as a phone would write it (GPS as degree/minute/second rationals)."""
        base = ExifTags.Base
        exif = Image.Exif()
        for tag, value in (
            (base.ImageDescription, self.description), (base.Make, self.make),
            (base.Model, self.model), (base.Software, self.software),
            (base.DateTime, self.taken), (base.Artist, self.artist),
        ):
            if value:
                exif[tag] = value
        details: dict[int, object] = {
            base.DateTimeOriginal: self.taken, base.OffsetTimeOriginal: self.utc_offset,
        }
        if self.serial:
            details[base.BodySerialNumber] = self.serial
        exif[ExifTags.IFD.Exif] = details
        if self.latitude is not None and self.longitude is not None:
            exif[ExifTags.IFD.GPSInfo] = _gps_block(self.latitude, self.longitude, self.altitude)
        return exif.tobytes()


def _gps_block(latitude: float, longitude: float, altitude: float | None) -> dict[int, object]:
    """The GPSInfo IFD: reference letters and degree/minute/second rationals."""
    gps = ExifTags.GPS
    block: dict[int, object] = {
        gps.GPSVersionID: b"\x02\x03\x00\x00",
        gps.GPSLatitudeRef: "N" if latitude >= 0 else "S",
        gps.GPSLatitude: _dms(latitude),
        gps.GPSLongitudeRef: "E" if longitude >= 0 else "W",
        gps.GPSLongitude: _dms(longitude),
    }
    if altitude is not None:
        block[gps.GPSAltitudeRef] = b"\x00" if altitude >= 0 else b"\x01"
        block[gps.GPSAltitude] = IFDRational(round(abs(altitude) * 10), 10)
    return block


def _dms(degrees: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Degrees as (degrees, minutes, seconds) rationals, seconds to 1/10,000 as phones write."""
    steps = round(abs(degrees) * 36_000_000)
    whole, rest = divmod(steps, 36_000_000)
    minutes, seconds = divmod(rest, 600_000)
    return IFDRational(whole, 1), IFDRational(minutes, 1), IFDRational(seconds, 10_000)


def _as_path(value: object, function: str, argument: str = "path") -> Path:
    """`value` as a Path, or a TypeError in plain words."""
    if isinstance(value, str | os.PathLike) and not isinstance(value, bytes):
        return Path(os.fspath(value))
    raise TypeError(
        f"{function}: {argument} should be a file path (a str or pathlib.Path), "
        f"got {type(value).__name__} {value!r}."
    )


def _check_exists(path: Path) -> None:
    """Fail clearly when `path` is missing or is a folder."""
    if not path.exists():
        where = "" if path.is_absolute() else f" (relative to the current folder {Path.cwd()})"
        raise PhotoNotFoundError(
            f"{path}: no such photo file{where}. Check the name and folder; the course's photos "
            "are found with photo_path(name), and `medsome datasets build` rebuilds them."
        )
    if path.is_dir():
        raise NotAPhotoError(f"{path}: is a folder, not a photo file.")


_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, Warning, Image.DecompressionBombError)


def _unreadable(path: Path, error: BaseException) -> NotAPhotoError:
    return NotAPhotoError(
        f"{path}: not a readable JPEG photo ({error}). The file may be corrupt, cut short, or "
        "not an image at all; use another copy of the photo."
    )


@contextmanager
def _open_photo(path: Path) -> Iterator[Image.Image]:
    """Open a JPEG and decode it fully, turning every failure into a clear error."""
    _check_exists(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            image = Image.open(path)
        except PermissionError:
            raise
        except _UNREADABLE as error:
            raise _unreadable(path, error) from error
        with image:
            try:
                image.load()
            except _UNREADABLE as error:
                raise _unreadable(path, error) from error
            if image.format not in _FORMATS:
                raise NotAPhotoError(
                    f"{path}: a {image.format} image; these tools read JPEG photos, the format "
                    "phone cameras save."
                )
            try:
                yield image
            except Warning as warning:
                raise NotAPhotoError(
                    f"{path}: its metadata is damaged ({warning}); strip it from another copy."
                ) from warning


def _plain(value: object) -> object:
    """An EXIF value as plain Python: rationals as floats, bytes as text where they are text."""
    if isinstance(value, IFDRational):
        return float(value)
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, bytes):
        return _bytes_text(value)
    if isinstance(value, str):
        return value.rstrip("\x00").strip()
    return value


def _bytes_text(data: bytes) -> str:
    """Bytes as text, dotted numbers (short binary) or a size (long binary)."""
    body, encoding = data, "utf-8"
    if data[:8] in (b"ASCII\x00\x00\x00", b"\x00" * 8):
        body = data[8:]
    elif data[:8] == b"UNICODE\x00":
        body = data[8:]
        encoding = "utf-16-be" if body[:1] == b"\x00" else "utf-16-le"
    text = body.decode(encoding, errors="replace").rstrip("\x00").strip()
    if text.isprintable() and "\ufffd" not in text:
        return text
    return ".".join(str(b) for b in data) if len(data) <= 8 else f"<{len(data)} bytes>"


def _gps_values(block: dict[int, object]) -> dict[str, object]:
    """GPS tags by name, with latitude, longitude and altitude as signed decimal numbers."""
    gps = ExifTags.GPS
    refs = {gps.GPSLatitudeRef, gps.GPSLongitudeRef, gps.GPSAltitudeRef}
    values = {
        ExifTags.GPSTAGS.get(tag, f"GPSTag0x{tag:04X}"): _plain(value)
        for tag, value in block.items()
        if tag not in refs
    }
    for tag, ref, south in (
        (gps.GPSLatitude, gps.GPSLatitudeRef, "S"), (gps.GPSLongitude, gps.GPSLongitudeRef, "W"),
    ):
        decimal = _decimal_degrees(values.get(ExifTags.GPSTAGS[tag]), block.get(ref), south)
        if decimal is not None:
            values[ExifTags.GPSTAGS[tag]] = decimal
    altitude = values.get("GPSAltitude")
    if isinstance(altitude, float) and block.get(gps.GPSAltitudeRef) in (b"\x01", 1):
        values["GPSAltitude"] = -altitude
    return values


def _decimal_degrees(dms: object, ref: object, negative: str) -> float | None:
    """(degrees, minutes, seconds) and a reference letter as signed decimal degrees."""
    if not (isinstance(dms, tuple) and len(dms) == 3 and all(isinstance(v, float) for v in dms)):
        return None
    value = dms[0] + dms[1] / 60 + dms[2] / 3600
    sign = -1 if str(_plain(ref)).upper().startswith(negative) else 1
    return round(sign * value, 6)


def _block_key(marker: str, data: bytes) -> str | None:
    """The read_metadata key of an APPn/COM segment, or None for harmless format headers."""
    if any(marker == m and data.startswith(start) for m, start in _HARMLESS):
        return None
    for block_marker, start, key in _BLOCKS:
        if marker == block_marker and data.startswith(start):
            return key
    return f"{marker}Block"


def _blocks(image: Image.Image) -> list[tuple[str, bytes]]:
    """The metadata segments of a JPEG (everything but its format headers) by key."""
    found = []
    for marker, data in getattr(image, "applist", []):
        key = _block_key(marker, data)
        if key is not None:
            found.append((key, data))
    return found


def _exif_values(image: Image.Image) -> dict[str, object]:
    """Every EXIF tag of the main image, its Exif IFD and its GPS IFD, by name."""
    exif = image.getexif()
    values: dict[str, object] = {}
    for tags in (exif, exif.get_ifd(ExifTags.IFD.Exif)):
        for tag, value in tags.items():
            if tag not in _POINTERS:
                values[ExifTags.TAGS.get(tag, f"Tag0x{tag:04X}")] = _plain(value)
    values.update(_gps_values(exif.get_ifd(ExifTags.IFD.GPSInfo)))
    return values


def _read(image: Image.Image) -> dict[str, object]:
    """read_metadata for an open image."""
    values = _exif_values(image)
    for key, data in _blocks(image):
        if key == "Comment":
            values[key] = _bytes_text(data)
        elif key == "XMP":
            values[key] = data.split(b"\x00", 1)[-1].decode("utf-8", errors="replace").strip()
        elif key != "EXIF":
            values[key] = f"<{len(data)} bytes>"
    return values


def read_metadata(path: str | os.PathLike[str]) -> dict[str, object]:
    """A photo's metadata by human-readable name (GPS position in signed decimal degrees)."""
    with _open_photo(_as_path(path, "read_metadata")) as image:
        return _read(image)


def _coordinate(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):.4f} {positive if value >= 0 else negative}"


def _when(taken: object, offset: object) -> str:
    """An EXIF time stamp in words: 2024-03-14 at 07:45:31 (UTC+02:00)."""
    try:
        moment = datetime.strptime(str(taken), _EXIF_TIME)
    except ValueError:
        return str(taken)
    zone = f" (UTC{offset})" if offset else ""
    return f"{moment:%Y-%m-%d} at {moment:%H:%M:%S}{zone}"


def _findings(values: dict[str, object]) -> list[tuple[str, str]]:
    """(short label, sentence) for every identifying item in read_metadata's result."""
    found = []
    latitude, longitude = values.get("GPSLatitude"), values.get("GPSLongitude")
    if isinstance(latitude, float) and isinstance(longitude, float):
        position = f"{_coordinate(latitude, 'N', 'S')}, {_coordinate(longitude, 'E', 'W')}"
        found.append(("GPS position", f"GPS position {position}: where the photo was taken."))
    taken = next((values[k] for k in ("DateTimeOriginal", "DateTime") if values.get(k)), None)
    if taken:
        when = _when(taken, values.get("OffsetTimeOriginal"))
        found.append(("date and time", f"Taken on {when}: the day and hour of the visit."))
    device = " ".join(str(values[k]) for k in ("Make", "Model") if values.get(k))
    if device:
        found.append(("device make and model", f"Camera: {device}: the phone that took it."))
    for key, label, sentence in _TEXT_FINDINGS:
        if values.get(key):
            found.append((label, sentence.format(values[key])))
    return found


def describe_metadata(path: str | os.PathLike[str]) -> list[str]:
    """What a photo's metadata gives away, in plain sentences; empty when nothing identifies."""
    return [sentence for _, sentence in _findings(read_metadata(path))]


def metadata_identifiers(path: str | os.PathLike[str]) -> list[str]:
    """Short labels of what a photo's metadata gives away ("GPS position", "date and time")."""
    return [label for label, _ in _findings(read_metadata(path))]


def _leftovers(image: Image.Image) -> list[str]:
    """What metadata an open photo still carries, block by block."""
    left = []
    for key, _ in _blocks(image):
        if key == "EXIF":
            tags = sorted(_exif_values(image))
            left.append(f"EXIF ({', '.join(tags) if tags else 'empty block'})")
        else:
            left.append(key)
    return left


def has_metadata(path: str | os.PathLike[str]) -> bool:
    """Whether a photo carries any metadata block (EXIF, XMP, ICC profile, comment...)."""
    with _open_photo(_as_path(path, "has_metadata")) as image:
        return bool(_blocks(image))


def assert_no_metadata(path: str | os.PathLike[str]) -> Path:
    """Prove a photo carries no metadata; the error lists whatever remains."""
    path = _as_path(path, "assert_no_metadata")
    with _open_photo(path) as image:
        left = _leftovers(image)
    if left:
        raise MetadataLeftError(
            f"{path} still carries metadata: {'; '.join(left)}. "
            "Strip it with strip_metadata(src, dst) and check the copy."
        )
    return path


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels, turned upright as the EXIF orientation asked."""
    upright = ImageOps.exif_transpose(image)
    if upright.mode not in ("L", "RGB", "CMYK"):
        upright = upright.convert("RGB")
    return Image.frombytes(upright.mode, upright.size, upright.tobytes())


def strip_metadata(
    src: str | os.PathLike[str], dst: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write a copy of the JPEG `src` to `dst` with its pixels only: no EXIF, XMP, ICC or comment.

    `src` is never changed. If `dst` is a folder the copy keeps the source's name. An existing
    file (or `src` itself) is only replaced with overwrite=True. Returns the copy's path.
    """
    source = _as_path(src, "strip_metadata", "src")
    target = _as_path(dst, "strip_metadata", "dst")
    _check_exists(source)
    if target.is_dir():
        target = target / source.name
    if target.exists() and not overwrite:
        what = "is the original photo" if target.samefile(source) else "already exists"
        raise PhotoExistsError(
            f"{target} {what}; choose another file name, or pass overwrite=True to replace it."
        )
    with _open_photo(source) as image:
        clean = _pixels_only(image)
    buffer = io.BytesIO()
    clean.save(buffer, "JPEG", quality=_STRIP_QUALITY, optimize=True)
    return write_bytes(target, buffer.getvalue())

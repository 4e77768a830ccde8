"""Synthetic clinical photos: deterministic drawing, the photo dataset and its manifest."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from medsome.catalogue import PHOTOS_SCHEMA
from medsome.data import UnknownPhotoError, load_photo_manifest, photo_path
from medsome.datasets.photos import METADATA, write
from medsome.errors import DatasetError
from medsome.paths import datasets_dir
from medsome.photography import alt_text, render
from medsome.schema import load_csv
from medsome.world import SCENES, Scene

BY_NAME = {scene.name: scene for scene in SCENES}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh regeneration of the photo dataset."""
    target = tmp_path_factory.mktemp("datasets")
    write(target)
    return target


def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def test_scenes_cover_what_the_lesson_needs() -> None:
    assert 5 <= len(SCENES) <= 6
    assert len(BY_NAME) == len(SCENES), "scene names must be unique"
    assert "ward_round" in BY_NAME  # the lesson's worked example
    assert set(METADATA) == set(BY_NAME)
    metadata_only = [s for s in SCENES if not s.visible_identifiers and METADATA[s.name]]
    clean = [s for s in SCENES if not s.visible_identifiers and METADATA[s.name] is None]
    assert metadata_only and clean
    kinds = {label.split(" (")[0] for s in SCENES for label in s.visible_identifiers}
    assert kinds == {"wall clock", "window view", "tattoo", "wristband", "birthmark"}


def test_render_is_deterministic_and_sized() -> None:
    scene = BY_NAME["ward_round"]
    first, second = render(scene), render(scene)
    assert first.size == (640, 480) and first.mode == "RGB"
    assert first.tobytes() == second.tobytes()
    assert render(scene, (320, 240)).size == (320, 240)


@pytest.mark.parametrize(
    ("field", "value"),
    [("clock", None), ("window", None), ("tattoo", None), ("wristband", None),
     ("birthmark", False)],
)
def test_every_visible_identifier_is_drawn(field: str, value: object) -> None:
    scene = next(s for s in SCENES if getattr(s, field))
    without = dataclasses.replace(scene, **{field: value})
    assert len(without.visible_identifiers) == len(scene.visible_identifiers) - 1
    difference = np.abs(
        np.asarray(render(scene), dtype=np.int16) - np.asarray(render(without), dtype=np.int16)
    )
    assert difference.max() > 50, f"removing the {field} should change the picture"


def test_alt_text_names_every_visible_identifier() -> None:
    text = alt_text(BY_NAME["ward_round"])
    assert "07:45" in text and "ESIMERKKI, Erkki" in text and "MRN 0047-3381" in text
    assert "lighthouse" in alt_text(BY_NAME["harbour_clinic"])
    assert "J.K." in alt_text(BY_NAME["harbour_clinic"])
    assert "birthmark" in alt_text(BY_NAME["shin_laceration"])
    assert "church tower" in alt_text(BY_NAME["night_shift"])


@pytest.mark.parametrize(
    ("size", "error"),
    [((10, 10), ValueError), ("big", TypeError), ((640.0, 480), TypeError), ((640,), TypeError)],
)
def test_render_rejects_bad_sizes(size: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="size"):
        render(SCENES[0], size)  # type: ignore[arg-type]


def test_render_rejects_a_name_instead_of_a_scene() -> None:
    with pytest.raises(TypeError, match="expects a Scene, got str"):
        render("ward_round")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"limb": "arm"}, "limb must be one of"), ({"window": "castle"}, "window must be one of"),
     ({"clock": (25, 0)}, "clock must be"), ({"skin": "blue"}, "skin must be one of")],
)
def test_scene_rejects_unknown_choices(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Scene("test", **changes)  # type: ignore[arg-type]


def test_regeneration_gives_identical_bytes(generated: Path, tmp_path: Path) -> None:
    again = write(tmp_path)
    assert len(again) == len(SCENES) + 1
    for path in again:
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (generated / relative).read_bytes(), relative
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".")], "temporary files left"


def test_photos_are_small_jpegs(generated: Path) -> None:
    for scene in SCENES:
        path = photo_path(scene.name, generated)
        assert path.stat().st_size < 80_000, path.name
        with Image.open(path) as image:
            assert image.format == "JPEG" and image.size == (640, 480)


def test_manifest_validates_and_describes_every_photo(generated: Path) -> None:
    manifest = load_photo_manifest(generated)
    assert list(manifest.columns) == PHOTOS_SCHEMA.names
    assert list(manifest["scene"]) == [s.name for s in SCENES]
    for row in manifest.to_dict("records"):
        scene = BY_NAME[row["scene"]]
        assert (generated / row["file"]).is_file()
        assert (row["visible_identifiers"] or "") == ";".join(scene.visible_identifiers)
        assert len(row["alt_text"]) > 40 and Path(row["file"]).name not in row["alt_text"]
        assert bool(row["exif_identifiers"]) == (METADATA[scene.name] is not None)
    ward = manifest.set_index("scene").loc["ward_round"]
    assert ward["exif_identifiers"].split(";") == [
        "GPS position", "date and time", "device make and model", "text in ImageDescription",
    ]


def test_committed_photos_match_a_fresh_regeneration(generated: Path) -> None:
    committed = datasets_dir()
    fresh_manifest = generated / PHOTOS_SCHEMA.filename
    assert (committed / PHOTOS_SCHEMA.filename).read_bytes() == fresh_manifest.read_bytes(), (
        "datasets/identification/photos.csv is stale: run `medsome datasets build`"
    )
    load_csv(committed / PHOTOS_SCHEMA.filename, PHOTOS_SCHEMA)
    for scene in SCENES:
        old, new = photo_path(scene.name, committed), photo_path(scene.name, generated)
        with Image.open(old) as a, Image.open(new) as b:
            assert a.info.get("exif") == b.info.get("exif"), f"{old.name}: EXIF differs"
            assert a.size == b.size
        difference = np.abs(_pixels(old) - _pixels(new)).mean()
        assert difference < 1, f"{old.name}: pixels differ by {difference:.2f} on average"


def test_photo_path_errors_are_clear(generated: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownPhotoError, match=r"no photo called 'selfie'.*ward_round"):
        photo_path("selfie", generated)
    with pytest.raises(TypeError, match="name should be a str"):
        photo_path(3, generated)  # type: ignore[arg-type]
    with pytest.raises(DatasetError, match="file not found"):
        photo_path("ward_round", tmp_path)
    copy = tmp_path / "copy"
    write(copy)
    (copy / "identification/photos/ward_round.jpg").unlink()
    with pytest.raises(DatasetError, match=r"ward_round\.jpg: the photo is missing"):
        photo_path("ward_round", copy)

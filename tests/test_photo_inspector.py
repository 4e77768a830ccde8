"""The photo inspector widget, driven from Python: select a photo, read the findings, strip it."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pytest

from medsome.data import UnknownPhotoError, photo_path
from medsome.datasets.photos import write
from medsome.metadata import assert_no_metadata, describe_metadata, has_metadata
from medsome.widgets.photo_inspector import NOTHING_LEFT, PhotoInspector
from medsome.world import SCENES

BY_NAME = {scene.name: scene for scene in SCENES}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("datasets")
    write(target)
    return target


@pytest.fixture
def inspector(datasets: Path, tmp_path: Path) -> PhotoInspector:
    return PhotoInspector(datasets, output_dir=tmp_path / "stripped")


def test_is_labelled_and_displays_itself(inspector: PhotoInspector) -> None:
    assert inspector.dropdown.description == "Photo:"
    assert list(inspector.dropdown.options) == [s.name for s in SCENES]
    assert inspector.button.description == "Strip metadata"
    assert "application/vnd.jupyter.widget-view+json" in inspector._repr_mimebundle_()
    assert inspector.findings.photo == SCENES[0].name


def test_select_shows_what_the_picture_and_the_file_give_away(
    inspector: PhotoInspector, datasets: Path
) -> None:
    findings = inspector.load("ward_round")
    path = photo_path("ward_round", datasets)
    assert inspector.dropdown.value == "ward_round"
    assert findings.picture == BY_NAME["ward_round"].visible_identifiers
    assert findings.metadata == tuple(describe_metadata(path))
    assert f"base64,{base64.b64encode(path.read_bytes()).decode()}" in inspector.image.value
    assert 'alt="' in inspector.image.value
    assert "What the picture shows" in inspector.picture.value
    assert html.escape("wall clock (07:45)") in inspector.picture.value
    assert "What the file&#x27;s metadata gives away" in inspector.metadata.value
    assert "GPS position 61.9034 N, 19.8125 E" in inspector.metadata.value
    assert "ESIMERKKI, Erkki" in inspector.alt.value


def test_dropdown_changes_the_findings(inspector: PhotoInspector) -> None:
    inspector.dropdown.value = "wound_check"
    assert inspector.findings.photo == "wound_check"
    assert inspector.findings.picture == () and inspector.findings.metadata == ()
    assert "Nothing drawn in the picture points to a person." in inspector.picture.value
    assert "Nothing: the file carries no identifying metadata." in inspector.metadata.value
    inspector.dropdown.value = "dressing_change"
    assert inspector.findings.picture == () and inspector.findings.metadata


def test_strip_button_proves_the_metadata_is_gone(
    inspector: PhotoInspector, datasets: Path, tmp_path: Path
) -> None:
    source = photo_path("ward_round", datasets)
    before = source.read_bytes()
    inspector.load("ward_round")
    inspector.button.click()
    copy = inspector.findings.stripped
    assert copy == tmp_path / "stripped" / "ward_round.jpg"
    assert_no_metadata(copy)
    assert not has_metadata(copy)
    assert inspector.findings.stripped_metadata == ()
    assert html.escape(NOTHING_LEFT) in inspector.result.value
    assert "does nothing for what the picture itself shows" in inspector.result.value
    assert html.escape("wristband (name, birth date, record number)") in inspector.result.value
    assert source.read_bytes() == before
    assert inspector.strip() == copy, "stripping again replaces the copy"
    inspector.load("night_shift")
    assert inspector.result.value == "" and inspector.findings.stripped is None


def test_default_output_is_a_stripped_folder_here(
    datasets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inspector = PhotoInspector(datasets)
    inspector.load("dressing_change")
    copy = inspector.strip()
    assert copy == tmp_path / "stripped" / "dressing_change.jpg"
    assert "nothing drawn here points to a person" in inspector.result.value


def test_unknown_photo_lists_the_known_ones(inspector: PhotoInspector) -> None:
    with pytest.raises(UnknownPhotoError, match=r"no photo called 'selfie'.*ward_round"):
        inspector.load("selfie")


def test_button_explains_a_failure_in_words(datasets: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder", encoding="utf-8")
    inspector = PhotoInspector(datasets, output_dir=blocked / "stripped")
    inspector.button.click()
    assert "Could not strip the photo" in inspector.result.value
    assert inspector.findings.stripped is None

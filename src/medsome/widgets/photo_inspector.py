"""A photo inspector: what a clinical photo shows, what its metadata gives away; strip it."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, replace
from pathlib import Path

import ipywidgets as w

from medsome.data import load_photo_manifest, photo_path
from medsome.errors import MedsomeError
from medsome.figures import image_html
from medsome.metadata import assert_no_metadata, describe_metadata, strip_metadata
from medsome.widgets.controls import dropdown
from medsome.widgets.layout import CourseWidget, live, panel

PICTURE_TITLE = "What the picture shows"
METADATA_TITLE = "What the file's metadata gives away"
NOTHING_LEFT = "Nothing left: the copy carries no metadata at all (no EXIF, GPS, comment or XMP)."


@dataclass(frozen=True)
class Findings:
    """What the inspector reports for the selected photo (and its stripped copy, once made)."""

    photo: str
    picture: tuple[str, ...]
    metadata: tuple[str, ...]
    stripped: Path | None = None
    stripped_metadata: tuple[str, ...] = ()


def _list_html(title: str, items: tuple[str, ...], empty: str) -> str:
    """A titled bullet list, or a sentence saying it is empty."""
    body = (
        "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"
        if items else f"<p>{html.escape(empty)}</p>"
    )
    return f"<p><b>{html.escape(title)}</b></p>{body}"


def _strip_report(copy: Path, left: tuple[str, ...], picture: tuple[str, ...]) -> str:
    """What stripping did, and what it cannot do."""
    still = (
        f"Stripping does nothing for what the picture itself shows: {'; '.join(picture)}. "
        "Crop, retake, or do not post."
        if picture else
        "Stripping does nothing for what the picture itself shows; nothing drawn here points to "
        "a person, but look again before you post."
    )
    return (
        f"<p><b>Stripped copy written:</b> {html.escape(str(copy))}</p>"
        + _list_html("What the copy's metadata gives away", left, NOTHING_LEFT)
        + f"<p>{html.escape(still)}</p>"
    )


class PhotoInspector(CourseWidget):
    """Pick a course photo; read what it shows and what its metadata gives away; strip it."""

    def __init__(
        self,
        datasets: str | os.PathLike[str] | None = None,
        output_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.datasets = datasets
        self.output_dir = Path.cwd() / "stripped" if output_dir is None else Path(output_dir)
        manifest = load_photo_manifest(datasets)
        self._rows = {row["scene"]: row for row in manifest.to_dict("records")}
        names = list(self._rows)
        self.dropdown = dropdown("Photo:", names)
        self.image = w.HTML()
        self.alt = w.HTML()
        self.picture = w.HTML()
        self.metadata = w.HTML()
        self.button = w.Button(
            description="Strip metadata",
            tooltip=f"Write a copy without metadata into {self.output_dir}",
        )
        self.result = live()
        self.dropdown.observe(lambda change: self._show(change["new"]), names="value")
        self.button.on_click(lambda _: self._strip_clicked())
        self.widget = panel([
            self.dropdown, self.image, self.alt, self.picture, self.metadata,
            self.button, self.result,
        ])
        self.findings = self._show(names[0])

    def _show(self, name: str) -> Findings:
        """Load photo `name` into the widgets and reset the strip result."""
        path = photo_path(name, self.datasets)
        row = self._rows[name]
        visible = row["visible_identifiers"]
        picture = tuple(visible.split(";")) if visible else ()
        self.findings = Findings(name, picture, tuple(describe_metadata(path)))
        self.image.value = image_html(path.read_bytes(), "jpeg", row["alt_text"], width="480px")
        self.alt.value = f"<p><i>Image description:</i> {html.escape(row['alt_text'])}</p>"
        self.picture.value = _list_html(
            PICTURE_TITLE, picture, "Nothing drawn in the picture points to a person."
        )
        self.metadata.value = _list_html(
            METADATA_TITLE, self.findings.metadata,
            "Nothing: the file carries no identifying metadata.",
        )
        self.result.value = ""
        return self.findings

    def load(self, name: str) -> Findings:
        """Show the photo called `name` and return its findings."""
        if name not in self._rows:
            photo_path(name, self.datasets)  # raises, listing the known photos
        if self.dropdown.value == name:
            return self._show(name)
        self.dropdown.value = name
        return self.findings

    def select(self, name: str) -> Findings:
        """Former name of load, kept so notebooks from earlier in the term still run."""
        return self.load(name)

    def strip(self) -> Path:
        """Write a stripped copy of the selected photo into output_dir and prove it is clean."""
        source = photo_path(self.findings.photo, self.datasets)
        copy = strip_metadata(source, self.output_dir / source.name, overwrite=True)
        assert_no_metadata(copy)
        left = tuple(describe_metadata(copy))
        self.findings = replace(self.findings, stripped=copy, stripped_metadata=left)
        self.result.value = _strip_report(copy, left, self.findings.picture)
        return copy

    def _strip_clicked(self) -> None:
        """The button's handler: strip, or say in words why it could not."""
        try:
            self.strip()
        except (MedsomeError, OSError) as error:
            reason = html.escape(str(error))
            self.result.value = f"<p><b>Could not strip the photo:</b> {reason}</p>"

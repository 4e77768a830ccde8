"""A Sphinx extension that warns (and so, with -W, fails the build) on an image without alt text."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

log = logging.getLogger(__name__)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r'\balt="([^"]*)"', re.IGNORECASE)


def _check(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Every image node and every raw <img> tag of the page has a non-empty alt text."""
    for image in doctree.findall(nodes.image):
        if not str(image.get("alt", "")).strip():
            log.warning("image %s has no alt text", image.get("uri"), location=image)
    for raw in doctree.findall(nodes.raw):
        for tag in IMG_TAG.findall(raw.astext()):
            match = ALT.search(tag)
            if not match or not match.group(1).strip():
                log.warning("an <img> has no alt text: %s", tag[:120], location=raw)


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("doctree-resolved", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

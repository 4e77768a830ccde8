"""The references page on the website: each entry's DOI and link made a link a reader can follow."""

from __future__ import annotations

import re

from medsome.bibliography import DOI, LINK

DOI_RESOLVER = "https://doi.org/"
_DOI_FIELD = re.compile(rf"^(- \*\*DOI:\*\* )({DOI.pattern})$", re.MULTILINE)
_LINK_FIELD = re.compile(rf"^(- \*\*Link:\*\* )({LINK.pattern})$", re.MULTILINE)


def doi_url(doi: str) -> str:
    """The address at which a DOI resolves."""
    return DOI_RESOLVER + doi


def link_references(page: str) -> str:
    """The references page (course/references.md) with every DOI and Link field as a Markdown link."""
    page = _DOI_FIELD.sub(lambda m: f"{m[1]}[{m[2]}]({doi_url(m[2])})", page)
    return _LINK_FIELD.sub(lambda m: f"{m[1]}<{m[2]}>", page)

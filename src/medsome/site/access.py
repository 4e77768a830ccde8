"""Keyboard and screen-reader fixes to the theme's HTML, applied to every page once it is written.

Furo marks its sidebar captions role="heading" without the aria-level ARIA requires, and code
blocks and wide tables scroll sideways without being reachable by keyboard (WCAG 2.1.1). A table
of a lesson's output sits in a named region that scrolls, reached and scrolled by keyboard.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

TABLE_REGION = "Table of output (scrolls)"
FIXES = [
    (re.compile(r'role="heading"(?![^>]*aria-level)'), 'role="heading" aria-level="2"'),
    (re.compile(r"<pre(?![^>]*tabindex)(?=[ >])"), '<pre tabindex="0"'),
    (re.compile(r'<div class="table-wrapper(?![^>]*tabindex)'), '<div tabindex="0" class="table-wrapper'),
    (re.compile(r'<table border="1" class="dataframe'), '<table class="dataframe'),
    (re.compile(rf'(?<!aria-label="{re.escape(TABLE_REGION)}">)(<table[^>]*class="dataframe.*?</table>)',
                re.DOTALL),
     f'<div class="medsome-table-scroll" tabindex="0" role="region" aria-label="{TABLE_REGION}">\\1</div>'),
]


def fix_page(text: str) -> str:
    """The page with each fix applied."""
    for pattern, replacement in FIXES:
        text = pattern.sub(replacement, text)
    return text


def _fix_site(app: Sphinx, error: Exception | None) -> None:
    if error is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = fix_page(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("build-finished", _fix_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

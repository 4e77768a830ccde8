"""HTML to PDF with headless Chromium (Playwright driving Debian's chromium): no TeX needed."""

from __future__ import annotations

import os
from pathlib import Path

from medsome.errors import MedsomeError

CHROMIUM = Path(os.environ.get("MEDSOME_CHROMIUM", "/usr/bin/chromium"))
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif">'
          '<span class="title"></span> · page <span class="pageNumber"></span> of '
          '<span class="totalPages"></span></div>')


def print_pdfs(pages: dict[Path, str]) -> None:
    """Print each HTML document to its PDF path (A4), in one browser."""
    if not CHROMIUM.exists():
        raise MedsomeError(f"printing the handouts needs Chromium at {CHROMIUM}: apt-get install chromium "
                           "(or set MEDSOME_CHROMIUM to another Chromium binary)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        page = browser.new_page()
        for path, document in pages.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            page.set_content(document, wait_until="load")
            page.pdf(path=str(path), format="A4", prefer_css_page_size=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER)
        browser.close()

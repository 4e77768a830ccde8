"""The website and handouts from `medsome site build`: complete, safe to publish, usable, accessible."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import nbformat
import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from conftest import ROOT
from medsome.bibliography import load_bibliography
from medsome.site.build import SiteBuild
from medsome.site.casematerial import post_texts
from medsome.site.handouts import add_material, read_debriefs, read_lesson
from medsome.site.reflinks import doi_url
from medsome.site.repository import repository_url
from medsome.site.sources import lesson_notebooks

pytestmark = pytest.mark.site  # checks the pages in Chromium too

# What nbgrader puts in a source notebook and never in a student version.
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                    "HASHED AUTOTEST", "### AUTOTEST", '"solution": true')
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LINKS_JS = """() => [...document.querySelectorAll('a[href]')].map(a => a.href)"""
AXE_JS = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(
  v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`
))"""
OVERFLOW_JS = "() => document.documentElement.scrollWidth - window.innerWidth"
MAX_HANDOUT_PAGES = 6
MIN_LINE = 25  # shorter lines (`assert x`, `import pandas as pd`) may well appear in a lesson
IMPORT = re.compile(r"(from \S+ )?import ")  # the lessons import the same library
INSTRUCTOR_FOLDERS = {"docs", "facilitator"}
TEXT_SUFFIXES = {".html", ".js", ".json", ".txt", ".md", ".ipynb"}
SCREENSHOTS = ROOT / "test-artifacts" / "site"
# pandas' marks for text or rows it left out, in a table cell or under a table
TRUNCATED = re.compile(r"(\.\.\.|…)</td>|<t[dh]>\.\.\.</t[dh]>|\d+ rows × \d+ columns")
PLACEHOLDERS = ("not ticked", "nothing chosen", "Button: <b>", 'class="medsome-control"')
FORM_CONTROL = re.compile(r"<(input|select|textarea|button)\b[^>]*\bdisabled\b")
REPOSITORY_JS = """url => { const a = [...document.querySelectorAll('a')].find(a => a.href.startsWith(url));
  if (!a) return false; const r = a.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }"""


def _pages(site: SiteBuild) -> list[str]:
    return sorted(p.relative_to(site.html).as_posix() for p in site.html.rglob("*.html")
                  if not p.relative_to(site.html).parts[0].startswith("_"))


def test_the_instructor_edition_says_so_on_every_page(site: SiteBuild) -> None:
    from medsome.site.repository import INSTRUCTOR_NOTICE

    missing = [page for page in _pages(site)
               if INSTRUCTOR_NOTICE not in (site.html / page).read_text(encoding="utf-8")]
    assert not missing, f"pages without the instructor notice: {missing[:10]}"


def test_every_lesson_and_page_is_built(site: SiteBuild) -> None:
    pages = set(_pages(site))
    expected = {f"{p.relative_to(ROOT).with_suffix('.html').as_posix()}" for p in lesson_notebooks()}
    for pattern in ("course/references.md", "datasets/README.md", "datasets/cards/*.md", "docs/*.md",
                    "facilitator/*.md"):
        expected |= {p.relative_to(ROOT).with_suffix(".html").as_posix() for p in ROOT.glob(pattern)}
    assert expected <= pages, f"not on the site: {sorted(expected - pages)}"
    assert not any(page.startswith("assignments/") for page in pages)


def _solution_lines() -> set[str]:
    """The substantial lines of every solution and hidden test of the assignments' source notebooks."""
    found = set()
    for source in (ROOT / "assignments" / "source").glob("*/*.ipynb"):
        for cell in nbformat.read(source, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if re.search(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", line):
                    inside = "BEGIN" in line
                elif inside and len(line.strip()) >= MIN_LINE and not IMPORT.match(line.strip()):
                    found.add(line.strip())
    return found


def _text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8", errors="ignore")))


def test_no_solution_or_hidden_test_is_published(site: SiteBuild) -> None:
    """No solution or hidden-test line in any file of the site; no nbgrader marker for learners.

    Only the instructor guides may show the markers themselves (docs/disclosure.md explains them);
    the search index holds every page's words, theirs included."""
    secret = _solution_lines()
    assert len(secret) > 50, "the assignments' solutions were not found: is the marker syntax unchanged?"
    leaks = []
    for path in (p for p in site.html.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES):
        text, rel = _text(path), path.relative_to(site.html)
        leaks += [f"{rel}: {line}" for line in secret if line in text]
        if rel.parts[0] not in INSTRUCTOR_FOLDERS and rel.name != "searchindex.js":
            leaks += [f"{rel}: {marker}" for marker in SOLUTION_MARKERS if marker in text]
    assert not leaks, f"solutions or hidden tests on the site: {leaks[:20]}"


def test_widgets_show_their_initial_state_and_how_to_use_them(site: SiteBuild) -> None:
    for notebook in lesson_notebooks():
        text = (site.html / notebook.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        # no widget model to load, and no text repr of one (the orientation names the error in prose)
        assert "application/vnd.jupyter.widget-view" not in text and "VBox(children=" not in text
        if "medsome.widgets" in notebook.read_text(encoding="utf-8"):
            assert 'class="medsome-widget-snapshot"' in text, f"{notebook.name}: no widget snapshot"
            assert notebook.relative_to(ROOT).as_posix() in text, f"{notebook.name}: no way to open it"


def test_widget_snapshots_draw_controls_not_placeholders(site: SiteBuild) -> None:
    """Every snapshot that names controls to change draws them as form controls, never as "label: value"."""
    problems = []
    for notebook in lesson_notebooks():
        text = (site.html / notebook.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        for number, snapshot in enumerate(text.split('class="medsome-widget-snapshot"')[1:], start=1):
            face, _, note = snapshot.partition('class="medsome-widget-note"')
            problems += [f"{notebook.name}, widget {number}: {p}" for p in PLACEHOLDERS if p in face]
            if "you can change" in note.split("</p>")[0] and not FORM_CONTROL.search(face):
                problems.append(f"{notebook.name}, widget {number}: no form control drawn")
    assert not problems, "\n".join(problems)


def test_every_page_links_the_repository(site: SiteBuild) -> None:
    url = repository_url()
    missing = [page for page in _pages(site)
               if f'href="{url}"' not in (site.html / page).read_text(encoding="utf-8")]
    assert not missing, f"no link to {url} on: {missing}"


def test_each_lesson_offers_its_notebook_clean_and_says_how_to_open_it(site: SiteBuild) -> None:
    for notebook in lesson_notebooks():
        rel = notebook.relative_to(ROOT)
        page = (site.html / rel.with_suffix(".html")).read_text(encoding="utf-8")
        assert f'href="{notebook.name}" download' in page, f"{rel}: no download link"
        words = re.sub(r"\s+", " ", _text(site.html / rel.with_suffix(".html")))
        assert "git clone https://" in words and "medsome start" in words and "JupyterHub" in words, rel
        copy = site.html / rel
        lesson = nbformat.read(copy, as_version=4)
        nbformat.validate(lesson)
        code = [cell for cell in lesson.cells if cell.cell_type == "code"]
        assert code and not any(cell.outputs or cell.execution_count for cell in code), f"{rel}: has outputs"
        text = copy.read_text(encoding="utf-8")
        assert not [marker for marker in SOLUTION_MARKERS if marker in text], f"{rel}: nbgrader markers"


def test_outputs_read_in_full(site: SiteBuild) -> None:
    """No table cell cut short or row left out; the case posts a lesson discusses appear whole."""
    cut = []
    for notebook in lesson_notebooks():
        text = (site.html / notebook.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        cut += [f"{notebook.name}: {m.group(0)}" for m in TRUNCATED.finditer(text)]
    assert not cut, "\n".join(cut[:20])
    lesson = site.html / "course" / "02_identification" / "02_identification_lesson.html"
    shown = html.unescape(lesson.read_text(encoding="utf-8"))
    assert all(post_texts()[post] in shown for post in ("P01", "P02", "P03", "P04", "P05", "P06"))
    assert 'class="medsome-table-scroll" tabindex="0" role="region"' in shown


def test_references_link_their_dois_and_addresses(site: SiteBuild) -> None:
    page = (site.html / "course" / "references.html").read_text(encoding="utf-8")
    entries = load_bibliography().entries
    linked = [e for e in entries if e.doi or e.link]
    assert len(linked) >= 10
    missing = [e.short for e in linked
               if f'href="{html.escape(doi_url(e.doi) if e.doi else e.link)}"' not in page]
    assert not missing, f"no link for: {missing}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_pages_load_cleanly_link_correctly_and_pass_axe(
        site: SiteBuild, site_url: str, axe_source: str, page: Page, viewport: str) -> None:
    """Every page: no console error, every internal link resolves, no axe violation, no sideways scroll."""
    page.set_viewport_size(VIEWPORTS[viewport])
    problems: list[str] = []
    console: list[str] = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(str(e)))
    for path in _pages(site):
        console.clear()
        response = page.goto(f"{site_url}/{path}")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        problems += [f"{path}: console: {m}" for m in console]
        problems += [f"{path}: broken link {link}" for link in page.evaluate(LINKS_JS)
                     if not _resolves(site, site_url, link)]
        page.add_script_tag(content=axe_source)
        problems += [f"{path}: axe {v}" for v in page.evaluate(AXE_JS, AXE_TAGS)]
        overflow = page.evaluate(OVERFLOW_JS)
        if overflow > 1:
            problems.append(f"{path}: the page scrolls sideways by {overflow} px")
    assert not problems, "\n".join(problems)


def _resolves(site: SiteBuild, site_url: str, link: str) -> bool:
    """An internal link names a file of the site, and its #fragment an id on that page."""
    if not link.startswith(site_url):
        return urlparse(link).scheme in ("http", "https", "mailto")
    url, fragment = urldefrag(link)
    target = site.html / unquote(urlparse(url).path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    if not fragment or target.suffix != ".html":
        return True
    return re.search(rf'id="{re.escape(unquote(fragment))}"', target.read_text(encoding="utf-8")) is not None


def test_handouts_exist_with_their_prompts_and_debriefs(site: SiteBuild) -> None:
    for notebook in lesson_notebooks():
        lesson = read_lesson(notebook)
        if not lesson.prompts:
            continue
        debriefs = read_debriefs(ROOT / "facilitator" / f"{lesson.module}.md")
        for name, facilitator in ((lesson.module, False), (f"{lesson.module}-facilitator", True)):
            pdf = site.html / "handouts" / f"{name}.pdf"
            assert pdf in site.handouts and pdf.is_file(), f"missing handout {pdf.name}"
            reader = PdfReader(pdf)
            limit = MAX_HANDOUT_PAGES * (3 if facilitator else 1)
            assert 1 <= len(reader.pages) <= limit, f"{pdf.name}: {len(reader.pages)} pages"
            text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
            assert f"Think! {len(lesson.prompts)}" in text and "Key points" in text, pdf.name
            assert ("debrief notes" in text.lower()) == (facilitator and bool(debriefs)), pdf.name


def _words(markdown: str, count: int = 6) -> str:
    return " ".join(re.sub(r"[*_`\[\]]", "", markdown).split()[:count])


def test_what_a_prompt_refers_to_is_on_its_page(site: SiteBuild) -> None:
    """A prompt that names a post or says "above" has that post or lesson text on the same PDF page."""
    posts, checked, problems = post_texts(), 0, []
    for notebook in lesson_notebooks():
        handout = add_material(read_lesson(notebook), posts)
        pdf = site.html / "handouts" / f"{handout.module}.pdf"
        if not handout.prompts:
            continue
        pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(pdf).pages]
        for number, prompt in enumerate(handout.prompts, start=1):
            if not prompt.material:
                continue
            on = [i for i, text in enumerate(pages) if f"Think! {number} " in text]
            checked += 1
            for item in prompt.material:
                if not on or _words(item.text) not in pages[on[0]]:
                    problems.append(f"{pdf.name}, Think! {number}: {item.title} not on its page")
    assert checked >= 3 and not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_of_the_home_page_and_a_lesson(site_url: str, page: Page, viewport: str) -> None:
    """Saved to test-artifacts/site/ for review; the repository link is on screen without scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(VIEWPORTS[viewport])
    for name, path in (("home", "index.html"),
                       ("lesson", "course/02_identification/02_identification_lesson.html")):
        page.goto(f"{site_url}/{path}")
        assert page.evaluate(REPOSITORY_JS, repository_url()), f"{path}: the repository link is not on screen"
        shot = SCREENSHOTS / f"{name}-{VIEWPORTS[viewport]['width']}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000


def test_handouts_are_linked_from_the_home_page(site: SiteBuild) -> None:
    home = (site.html / "index.html").read_text(encoding="utf-8")
    for pdf in site.handouts:
        assert f'href="handouts/{pdf.name}"' in home, pdf.name


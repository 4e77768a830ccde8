"""The website's parts that need no build: snapshots, staging, links, tables and handout content."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import nbformat
import pytest

from conftest import ROOT
from medsome.bibliography import BibliographyError, parse_bibliography
from medsome.data import load_case_posts, load_population
from medsome.site.access import TABLE_REGION, fix_page
from medsome.site.casematerial import post_texts
from medsome.site.downloads import lesson_header, publish_notebooks
from medsome.site.formcontrols import form_control
from medsome.site.handouts import CSS, THINK, add_material, read_debriefs, read_lesson, render
from medsome.site.reflinks import link_references
from medsome.site.repository import announcement, repository_url
from medsome.site.snapshot import controls, install, snapshot
from medsome.site.sources import lesson_notebooks, prepare_lesson
from medsome.widgets.candidate_explorer import CandidateExplorer

URL = "https://example.org/course/medsome"


def test_a_snapshot_draws_the_controls_as_disabled_form_controls_with_the_result() -> None:
    explorer = CandidateExplorer(load_population(), load_case_posts())
    html = snapshot(explorer.widget, "course/02_identification/02_identification.ipynb")
    assert explorer.result.value in html
    assert re.search(r'"medsome-label">Age</span><input type="range"[^>]*value="40" disabled>', html)
    assert re.search(r'<input type="checkbox" disabled> Reveal sex</label>', html)
    assert "<select disabled>" in html and "not ticked" not in html and "<b>40</b>" not in html
    assert "Interactive in JupyterLab" in html and "course/02_identification/02_identification.ipynb" in html
    assert {"Sex", "Age", "Reveal age", "Place as"} <= set(controls(explorer.widget))


@pytest.mark.parametrize(("control", "expected"), [
    (w.Checkbox(True, description="Consent given"), '<input type="checkbox" disabled checked> Consent given'),
    (w.Dropdown(options=["child", "adult"], value="adult", description="Age group:"),
     "<option>child</option><option selected>adult</option>"),
    (w.RadioButtons(options=["yes", "no"], value="no", description="Post?"),
     '<legend>Post?</legend><label class="medsome-radio"><input type="radio" name="medsome-choice-'),
    (w.IntSlider(3, min=1, max=5, description="Rating:"), 'min="1" max="5" step="1" value="3" disabled>'),
    (w.Button(description="Check my answer"), 'class="medsome-button" disabled>Check my answer</button>'),
    (w.Text("P07", description="Post id:"), '<input type="text" value="P07" disabled>'),
    (w.Textarea("a draft", description="Draft:"), "disabled>a draft</textarea>"),
])
def test_each_control_is_drawn_as_the_form_control_it_looks_like(control: w.Widget, expected: str) -> None:
    html = form_control(control)
    assert expected in html
    assert "disabled" in html and (control.description.rstrip(":") in html)


def test_the_chosen_radio_is_the_checked_one() -> None:
    html = form_control(w.RadioButtons(options=["yes", "no"], value="no", description="Post?"))
    assert re.search(r"disabled> yes</label>", html) and re.search(r"disabled checked> no</label>", html)


def test_installed_widgets_publish_html_and_no_widget_view() -> None:
    original = w.Widget._repr_mimebundle_
    try:
        install("course/00_orientation/00_orientation.ipynb")
        bundle = w.VBox([w.HTML("<p>hello</p>"), w.IntSlider(3, description="Count:")])._repr_mimebundle_()
    finally:
        w.Widget._repr_mimebundle_ = original
    assert set(bundle) == {"text/plain", "text/html"}
    assert "<p>hello</p>" in bundle["text/html"] and 'value="3" disabled' in bundle["text/html"]


def test_a_staged_lesson_installs_snapshots_first_and_keeps_the_original(tmp_path: Path) -> None:
    source = lesson_notebooks()[1]
    before = source.read_bytes()
    prepare_lesson(source, tmp_path / source.name, "course/x/x.ipynb", URL)
    staged = nbformat.read(tmp_path / source.name, as_version=4)
    assert "install('course/x/x.ipynb')" in staged.cells[0].source
    assert 'set_option("display.max_colwidth", None)' in staged.cells[0].source
    assert staged.cells[0].metadata["tags"] == ["remove-cell"]
    assert staged.cells[1].source.startswith("# ") and "\n" not in staged.cells[1].source
    assert "Download the notebook" in staged.cells[2].source
    original = nbformat.read(source, as_version=4)
    heading, _, intro = original.cells[0].source.partition("\n")
    assert (staged.cells[1].source, staged.cells[3].source) == (heading, intro.strip())
    assert any(c.metadata.get("mystnb", {}).get("image", {}).get("alt") for c in staged.cells)
    assert source.read_bytes() == before


def test_every_lesson_with_prompts_gives_a_handout_with_key_points() -> None:
    for notebook in lesson_notebooks():
        handout = read_lesson(notebook)
        assert handout.title.startswith("Module"), notebook.name
        if handout.prompts:
            assert handout.key_points, f"{notebook.name}: no key points"
            assert all(p.section and p.text for p in handout.prompts)


def test_the_facilitator_version_adds_the_debrief_notes() -> None:
    notebook = next(p for p in lesson_notebooks() if p.parent.name == "02_identification")
    handout = read_lesson(notebook)
    handout.debriefs = read_debriefs(ROOT / "facilitator" / "02_identification.md")
    assert set(handout.debriefs) == set(range(1, len(handout.prompts) + 1))
    learner, facilitator = render(handout, facilitator=False), render(handout, facilitator=True)
    assert "Debrief notes" in facilitator and "Debrief notes" not in learner
    assert '<p class="subhead"><strong>Where opinions legitimately differ</strong></p>' in facilitator
    assert learner.count("Think! ") == len(handout.prompts)


def test_the_repository_is_the_project_url_and_heads_every_page() -> None:
    url = repository_url()
    assert url.startswith("https://") and f'Repository = "{url}"' in (ROOT / "pyproject.toml").read_text()
    assert f'<a href="{url}">' in announcement(url)


def test_a_lesson_header_offers_the_notebook_and_says_how_to_open_it() -> None:
    header = lesson_header("course/02_identification/02_identification_lesson.ipynb", URL)
    assert '<a class="medsome-download" href="02_identification_lesson.ipynb" download>' in header
    assert f"git clone {URL}" in header and "cd medsome" in header and "medsome start" in header
    assert "lessons/02_identification/02_identification_lesson.ipynb" in header and "JupyterHub" in header


def test_published_notebooks_are_the_committed_lessons(tmp_path: Path) -> None:
    copies = publish_notebooks(lesson_notebooks(), tmp_path)
    assert [c.relative_to(tmp_path) for c in copies] == [n.relative_to(ROOT) for n in lesson_notebooks()]
    assert all(c.read_bytes() == n.read_bytes() for c, n in zip(copies, lesson_notebooks(), strict=True))


def test_output_tables_scroll_in_a_named_focusable_region_without_a_heavy_border() -> None:
    page = '<div class="cell_output"><table border="1" class="dataframe"><tr><td>a</td></tr></table></div>'
    fixed = fix_page(page)
    assert f'"medsome-table-scroll" tabindex="0" role="region" aria-label="{TABLE_REGION}"><table' in fixed
    assert 'border="1"' not in fixed and fix_page(fixed) == fixed


def test_dois_and_links_of_the_references_become_links() -> None:
    page = "### A 2020\n\n- **Reference:** A. x.\n- **DOI:** 10.1000/xyz.1\n- **Link:** https://example.org/a\n"
    linked = link_references(page)
    assert "- **DOI:** [10.1000/xyz.1](https://doi.org/10.1000/xyz.1)" in linked
    assert "- **Link:** <https://example.org/a>" in linked
    entry = parse_bibliography("## Sources\n\n" + page)[0]
    assert (entry.doi, entry.link) == ("10.1000/xyz.1", "https://example.org/a")


@pytest.mark.parametrize("field", ["- **DOI:** https://doi.org/10.1000/x", "- **Link:** www.example.org"])
def test_a_doi_or_link_in_the_wrong_form_is_refused(field: str) -> None:
    with pytest.raises(BibliographyError, match="line 5"):
        parse_bibliography(f"## Sources\n\n### A 2020\n- **Reference:** x\n{field}\n")


def test_handout_css_keeps_headings_with_what_follows_and_each_prompt_whole() -> None:
    rules = re.sub(r"\s+", " ", CSS)
    assert re.search(r"h2, h3, h4, \.label, \.subhead \{ break-after: avoid;", rules)
    assert re.search(r"\.think-head \{ break-inside: avoid;", rules)
    page = render(read_lesson(lesson_notebooks()[2]), facilitator=False)
    heads = re.findall(r'<div class="think-head"><h2>Think! \d', page)
    assert heads and len(heads) == page.count("<h2>Think! "), "every prompt heading opens its think-head"


def test_a_prompt_that_points_above_gets_what_it_points_to_before_it() -> None:
    posts = post_texts()
    for notebook in lesson_notebooks():
        handout = add_material(read_lesson(notebook), posts)
        page = render(handout, facilitator=False)
        for number, prompt in enumerate(handout.prompts, start=1):
            if re.search(r"\babove\b|\b(P\d\d|F\d)\b", prompt.text):
                assert prompt.material, f"{notebook.name}, Think! {number}: nothing printed before it"
                section = page.split(f"Think! {number} ·")[1].split("</section>")[0]
                first = section.index('class="material"')
                assert first < section.index('class="prompt"'), f"{notebook.name}, Think! {number}"
    lesson = ROOT / "course" / "02_identification" / "02_identification_lesson.ipynb"
    assert add_material(read_lesson(lesson), posts).prompts[0].material[0].text == posts["P01"]


def test_every_think_block_is_a_prompt_and_its_debrief_quotes_it() -> None:
    """A Think! block after other text in the same cell counts too, so the debriefs keep their numbers."""
    for notebook in lesson_notebooks():
        handout = read_lesson(notebook)
        cells = nbformat.read(notebook, as_version=4).cells
        blocks = sum(len(THINK.findall(cell.source)) for cell in cells if cell.cell_type == "markdown")
        assert len(handout.prompts) == blocks, notebook.name
        debriefs = read_debriefs(ROOT / "facilitator" / f"{handout.module}.md")
        for number, prompt in enumerate(handout.prompts, start=1):
            quote = re.match(r'> "(.{20})', debriefs.get(number, ""))
            assert quote is None or quote.group(1) in prompt.text, f"{handout.module}, Think! {number}"


def test_the_public_edition_leaves_the_facilitator_material_out(tmp_path: Path) -> None:
    from medsome.site.build import handout_pages
    from medsome.site.sources import stage

    source = stage(tmp_path / "public", ["02_identification"])
    assert not (source / "facilitator").exists()
    index = (source / "index.md").read_text(encoding="utf-8")
    assert "-facilitator.pdf" not in index and "facilitator/*" not in index and "instructor edition" in index
    overview = (source / "docs" / "overview.md").read_text(encoding="utf-8")
    assert "](../facilitator" not in overview and "`facilitator/`" in overview
    assert "INSTRUCTOR_THEME_OPTIONS" not in (source / "conf.py").read_text(encoding="utf-8")
    assert not [p for p in handout_pages(tmp_path / "handouts") if p.stem.endswith("-facilitator")]


def test_the_instructor_edition_says_on_every_page_not_to_share_it(tmp_path: Path) -> None:
    from medsome.site.build import handout_pages
    from medsome.site.repository import INSTRUCTOR_NOTICE
    from medsome.site.sources import stage
    from medsome.site.sphinxconf import INSTRUCTOR_THEME_OPTIONS

    source = stage(tmp_path / "instructor", ["02_identification"], instructor=True)
    assert (source / "facilitator" / "02_identification.md").is_file()
    assert "02_identification-facilitator.pdf" in (source / "index.md").read_text(encoding="utf-8")
    assert "html_theme_options = INSTRUCTOR_THEME_OPTIONS" in (source / "conf.py").read_text(encoding="utf-8")
    assert INSTRUCTOR_NOTICE in INSTRUCTOR_THEME_OPTIONS["announcement"]
    facilitator = [html for path, html in handout_pages(tmp_path / "handouts", instructor=True).items()
                   if path.stem.endswith("-facilitator")]
    assert facilitator and all("not for learners" in html for html in facilitator)

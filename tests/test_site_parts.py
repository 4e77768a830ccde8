"""The website's parts that need no build: widget snapshots, lesson staging and handout content."""

from __future__ import annotations

import ipywidgets as w
import nbformat

from conftest import ROOT
from medsome.data import load_case_posts, load_population
from medsome.site.handouts import read_debriefs, read_lesson, render
from medsome.site.snapshot import controls, install, snapshot
from medsome.site.sources import lesson_notebooks, prepare_lesson
from medsome.widgets.candidate_explorer import CandidateExplorer


def test_a_snapshot_shows_the_initial_state_names_the_controls_and_the_lesson() -> None:
    explorer = CandidateExplorer(load_population(), load_case_posts())
    html = snapshot(explorer.widget, "course/02_identification/02_identification.ipynb")
    assert explorer.result.value in html
    assert "Age: <b>40</b>" in html and "Reveal sex: <b>not ticked</b>" in html
    assert "Interactive in JupyterLab" in html and "course/02_identification/02_identification.ipynb" in html
    assert {"Sex", "Age", "Reveal age", "Place as"} <= set(controls(explorer.widget))


def test_installed_widgets_publish_html_and_no_widget_view() -> None:
    original = w.Widget._repr_mimebundle_
    try:
        install("course/00_orientation/00_orientation.ipynb")
        bundle = w.VBox([w.HTML("<p>hello</p>"), w.IntSlider(3, description="Count:")])._repr_mimebundle_()
    finally:
        w.Widget._repr_mimebundle_ = original
    assert set(bundle) == {"text/plain", "text/html"}
    assert "<p>hello</p>" in bundle["text/html"] and "Count: <b>3</b>" in bundle["text/html"]


def test_a_staged_lesson_installs_snapshots_first_and_keeps_the_original(tmp_path) -> None:
    source = lesson_notebooks()[1]
    before = source.read_bytes()
    prepare_lesson(source, tmp_path / source.name, "course/x/x.ipynb")
    staged = nbformat.read(tmp_path / source.name, as_version=4)
    assert "install('course/x/x.ipynb')" in staged.cells[0].source
    assert staged.cells[0].metadata["tags"] == ["remove-cell"]
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
    assert learner.count("Think! ") == len(handout.prompts)

"""Every course widget takes its layout from medsome.widgets.layout (one stylesheet, no widths of its own)
and its controls from medsome.widgets.controls; every widget that shows records loads one with `load`."""

from __future__ import annotations

import ipywidgets as w
import pytest

from medsome.data import (
    load_academics,
    load_case_posts,
    load_draft_posts,
    load_featured_posts,
    load_photo_pairs,
    load_population,
    load_vignettes,
)
from medsome.paths import lessons_dir
from medsome.widgets.audience_builder import AudienceBuilder
from medsome.widgets.before_after_studio import BeforeAfterStudio
from medsome.widgets.candidate_explorer import CandidateExplorer
from medsome.widgets.consent_navigator import ConsentNavigator
from medsome.widgets.discern_rater import DiscernRater
from medsome.widgets.draft_analyser import DraftAnalyserWidget
from medsome.widgets.kardashian_explorer import KardashianExplorer
from medsome.widgets.layout import LIVE_CLASS, ROOT_CLASS, STYLESHEET, CourseWidget
from medsome.widgets.photo_inspector import PhotoInspector
from medsome.widgets.prepost_checklist import PrePostChecklist
from medsome.widgets.quiz import QuizWidget

WIDGETS = {
    "quiz": lambda: QuizWidget.from_file(lessons_dir() / "00_orientation" / "quiz.json", "tester"),
    "audience": AudienceBuilder,
    "kardashian": lambda: KardashianExplorer(load_academics()),
    "candidates": lambda: CandidateExplorer(load_population(), load_case_posts()),
    "photos": lambda: PhotoInspector(),
    "consent": lambda: ConsentNavigator(load_vignettes()),
    "studio": lambda: BeforeAfterStudio(load_photo_pairs()),
    "discern": lambda: DiscernRater(load_featured_posts()),
    "checklist": lambda: PrePostChecklist(load_population(), load_draft_posts()),
    "drafts": lambda: DraftAnalyserWidget(load_population(), {"a draft": "A 34-year-old nurse."}),
}


def _descendants(widget: w.Widget) -> list[w.Widget]:
    children = list(getattr(widget, "children", ()))
    return [widget, *(d for child in children for d in _descendants(child))]


@pytest.mark.parametrize("name", WIDGETS)
def test_a_widget_uses_the_shared_layout(name: str) -> None:
    root = WIDGETS[name]().widget
    assert ROOT_CLASS in root._dom_classes and root.children[0].value == STYLESHEET
    parts = _descendants(root)
    assert any(LIVE_CLASS in part._dom_classes for part in parts), f"{name} announces no result"
    for part in parts:
        style = getattr(part, "style", None)
        label = getattr(part, "description", "")
        assert not getattr(style, "description_width", ""), f"{name}: {label!r} sets a label width"
        if isinstance(part, w.Checkbox):
            assert not part.indent, f"{name}: {label!r} is indented to the label column"
        if isinstance(part, w.Dropdown):
            assert part.description.strip(), f"{name}: a dropdown has no label"
            assert None not in part._options_values, f"{name}: {part.description!r} holds None"
            assert part.index is not None, f"{name}: {part.description!r} shows a blank choice"
        if isinstance(part, w.Image):
            pytest.fail(f"{name} shows an ipywidgets Image, which has no alt text")


# The widgets that show one record of a table, with a record each can load.
RECORDS = {"kardashian": "A02", "candidates": "P01", "photos": "wound_check", "consent": "V001",
           "studio": "B001", "discern": "F2", "checklist": "D01"}
FORMER_NAMES = {"candidates": "load_post", "photos": "select", "discern": "select"}


@pytest.mark.parametrize("name", WIDGETS)
def test_a_widget_is_a_course_widget(name: str) -> None:
    widget = WIDGETS[name]()
    assert isinstance(widget, CourseWidget)
    assert "application/vnd.jupyter.widget-view+json" in widget._repr_mimebundle_()


@pytest.mark.parametrize("name", RECORDS)
def test_a_record_widget_loads_with_load(name: str) -> None:
    widget = WIDGETS[name]()
    widget.load(RECORDS[name])
    picker = getattr(widget, "picker", None) or widget.dropdown
    assert getattr(widget, "loaded", picker.value) == RECORDS[name]


@pytest.mark.parametrize("name", FORMER_NAMES)
def test_a_former_name_calls_load(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    widget = WIDGETS[name]()
    calls = []
    monkeypatch.setattr(widget, "load", lambda record_id: calls.append(record_id) or "shown")
    result = getattr(widget, FORMER_NAMES[name])(RECORDS[name])
    assert calls == [RECORDS[name]]
    assert result == "shown"
    assert "Former name of load" in getattr(type(widget), FORMER_NAMES[name]).__doc__

"""What does my draft give away? Paste or pick a draft; see its identifying details in place."""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from medsome.disclosure import Disclosure, analyse_draft
from medsome.widgets.layout import live, panel

NO_DRAFT = "(paste your own)"
PROMPT = "<p>Paste a draft above, or pick one, to see what it gives away.</p>"
MARK_STYLE = ("background:#fde68a;color:#000;border-bottom:2px solid #000;padding:0 2px;"
              "border-radius:2px")
KIND_STYLE = "font-size:0.8em;font-weight:bold;color:#000"


def highlighted_html(result: Disclosure) -> str:
    """The draft with each finding marked in place and its kind written after it, in brackets."""
    parts, position = [], 0
    for number, finding in enumerate(result.findings, start=1):
        parts.append(html.escape(result.text[position:finding.start]))
        parts.append(f'<mark class="medsome-finding" data-kind="{finding.kind.name}" style="{MARK_STYLE}">'
                     f"{html.escape(finding.text)}</mark>"
                     f'<span class="medsome-kind" style="{KIND_STYLE}"> [{number}: '
                     f"{html.escape(finding.kind.label)}]</span>")
        position = finding.end
    parts.append(html.escape(result.text[position:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<p class="medsome-draft" style="line-height:1.8">{body}</p>'


def findings_html(result: Disclosure) -> str:
    """Each finding with its kind, the pattern that matched, why it matters and what to do."""
    if result.clean:
        return "<p><b>Nothing identifying found.</b> The text names no patient detail the course knows.</p>"
    items = "".join(
        f"<li><b>{number}. \u201c{html.escape(f.text)}\u201d: {html.escape(f.kind.label)}.</b> "
        f"Do: {html.escape(f.action)}. {html.escape(f.kind.advice)}<br><i>Why:</i> {html.escape(f.kind.why)} "
        f"<small>(pattern <code>{html.escape(f.pattern)}</code>)</small></li>"
        for number, f in enumerate(result.findings, start=1)
    )
    photo = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in result.photo)
    photo_part = f"<p><b>The photo's file gives away:</b></p><ul>{photo}</ul>" if photo else ""
    return (f"<p><b>{len(result.findings)} identifying detail(s) found.</b></p>"
            f'<ol class="medsome-findings" style="list-style:none;padding-left:0">{items}</ol>{photo_part}')


def summary_html(result: Disclosure) -> str:
    """The candidate count, the suggested rewrite, and the count after it."""
    warning = "<b>Warning:</b> " if result.below_k else ""
    return (f'<p class="medsome-count"><b>Candidates:</b> {warning}{html.escape(result.count_sentence())}</p>'
            f'<p><b>Suggested rewrite:</b></p><blockquote class="medsome-rewrite">'
            f"{html.escape(result.rewrite)}</blockquote>"
            f"<p><b>After the rewrite:</b> {html.escape(result.count_sentence(after=True))}</p>")


class DraftAnalyserWidget:
    """Paste or pick a draft; the widget highlights what identifies, counts, and suggests a rewrite."""

    def __init__(self, population: pd.DataFrame, drafts: Mapping[str, str] | None = None) -> None:
        if not isinstance(population, pd.DataFrame):
            raise TypeError("DraftAnalyserWidget needs the population table: "
                            "DraftAnalyserWidget(load_population())")
        self.population = population
        self.drafts = dict(drafts or {})
        self.picker = w.Dropdown(options=[NO_DRAFT, *self.drafts], value=NO_DRAFT,
                                 description="Pick a draft:")
        self.text = w.Textarea(description="Draft text:", placeholder="Paste the text of a post here",
                               continuous_update=False, rows=4)
        self.draft, self.findings, self.summary = live(), w.HTML(), w.HTML()
        self.draft.value = PROMPT
        self.result: Disclosure | None = None
        self.picker.observe(lambda change: self._pick(change["new"]), names="value")
        self.text.observe(lambda _: self.refresh(), names="value")
        self.widget = panel([self.picker, self.text, w.HTML("<p><b>What the draft gives away</b></p>"),
                             self.draft, self.findings, self.summary])

    def _pick(self, name: str) -> None:
        if name in self.drafts:
            self.text.value = self.drafts[name]

    def refresh(self) -> Disclosure | None:
        """Analyse the text in the box and show the findings, the count and the rewrite."""
        if not self.text.value.strip():
            self.result = None
            self.draft.value, self.findings.value, self.summary.value = PROMPT, "", ""
            return None
        self.result = analyse_draft(self.text.value, population=self.population)
        self.draft.value = highlighted_html(self.result)
        self.findings.value = findings_html(self.result)
        self.summary.value = summary_html(self.result)
        return self.result

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)
